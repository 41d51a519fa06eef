// Reference for the size report: zod/mini with the functions src/api/wire.ts uses (tree-shaken).
export { array, custom, looseObject, nullable, number, optional, pipe, string, transform, union, unknown, NEVER } from 'zod/mini';
export { catch as catchValue } from 'zod/mini';

// Reference for the size report: zod/mini with the functions src/api/wire.ts uses (tree-shaken).
export { array, custom, looseObject, nullable, number, optional, pipe, string, transform, union, unknown, NEVER } from 'zod/mini';
export { _catch } from 'zod/v4/mini';

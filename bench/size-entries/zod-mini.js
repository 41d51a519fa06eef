// Reference for the size report: zod/mini with the functions src/api/schemas.ts uses (tree-shaken).
export { array, boolean, catch as catch_, looseObject, minLength, nullable, number, optional, pipe, string, transform, union, unknown } from 'zod/mini';

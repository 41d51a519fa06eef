// Reference for the size report: zod/mini with the functions src/api/schemas.ts uses (tree-shaken),
// plus safeParse, which src/api/normalize.ts calls.
export { custom, looseObject, refine, safeParse, string } from 'zod/mini';

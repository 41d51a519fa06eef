/** The self-contained build (dist/mk-widgets.js): registers every element, with Lit and zod inlined. */
export * from './index.js';

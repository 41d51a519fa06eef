/**
 * The self-contained build: dist/mk-widgets.js, one minified ES module with Lit, zod and every
 * element inlined, for a plain <script type="module"> (CloudStack plugin pages, iframes).
 * `npm run build` (scripts/build.mjs) runs it after vite.config.ts's library build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  mode: 'production',
  // Lit picks its production build from the `production`/default export conditions, and its code
  // (and zod's) checks process.env.NODE_ENV, which Vite leaves alone in library mode.
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  resolve: {
    conditions: ['module', 'browser', 'production'],
  },
  build: {
    outDir: 'dist',
    // dist/npm/ comes from the library build that ran first: keep it.
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('src/bundle.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'mk-widgets.js',
    },
    rolldownOptions: {
      // Nothing external: every import is inlined.
      external: [],
      output: {
        // One file: dynamic imports are inlined too (Rolldown's replacement for inlineDynamicImports).
        codeSplitting: false,
        // Vite keeps whitespace in ES library builds (for downstream bundlers); this file is final.
        minify: true,
        // No bundler reads this file after us: the /* @__PURE__ */ annotations are dead weight.
        comments: false,
      },
    },
  },
});

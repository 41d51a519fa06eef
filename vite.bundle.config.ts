/**
 * The self-contained build: dist/mk-widgets.js, one minified ES module with Lit, zod, every
 * element and the English strings inlined, for a plain <script type="module"> (CloudStack plugin
 * pages, iframes). Each further locale is a sibling file (dist/mk-widgets.de.js) that the bundle
 * imports only when a page switches to it, so English pages never pay for German.
 * `npm run build` (scripts/build.mjs) runs it after vite.config.ts's library build.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const STR_TAG = '\0mk-locale-str-tag';

/**
 * A locale module imports `str` from @lit/localize. Shared with the bundle, that import would make
 * the locale file load the bundle again by URL (a second copy of every element when the page added
 * a query string or renamed the file). So each locale file gets its own copy of @lit/localize's
 * 10-line str-tag module, read from the installed package: `str` only builds plain objects.
 */
function selfContainedLocales(): Plugin {
  const strTagFile = createRequire(import.meta.url).resolve('@lit/localize/internal/str-tag.js');
  return {
    name: 'mk-self-contained-locales',
    enforce: 'pre',
    resolveId: (source, importer) =>
      source === '@lit/localize' && /[\\/]src[\\/]i18n[\\/]generated[\\/]locales[\\/]/.test(importer ?? '') ? STR_TAG : undefined,
    load: (id) => (id === STR_TAG ? readFileSync(strTagFile, 'utf8') : undefined),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  mode: 'production',
  plugins: [selfContainedLocales()],
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
        // The locale's dynamic import stays a chunk beside the bundle, under a stable name (hosts
        // copy dist/mk-widgets*.js; the bundle finds it relative to its own URL).
        chunkFileNames: 'mk-widgets.[name].js',
        // Vite keeps whitespace in ES library builds (for downstream bundlers); this file is final.
        minify: true,
        // No bundler reads this file after us: the /* @__PURE__ */ annotations are dead weight.
        comments: false,
      },
    },
  },
});

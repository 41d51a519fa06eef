/**
 * Vite, two jobs:
 * - dev server (`npm start`, scripts/start.mjs): the repo root is served, so demo/index.html is at
 *   /demo/ and imports /src/*.ts directly; mockOmaPlugin() answers /api/v1 from the mock OMA, or
 *   proxies it to $OMA_URL (with $OMA_TOKEN) when set.
 * - the NPM library build (`npm run build`, scripts/build.mjs): ES modules in dist/npm/, one file
 *   per source module (dist/npm/index.js, dist/npm/elements/…/….js), dependencies left external.
 *   The self-contained dist/mk-widgets.js is vite.bundle.config.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { mockOmaPlugin } from './mock-oma/vite-plugin.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Public entry points of the package (the "exports" of package.json point at their outputs). */
const entries = [
  'src/index.ts',
  'src/elements/unified-job-list/unified-job-list.ts',
  'src/elements/operation-error-banner/operation-error-banner.ts',
  'src/elements/job-error-modal/job-error-modal.ts',
  'src/elements/oma-provider/oma-provider.ts',
  'src/elements/vm-status/vm-status.ts',
  'src/i18n/index.ts',
  'src/react.ts',
];

/** `/` has no page of its own on the dev server: send it to the demo. */
function redirectRootToDemo(): Plugin {
  return {
    name: 'mk-redirect-root-to-demo',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url !== '/' && req.url !== '/index.html') return next();
        res.statusCode = 302;
        res.setHeader('Location', '/demo/');
        res.end();
      });
    },
  };
}

/** Bare imports the package's users install themselves (dependencies / peerDependencies). */
const external = [/^lit(-html|-element)?(\/.*)?$/, /^@lit(-labs)?\//, /^zod(\/.*)?$/, /^react(-dom)?(\/.*)?$/];

export default defineConfig({
  root,
  appType: 'mpa',
  plugins: [mockOmaPlugin(), redirectRootToDemo()],
  server: {
    host: '127.0.0.1',
    port: 5173,
  },
  // Only the demo is a page of this server: the examples' and the benchmark's HTML files have their
  // own builds (and plugin.html loads dist/mk-widgets.js, which the dependency scan cannot resolve).
  optimizeDeps: {
    entries: ['demo/index.html'],
  },
  build: {
    outDir: 'dist/npm',
    emptyOutDir: true,
    copyPublicDir: false,
    target: 'es2022',
    sourcemap: true,
    // A library: the host application's bundler minifies.
    minify: false,
    lib: {
      entry: entries.map((entry) => fileURLToPath(new URL(entry, import.meta.url))),
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    // Vite 8 bundles with Rolldown: `rolldownOptions` (`rollupOptions` is a deprecated alias).
    rolldownOptions: {
      external,
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        // Rolldown's helper modules (e.g. oxc's `__decorate`) land under _virtual/ with a versioned
        // path; give them a stable one.
        entryFileNames: ({ name }) => `${name.replace(/^_virtual\/.*\/helpers\/(?:esm\/)?/, '_virtual/helpers/')}.js`,
      },
    },
  },
});

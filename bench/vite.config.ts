/**
 * Builds the benchmark pages (bench/*.html → bench/dist/) in production mode: Lit's and React's
 * production builds, minified, as a user's bundler would ship them. `npm run bench` (bench/run.mjs)
 * runs this build, serves bench/dist on 127.0.0.1 and drives Chromium through the pages.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  mode: 'production',
  logLevel: 'warn',
  // React (react-dom's CommonJS build) and Lit both pick their production code from NODE_ENV.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['module', 'browser', 'production'] },
  // The React baseline is .tsx with the automatic runtime, as a Next.js app compiles it.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      input: {
        render: here('render.html'),
        widgets: here('widgets.html'),
        lifecycle: here('lifecycle.html'),
        requests: here('requests.html'),
        fleet: here('fleet.html'),
        'coldstart-data': here('coldstart-data.html'),
        'coldstart-floor': here('coldstart-floor.html'),
        'coldstart-bare': here('coldstart-bare.html'),
        'coldstart-react': here('coldstart-react.html'),
      },
    },
  },
});

// `npm run size`: the size budget (.size-limit.json, checked by size-limit with @size-limit/file).
//
// size-limit only measures files, so this builds them first, offline, with the project's Vite:
//   dist/mk-widgets.js        the self-contained bundle (vite.bundle.config.ts), when missing or
//                             older than src/ (`npm run build` makes the same file)
//   dist/size/<entry>.js      each npm entry point with everything it imports inlined and minified:
//                             what a bundler ships for a page that imports only that entry (the
//                             German strings stay a lazy chunk beside it, as a bundler leaves them)
//   dist/size/<entry>.own.js  the same with lit, @lit/* and zod left out: the entry's own code
//   dist/size/ref-*.js        references: React 19 + ReactDOM, Lit + @lit/task + @lit/context,
//                             @lit/localize, zod/mini
// then runs size-limit and prints one line per entry (`npm run size -- --json`: size-limit's JSON).
//
// `node bench/size.mjs --build-only` builds without checking; bench/run.mjs imports measureSizes().
// `npm run size -- --modules` prints what each source module adds to dist/mk-widgets.js (minified
// bytes from a source map of the same build, and each module's text gzipped alone): where to cut.
// `npm run size -- --costs` rebuilds the bundle without one feature at a time (a stub in place of
// its module) and prints what each costs in gzip: the numbers behind docs/performance.md's
// "what 25 kB would take".
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';
import { ensureDependencies, newestMtime } from '../scripts/ensure-setup.mjs';

const gzip = promisify(gzipCallback);
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist/mk-widgets.js');
/** The bundle's German strings: a sibling file it imports only when a page switches to German. */
const BUNDLE_GERMAN = join(ROOT, 'dist/mk-widgets.de.js');
const OUT = join(ROOT, 'dist/size');

/** The package's public entry points (vite.config.ts `entries`), by report name. */
export const ENTRIES = [
  ['index', 'src/index.ts'],
  ['unified-job-list', 'src/elements/unified-job-list/unified-job-list.ts'],
  ['operation-error-banner', 'src/elements/operation-error-banner/operation-error-banner.ts'],
  ['job-error-modal', 'src/elements/job-error-modal/job-error-modal.ts'],
  ['oma-provider', 'src/elements/oma-provider/oma-provider.ts'],
  ['vm-status', 'src/elements/vm-status/vm-status.ts'],
  ['i18n', 'src/i18n/index.ts'],
  ['react', 'src/react.ts'],
];

export const REFERENCES = [
  ['ref-react', 'bench/size-entries/react.js', 'React 19 + ReactDOM client'],
  ['ref-lit', 'bench/size-entries/lit.js', 'Lit + @lit/task + @lit/context'],
  ['ref-lit-localize', 'bench/size-entries/lit-localize.js', '@lit/localize (runtime)'],
  ['ref-zod-mini', 'bench/size-entries/zod-mini.js', 'zod/mini (the functions src/api/wire.ts uses)'],
];

/** What the package's users install themselves (dependencies / peerDependencies). */
const DEPENDENCIES = [/^lit(-html|-element)?(\/.*)?$/, /^@lit(-labs)?\//, /^zod(\/.*)?$/, /^react(-dom)?(\/.*)?$/];

function bundleIsStale() {
  if (!existsSync(BUNDLE) || !existsSync(BUNDLE_GERMAN)) return true;
  return newestMtime(join(ROOT, 'src'), join(ROOT, 'vite.bundle.config.ts'), join(ROOT, 'package-lock.json')) > statSync(BUNDLE).mtimeMs;
}

/**
 * An entry as a consumer's bundler ships it: the German strings stay a lazily imported chunk
 * (dist/size/<entry>.chunk-de.js), as in dist/mk-widgets.js, with the bundle's own plugins.
 */
async function buildOne(vite, plugins, name, entry, external) {
  await vite.build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    mode: 'production',
    plugins,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: { conditions: ['module', 'browser', 'production'] },
    build: {
      outDir: OUT,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      lib: { entry: join(ROOT, entry), formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: {
        external,
        output: { chunkFileNames: `${name}.chunk-[name].js`, minify: true },
      },
    },
  });
}

/** Builds dist/mk-widgets.js (when stale) and everything in dist/size/. */
export async function buildSizeArtifacts({ log = console.log } = {}) {
  const vite = await import('vite');
  if (bundleIsStale()) {
    log('size: building dist/mk-widgets.js (vite.bundle.config.ts)');
    await vite.build({ configFile: join(ROOT, 'vite.bundle.config.ts'), root: ROOT, logLevel: 'error' });
  }
  log('size: building the npm entries and references into dist/size/');
  const bundleConfig = await vite.loadConfigFromFile({ command: 'build', mode: 'production' }, join(ROOT, 'vite.bundle.config.ts'), ROOT, 'error');
  const plugins = bundleConfig?.config.plugins ?? [];
  for (const [name, entry] of ENTRIES) {
    if (!existsSync(join(ROOT, entry))) continue;
    await buildOne(vite, plugins, name, entry, []);
    await buildOne(vite, plugins, `${name}.own`, entry, DEPENDENCIES);
  }
  for (const [name, entry] of REFERENCES) await buildOne(vite, plugins, name, entry, []);
}

async function sizesOf(file) {
  const bytes = await readFile(file);
  return { file: relative(ROOT, file), minified: bytes.length, gzip: (await gzip(bytes, { level: 9 })).length };
}

/** Minified and gzip (level 9, as @size-limit/file) sizes of the bundle, entries and references. */
export async function measureSizes() {
  const result = { bundle: await sizesOf(BUNDLE), german: await sizesOf(BUNDLE_GERMAN), entries: [], references: [] };
  for (const [name, entry] of ENTRIES) {
    if (!existsSync(join(OUT, `${name}.js`))) continue;
    result.entries.push({ name, entry, full: await sizesOf(join(OUT, `${name}.js`)), own: await sizesOf(join(OUT, `${name}.own.js`)) });
  }
  for (const [name, , label] of REFERENCES) result.references.push({ name, label, ...(await sizesOf(join(OUT, `${name}.js`))) });
  return result;
}

/**
 * Builds dist/mk-widgets.js's configuration into a temporary folder, with `build` options and
 * `plugins` on top, and returns what `read(outDir)` returns; the folder is removed afterwards.
 */
async function withTemporaryBundle({ build = {}, plugins = [] }, read) {
  const vite = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'mk-size-'));
  try {
    await vite.build({
      configFile: join(ROOT, 'vite.bundle.config.ts'),
      root: ROOT,
      logLevel: 'error',
      build: { ...build, outDir, emptyOutDir: true },
      plugins,
    });
    return await read(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Builds the bundle once more with a source map (in a temporary folder) and attributes every
 * minified byte to the module it came from. Returns rows sorted by size: { module, minified, gzip }.
 */
export async function moduleBreakdown() {
  const { SourceMapConsumer } = await import('source-map-js');
  return withTemporaryBundle({ build: { sourcemap: true } }, async (outDir) => {
    const code = await readFile(join(outDir, 'mk-widgets.js'), 'utf8');
    const map = new SourceMapConsumer(JSON.parse(await readFile(join(outDir, 'mk-widgets.js.map'), 'utf8')));
    const lines = code.split('\n');
    const segments = [];
    map.eachMapping((mapping) => segments.push(mapping));
    segments.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
    const texts = new Map();
    const add = (source, text) => {
      const module = (source ?? '(no source)').replace(/^.*node_modules\//, '').replace(/^.*?\/src\//, 'src/');
      texts.set(module, (texts.get(module) ?? '') + text);
    };
    // A segment runs to the next one; one that reaches the end of its line (a multi-line template
    // literal: CSS, HTML) goes on over the following lines until the next segment starts.
    let at = { line: 1, column: 0 };
    let source = '(no source)';
    const slice = (to) => {
      let text = '';
      for (let line = at.line; line <= to.line; line++) {
        const content = lines[line - 1] ?? '';
        const from = line === at.line ? at.column : 0;
        text += line === to.line ? content.slice(from, to.column) : `${content.slice(from)}\n`;
      }
      return text;
    };
    for (const segment of segments) {
      const to = { line: segment.generatedLine, column: segment.generatedColumn };
      add(source, slice(to));
      at = to;
      source = segment.source;
    }
    add(source, slice({ line: lines.length, column: (lines.at(-1) ?? '').length }));
    return [...texts]
      .map(([module, text]) => ({ module, minified: text.length, gzip: gzipSync(text, { level: 9 }).length }))
      .sort((a, b) => b.minified - a.minified);
  });
}

/** Features whose cost in the bundle we report: the module that carries each, and a stand-in without it. */
const FEATURE_STUBS = [
  [
    '<mk-vm-status> (the element, its VM-list controller and view model)',
    'src/elements/vm-status/vm-status.ts',
    'export class MkVmStatus extends HTMLElement {}',
  ],
  [
    'the leak guard (every server string passes through as it is)',
    'src/model/guard/redact-technical-terms.ts',
    "export const redactTechnicalTerms = (text) => ({ text: typeof text === 'string' ? text : '', leaks: [] });\n" +
      'export const containsTechnicalTerms = () => false;\nexport const friendlyStepName = () => undefined;\nexport const fallbackSentence = () => "";',
  ],
  [
    'zod/mini (every body accepted as it is)',
    'src/api/wire.ts',
    'const any = { parse: (data) => data, safeParse: (data) => ({ success: true, data }) };\n' +
      'export const unifiedJobSchema = any, recentJobsResponseSchema = any, operationSummarySchema = any,\n' +
      '  replicationHistoryItemSchema = any, vmContextResponseSchema = any, vmContextsResponseSchema = any,\n' +
      '  failoverStatusSchema = any, errorBodySchema = any;\n' +
      'export const parseWire = (schema, body) => body;\nexport const clampProgress = (value) => value;\n' +
      'export const parseServerTime = (text) => (text ? new Date(text) : undefined);',
  ],
];

/** gzip size of dist/mk-widgets.js as built now, and without each feature of FEATURE_STUBS. */
export async function featureCosts() {
  const sizeWith = (stub) =>
    withTemporaryBundle(
      { plugins: stub ? [{ name: 'mk-size-stub', enforce: 'pre', load: (id) => (id.endsWith(stub[1]) ? stub[2] : undefined) }] : [] },
      async (outDir) => gzipSync(await readFile(join(outDir, 'mk-widgets.js')), { level: 9 }).length,
    );
  const full = await sizeWith();
  const costs = [];
  for (const stub of FEATURE_STUBS) costs.push({ feature: stub[0], module: stub[1], gzip: full - (await sizeWith(stub)) });
  return { full, costs };
}

function printBreakdown(rows) {
  const groups = new Map();
  for (const row of rows) {
    const group = row.module.startsWith('src/') ? 'own code (src/)' : row.module.startsWith('zod') ? 'zod/mini' : row.module.startsWith('@lit/') ? row.module.split('/').slice(0, 2).join('/') : row.module.startsWith('lit') ? 'lit' : 'other';
    groups.set(group, (groups.get(group) ?? 0) + row.minified);
  }
  console.log('minified bytes by group:');
  for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`${String(bytes).padStart(8)}  ${group}`);
  console.log('\nby module (minified, gzip of that module alone):');
  for (const row of rows) console.log(`${String(row.minified).padStart(8)} ${String(row.gzip).padStart(7)}  ${row.module}`);
}

/**
 * Runs size-limit on .size-limit.json and prints one line per entry; every entry with a limit is
 * a check. Under `npm test` (MK_TEST_TOTALS set) the counts go to that file, as the other steps do.
 */
function checkBudgets() {
  const result = spawnSync('npx', ['--no', '--', 'size-limit', '--json'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  let entries;
  try {
    entries = JSON.parse(result.stdout);
  } catch {
    process.stderr.write(result.stdout + result.stderr);
    console.error('size: size-limit did not answer with JSON.');
    return 1;
  }
  let passed = 0;
  let failed = 0;
  for (const entry of entries) {
    const size = `${(entry.size / 1000).toFixed(2)} kB`;
    if (entry.sizeLimit === undefined) {
      console.log(`  · ${size.padStart(9)}  ${entry.name}`);
      continue;
    }
    const limit = `${(entry.sizeLimit / 1000).toFixed(2)} kB`;
    if (entry.passed) passed += 1;
    else failed += 1;
    console.log(`${entry.passed ? '✓' : '✗'} ${size.padStart(9)} of ${limit.padStart(9)}  ${entry.name}`);
  }
  console.log(`size budgets (gzip): ${passed} passed, ${failed} failed`);
  if (process.env.MK_TEST_TOTALS) {
    appendFileSync(process.env.MK_TEST_TOTALS, `${JSON.stringify({ passed, failed, skipped: 0 })}\n`);
  }
  return failed === 0 && result.status === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureDependencies();
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  if (args.includes('--modules')) {
    printBreakdown(await moduleBreakdown());
    process.exit(0);
  }
  if (args.includes('--costs')) {
    const { full, costs } = await featureCosts();
    console.log(`dist/mk-widgets.js: ${(full / 1000).toFixed(2)} kB gzip; without each feature it would be:`);
    for (const { feature, module, gzip } of costs) console.log(`  −${(gzip / 1000).toFixed(2)} kB  ${feature} (${module})`);
    process.exit(0);
  }
  await buildSizeArtifacts({ log: json ? () => undefined : console.log });
  if (args.includes('--build-only')) process.exit(0);
  if (json) {
    const result = spawnSync('npx', ['--no', '--', 'size-limit', ...args], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    process.exit(result.status ?? 1);
  }
  process.exit(checkBudgets());
}

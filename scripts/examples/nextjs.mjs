// The Next.js example (examples/nextjs): mk-widgets/react in a host shaped like the MigrateKit
// dashboard (Next.js 15.4, React 19.1, flowbite-react 0.10 and Tailwind 3): its own proxy routes
// (/api/vm-contexts/{vmName}, /api/vm-contexts/{vmName}/recent-jobs, /api/failover/progress/{jobId};
// no /api/v1 catch-all) given to the widgets as endpoint templates, a 320 px right panel, and a
// pre-flight modal (flowbite-react's Modal) opened from onTryLiveFailover.
//
//   node scripts/examples/nextjs.mjs           test(): build, start, check in headless Chromium
//   node scripts/examples/nextjs.mjs --serve   serve(): the example on http://127.0.0.1:3000 until Ctrl-C
//
// Both first make sure that
// - the root's dist/ is built (`node scripts/build.mjs` when it is missing or older than src/),
// - examples/nextjs/node_modules is installed (`npm ci`, falling back to `npm install`) and holds
//   the current build: the example's .npmrc has install-links=true, so `mk-widgets: file:../..`
//   is installed as a packed copy (one React, one lit: the example's), which goes stale when the
//   root is rebuilt or its theme changes; a copy that differs is installed again,
// - `next build` has run (test() always builds; serve() when .next is older than the sources).
//
// test() starts the mock OMA (the demo dev server, `node scripts/start.mjs`, demanding a token) and
// `next start` with OMA_URL / OMA_TOKEN pointing at it, on free ports on 127.0.0.1, then checks the
// server side (Node import of the entries, the three routes, the server-rendered VM page) and, in
// headless Chromium, the VM page of pgtest1: data through the dashboard's routes with no `fetch`
// option, the 320 px panel (its spacing between the widgets, their height), the pre-flight modal
// from the banner and from inside the details dialog (topmost at its buttons' centres), dark mode
// by the `dark` class, the admin details without the failover status route, client-side
// navigation, host-fed data (no widget request), and no console errors, page errors or failed
// requests. One line per check, then `N passed, M failed`; with MK_TEST_TOTALS set, appends
// {"passed","failed","skipped"} as a JSON line to that file. Resolves to the totals; throws when a
// check failed. The servers and the browser are always stopped.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS, ensureBuild, ensureChromium, ensureDependencies, newestMtime, untilInterrupted } from '../ensure-setup.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'nextjs');
const NEXT_BIN = join(EXAMPLE, 'node_modules', 'next', 'dist', 'bin', 'next');
const INSTALLED_PACKAGE = join(EXAMPLE, 'node_modules', 'mk-widgets');

/** The files of the package the example's app uses (compared with the installed copy). */
const PACKAGE_FILES = ['package.json', 'dist/npm', 'dist/mk-widgets.js', 'dist/mk-widgets.de.js', 'src/themes'];
/** What `next build` reads in the example. */
const EXAMPLE_SOURCES = ['app', 'next.config.mjs', 'tailwind.config.mjs', 'postcss.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];

const VM = 'pgtest1';
const MOCK_TOKEN = 'mk-example-token';
const STEP_TIMEOUT_MS = { install: 300_000, nextBuild: 300_000 };
const SERVER_START_TIMEOUT_MS = 60_000;
const UI_TIMEOUT_MS = 15_000;
const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: '1' };

// ---- files ---------------------------------------------------------------------------------------

function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/** Every file under `path` (or `path` itself), absolute. */
function filesUnder(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' ? [] : filesUnder(join(path, entry.name)),
  );
}

/** A hash of the names and contents of `paths` under `base`: equal for the root and an exact copy. */
function treeHash(base, paths) {
  const hash = createHash('sha256');
  const files = paths.flatMap((path) => filesUnder(join(base, path))).sort();
  for (const file of files) {
    hash.update(relative(base, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

// ---- child processes -----------------------------------------------------------------------------

/** Runs a command to the end; output kept and shown only when it fails. Resolves on exit 0. */
function run(label, command, args, { cwd = ROOT, env = {}, timeoutMs }) {
  const started = Date.now();
  process.stdout.write(`▶ ${label}… `);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      keep(`\n[timed out after ${timeoutMs / 1000} s]\n`);
      killTree(child, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) {
        console.log(`done (${seconds} s)`);
        resolvePromise(output);
        return;
      }
      console.log(`failed (${seconds} s)`);
      console.log(output.split('\n').slice(-60).join('\n'));
      reject(new Error(`${label} failed (exit ${code ?? signal})`));
    });
  });
}

/** Sends `signal` to the process group of a child started with `detached: true`. */
function killTree(child, signal) {
  if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the child has exited. */
function stop(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Whatever the child left in its group goes too.
      killTree(child, 'SIGKILL');
      resolvePromise();
    });
    killTree(child, 'SIGTERM');
  });
}

/** A long-running server; its output is kept in `child.log` (and echoed when `echo`). */
function startServer(command, args, { cwd, env, echo = false }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.log = '';
  const keep = (stream) => (chunk) => {
    child.log = (child.log + chunk).slice(-200_000);
    if (echo) stream.write(chunk);
  };
  child.stdout.on('data', keep(process.stdout));
  child.stderr.on('data', keep(process.stderr));
  return child;
}

function freePort(port = 0) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePromise(typeof address === 'object' && address ? address.port : port));
    });
  });
}

const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/** Polls `url` until `ok(response)`; fails when the server exits or the time is up. */
async function waitForHttp(name, child, url, { headers = {}, ok = (response) => response.ok } = {}) {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${child.log.slice(-4000)}`);
    }
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (ok(response)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`${name} did not answer ${url} within ${SERVER_START_TIMEOUT_MS / 1000} s (${last}):\n${child.log.slice(-4000)}`);
}

// ---- preparing -----------------------------------------------------------------------------------

/** Why the example's node_modules must be (re)installed, or null when it is current. */
function exampleInstallReason() {
  const hiddenLock = join(EXAMPLE, 'node_modules', '.package-lock.json');
  if (!existsSync(hiddenLock) || !existsSync(NEXT_BIN)) return 'node_modules is missing';
  const installedAt = mtimeMs(hiddenLock);
  if (mtimeMs(join(EXAMPLE, 'package-lock.json')) > installedAt || mtimeMs(join(EXAMPLE, 'package.json')) > installedAt) {
    return 'package.json or package-lock.json changed';
  }
  if (!existsSync(INSTALLED_PACKAGE) || treeHash(ROOT, PACKAGE_FILES) !== treeHash(INSTALLED_PACKAGE, PACKAGE_FILES)) {
    return 'the installed mk-widgets differs from the root build';
  }
  return null;
}

/** `npm ci` in the example (`npm install` when that fails), when node_modules is missing or stale. */
async function ensureExampleDependencies() {
  const reason = exampleInstallReason();
  if (!reason) return;
  console.log(`examples/nextjs: ${reason}; installing.`);
  const flags = ['--no-audit', '--no-fund'];
  const options = { cwd: EXAMPLE, env: NEXT_ENV, timeoutMs: STEP_TIMEOUT_MS.install };
  try {
    await run('npm ci (examples/nextjs)', 'npm', ['ci', ...flags], options);
  } catch {
    // Like the root: a lock without some platform-only optional package makes `npm ci` refuse it,
    // while `npm install` installs the same versions (and brings the lock up to date).
    await run('npm install (examples/nextjs)', 'npm', ['install', ...flags], options);
  }
  const still = exampleInstallReason();
  if (still) throw new Error(`examples/nextjs: after installing, ${still}`);
}

async function nextBuild() {
  await run('next build (examples/nextjs)', process.execPath, [NEXT_BIN, 'build'], {
    cwd: EXAMPLE,
    env: NEXT_ENV,
    timeoutMs: STEP_TIMEOUT_MS.nextBuild,
  });
}

function nextBuildOutdated() {
  const builtAt = mtimeMs(join(EXAMPLE, '.next', 'BUILD_ID'));
  return builtAt < newestMtime(...EXAMPLE_SOURCES.map((source) => join(EXAMPLE, source))) || builtAt < mtimeMs(join(EXAMPLE, 'node_modules', '.package-lock.json'));
}

async function prepare({ alwaysBuild }) {
  ensureDependencies(ROOT);
  ensureBuild();
  await ensureExampleDependencies();
  if (alwaysBuild || nextBuildOutdated()) await nextBuild();
}

/** The environment of a child without the OMA settings of this shell. */
function cleanEnv(extra) {
  const env = { ...process.env, ...NEXT_ENV, ...extra };
  for (const key of ['OMA_URL', 'OMA_TOKEN', 'MOCK_OMA_TOKEN', 'OPEN']) if (!(key in extra)) delete env[key];
  return env;
}

/** The demo dev server answering /api/v1 from the mock OMA (demanding `token` when given). */
async function startMockOma(children, port, token) {
  const child = startServer(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: cleanEnv({ HOST: '127.0.0.1', PORT: String(port), ...(token ? { MOCK_OMA_TOKEN: token } : {}) }),
  });
  children.push(child);
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  await waitForHttp('the mock OMA', child, `http://127.0.0.1:${port}/api/v1/vm-contexts/db02`, { headers });
  return child;
}

async function startNext(children, port, omaUrl, omaToken, { echo = false } = {}) {
  const child = startServer(process.execPath, [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: EXAMPLE,
    env: cleanEnv({ OMA_URL: omaUrl, ...(omaToken ? { OMA_TOKEN: omaToken } : {}) }),
    echo,
  });
  children.push(child);
  await waitForHttp('next start', child, `http://127.0.0.1:${port}/`);
  return child;
}

// ---- checks --------------------------------------------------------------------------------------

function createReport() {
  const results = [];
  return {
    results,
    async check(name, fn) {
      try {
        await fn();
        results.push({ name, ok: true });
        console.log(`✓ ${name}`);
      } catch (error) {
        results.push({ name, ok: false });
        console.log(`✗ ${name}`);
        const message = error instanceof Error ? error.message : String(error);
        console.log(message.replace(/^/gm, '    '));
      }
    },
  };
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Imports the built entries in a fresh Node process (no window, document or customElements). */
async function checkNodeImport() {
  const urls = ['dist/npm/index.js', 'dist/npm/react.js'].map((file) => pathToFileURL(join(ROOT, file)).href);
  const script = [
    "for (const name of ['window', 'document', 'customElements', 'HTMLElement', 'localStorage'])",
    "  if (name in globalThis) throw new Error(name + ' exists before the import');",
    `const index = await import(${JSON.stringify(urls[0])});`,
    `const react = await import(${JSON.stringify(urls[1])});`,
    "for (const name of ['MkUnifiedJobList', 'MkOperationErrorBanner', 'MkJobErrorModal', 'setWidgetLocale'])",
    "  if (!index[name]) throw new Error('index.js lacks ' + name);",
    "for (const name of ['UnifiedJobList', 'OperationErrorBanner', 'JobErrorModal', 'OmaProvider', 'TryLiveFailoverEvent'])",
    "  if (!react[name]) throw new Error('react.js lacks ' + name);",
  ].join('\n');
  await run('node: import dist/npm/index.js and react.js', process.execPath, ['--input-type=module', '-e', script], {
    env: { NODE_OPTIONS: '' },
    timeoutMs: 30_000,
  });
}

/** The package as the example's app sees it: `mk-widgets` and `mk-widgets/react` through the exports map. */
async function checkPackageExports() {
  const script = [
    "const index = await import('mk-widgets');",
    "const react = await import('mk-widgets/react');",
    "const { createRequire } = await import('node:module');",
    'const require = createRequire(process.cwd() + "/");',
    "const reactOfWrappers = require.resolve('react', { paths: [require.resolve('mk-widgets/package.json')] });",
    "if (reactOfWrappers !== require.resolve('react')) throw new Error('mk-widgets sees another react: ' + reactOfWrappers);",
    "if (typeof react.OperationErrorBanner !== 'object' || !index.MkOperationErrorBanner) throw new Error('missing exports');",
  ].join('\n');
  await run('node: import mk-widgets and mk-widgets/react from examples/nextjs', process.execPath, ['--input-type=module', '-e', script], {
    cwd: EXAMPLE,
    env: { NODE_OPTIONS: '' },
    timeoutMs: 30_000,
  });
}

/** GET `url` as JSON: [status, body, text, content-type]. */
async function getJson(url) {
  const response = await fetch(url);
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, type: response.headers.get('content-type') ?? '' };
}

/** The dashboard's three routes, the OMA behind them demanding its token; no /api/v1 catch-all. */
async function checkRoutes(nextUrl, mockUrl) {
  const direct = await fetch(`${mockUrl}/api/v1/vm-contexts/${VM}`);
  await direct.arrayBuffer();
  assert(direct.status === 401, `the mock OMA should demand its token (got HTTP ${direct.status} without one)`);

  const context = await getJson(`${nextUrl}/api/vm-contexts/${VM}`);
  assert(context.status === 200, `GET /api/vm-contexts/${VM}: HTTP ${context.status}: ${context.text.slice(0, 300)}`);
  assert(/json/.test(context.type), `/api/vm-contexts/${VM}: content-type ${context.type}`);
  assert(context.body?.context?.vm_name === VM, `/api/vm-contexts/${VM}: not the OMA's VM context body: ${context.text.slice(0, 300)}`);

  const jobs = await getJson(`${nextUrl}/api/vm-contexts/${VM}/recent-jobs`);
  assert(jobs.status === 200, `GET /api/vm-contexts/${VM}/recent-jobs: HTTP ${jobs.status}: ${jobs.text.slice(0, 300)}`);
  assert(
    jobs.body?.context_id === context.body.context.context_id && Array.isArray(jobs.body?.jobs),
    `/recent-jobs by VM name: not the OMA's recent-jobs body of ${context.body.context.context_id}: ${jobs.text.slice(0, 300)}`,
  );

  const failover = jobs.body.jobs.find((job) => job.job_type === 'test_failover' && job.job_id);
  assert(failover, `no test failover with a job id among ${VM}'s recent jobs`);
  const progress = await getJson(`${nextUrl}/api/failover/progress/${encodeURIComponent(failover.job_id)}`);
  assert(progress.status === 200, `GET /api/failover/progress/{jobId}: HTTP ${progress.status}: ${progress.text.slice(0, 300)}`);
  const reshaped = progress.body ?? {};
  assert(
    reshaped.jobId === failover.job_id && typeof reshaped.state === 'string' && 'steps' in reshaped && !('job_details' in reshaped),
    `/api/failover/progress/{jobId} should answer the reshaped body ({ jobId, state, percent, steps, … }): ${progress.text.slice(0, 300)}`,
  );
  assert(!/error_message/.test(progress.text), 'the progress route passes the raw error_message to the browser');

  const unknown = await getJson(`${nextUrl}/api/vm-contexts/no-such-vm-here`);
  assert(unknown.status === 404 && typeof unknown.body?.error === 'string', `an unknown VM should pass the OMA's JSON 404 through (got ${unknown.status}: ${unknown.text.slice(0, 200)})`);
  const unknownJobs = await getJson(`${nextUrl}/api/vm-contexts/no-such-vm-here/recent-jobs`);
  assert(unknownJobs.status === 404 && typeof unknownJobs.body?.error === 'string', `recent-jobs of an unknown VM: the OMA's JSON 404 (got ${unknownJobs.status})`);

  const catchAll = await fetch(`${nextUrl}/api/v1/vm-contexts/${VM}`);
  await catchAll.arrayBuffer();
  assert(catchAll.status === 404, `/api/v1/* should not be served (no catch-all), got HTTP ${catchAll.status}`);
}

async function checkSsr(nextUrl, next) {
  const logBefore = next.log.length;
  const response = await fetch(`${nextUrl}/vms/${VM}`);
  const html = await response.text();
  assert(response.status === 200, `GET /vms/${VM}: HTTP ${response.status}`);
  assert(!html.includes('__next_error__') && !/Application error/i.test(html), 'the page is Next.js error page');
  for (const tag of ['mk-oma-provider', 'mk-operation-error-banner', 'mk-unified-job-list']) {
    assert(html.includes(`<${tag}`), `the server-rendered HTML has no <${tag}>`);
  }
  assert(html.includes(VM), `the server-rendered HTML does not name ${VM}`);
  assert(/<link[^>]+\.css/.test(html), 'the server-rendered HTML links no stylesheet (Tailwind, the flowbite theme)');
  const serverLog = next.log.slice(logBefore);
  assert(!/error/i.test(serverLog), `next start logged while rendering:\n${serverLog.slice(0, 2000)}`);
}

/** page.waitForFunction, failing with what `host`'s shadow root shows instead of only "timed out". */
async function waitForShadow(page, host, predicate, ...args) {
  try {
    await page.waitForFunction(predicate, { timeout: UI_TIMEOUT_MS }, ...args);
  } catch (error) {
    const shown = await page
      .evaluate((selector) => document.querySelector(selector)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim(), host)
      .catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)}; <${host}> shows: "${(shown ?? '(nothing)').slice(0, 400)}"`, {
      cause: error,
    });
  }
}

/**
 * The first button whose text starts with `label` in the shadow root reached by `path` (host
 * selectors, each inside the previous one's shadow root), as an ElementHandle.
 */
async function shadowButton(page, path, label) {
  const hosts = Array.isArray(path) ? path : [path];
  const handle = await page.evaluateHandle(
    (selectors, text) => {
      let root = document;
      for (const selector of selectors) root = root?.querySelector(selector)?.shadowRoot;
      return [...(root?.querySelectorAll('button') ?? [])].find((button) => button.textContent?.trim().startsWith(text)) ?? null;
    },
    hosts,
    label,
  );
  const element = handle.asElement();
  if (!element) {
    await handle.dispose();
    throw new Error(`no "${label}" button in ${hosts.join(' › ')}'s shadow root`);
  }
  return element;
}

/** Clicks the `label` button in a shadow root (see shadowButton). */
async function clickShadowButton(page, path, label) {
  const button = await shadowButton(page, path, label);
  try {
    await button.click();
  } finally {
    await button.dispose();
  }
}

/** Opens the folded banner's "What you can do" (its actions), when it is folded and closed. */
async function expandBanner(page) {
  const folded = await page.evaluate(() => {
    const toggle = document.querySelector('mk-operation-error-banner')?.shadowRoot?.querySelector('.more-toggle');
    return Boolean(toggle && toggle.getAttribute('aria-expanded') !== 'true' && toggle.checkVisibility());
  });
  if (folded) await clickShadowButton(page, 'mk-operation-error-banner', 'What you can do');
}

/** Clicks the button matching `selector` in the list row that mentions `text`, when it is visible. */
async function clickInRow(page, text, selector) {
  const handle = await page.evaluateHandle(
    (rowText, buttonSelector) => {
      const row = [...(document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelectorAll('[part~="row"]') ?? [])].find((element) =>
        element.textContent?.includes(rowText),
      );
      const button = row?.querySelector(buttonSelector);
      return button?.checkVisibility() ? button : null;
    },
    text,
    selector,
  );
  const element = handle.asElement();
  try {
    if (element) await element.click();
    return Boolean(element);
  } finally {
    await handle.dispose();
  }
}

/** Whether the details dialog inside `host` (the banner's or the list's) is open. */
function detailsOpen(page, host) {
  return page.evaluate(
    (selector) => Boolean(document.querySelector(selector)?.shadowRoot?.querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog')?.open),
    host,
  );
}

/** Waits for the flowbite-react pre-flight modal; resolves to the source it names. */
async function waitForPreflight(page) {
  await page.waitForSelector('[data-testid="preflight-start"]', { visible: true, timeout: UI_TIMEOUT_MS });
  return page.$eval('[data-testid="preflight-source"]', (element) => element.textContent?.trim());
}

async function closePreflight(page) {
  await page.click('[data-testid="preflight-cancel"]');
  await page.waitForSelector('[data-testid="preflight-start"]', { hidden: true, timeout: UI_TIMEOUT_MS });
}

/** The widgets' colours: background and text of the list's and the banner's `base` part. */
function widgetColours(page) {
  return page.evaluate(() => {
    const base = (selector) => {
      const element = document.querySelector(selector)?.shadowRoot?.querySelector('[part~="base"]');
      if (!element) return null;
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, text: style.color };
    };
    return { list: base('mk-unified-job-list'), banner: base('mk-operation-error-banner') };
  });
}

/** Flowbite's colours as the theme file sets them (white / gray-800 surface, gray-900 / white text). */
const FLOWBITE = {
  light: { background: 'rgb(255, 255, 255)', text: 'rgb(17, 24, 39)' },
  dark: { background: 'rgb(31, 41, 55)', text: 'rgb(255, 255, 255)' },
};

/** The most the banner and the list may take together in the 320 px panel for pgtest1 (issue 12, point 5). */
const PANEL_BUDGET_PX = 600;

async function browserChecks(report, nextUrl) {
  const { default: puppeteer } = await import('puppeteer-core');
  const executablePath = ensureChromium();
  const browser = await puppeteer.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const problems = [];
    // Set while a check looks at what a missing route does: its noise goes there, not to `problems`.
    let aside = null;
    const note = (text) => (aside ?? problems).push(text);
    page.on('console', (message) => {
      if (message.type() === 'error') note(`console.error: ${message.text()}`);
      else if (aside && message.type() === 'warn') aside.push(`console.warn: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
    // Chromium's "Failed to load resource" console line does not say which; this does.
    page.on('response', (response) => {
      if (response.status() >= 400) note(`HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'failed';
      // Navigating away or closing aborts polls; that is no error of the page.
      if (reason !== 'net::ERR_ABORTED') note(`request failed: ${request.method()} ${request.url()} (${reason})`);
    });
    // The API requests, the widgets' (no x-mk-example header) apart from the host page's own.
    const apiRequests = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== nextUrl || !url.pathname.startsWith('/api/')) return;
      apiRequests.push({ path: url.pathname, byHost: request.headers()['x-mk-example'] === 'host-fetch', at: Date.now() });
    });
    const widgetRequests = (since = 0) => apiRequests.filter((request) => !request.byHost && request.at >= since);

    let opened = false;
    await report.check(`browser: /vms/${VM} loads and hydrates`, async () => {
      const response = await page.goto(`${nextUrl}/vms/${VM}`, { waitUntil: 'load', timeout: 30_000 });
      assert(response?.status() === 200, `HTTP ${response?.status()}`);
      // Registered elements and a hydrated React tree.
      await page.waitForFunction(
        () => customElements.get('mk-operation-error-banner') && customElements.get('mk-unified-job-list') && customElements.get('mk-oma-provider'),
        { timeout: UI_TIMEOUT_MS },
      );
      opened = true;
      // Gone if a later navigation reloads the document instead of a client-side transition.
      await page.evaluate(() => {
        window.mkExampleMarker = true;
      });
    });
    if (!opened) return;

    await report.check('banner: shadow DOM shows "Last Operation Failed"', async () => {
      await waitForShadow(page, 'mk-operation-error-banner', () =>
        document.querySelector('mk-operation-error-banner')?.shadowRoot?.textContent?.includes('Last Operation Failed'),
      );
    });

    await report.check('list: rows with data ("Test Failover")', async () => {
      await waitForShadow(page, 'mk-unified-job-list', () => {
        const rows = document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelectorAll('[part~="row"]') ?? [];
        return rows.length > 0 && [...rows].some((row) => row.textContent?.includes('Test Failover'));
      });
    });

    await report.check("data: through the dashboard's routes (/api/vm-contexts/…), endpoints on the provider, no fetch option", async () => {
      const provider = await page.evaluate(() => {
        const element = document.querySelector('mk-oma-provider');
        return { fetch: element?.fetch, client: element?.client, endpoints: element?.endpoints };
      });
      assert(provider.fetch === undefined && provider.client === undefined, 'the provider has a fetch or client option');
      assert(provider.endpoints?.vmContext === '/api/vm-contexts/{vmName}', `endpoints: ${JSON.stringify(provider.endpoints)}`);
      assert(provider.endpoints?.failoverStatus === null, 'the reshaping progress route must be switched off (failoverStatus: null), not given');
      const paths = [...new Set(widgetRequests().map((request) => request.path))].sort();
      const expected = [`/api/vm-contexts/${VM}`, `/api/vm-contexts/${VM}/recent-jobs`];
      assert(JSON.stringify(paths) === JSON.stringify(expected), `the widgets asked ${JSON.stringify(paths)}, expected ${JSON.stringify(expected)}`);
    });

    await report.check('panel: 320 px wide; gaps card → banner → list equal the panel\'s space-y-4 (16 px)', async () => {
      const layout = await page.evaluate(() => {
        const box = (element) => element?.getBoundingClientRect();
        const panel = box(document.querySelector('[data-testid="panel"]'));
        const card = box(document.querySelector('[data-testid="panel-card"]'));
        const banner = box(document.querySelector('mk-operation-error-banner'));
        const list = box(document.querySelector('mk-unified-job-list'));
        return { panelWidth: panel?.width, bannerWidth: banner?.width, listWidth: list?.width, cardToBanner: banner.top - card.bottom, bannerToList: list.top - banner.bottom };
      });
      console.log(`    measured: panel ${layout.panelWidth} px, card→banner ${layout.cardToBanner} px, banner→list ${layout.bannerToList} px`);
      assert(layout.panelWidth === 320 && layout.bannerWidth === 320 && layout.listWidth === 320, `widths: ${JSON.stringify(layout)}`);
      assert(layout.cardToBanner === 16, `card → banner: ${layout.cardToBanner} px, the panel's space-y-4 is 16 px`);
      assert(layout.bannerToList === 16, `banner → list: ${layout.bannerToList} px, the panel's space-y-4 is 16 px`);
    });

    await report.check(`panel: ${VM}'s banner + list at 320 px are at most ${PANEL_BUDGET_PX} px tall`, async () => {
      // Measured once the list's data is in (the row for the banner's failure folds).
      await sleep(300);
      const height = await page.evaluate(() => {
        const banner = document.querySelector('mk-operation-error-banner').getBoundingClientRect();
        const list = document.querySelector('mk-unified-job-list').getBoundingClientRect();
        return { banner: banner.height, list: list.height, total: list.bottom - banner.top };
      });
      console.log(`    measured: banner ${height.banner} px + 16 px + list ${height.list} px = ${height.total} px`);
      assert(height.total <= PANEL_BUDGET_PX, `${height.total} px`);
    });

    await report.check('banner "What you can do" → "Try Live Failover" → onTryLiveFailover → the pre-flight Modal (flowbite-react), Cancel closes it', async () => {
      // In the 320 px panel the banner is folded: its actions are one "What you can do" away.
      await expandBanner(page);
      await clickShadowButton(page, 'mk-operation-error-banner', 'Try Live Failover');
      const source = await waitForPreflight(page);
      assert(source === 'banner', `the modal names the source "${source}"`);
      const detail = JSON.parse(await page.$eval('[data-testid="preflight-detail"]', (element) => element.textContent ?? 'null'));
      assert(detail?.vmName === VM && detail?.operationType === 'test_failover', `detail: ${JSON.stringify(detail)}`);
      await closePreflight(page);
    });

    await report.check('details dialog "Try Live Failover": the dialog closes, the pre-flight buttons are topmost at their centres (elementFromPoint), and take the click', async () => {
      await expandBanner(page);
      await clickShadowButton(page, 'mk-operation-error-banner', 'View Details');
      await page.waitForFunction(
        () => document.querySelector('mk-operation-error-banner')?.shadowRoot?.querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog')?.open,
        { timeout: UI_TIMEOUT_MS },
      );
      await clickShadowButton(page, ['mk-operation-error-banner', 'mk-job-error-modal'], 'Try Live Failover');
      const source = await waitForPreflight(page);
      assert(source === 'modal', `the pre-flight modal names the source "${source}"`);
      // flowbite-react's Modal fades in; the check is about what is on top once it is there.
      await sleep(300);
      assert(!(await detailsOpen(page, 'mk-operation-error-banner')), "the widget's details dialog is still open");
      const topmost = await page.evaluate(() =>
        ['preflight-start', 'preflight-cancel'].map((id) => {
          const button = document.querySelector(`[data-testid="${id}"]`);
          const box = button.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return { id, ok: hit !== null && button.contains(hit), hit: hit ? `<${hit.localName}${hit.id ? `#${hit.id}` : ''}>` : 'nothing' };
        }),
      );
      for (const { id, ok, hit } of topmost) assert(ok, `at the centre of ${id} the topmost element is ${hit}`);
      // A real click at those coordinates reaches the host's handler.
      await page.click('[data-testid="preflight-start"]');
      await page.waitForSelector('[data-testid="started"]', { timeout: UI_TIMEOUT_MS });
      await page.waitForSelector('[data-testid="preflight-start"]', { hidden: true, timeout: UI_TIMEOUT_MS });
    });

    await report.check('dark: the `dark` class on <html> switches the widgets to flowbite\'s dark colours, and back', async () => {
      const light = await widgetColours(page);
      assert(JSON.stringify(light.list) === JSON.stringify(FLOWBITE.light), `light list: ${JSON.stringify(light.list)}, expected ${JSON.stringify(FLOWBITE.light)}`);
      await page.click('[data-testid="dark-toggle"]');
      await page.waitForFunction(() => document.documentElement.classList.contains('dark'), { timeout: UI_TIMEOUT_MS });
      const dark = await widgetColours(page);
      console.log(`    measured: list ${JSON.stringify(light.list)} → ${JSON.stringify(dark.list)}; banner ${JSON.stringify(light.banner)} → ${JSON.stringify(dark.banner)}`);
      assert(JSON.stringify(dark.list) === JSON.stringify(FLOWBITE.dark), `dark list: ${JSON.stringify(dark.list)}, expected ${JSON.stringify(FLOWBITE.dark)}`);
      assert(dark.banner.background !== light.banner.background && dark.banner.text !== light.banner.text, `the banner did not switch: ${JSON.stringify(dark.banner)}`);
      await page.click('[data-testid="dark-toggle"]');
      await page.waitForFunction(() => !document.documentElement.classList.contains('dark'), { timeout: UI_TIMEOUT_MS });
      const back = await widgetColours(page);
      assert(JSON.stringify(back) === JSON.stringify(light), `after switching back: ${JSON.stringify(back)}`);
    });

    await report.check('client-side navigation to /vms/db02: widgets follow the new vmName (clean history)', async () => {
      await page.click('nav a[href="/"]');
      await page.waitForSelector('a[href="/vms/db02"]', { timeout: UI_TIMEOUT_MS });
      await page.click('a[href="/vms/db02"]');
      await page.waitForFunction(
        () => {
          const rows = document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelectorAll('[part~="row"]') ?? [];
          return location.pathname === '/vms/db02' && [...rows].some((row) => row.textContent?.includes('Rollback'));
        },
        { timeout: UI_TIMEOUT_MS },
      );
      const state = await page.evaluate(() => ({
        banner: document.querySelector('mk-operation-error-banner')?.shadowRoot?.textContent ?? '',
        started: document.querySelector('[data-testid="started"]') !== null,
        reloaded: !('mkExampleMarker' in window),
      }));
      assert(!state.banner.includes('Last Operation Failed'), 'the banner still shows a failure on db02');
      assert(!state.started, "pgtest1's host state is still shown on db02");
      assert(!state.reloaded, 'the navigation reloaded the page instead of a client-side navigation');
    });

    await report.check('no console errors, page errors or failed requests', async () => {
      await sleep(300);
      assert(problems.length === 0, problems.join('\n'));
    });

    await report.check(`host-fed: /vms/${VM}?data=host shows the banner and the rows, and the widgets ask nothing`, async () => {
      const since = Date.now();
      const response = await page.goto(`${nextUrl}/vms/${VM}?data=host`, { waitUntil: 'load', timeout: 30_000 });
      assert(response?.status() === 200, `HTTP ${response?.status()}`);
      await waitForShadow(page, 'mk-operation-error-banner', () =>
        document.querySelector('mk-operation-error-banner')?.shadowRoot?.textContent?.includes('Last Operation Failed'),
      );
      await waitForShadow(page, 'mk-unified-job-list', () =>
        [...(document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelectorAll('[part~="row"]') ?? [])].some((row) =>
          row.textContent?.includes('Test Failover'),
        ),
      );
      // Long enough for a widget's first request and its next poll, had it fetched.
      await sleep(2500);
      const byHost = apiRequests.filter((request) => request.byHost && request.at >= since).map((request) => request.path);
      const byWidgets = widgetRequests(since).map((request) => request.path);
      console.log(`    measured: the page asked ${byHost.length} (${[...new Set(byHost)].join(', ')}), the widgets ${byWidgets.length}`);
      assert(byHost.length >= 2, `the page itself asked only ${JSON.stringify(byHost)}`);
      assert(byWidgets.length === 0, `the widgets asked ${JSON.stringify(byWidgets)}`);
      assert(problems.length === 0, problems.join('\n'));
    });

    // The dashboard does not serve the OMA's failover status (its progress route reshapes it), so the
    // example says `failoverStatus: null`: the details dialog (which would ask it for step counts a
    // recent-jobs row lacks, and for admins the raw error) asks nothing and shows what it has.
    for (const admin of [false, true]) {
      await report.check(`details from the list's failed row on /vms/${VM}${admin ? '?admin=1' : ''} (no failover status route): no error shown to the user`, async () => {
        const since = Date.now();
        const seen = [];
        aside = seen;
        try {
          await page.goto(`${nextUrl}/vms/${VM}${admin ? '?admin=1' : ''}`, { waitUntil: 'load', timeout: 30_000 });
          await waitForShadow(page, 'mk-unified-job-list', () =>
            [...(document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelectorAll('[part~="row"]') ?? [])].some((row) =>
              row.textContent?.includes('Test Failover'),
            ),
          );
          // The row of the failure the banner shows is folded: "What you can do", then View details.
          await clickInRow(page, 'Test Failover', '.more-toggle[aria-expanded="false"]');
          assert(await clickInRow(page, 'Test Failover', 'button:not(.more-toggle):not(.primary)'), 'no visible View details in the Test Failover row');
          await page.waitForFunction(
            () => document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog')?.open,
            { timeout: UI_TIMEOUT_MS },
          );
          // The status request (if any) settles, and the dialog shows what it has.
          await sleep(1500);
          const dialog = await page.evaluate(
            () => document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog')?.innerText ?? '',
          );
          const asked = widgetRequests(since).map((request) => request.path);
          console.log(`    measured: the widgets asked ${JSON.stringify([...new Set(asked)])}`);
          assert(!asked.some((path) => path.includes('/failover/')), `a failover status route was asked: ${JSON.stringify(asked)}`);
          assert(seen.length === 0, `console noise: ${seen.join(' | ')}`);
          assert(/Test Failover/.test(dialog) && /Technical details/i.test(dialog) === admin, `the dialog shows: ${dialog.slice(0, 400)}`);
          console.log(`    dialog: ${dialog.replace(/\s+/g, ' ').slice(0, 500)}`);
          for (const wording of [/not found/i, /missing/i, /could not/i, /try again/i, /\b404\b/, /proxy/i, /route/i]) {
            assert(!wording.test(dialog), `the dialog shows an error (${wording}): ${dialog.slice(0, 600)}`);
          }
          await page.keyboard.press('Escape');
        } finally {
          aside = null;
        }
      });
    }
  } finally {
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    killTree(browser.process(), 'SIGKILL');
  }
}

function recordTotals(totals) {
  const line = `${totals.passed} passed, ${totals.failed} failed`;
  console.log(line);
  const file = process.env.MK_TEST_TOTALS?.trim();
  if (file) appendFileSync(file, `${JSON.stringify(totals)}\n`);
}

// ---- test() and serve() --------------------------------------------------------------------------

/**
 * Builds and checks the example. Resolves to `{ passed, failed, skipped }`; throws (after printing
 * the totals) when any check failed.
 */
export async function test() {
  const started = Date.now();
  const report = createReport();
  const children = [];
  const onSignal = (signal) => {
    for (const child of children) killTree(child, 'SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let ready = false;
    await report.check('setup: root build, example install, next build', async () => {
      await prepare({ alwaysBuild: true });
      ready = true;
    });
    await report.check('node: dist/npm/index.js and react.js import without DOM globals', checkNodeImport);
    if (ready) {
      await report.check('node: mk-widgets and mk-widgets/react resolve from the example, with its React', checkPackageExports);
      let mockUrl;
      let nextUrl;
      let next;
      await report.check('servers: mock OMA (token required) and next start on 127.0.0.1', async () => {
        const [mockPort, nextPort] = [await freePort(), await freePort()];
        mockUrl = `http://127.0.0.1:${mockPort}`;
        await startMockOma(children, mockPort, MOCK_TOKEN);
        next = await startNext(children, nextPort, mockUrl, MOCK_TOKEN);
        nextUrl = `http://127.0.0.1:${nextPort}`;
      });
      if (nextUrl) {
        await report.check("routes: /api/vm-contexts/{vmName}, …/recent-jobs (by VM name) and /api/failover/progress/{jobId} (reshaped) reach OMA_URL with OMA_TOKEN; no /api/v1", () => checkRoutes(nextUrl, mockUrl));
        await report.check(`ssr: /vms/${VM} renders on the server without errors`, () => checkSsr(nextUrl, next));
        await browserChecks(report, nextUrl);
        await report.check('server: next start logged no errors', async () => {
          assert(!/error/i.test(next.log), next.log.slice(-3000));
        });
      }
    }
  } finally {
    await Promise.all(children.map((child) => stop(child)));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const passed = report.results.filter((result) => result.ok).length;
  const totals = { passed, failed: report.results.length - passed, skipped: 0 };
  console.log(`(examples/nextjs: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  recordTotals(totals);
  if (totals.failed > 0) {
    const error = new Error(`examples/nextjs: ${totals.failed} of ${report.results.length} checks failed`);
    error.totals = totals;
    throw error;
  }
  return totals;
}

/**
 * Builds the example when needed and runs it on http://127.0.0.1:3000 ($PORT changes the port)
 * against $OMA_URL (with $OMA_TOKEN), or the mock OMA on a free port when OMA_URL is unset.
 * Resolves after Ctrl-C (SIGINT/SIGTERM) once everything has stopped; rejects when a server dies.
 */
export async function serve() {
  await prepare({ alwaysBuild: false });
  const port = Number(process.env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const children = [];
  const stopAll = () => Promise.all(children.map((child) => stop(child)));
  try {
    let omaUrl = process.env.OMA_URL?.trim();
    const omaToken = omaUrl ? process.env.OMA_TOKEN?.trim() : undefined;
    if (!omaUrl) {
      const mockPort = await freePort();
      await startMockOma(children, mockPort);
      omaUrl = `http://127.0.0.1:${mockPort}`;
    }
    await startNext(children, port, omaUrl, omaToken, { echo: true });
    const url = `http://127.0.0.1:${port}/`;
    console.log(`\nmk-widgets Next.js example: ${url} (VM pages: ${url}vms/pgtest1, …/web01, …/db02)`);
    console.log(`/api/vm-contexts/…, /api/failover/progress/… → ${omaUrl}${omaUrl.startsWith('http://127.0.0.1') && !process.env.OMA_URL ? ' (mock OMA)' : ''}${omaToken ? ' with OMA_TOKEN' : ''}. Ctrl-C stops.`);
    const serverExited = new Promise((_resolve, reject) => {
      for (const child of children) {
        child.once('exit', (code, signal) => reject(new Error(`a server exited (${code ?? signal}):\n${child.log.slice(-3000)}`)));
      }
    });
    // Stopping the servers below makes them exit too: that late rejection is nobody's news.
    serverExited.catch(() => undefined);
    await Promise.race([untilInterrupted(), serverExited]);
  } finally {
    await stopAll();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const serving = process.argv.includes('--serve');
  try {
    await (serving ? serve() : test());
    process.exit(0);
  } catch (error) {
    if (!error?.totals) console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

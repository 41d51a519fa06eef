// `npm run test:storybook`: opens every story of the static Storybook in headless Chromium and
// fails on any console error, page error, failed play function or axe violation.
//
//   node scripts/storybook-smoke.mjs            builds storybook-static/ first when it is missing
//                                               or older than its sources
//   node scripts/storybook-smoke.mjs --build    always builds first
//   node scripts/storybook-smoke.mjs --no-build never builds (fails without a build)
//   node scripts/storybook-smoke.mjs --filter=banner   only stories whose id contains "banner"
//
// The build is served by a tiny HTTP server on 127.0.0.1 (a random port); Chromium is the system
// one (CHROME_PATH, or the usual paths; nothing downloads a browser). Each story opens as
// iframe.html?id=…&viewMode=story in one page; after Storybook reports it finished (render, play
// function, afterEach) the script waits until no widget is `aria-busy`, then runs axe-core on the
// document minus Storybook's own elements, with the story's `a11y` parameters, as the a11y addon
// does. Story tags change the checks:
//   loading-state  the widget must still be `aria-busy` (the loading state stays visible)
//   http-error     the story's mock answers 4xx/5xx on purpose: Chromium's "Failed to load
//                  resource: … status of 4xx/5xx" console lines are expected there, nothing else
//   viewport-320   opened 320 px wide
// A story whose `a11y.test` parameter is 'todo' (a known violation, a warning in the a11y addon)
// has its violations printed but not failed; 'off' or `disable` skips axe, as in the addon.
// One line per story, then `N passed, M failed`; exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { appendFileSync, createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import process from 'node:process';
import { CHROMIUM_FLAGS, ROOT, ensureChromium, ensureDependencies, newestMtime } from './ensure-setup.mjs';

const STATIC_DIR = join(ROOT, 'storybook-static');
const INDEX = join(STATIC_DIR, 'index.json');
/** What the build is made of: a newer file here means the build is stale. */
const SOURCES = ['.storybook', 'stories', 'src', 'mock-oma', 'package.json', 'package-lock.json'];

const STORY_TIMEOUT_MS = 30_000;
const DATA_TIMEOUT_MS = 10_000;
const SETTLE_MS = 150;
const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };
/** What the a11y addon leaves out of every run (Storybook's own elements) and switches off. */
const AXE_EXCLUDE = ['.sb-wrapper', '#storybook-docs', '#storybook-highlights-root'];
const AXE_DISABLED_RULES = ['region'];
const EXPECTED_HTTP_ERROR = /^Failed to load resource: the server responded with a status of [45]\d\d\b/;

const args = process.argv.slice(2);
const forceBuild = args.includes('--build');
const noBuild = args.includes('--no-build');
const filter = args.find((arg) => arg.startsWith('--filter='))?.slice('--filter='.length);

// ---- build ----------------------------------------------------------------------------------------

function buildIsStale() {
  if (!existsSync(INDEX)) return 'no build yet';
  const builtAt = statSync(INDEX).mtimeMs;
  const changed = SOURCES.find((source) => newestMtime(join(ROOT, source)) > builtAt);
  return changed ? `${changed} changed since the last build` : undefined;
}

function build(reason) {
  console.log(`storybook-smoke: building Storybook (${reason})…`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'build-storybook'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`storybook-smoke: build-storybook failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`storybook-smoke: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---- static server --------------------------------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function serve(root) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    // Chromium asks for /favicon.ico by itself; the build has favicon.svg only.
    if (pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    let file;
    try {
      file = normalize(join(root, decodeURIComponent(pathname)));
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      server.emit('not-found', pathname);
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(server)));
}

// ---- in the page ----------------------------------------------------------------------------------

/** Storybook's render phase of the current story ("finished" once render, play and afterEach ran). */
function renderPhase() {
  const preview = globalThis.__STORYBOOK_PREVIEW__;
  if (document.body.classList.contains('sb-show-errordisplay')) return 'errored';
  return preview?.currentRender?.phase ?? 'none';
}

/** Whether any element, in any open shadow root, is aria-busy="true". */
function anyBusy() {
  const busy = (root) =>
    [...root.querySelectorAll('*')].some((element) => element.getAttribute('aria-busy') === 'true' || (element.shadowRoot ? busy(element.shadowRoot) : false));
  return busy(document);
}

/** The error Storybook shows for a failed render or play function. */
function shownError() {
  const title = document.querySelector('#error-message')?.textContent?.trim() ?? '';
  const stack = document.querySelector('#error-stack')?.textContent?.trim() ?? '';
  return [title, stack.split('\n').slice(0, 3).join(' | ')].filter(Boolean).join(' — ') || 'the story errored';
}

/** Runs axe as the a11y addon does, with the story's own `a11y` parameters. */
async function runAxe(exclude, disabledRules) {
  const { axe } = globalThis;
  const parameters = globalThis.__STORYBOOK_PREVIEW__?.currentRender?.story?.parameters?.a11y ?? {};
  if (parameters.disable === true || parameters.test === 'off') return { skipped: true, todo: false, violations: [] };
  const config = parameters.config ?? {};
  axe.reset();
  axe.configure({ ...config, rules: [...disabledRules.map((id) => ({ id, enabled: false })), ...(config.rules ?? [])] });
  const context = { include: [document.body], exclude: [...exclude] };
  if (parameters.context?.exclude) context.exclude.push(...[].concat(parameters.context.exclude));
  const result = await axe.run(context, parameters.options ?? {});
  return {
    skipped: false,
    // `test: 'todo'`: a known violation the addon shows as a warning; reported, not failed.
    todo: parameters.test === 'todo',
    violations: result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
    })),
  };
}

// ---- main -----------------------------------------------------------------------------------------

async function main() {
  ensureDependencies();
  const stale = forceBuild ? 'asked with --build' : buildIsStale();
  if (stale && !noBuild) build(stale);
  if (!existsSync(INDEX)) {
    console.error('storybook-smoke: no storybook-static/index.json; run `npm run build-storybook` first.');
    process.exit(1);
  }

  const index = JSON.parse(readFileSync(INDEX, 'utf8'));
  const stories = Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .filter((entry) => !filter || entry.id.includes(filter));
  if (stories.length === 0) {
    console.error('storybook-smoke: no stories found in storybook-static/index.json.');
    process.exit(1);
  }

  const require = createRequire(import.meta.url);
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const { default: puppeteer } = await import('puppeteer-core');
  const executablePath = ensureChromium();

  const server = await serve(resolve(STATIC_DIR));
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}`;
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let todos = 0;

  try {
    // MSW's service worker unregisters itself when its last page closes, which every navigation
    // from one story to the next would do; a second page kept open on a story keeps it alive.
    const anchor = await browser.newPage();
    await anchor.goto(`${base}/iframe.html?id=${encodeURIComponent(stories[0].id)}&viewMode=story&globals=a11y.manual:!true`, {
      waitUntil: 'load',
      timeout: STORY_TIMEOUT_MS,
    });
    await anchor.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), { timeout: STORY_TIMEOUT_MS, polling: 100 });

    const page = await browser.newPage();
    await page.bringToFront();
    await page.evaluateOnNewDocument(`globalThis.__smoke = { renderPhase: ${renderPhase}, anyBusy: ${anyBusy}, shownError: ${shownError} };`);
    let messages = [];
    server.on('not-found', (pathname) => messages.push({ kind: 'not found', text: pathname }));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location()?.url;
      messages.push({ kind: 'console error', text: message.text(), where: where && !message.text().includes(where) ? where.replace(base, '') : undefined });
    });
    page.on('pageerror', (error) => messages.push({ kind: 'page error', text: error?.message ?? String(error) }));

    console.log(`storybook-smoke: ${stories.length} stories, Chromium ${await browser.version()}, ${base}`);
    for (const story of stories) {
      const tags = new Set(story.tags ?? []);
      const problems = [];
      const warnings = [];
      const storyStarted = Date.now();
      messages = [];
      try {
        await page.setViewport(tags.has('viewport-320') ? NARROW : DESKTOP);
        // a11y.manual: the addon's own axe run is skipped; the same checks run below, once settled.
        const url = `${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=a11y.manual:!true`;
        await page.goto(url, { waitUntil: 'load', timeout: STORY_TIMEOUT_MS });
        await page.waitForFunction(() => ['finished', 'errored', 'aborted'].includes(globalThis.__smoke.renderPhase()), {
          timeout: STORY_TIMEOUT_MS,
          polling: 100,
        });
        const phase = await page.evaluate(() => globalThis.__smoke.renderPhase());
        if (phase !== 'finished') problems.push(`render ${phase}: ${await page.evaluate(() => globalThis.__smoke.shownError())}`);

        if (tags.has('loading-state')) {
          await new Promise((resolvePromise) => setTimeout(resolvePromise, 1000));
          if (!(await page.evaluate(() => globalThis.__smoke.anyBusy()))) problems.push('loading state: nothing is aria-busy any more');
        } else {
          const settled = await page
            .waitForFunction(() => !globalThis.__smoke.anyBusy(), { timeout: DATA_TIMEOUT_MS, polling: 100 })
            .then(() => true)
            .catch(() => false);
          if (!settled) problems.push(`still aria-busy after ${DATA_TIMEOUT_MS / 1000} s`);
        }
        await new Promise((resolvePromise) => setTimeout(resolvePromise, SETTLE_MS));

        if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.addScriptTag({ content: axeSource });
        const axe = await page.evaluate(runAxe, AXE_EXCLUDE, AXE_DISABLED_RULES);
        for (const violation of axe.violations) {
          (axe.todo ? warnings : problems).push(`axe ${violation.id} (${violation.impact}): ${violation.help} at ${violation.targets.join(', ')}`);
        }
      } catch (error) {
        problems.push(`could not check: ${error?.message ?? error}`);
      }
      for (const message of messages) {
        if (message.kind === 'console error' && tags.has('http-error') && EXPECTED_HTTP_ERROR.test(message.text)) continue;
        problems.push(`${message.kind}: ${message.text.split('\n')[0]}${message.where ? ` (${message.where})` : ''}`);
      }

      const seconds = ((Date.now() - storyStarted) / 1000).toFixed(1);
      if (problems.length === 0) {
        passed += 1;
        console.log(`✓ ${story.id} (${seconds} s)`);
        for (const warning of warnings) console.log(`    a11y todo (not failing): ${warning}`);
        todos += warnings.length;
      } else {
        failed += 1;
        console.log(`✗ ${story.id} (${seconds} s)`);
        for (const problem of problems) console.log(`    ${problem}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }

  console.log(
    `storybook-smoke: ${stories.length} stories in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (todos > 0 ? `; ${todos} known a11y violation(s) in stories marked a11y.test 'todo'` : ''),
  );
  console.log(`${passed} passed, ${failed} failed`);
  if (process.env.MK_TEST_TOTALS) {
    appendFileSync(process.env.MK_TEST_TOTALS, `${JSON.stringify({ passed, failed, skipped: 0 })}\n`);
  }
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`storybook-smoke: ${error?.stack ?? error}`);
  process.exit(1);
});

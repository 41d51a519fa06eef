// `npm run test:storybook`: opens every story of the static Storybook in Chromium, Firefox ESR and
// WebKit, one engine after the other, and fails on any console error, page error, failed play
// function or axe violation. MK_BROWSERS=chromium,firefox,webkit (any of them) narrows the run.
//
//   node scripts/storybook-smoke.mjs            builds storybook-static/ first when it is missing
//                                               or older than its sources
//   node scripts/storybook-smoke.mjs --build    always builds first
//   node scripts/storybook-smoke.mjs --no-build never builds (fails without a build)
//   node scripts/storybook-smoke.mjs --filter=banner   only stories whose id contains "banner"
//
// The build is served by a tiny HTTP server on 127.0.0.1 (a random port); the browsers are the
// system ones (scripts/ensure-setup.mjs; nothing downloads a browser). Chromium and Firefox run
// headless through puppeteer-core (Firefox over WebDriver BiDi), console and page errors from their
// events; WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver and webdriverio, in Xvfb when
// DISPLAY is unset (scripts/webkit.mjs), where WebDriver classic reports no console: the server
// puts a recorder of console.error calls, uncaught errors and unhandled rejections first in
// iframe.html. Each story opens as iframe.html?id=…&viewMode=story in one page; after Storybook reports it finished (render, play
// function, afterEach) the script waits until no widget is `aria-busy`, then runs axe-core on the
// document minus Storybook's own elements, with the story's `a11y` parameters, as the a11y addon
// does. Story tags change the checks:
//   loading-state  the widget must still be `aria-busy` (the loading state stays visible)
//   http-error     the story's mock answers 4xx/5xx on purpose: Chromium's "Failed to load
//                  resource: … status of 4xx/5xx" console lines are expected there, nothing else
//   viewport-320   opened 320 px wide (in WebKit, whose window stops at 447 px, in a 320 px
//                  frame of a wrapper page: the story's own viewport is 320 px all the same)
// A story whose `a11y.test` parameter is 'todo' (a known violation, a warning in the a11y addon)
// has its violations printed but not failed; 'off' or `disable` skips axe, as in the addon.
// One line per story, then `N passed, M failed`; exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { appendFileSync, createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import process from 'node:process';
import { CHROMIUM_FLAGS, ROOT, ensureChromium, ensureDependencies, ensureFirefox, ensureWebKit, newestMtime, webKitVersion } from './ensure-setup.mjs';
import { setWebKitViewport, startWebKitDriver, webKitCapabilities } from './webkit.mjs';

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

/**
 * Serves the build; with `inject` (WebKit), puts that script first in iframe.html's <head> and
 * serves NARROW_FRAME_PATH.
 */
function serve(root, { inject = null } = {}) {
  const server = createServer((request, response) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (inject && pathname === NARROW_FRAME_PATH) {
      response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' }).end(narrowFramePage(searchParams.get('src') ?? ''));
      return;
    }
    if (inject && pathname === '/iframe.html') {
      const page = readFileSync(join(root, 'iframe.html'), 'utf8').replace(/<head>/i, (head) => `${head}<script>${inject}</script>`);
      response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' }).end(page);
      return;
    }
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

// ---- the browsers --------------------------------------------------------------------------------

/** The helpers every story page gets before its own scripts run (globalThis.__smoke). */
const SMOKE_HELPERS = `globalThis.__smoke = { renderPhase: ${renderPhase}, anyBusy: ${anyBusy}, shownError: ${shownError} };`;

/**
 * For WebKit, which WebDriver classic gives no console or page-error events: what the page itself
 * sees, recorded from the first script of iframe.html on (console.error calls, uncaught errors,
 * unhandled rejections). The server puts it, with SMOKE_HELPERS, at the top of iframe.html.
 */
const PAGE_RECORDER = `(() => {
  const messages = (globalThis.__smokeMessages = []);
  const text = (value) => {
    if (value instanceof Error) return value.message;
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value); } catch { return String(value); }
  };
  const consoleError = console.error;
  console.error = function (...args) {
    messages.push({ kind: 'console error', text: args.map(text).join(' ') });
    return consoleError.apply(this, args);
  };
  addEventListener('error', (event) => {
    if (event instanceof ErrorEvent) messages.push({ kind: 'page error', text: event.error ? text(event.error) : event.message });
  }, true);
  addEventListener('unhandledrejection', (event) => messages.push({ kind: 'page error', text: text(event.reason) }));
})();`;

/** The narrow-screen page for WebKit (whose window stops at 447 px): the story in a 320 px frame. */
const NARROW_FRAME_PATH = '/__smoke-narrow.html';

function narrowFramePage(src) {
  const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Narrow screen</title><style>html, body { margin: 0; }</style></head><body><iframe id="story" title="story" style="border: 0; display: block; width: ${NARROW.width}px; height: ${NARROW.height}px" src="${escaped}"></iframe></body></html>`;
}

/**
 * Chromium or Firefox through puppeteer-core (Firefox over WebDriver BiDi): a page per story,
 * console and page errors from the browser's own events.
 */
async function puppeteerEngine(engine, base, firstStoryUrl) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser =
    engine === 'chromium'
      ? await puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_FLAGS })
      : await puppeteer.launch({ browser: 'firefox', executablePath: ensureFirefox(), headless: true });
  try {
    // MSW's service worker unregisters itself when its last page closes, which every navigation
    // from one story to the next would do; a second page kept open on a story keeps it alive.
    const anchor = await browser.newPage();
    await anchor.goto(firstStoryUrl, { waitUntil: 'load', timeout: STORY_TIMEOUT_MS });
    await anchor.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), { timeout: STORY_TIMEOUT_MS, polling: 100 });

    const page = await browser.newPage();
    await page.bringToFront();
    await page.evaluateOnNewDocument(SMOKE_HELPERS);
    let messages = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location()?.url;
      messages.push({ kind: 'console error', text: message.text(), where: where && !message.text().includes(where) ? where.replace(base, '') : undefined });
    });
    page.on('pageerror', (error) => messages.push({ kind: 'page error', text: error?.message ?? String(error) }));
    const label = `${engine === 'chromium' ? 'Chromium' : 'Firefox'} ${(await browser.version()).replace(/^[A-Za-z]+\//, '')}`;
    return {
      label,
      async open(url, viewport) {
        await page.setViewport(viewport);
        await page.goto(url, { waitUntil: 'load', timeout: STORY_TIMEOUT_MS });
      },
      async waitFor(fn, timeout) {
        await page.waitForFunction(fn, { timeout, polling: 100 });
      },
      evaluate: (fn, ...args) => page.evaluate(fn, ...args),
      addScript: (content) => page.addScriptTag({ content }),
      takeMessages() {
        const taken = messages;
        messages = [];
        return taken;
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

/**
 * WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver and webdriverio: the window's top-level
 * page per story, or a 320 px frame inside a wrapper page for narrow stories; console and page
 * errors from PAGE_RECORDER, which the server injects.
 */
async function webkitEngine(engine, base, firstStoryUrl) {
  const { remote } = await import('webdriverio');
  const webkit = ensureWebKit();
  const driver = await startWebKitDriver({ driver: webkit.driver });
  let session;
  try {
    session = await remote({ ...driver.connection, logLevel: 'error', capabilities: webKitCapabilities(webkit.browser) });
    await session.setTimeout({ script: STORY_TIMEOUT_MS, pageLoad: STORY_TIMEOUT_MS });
    // A second window stays on a story to keep MSW's service worker alive (see puppeteerEngine);
    // the stories open in the first one.
    const storyWindow = await session.getWindowHandle();
    const { handle } = await session.createWindow('window');
    await session.switchToWindow(handle);
    await session.navigateTo(firstStoryUrl);
    await waitUntilTrue(session, () => Boolean(navigator.serviceWorker?.controller), STORY_TIMEOUT_MS, 'MSW service worker');
    await session.switchToWindow(storyWindow);
    await session.navigateTo('about:blank');
    await setWebKitViewport(session, DESKTOP);
    const label = `WebKitGTK ${webKitVersion() ?? session.capabilities.browserVersion}`;
    let inFrame = false;
    return {
      label,
      async open(url) {
        // Narrow stories (tags viewport-320) open at 320 px in a frame: the window stays 1280 px.
        const narrow = new URL(url).searchParams.get('smoke-narrow') === '1';
        if (inFrame) await session.switchFrame(null);
        inFrame = false;
        if (!narrow) {
          await session.navigateTo(url);
          return;
        }
        await session.navigateTo(`${base}${NARROW_FRAME_PATH}?src=${encodeURIComponent(url)}`);
        await session.switchFrame(await session.$('#story'));
        inFrame = true;
        await waitUntilTrue(session, () => document.readyState === 'complete' && location.pathname === '/iframe.html', STORY_TIMEOUT_MS, 'the story frame');
      },
      waitFor: (fn, timeout) => waitUntilTrue(session, fn, timeout),
      evaluate: (fn, ...args) => evaluateIn(session, fn, args),
      addScript: (content) =>
        evaluateIn(session, (source) => {
          const script = document.createElement('script');
          script.textContent = source;
          document.head.append(script);
        }, [content]),
      takeMessages: () => evaluateIn(session, () => (globalThis.__smokeMessages ?? []).splice(0), []),
      async close() {
        await session.deleteSession().catch(() => {});
        await driver.stop();
      },
    };
  } catch (error) {
    await session?.deleteSession().catch(() => {});
    await driver.stop();
    throw error;
  }
}

/** Runs `fn` (its source, with JSON arguments) in the page through WebDriver; awaits a promise it returns. */
async function evaluateIn(session, fn, args) {
  const result = await session.executeAsync(
    (source, values, done) => {
      Promise.resolve()
        .then(() => (0, eval)(`(${source})`)(...values))
        .then(
          (value) => done({ ok: true, value: value === undefined ? null : value }),
          (error) => done({ ok: false, error: String(error?.stack ?? error) }),
        );
    },
    fn.toString(),
    args,
  );
  if (!result?.ok) throw new Error(result?.error ?? 'no result from the page');
  return result.value;
}

/** Polls `fn` in the page every 100 ms until it returns something truthy; throws after `timeout` ms. */
async function waitUntilTrue(session, fn, timeout, what = 'the page') {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await evaluateIn(session, fn, []).catch(() => false);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waiting for ${what} timed out after ${timeout} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

const ENGINES = { chromium: puppeteerEngine, firefox: puppeteerEngine, webkit: webkitEngine };

/** MK_BROWSERS=chromium, firefox, webkit (or a comma-separated list) narrows the run; npm test runs all three. */
function chosenEngines() {
  const names = process.env.MK_BROWSERS ? process.env.MK_BROWSERS.split(',').map((name) => name.trim().toLowerCase()) : Object.keys(ENGINES);
  const unknown = names.filter((name) => !(name in ENGINES));
  if (unknown.length > 0) {
    console.error(`storybook-smoke: MK_BROWSERS names no browser ${unknown.join(', ')} (use ${Object.keys(ENGINES).join(', ')}).`);
    process.exit(1);
  }
  return names;
}

// ---- main -----------------------------------------------------------------------------------------

/** Opens every story in one engine; resolves to { passed, failed, todos }. */
async function smokeEngine(engine, stories, axeSource) {
  const server = await serve(resolve(STATIC_DIR), { inject: engine === 'webkit' ? `${SMOKE_HELPERS}\n${PAGE_RECORDER}` : null });
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}`;
  const storyUrl = (story, narrow = false) =>
    `${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=a11y.manual:!true${narrow ? '&smoke-narrow=1' : ''}`;
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let todos = 0;
  let notFound = [];
  server.on('not-found', (pathname) => notFound.push({ kind: 'not found', text: pathname }));
  let browser;
  try {
    browser = await ENGINES[engine](engine, base, storyUrl(stories[0]));
  } catch (error) {
    server.close();
    console.log(`✗ [${engine}] could not start: ${error?.message ?? error}`);
    return { passed: 0, failed: 1, todos: 0 };
  }

  try {
    console.log(`storybook-smoke: ${stories.length} stories, ${browser.label}, ${base}`);
    for (const story of stories) {
      const tags = new Set(story.tags ?? []);
      const problems = [];
      const warnings = [];
      const messages = [];
      const storyStarted = Date.now();
      notFound = [];
      browser.takeMessages();
      try {
        // a11y.manual: the addon's own axe run is skipped; the same checks run below, once settled.
        const narrow = tags.has('viewport-320');
        await browser.open(storyUrl(story, narrow), narrow ? NARROW : DESKTOP);
        await browser.waitFor(() => ['finished', 'errored', 'aborted'].includes(globalThis.__smoke.renderPhase()), STORY_TIMEOUT_MS);
        const phase = await browser.evaluate(() => globalThis.__smoke.renderPhase());
        if (phase !== 'finished') problems.push(`render ${phase}: ${await browser.evaluate(() => globalThis.__smoke.shownError())}`);
        if (narrow) {
          const width = await browser.evaluate(() => innerWidth);
          if (width !== NARROW.width) problems.push(`opened ${width} px wide, not ${NARROW.width}`);
        }

        if (tags.has('loading-state')) {
          await new Promise((resolvePromise) => setTimeout(resolvePromise, 1000));
          if (!(await browser.evaluate(() => globalThis.__smoke.anyBusy()))) problems.push('loading state: nothing is aria-busy any more');
        } else {
          const settled = await browser
            .waitFor(() => !globalThis.__smoke.anyBusy(), DATA_TIMEOUT_MS)
            .then(() => true)
            .catch(() => false);
          if (!settled) problems.push(`still aria-busy after ${DATA_TIMEOUT_MS / 1000} s`);
        }
        await new Promise((resolvePromise) => setTimeout(resolvePromise, SETTLE_MS));

        if (!(await browser.evaluate(() => typeof globalThis.axe === 'object'))) await browser.addScript(axeSource);
        const axe = await browser.evaluate(runAxe, AXE_EXCLUDE, AXE_DISABLED_RULES);
        for (const violation of axe.violations) {
          (axe.todo ? warnings : problems).push(`axe ${violation.id} (${violation.impact}): ${violation.help} at ${violation.targets.join(', ')}`);
        }
        messages.push(...(await browser.takeMessages()));
      } catch (error) {
        problems.push(`could not check: ${error?.message ?? error}`);
      }
      for (const message of [...notFound, ...messages]) {
        if (message.kind === 'console error' && tags.has('http-error') && EXPECTED_HTTP_ERROR.test(message.text)) continue;
        problems.push(`${message.kind}: ${message.text.split('\n')[0]}${message.where ? ` (${message.where})` : ''}`);
      }

      const seconds = ((Date.now() - storyStarted) / 1000).toFixed(1);
      if (problems.length === 0) {
        passed += 1;
        console.log(`✓ [${engine}] ${story.id} (${seconds} s)`);
        for (const warning of warnings) console.log(`    a11y todo (not failing): ${warning}`);
        todos += warnings.length;
      } else {
        failed += 1;
        console.log(`✗ [${engine}] ${story.id} (${seconds} s)`);
        for (const problem of problems) console.log(`    ${problem}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  console.log(
    `storybook-smoke: ${browser.label}: ${stories.length} stories in ${((Date.now() - started) / 1000).toFixed(1)} s, ${passed} passed, ${failed} failed` +
      (todos > 0 ? `; ${todos} known a11y violation(s) in stories marked a11y.test 'todo'` : ''),
  );
  return { passed, failed, todos };
}

async function main() {
  ensureDependencies();
  const engines = chosenEngines();
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
  let passed = 0;
  let failed = 0;
  for (const engine of engines) {
    const result = await smokeEngine(engine, stories, axeSource);
    passed += result.passed;
    failed += result.failed;
  }

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

// The CloudStack plugin example (examples/cloudstack-plugin/): its servers and its browser test.
//
//   node scripts/examples/cloudstack.mjs           the test (headless Chromium and Firefox ESR, and WebKit;
//                                                  MK_BROWSERS narrows it), exit 1 on failure
//   node scripts/examples/cloudstack.mjs --serve   the servers on 5180-5182 until Ctrl-C
//
// Three local servers, like a real deployment:
//   plugin  (5180)  the plugin page (plugin.html, plugin.js, plugin.css, assets/mk-widgets.js from
//                   dist/), served with a strict Content-Security-Policy; /api/v1 proxied to the
//                   mock OMA; POST /csp-report records violation reports.
//   parent  (5181)  a stand-in for the CloudStack UI (parent.html, parent.js): frames the plugin
//                   from the other origin, hands it the OMA token, shows the messages it receives.
//   mock OMA (5182) the project's demo server (scripts/start.mjs) with MOCK_OMA_TOKEN, so every
//                   /api/v1/vm-contexts request needs `Authorization: Bearer <token>`.
//
// scripts/test-examples.mjs imports this module and calls test() or serve().
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS, ensureBuild, ensureChromium, ensureFirefox, ensureWebKit, untilInterrupted } from '../ensure-setup.mjs';
import { startWebKitDriver, webKitCapabilities } from '../webkit.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE_DIR = join(ROOT, 'examples', 'cloudstack-plugin');
const DIST = join(ROOT, 'dist');
/** dist/mk-widgets.js and its on-demand locale files (dist/mk-widgets.de.js), served as /assets/…. */
const BUNDLE_FILE = /^\/assets\/(mk-widgets(?:\.[a-z-]+)?\.js)$/;
const HOST = '127.0.0.1';
/** The token the mock OMA demands and the parent page hands to the plugin. */
const OMA_TOKEN = 'secret';
const SERVE_PORTS = { plugin: 5180, parent: 5181, mock: 5182 };
const REPORT_PATH = '/csp-report';

// ---- the Content-Security-Policies ---------------------------------------------------------------

/**
 * The plugin page's policy. Nothing inline and no eval; Trusted Types required, with one policy
 * name: Lit's (`lit-html`, the only thing that writes HTML, from its own template strings). Lit
 * adopts its styles as constructable stylesheets, so style-src 'self' is enough.
 */
export function pluginCsp(parentOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${parentOrigin}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
    `report-uri ${REPORT_PATH}`,
  ].join('; ');
}

/** The parent page's policy: it creates no HTML from strings at all, so no Trusted Types policy. */
export function parentCsp(pluginOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    `frame-src ${pluginOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
    `report-uri ${REPORT_PATH}`,
  ].join('; ');
}

// ---- servers -------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

function listen(server, port) {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolveListen(server.address().port);
    });
  });
}

function closeServer(server) {
  return new Promise((resolveClose) => {
    if (!server.listening) return resolveClose();
    server.closeAllConnections();
    server.close(() => resolveClose());
  });
}

const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** The project's demo server (Vite + the mock OMA) on `port`, demanding OMA_TOKEN. */
async function startMockOma(port) {
  const output = [];
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, HOST, PORT: String(port), MOCK_OMA_TOKEN: OMA_TOKEN, OPEN: '0', OMA_URL: '', OMA_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => output.push(String(chunk)));
  child.stderr.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit(code ?? signal)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/api/v1/vm-contexts/db02`, { headers: { authorization: `Bearer ${OMA_TOKEN}` } });
      if (response.ok) return { url, port, stop, output };
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  await stop();
  throw new Error(`the mock OMA (node scripts/start.mjs, PORT=${port}) did not start:\n${output.join('').slice(-2000)}`);
}

const STATIC_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function sendFile(res, file, headers = {}) {
  let body;
  try {
    body = readFileSync(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const type = STATIC_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers }).end(body);
}

/** An HTML page as sendFile() sends it; with `recorder`, RECORDER_PATH's script first in its <head>. */
function sendPage(res, file, recorder, headers) {
  if (!recorder) return sendFile(res, file, headers);
  const page = readFileSync(file, 'utf8').replace(/<head>/i, (head) => `${head}<script src="${RECORDER_PATH}"></script>`);
  res.writeHead(200, { 'content-type': STATIC_TYPES['.html'], 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers }).end(page);
}

function readBody(req) {
  return new Promise((resolveBody, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Violation reports, `report-uri` (one object) or `report-to` (an array of reports) alike. */
function parseReports(body, origin) {
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    return [{ origin, via: 'unparsable', directive: '?', blocked: '', document: '', sample: body.slice(0, 200) }];
  }
  if (Array.isArray(json)) {
    return json
      .filter((report) => report?.type === 'csp-violation')
      .map((report) => ({
        origin,
        via: 'report-to',
        directive: report.body?.effectiveDirective ?? '?',
        blocked: report.body?.blockedURL ?? '',
        document: report.body?.documentURL ?? report.url ?? '',
        sample: report.body?.sample ?? '',
      }));
  }
  const report = json?.['csp-report'] ?? {};
  return [
    {
      origin,
      via: 'report-uri',
      directive: report['effective-directive'] ?? report['violated-directive'] ?? '?',
      blocked: report['blocked-uri'] ?? '',
      document: report['document-uri'] ?? '',
      sample: report['script-sample'] ?? '',
    },
  ];
}

async function handleReport(req, res, origin, state) {
  const body = await readBody(req);
  for (const report of parseReports(body, origin)) {
    state.reports.push(report);
    state.onReport?.(report);
  }
  res.writeHead(204).end();
}

/** /api/v1 → the mock OMA, headers the widgets send passed on; counts answers by status. */
function proxyApi(req, res, mockPort, state) {
  const headers = {};
  for (const name of ['accept', 'accept-language', 'authorization', 'content-type']) {
    if (req.headers[name]) headers[name] = req.headers[name];
  }
  const upstream = http.request({ host: HOST, port: mockPort, method: req.method, path: req.url, headers }, (answer) => {
    const status = answer.statusCode ?? 502;
    state.api.push({ path: req.url, status, authorized: Boolean(headers.authorization) });
    const passed = {};
    for (const name of ['content-type', 'cache-control']) if (answer.headers[name]) passed[name] = answer.headers[name];
    res.writeHead(status, passed);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    state.api.push({ path: req.url, status: 502, authorized: Boolean(headers.authorization) });
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `OMA unreachable: ${error.message}`, timestamp: new Date().toISOString() }));
  });
  req.pipe(upstream);
}

/**
 * Starts the mock OMA, the plugin server and the parent server (port 0 = any free port).
 * Returns their URLs, the recorded violation reports and API answers, and close().
 */
export async function startServers({ pluginPort = 0, parentPort = 0, mockPort } = {}) {
  // recorder: WebKit's run (WebDriver classic has no script-before-the-page and no console events)
  // puts RECORDER_PATH first in plugin.html and parent.html; the CSP allows it ('self').
  const state = { reports: [], api: [], assets: [], onReport: undefined, recorder: false };
  const mock = await startMockOma(mockPort ?? (await freePort()));
  const origins = { plugin: '', parent: '' };

  const plugin = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && path === REPORT_PATH) return void handleReport(req, res, origins.plugin, state);
    if (path.startsWith('/api/v1/')) return proxyApi(req, res, mock.port, state);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (path === '/') return void res.writeHead(302, { location: '/plugin.html?vm=pgtest1' }).end();
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path === RECORDER_PATH) return void res.writeHead(200, { 'content-type': STATIC_TYPES['.js'], 'cache-control': 'no-store' }).end(RECORDER);
    if (path === '/plugin.html') {
      return sendPage(res, join(EXAMPLE_DIR, 'plugin.html'), state.recorder, { 'content-security-policy': pluginCsp(origins.parent) });
    }
    if (path === '/plugin.js' || path === '/plugin.css') return sendFile(res, join(EXAMPLE_DIR, path.slice(1)));
    const bundleFile = BUNDLE_FILE.exec(path)?.[1];
    if (bundleFile) {
      state.assets.push(path);
      return sendFile(res, join(DIST, bundleFile));
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  });

  const parent = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && path === REPORT_PATH) return void handleReport(req, res, origins.parent, state);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (path === '/') return void res.writeHead(302, { location: '/parent.html' }).end();
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path === RECORDER_PATH) return void res.writeHead(200, { 'content-type': STATIC_TYPES['.js'], 'cache-control': 'no-store' }).end(RECORDER);
    if (path === '/parent.html') {
      return sendPage(res, join(EXAMPLE_DIR, 'parent.html'), state.recorder, { 'content-security-policy': parentCsp(origins.plugin) });
    }
    if (path === '/parent.js' || path === '/parent.css') return sendFile(res, join(EXAMPLE_DIR, path.slice(1)));
    if (path === '/host-config.json') {
      const config = { pluginUrl: `${origins.plugin}/plugin.html`, omaToken: OMA_TOKEN };
      return void res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(config));
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  });

  try {
    origins.plugin = `http://${HOST}:${await listen(plugin, pluginPort)}`;
    origins.parent = `http://${HOST}:${await listen(parent, parentPort)}`;
  } catch (error) {
    await Promise.all([closeServer(plugin), closeServer(parent), mock.stop()]);
    throw error;
  }

  return {
    pluginOrigin: origins.plugin,
    parentOrigin: origins.parent,
    parentUrl: `${origins.parent}/parent.html`,
    mockUrl: mock.url,
    state,
    async close() {
      await Promise.all([closeServer(plugin), closeServer(parent), mock.stop()]);
    },
  };
}

// ---- the test ------------------------------------------------------------------------------------

/** Runs in every frame before its own scripts: records `securitypolicyviolation` events. */
function recordViolations() {
  window.__mkViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__mkViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
  });
}

/**
 * Runs in the plugin frame: tries eval, an inline script, an inline <style>, a style attribute and a
 * fetch to another origin, from a task of the page's own (code that a driver evaluates may be
 * exempt from the CSP); resolves to what happened to each.
 */
function cspProbe(otherOrigin) {
  return new Promise((resolveOutcome) => {
    setTimeout(async () => {
      const result = {};
      try {
        result.eval = String(eval('1 + 1'));
      } catch (error) {
        result.eval = error.name;
      }
      const script = document.createElement('script');
      script.append(document.createTextNode('window.__mkInlineRan = true;'));
      document.body.append(script);
      result.inlineScript = window.__mkInlineRan === true ? 'ran' : 'blocked';
      script.remove();
      const probe = document.createElement('p');
      probe.className = 'mk-csp-probe';
      document.body.append(probe);
      const style = document.createElement('style');
      style.textContent = '.mk-csp-probe { color: rgb(1, 2, 3); }';
      document.head.append(style);
      result.inlineStyleElement = getComputedStyle(probe).color === 'rgb(1, 2, 3)' ? 'applied' : 'blocked';
      style.remove();
      probe.setAttribute('style', 'color: rgb(4, 5, 6)');
      result.inlineStyleAttribute = getComputedStyle(probe).color === 'rgb(4, 5, 6)' ? 'applied' : 'blocked';
      probe.remove();
      try {
        await fetch(`${otherOrigin}/host-config.json`);
        result.connect = 'allowed';
      } catch {
        result.connect = 'blocked';
      }
      resolveOutcome(result);
    }, 0);
  });
}

/**
 * The recorder for WebKit, as a same-origin script file: CSP violation events (recordViolations),
 * console.error calls, uncaught errors and unhandled rejections of the page it is first in.
 */
const RECORDER_PATH = '/__mk-test-recorder.js';
const RECORDER = `(${recordViolations})();
window.__mkConsoleErrors = [];
window.__mkPageErrors = [];
const mkConsoleError = console.error;
console.error = function (...args) {
  window.__mkConsoleErrors.push(args.map(String).join(' '));
  return mkConsoleError.apply(this, args);
};
addEventListener('error', (event) => {
  if (event instanceof ErrorEvent) window.__mkPageErrors.push(event.message);
}, true);
addEventListener('unhandledrejection', (event) => window.__mkPageErrors.push(String(event.reason)));
`;

const INLINE_PATTERNS = [
  [/<script\b(?![^>]*\bsrc=)[^>]*>/i, 'an inline <script>'],
  [/<style\b/i, 'a <style> element'],
  [/\sstyle\s*=/i, 'a style attribute'],
  [/\son[a-z]+\s*=/i, 'an on… event-handler attribute'],
  [/javascript:/i, 'a javascript: URL'],
];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * The checks in the browser, in Chromium or Firefox (puppeteer-core; Firefox over WebDriver BiDi);
 * webkitChecks() below does the same through WebDriver classic.
 * `checkIn(name, fn)` records one check. The CSP checks expect what each engine reports.
 */
async function browserChecks(engine, browser, servers, checkIn) {
  const { state, pluginOrigin, parentUrl } = servers;
  const page = await browser.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location()?.url ?? '?'})`);
  });
  page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
  await page.evaluateOnNewDocument(recordViolations);

  await page.goto(`${parentUrl}?vm=pgtest1`, { waitUntil: 'load' });
  const frame = await page.waitForFrame((candidate) => candidate.url().startsWith(`${pluginOrigin}/plugin.html`), { timeout: 15_000 });
  const messages = async (type) =>
    page.$$eval(`#log li[data-type="${type}"]`, (items) => items.map((item) => JSON.parse(item.dataset.detail ?? 'null')));

  await checkIn('in the iframe, the banner shows "Last Operation Failed" for pgtest1', async () => {
    await frame
      .waitForFunction(shadowText, { timeout: 15_000 }, 'mk-operation-error-banner', 'Last Operation Failed')
      .catch(async () => {
        throw new Error(`banner text after 15 s: "${await frame.evaluate(shadowText, 'mk-operation-error-banner')}"`);
      });
    const text = await frame.evaluate(shadowText, 'mk-operation-error-banner');
    assert(text.includes('Test Failover failed at step 3 of 5 (60%)'), `no "Test Failover failed at step 3 of 5 (60%)" in: ${text}`);
  });

  await checkIn('in the iframe, the list shows the VM\'s operations (the failed test failover first)', async () => {
    await frame.waitForFunction(() => (document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelectorAll('[part~="row"]').length ?? 0) > 0, { timeout: 15_000 });
    const rows = await frame.evaluate(() =>
      [...document.querySelector('mk-unified-job-list').shadowRoot.querySelectorAll('[part~="row"]')].map((row) => ({
        failed: row.matches('[part~="row-failed"]'),
        text: row.textContent.replace(/\s+/g, ' ').trim(),
      })),
    );
    assert(rows.length >= 2, `expected several rows, got ${rows.length}`);
    assert(rows[0].failed && rows[0].text.includes('Test Failover'), `first row is not the failed test failover: ${rows[0].text}`);
  });

  await checkIn('the plugin asked the parent for the token and every API request carried it', async () => {
    const ready = await messages('ready');
    assert(ready.length === 1 && ready[0]?.vmName === 'pgtest1', `parent got ready messages: ${JSON.stringify(ready)}`);
    assert(state.api.length > 0, 'no API request reached the plugin server');
    const bad = state.api.filter((answer) => !answer.authorized || answer.status !== 200);
    assert(bad.length === 0, `requests without the token or not 200: ${JSON.stringify(bad)}`);
  });

  await checkIn('Try Live Failover in the banner reaches the parent page by postMessage, with the detail', async () => {
    const button = await frame.waitForSelector('mk-operation-error-banner >>> .actions button.primary', { timeout: 5000 });
    assert((await button.evaluate((node) => node.textContent.trim())) === 'Try Live Failover', 'the primary banner button is not Try Live Failover');
    await button.click();
    await page.waitForSelector('#log li[data-type="try-live-failover"]', { timeout: 5000 });
    const [detail] = await messages('try-live-failover');
    const expected = { vmName: 'pgtest1', jobId: 'e5de9b1b-5159-49e2-95e5-be644da2b7fb', operationType: 'test_failover', source: 'banner' };
    for (const [key, value] of Object.entries(expected)) assert(detail?.[key] === value, `detail.${key} is ${JSON.stringify(detail?.[key])}, expected ${JSON.stringify(value)}`);
    assert(typeof detail.contextId === 'string' && detail.contextId.length > 0, `no contextId in ${JSON.stringify(detail)}`);
    const status = await page.$eval('#action', (node) => node.textContent);
    assert(status.includes('pgtest1'), `the parent did not act on it: "${status}"`);
  });

  await checkIn('"View details" in the list opens the details modal (dialog open), Escape closes it', async () => {
    // The banner above shows this failure in full, so the list's row is folded: "What you can do" opens it.
    const toggle = await frame.waitForSelector('mk-unified-job-list >>> [part~="row-failed"] .more-toggle', { timeout: 5000 });
    await toggle.click();
    const button = await frame.waitForSelector('mk-unified-job-list >>> [part~="row-failed"] .actions button:not(.primary)', { visible: true, timeout: 5000 });
    await button.click();
    await frame.waitForFunction(
      () => {
        const modal = document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelector('mk-job-error-modal');
        return modal?.open === true && modal.shadowRoot?.querySelector('dialog')?.open === true;
      },
      { timeout: 5000 },
    );
    const text = await frame.evaluate(() => document.querySelector('mk-unified-job-list').shadowRoot.querySelector('mk-job-error-modal').shadowRoot.querySelector('dialog').textContent);
    assert(/Test Failover/.test(text) && /KVM driver installation failed/.test(text), `the dialog does not show the failed test failover: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    await page.keyboard.press('Escape');
    await frame.waitForFunction(() => !document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog[open]'), { timeout: 5000 });
  });

  await checkIn('Dismiss in the banner hides it and reaches the parent page with the detail', async () => {
    // The first button the banner shows ("What you can do" only shows when it is folded).
    const button = await frame.waitForSelector('mk-operation-error-banner >>> .actions button:not(.more-toggle)', { visible: true, timeout: 5000 });
    assert((await button.evaluate((node) => node.textContent.trim())) === 'Dismiss', 'the first banner button is not Dismiss');
    await button.click();
    await page.waitForSelector('#log li[data-type="dismiss"]', { timeout: 5000 });
    const [detail] = await messages('dismiss');
    assert(detail?.vmName === 'pgtest1' && detail?.jobId === 'e5de9b1b-5159-49e2-95e5-be644da2b7fb', `detail: ${JSON.stringify(detail)}`);
    await frame.waitForFunction(() => !document.querySelector('mk-operation-error-banner')?.shadowRoot?.querySelector('[part="base"]'), { timeout: 5000 });
  });

  await checkIn('no CSP violation: no report reached the endpoint, no securitypolicyviolation event, no console or page error', async () => {
    await sleep(1500); // reports are sent asynchronously
    const frameViolations = await frame.evaluate(() => window.__mkViolations ?? ['(recorder missing)']);
    const parentViolations = await page.evaluate(() => window.__mkViolations ?? ['(recorder missing)']);
    const problems = [
      ...state.reports.map((report) => `report (${report.via}) from ${report.document}: ${report.directive} blocked ${report.blocked || '?'} ${report.sample}`),
      ...frameViolations.map((violation) => `plugin frame event: ${JSON.stringify(violation)}`),
      ...parentViolations.map((violation) => `parent page event: ${JSON.stringify(violation)}`),
      ...consoleErrors.map((text) => `console error: ${text}`),
      ...pageErrors.map((text) => `page error: ${text}`),
    ];
    assert(problems.length === 0, problems.join('\n'));
  });

  await checkIn('negative control: the CSP is enforced in the plugin frame (eval, inline script, inline style, foreign connect blocked and reported)', async () => {
    const before = state.reports.length;
    // Run from a task of the page's own: code evaluated through DevTools may eval freely.
    const outcome = await frame.evaluate(cspProbe, servers.parentOrigin);
    const expected = { eval: 'EvalError', inlineScript: 'blocked', inlineStyleElement: 'blocked', inlineStyleAttribute: 'blocked', connect: 'blocked' };
    for (const [key, value] of Object.entries(expected)) assert(outcome[key] === value, `${key}: ${outcome[key]}, expected ${value}`);
    // What each attempt must trip: [directive, sample or blocked-URI prefix].
    const wanted = [
      ['require-trusted-types-for', 'eval|'],
      ['require-trusted-types-for', 'HTMLScriptElement text|'],
      ['style-src-elem', 'inline'],
      ['style-src-attr', 'inline'],
      ['connect-src', servers.parentOrigin],
    ];
    const matches = (list) => (directive, what) => list.some((item) => item.directive === directive && (item.sample.startsWith(what) || item.blocked.startsWith(what)));
    const events = await frame.evaluate(() => window.__mkViolations);
    const missingEvents = wanted.filter(([directive, what]) => !matches(events)(directive, what));
    assert(missingEvents.length === 0, `no securitypolicyviolation event for ${JSON.stringify(missingEvents)}; got ${JSON.stringify(events)}`);
    const fromPlugin = () => state.reports.slice(before).filter((report) => report.document.startsWith(`${pluginOrigin}/plugin.html`));
    const missingReports = () => wanted.filter(([directive, what]) => !matches(fromPlugin())(directive, what));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && missingReports().length > 0) await sleep(100);
    assert(missingReports().length === 0, `no report at ${REPORT_PATH} for ${JSON.stringify(missingReports())}; got ${JSON.stringify(fromPlugin())}`);
  });

  await checkIn('?lang=de: the plugin loads the German strings on demand (assets/mk-widgets.de.js, which the English page never fetched) under the same CSP', async () => {
    assert(state.assets.includes('/assets/mk-widgets.js'), `the English page fetched: ${state.assets.join(', ') || 'nothing'}`);
    assert(!state.assets.includes('/assets/mk-widgets.de.js'), `the English page fetched the German file: ${state.assets.join(', ')}`);
    // A fresh profile: the English page dismissed the banner, and that is stored.
    const germanContext = await browser.createBrowserContext();
    const germanPage = await germanContext.newPage();
    const errors = [];
    germanPage.on('console', (message) => message.type() === 'error' && errors.push(`console error: ${message.text()}`));
    germanPage.on('pageerror', (error) => errors.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
    await germanPage.evaluateOnNewDocument(recordViolations);
    const reportsBefore = state.reports.length;
    state.assets.length = 0;
    try {
      await germanPage.goto(`${parentUrl}?vm=pgtest1&lang=de`, { waitUntil: 'load' });
      const germanFrame = await germanPage.waitForFrame((candidate) => candidate.url().startsWith(`${pluginOrigin}/plugin.html`), { timeout: 15_000 });
      await germanFrame
        .waitForFunction(shadowText, { timeout: 15_000 }, 'mk-operation-error-banner', 'Letzter Vorgang fehlgeschlagen')
        .catch(async () => {
          throw new Error(`banner text after 15 s: "${await germanFrame.evaluate(shadowText, 'mk-operation-error-banner')}"`);
        });
      const german = state.assets.filter((path) => path === '/assets/mk-widgets.de.js').length;
      assert(german === 1, `the German file was fetched ${german} times; the plugin page fetched: ${state.assets.join(', ') || 'nothing'}`);
      const violations = await germanFrame.evaluate(() => window.__mkViolations ?? ['(recorder missing)']);
      const problems = [...state.reports.slice(reportsBefore).map((report) => `report: ${report.directive} blocked ${report.blocked}`), ...violations.map((v) => JSON.stringify(v)), ...errors];
      assert(problems.length === 0, problems.join('\n'));
    } finally {
      await germanContext.close();
    }
  });
}

/**
 * The same checks in WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver and webdriverio:
 * clicks and keys are WebDriver's; violations, console and page errors come from the recorder the
 * servers put first in both pages (state.recorder). WebKit gives a Trusted Types violation report
 * no sample (the policy has no 'report-sample'), so the negative control counts WebKit's reports by
 * directive and blocked URI there.
 */
async function webkitChecks(servers, checkIn) {
  const { state, pluginOrigin, parentUrl } = servers;
  const { remote } = await import('webdriverio');
  const webkit = ensureWebKit();
  const driver = await startWebKitDriver({ driver: webkit.driver });
  const openSession = async () => {
    const session = await remote({ ...driver.connection, logLevel: 'error', capabilities: webKitCapabilities(webkit.browser) });
    await session.setTimeout({ script: 30_000, pageLoad: 30_000 });
    return session;
  };
  let session;
  state.recorder = true;
  try {
    session = await openSession();
    const waitIn = async (fn, args, timeout, what) => {
      const deadline = Date.now() + timeout;
      for (;;) {
        if (await session.execute(fn, ...args)) return;
        if (Date.now() > deadline) throw new Error(`waiting for ${what} timed out after ${timeout} ms`);
        await sleep(100);
      }
    };
    const toFrame = async () => {
      await session.switchFrame(null);
      await session.switchFrame(await session.$(`iframe[src^="${pluginOrigin}/plugin.html"]`));
    };
    const toParent = () => session.switchFrame(null);
    const messages = async (type) => {
      await toParent();
      return session.execute((kind) => [...document.querySelectorAll(`#log li[data-type="${kind}"]`)].map((item) => JSON.parse(item.dataset.detail ?? 'null')), type);
    };
    const recorded = () => session.execute(() => ({ violations: window.__mkViolations ?? ['(recorder missing)'], console: window.__mkConsoleErrors ?? [], page: window.__mkPageErrors ?? [] }));

    await session.navigateTo(`${parentUrl}?vm=pgtest1`);
    await waitIn((origin) => Boolean(document.querySelector(`iframe[src^="${origin}/plugin.html"]`)), [pluginOrigin], 15_000, 'the plugin frame');
    await toFrame();
    await waitIn(() => document.readyState === 'complete', [], 15_000, 'the plugin page');

    await checkIn('in the iframe, the banner shows "Last Operation Failed" for pgtest1', async () => {
      await toFrame();
      await waitIn(shadowText, ['mk-operation-error-banner', 'Last Operation Failed'], 15_000, 'the banner').catch(async () => {
        throw new Error(`banner text after 15 s: "${await session.execute(shadowText, 'mk-operation-error-banner')}"`);
      });
      const text = await session.execute(shadowText, 'mk-operation-error-banner');
      assert(text.includes('Test Failover failed at step 3 of 5 (60%)'), `no "Test Failover failed at step 3 of 5 (60%)" in: ${text}`);
    });

    await checkIn("in the iframe, the list shows the VM's operations (the failed test failover first)", async () => {
      await toFrame();
      await waitIn(() => (document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelectorAll('[part~="row"]').length ?? 0) > 0, [], 15_000, 'the rows');
      const rows = await session.execute(() =>
        [...document.querySelector('mk-unified-job-list').shadowRoot.querySelectorAll('[part~="row"]')].map((row) => ({
          failed: row.matches('[part~="row-failed"]'),
          text: row.textContent.replace(/\s+/g, ' ').trim(),
        })),
      );
      assert(rows.length >= 2, `expected several rows, got ${rows.length}`);
      assert(rows[0].failed && rows[0].text.includes('Test Failover'), `first row is not the failed test failover: ${rows[0].text}`);
    });

    await checkIn('the plugin asked the parent for the token and every API request carried it', async () => {
      const ready = await messages('ready');
      assert(ready.length === 1 && ready[0]?.vmName === 'pgtest1', `parent got ready messages: ${JSON.stringify(ready)}`);
      assert(state.api.length > 0, 'no API request reached the plugin server');
      const bad = state.api.filter((answer) => !answer.authorized || answer.status !== 200);
      assert(bad.length === 0, `requests without the token or not 200: ${JSON.stringify(bad)}`);
    });

    await checkIn('Try Live Failover in the banner reaches the parent page by postMessage, with the detail', async () => {
      await toFrame();
      const button = await session.$('mk-operation-error-banner').shadow$('.actions button.primary');
      await button.waitForDisplayed({ timeout: 5000 });
      assert((await button.getText()).trim() === 'Try Live Failover', 'the primary banner button is not Try Live Failover');
      await button.click();
      await toParent();
      await waitIn(() => Boolean(document.querySelector('#log li[data-type="try-live-failover"]')), [], 5000, 'the message in the parent');
      const [detail] = await messages('try-live-failover');
      const expected = { vmName: 'pgtest1', jobId: 'e5de9b1b-5159-49e2-95e5-be644da2b7fb', operationType: 'test_failover', source: 'banner' };
      for (const [key, value] of Object.entries(expected)) assert(detail?.[key] === value, `detail.${key} is ${JSON.stringify(detail?.[key])}, expected ${JSON.stringify(value)}`);
      assert(typeof detail.contextId === 'string' && detail.contextId.length > 0, `no contextId in ${JSON.stringify(detail)}`);
      const status = await session.execute(() => document.querySelector('#action')?.textContent ?? '');
      assert(status.includes('pgtest1'), `the parent did not act on it: "${status}"`);
    });

    await checkIn('"View details" in the list opens the details modal (dialog open), Escape closes it', async () => {
      await toFrame();
      const list = () => session.$('mk-unified-job-list');
      const toggle = await list().shadow$('[part~="row-failed"] .more-toggle');
      await toggle.waitForDisplayed({ timeout: 5000 });
      await toggle.click();
      const button = await list().shadow$('[part~="row-failed"] .actions button:not(.primary)');
      await button.waitForDisplayed({ timeout: 5000 });
      await button.click();
      const dialogOpen = () => {
        const modal = document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelector('mk-job-error-modal');
        return modal?.open === true && modal.shadowRoot?.querySelector('dialog')?.open === true;
      };
      await waitIn(dialogOpen, [], 5000, 'the dialog');
      const text = await session.execute(
        () => document.querySelector('mk-unified-job-list').shadowRoot.querySelector('mk-job-error-modal').shadowRoot.querySelector('dialog').textContent,
      );
      assert(/Test Failover/.test(text) && /KVM driver installation failed/.test(text), `the dialog does not show the failed test failover: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
      await session.performActions([{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: '\uE00C' }, { type: 'keyUp', value: '\uE00C' }] }]);
      await waitIn(() => !document.querySelector('mk-unified-job-list')?.shadowRoot?.querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog[open]'), [], 5000, 'the dialog to close');
    });

    await checkIn('Dismiss in the banner hides it and reaches the parent page with the detail', async () => {
      await toFrame();
      const button = await session.$('mk-operation-error-banner').shadow$('.actions button:not(.more-toggle)');
      await button.waitForDisplayed({ timeout: 5000 });
      assert((await button.getText()).trim() === 'Dismiss', 'the first banner button is not Dismiss');
      await button.click();
      await toParent();
      await waitIn(() => Boolean(document.querySelector('#log li[data-type="dismiss"]')), [], 5000, 'the message in the parent');
      const [detail] = await messages('dismiss');
      assert(detail?.vmName === 'pgtest1' && detail?.jobId === 'e5de9b1b-5159-49e2-95e5-be644da2b7fb', `detail: ${JSON.stringify(detail)}`);
      await toFrame();
      await waitIn(() => !document.querySelector('mk-operation-error-banner')?.shadowRoot?.querySelector('[part="base"]'), [], 5000, 'the banner to go');
    });

    await checkIn('no CSP violation: no report reached the endpoint, no securitypolicyviolation event, no console or page error', async () => {
      await sleep(1500); // reports are sent asynchronously
      await toFrame();
      const frame = await recorded();
      await toParent();
      const parent = await recorded();
      const problems = [
        ...state.reports.map((report) => `report (${report.via}) from ${report.document}: ${report.directive} blocked ${report.blocked || '?'} ${report.sample}`),
        ...frame.violations.map((violation) => `plugin frame event: ${JSON.stringify(violation)}`),
        ...parent.violations.map((violation) => `parent page event: ${JSON.stringify(violation)}`),
        ...[...frame.console, ...parent.console].map((text) => `console error: ${text}`),
        ...[...frame.page, ...parent.page].map((text) => `page error: ${text}`),
      ];
      assert(problems.length === 0, problems.join('\n'));
    });

    await checkIn('negative control: the CSP is enforced in the plugin frame (eval, inline script, inline style, foreign connect blocked and reported)', async () => {
      const before = state.reports.length;
      await toFrame();
      const outcome = await session.executeAsync(`const done = arguments[arguments.length - 1]; (${cspProbe})(arguments[0]).then(done);`, servers.parentOrigin);
      const expected = { eval: 'EvalError', inlineScript: 'blocked', inlineStyleElement: 'blocked', inlineStyleAttribute: 'blocked', connect: 'blocked' };
      for (const [key, value] of Object.entries(expected)) assert(outcome[key] === value, `${key}: ${outcome[key]}, expected ${value}`);
      // [directive, blocked URI prefix, how many]: eval and the script's text each trip Trusted Types.
      const wanted = [
        ['require-trusted-types-for', 'trusted-types-sink', 2],
        ['style-src-elem', 'inline', 1],
        ['style-src-attr', 'inline', 1],
        ['connect-src', servers.parentOrigin, 1],
      ];
      const missing = (list) => wanted.filter(([directive, blocked, count]) => list.filter((item) => item.directive === directive && item.blocked.startsWith(blocked)).length < count);
      const events = await session.execute(() => window.__mkViolations);
      assert(missing(events).length === 0, `no securitypolicyviolation event for ${JSON.stringify(missing(events))}; got ${JSON.stringify(events)}`);
      const fromPlugin = () => state.reports.slice(before).filter((report) => report.document.startsWith(`${pluginOrigin}/plugin.html`));
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && missing(fromPlugin()).length > 0) await sleep(100);
      assert(missing(fromPlugin()).length === 0, `no report at ${REPORT_PATH} for ${JSON.stringify(missing(fromPlugin()))}; got ${JSON.stringify(fromPlugin())}`);
    });

    await checkIn('?lang=de: the plugin loads the German strings on demand (assets/mk-widgets.de.js, which the English page never fetched) under the same CSP', async () => {
      assert(state.assets.includes('/assets/mk-widgets.js'), `the English page fetched: ${state.assets.join(', ') || 'nothing'}`);
      assert(!state.assets.includes('/assets/mk-widgets.de.js'), `the English page fetched the German file: ${state.assets.join(', ')}`);
      // A fresh profile (a new WebDriver session: a new MiniBrowser with its own data): the English page dismissed the banner, and that is stored.
      await session.deleteSession();
      session = await openSession();
      const reportsBefore = state.reports.length;
      state.assets.length = 0;
      await session.navigateTo(`${parentUrl}?vm=pgtest1&lang=de`);
      await waitIn((origin) => Boolean(document.querySelector(`iframe[src^="${origin}/plugin.html"]`)), [pluginOrigin], 15_000, 'the plugin frame');
      await toFrame();
      await waitIn(shadowText, ['mk-operation-error-banner', 'Letzter Vorgang fehlgeschlagen'], 15_000, 'the German banner').catch(async () => {
        throw new Error(`banner text after 15 s: "${await session.execute(shadowText, 'mk-operation-error-banner')}"`);
      });
      const german = state.assets.filter((path) => path === '/assets/mk-widgets.de.js').length;
      assert(german === 1, `the German file was fetched ${german} times; the plugin page fetched: ${state.assets.join(', ') || 'nothing'}`);
      const frame = await recorded();
      const problems = [
        ...state.reports.slice(reportsBefore).map((report) => `report: ${report.directive} blocked ${report.blocked}`),
        ...frame.violations.map((v) => JSON.stringify(v)),
        ...frame.console.map((text) => `console error: ${text}`),
        ...frame.page.map((text) => `page error: ${text}`),
      ];
      assert(problems.length === 0, problems.join('\n'));
    });
  } finally {
    state.recorder = false;
    await session?.deleteSession().catch(() => {});
    await driver.stop();
  }
}

/** Chromium or Firefox ESR, headless, through puppeteer-core. */
async function launchBrowser(engine) {
  const { default: puppeteer } = await import('puppeteer-core');
  if (engine === 'firefox') {
    return puppeteer.launch({ browser: 'firefox', executablePath: ensureFirefox(), headless: true, protocolTimeout: 30_000 });
  }
  return puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: [...CHROMIUM_FLAGS], protocolTimeout: 30_000 });
}

/** The engines to run in: MK_BROWSERS (chromium, firefox, webkit; comma-separated) or all three. */
function chosenEngines() {
  const all = ['chromium', 'firefox', 'webkit'];
  const names = process.env.MK_BROWSERS ? process.env.MK_BROWSERS.split(',').map((name) => name.trim().toLowerCase()) : all;
  return all.filter((name) => names.includes(name));
}

export async function test(engines = chosenEngines()) {
  const started = Date.now();
  const results = [];
  const check = async (name, fn) => {
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`✓ ${name}`);
    } catch (error) {
      results.push({ name, ok: false });
      console.log(`✗ ${name}\n    ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n    ')}`);
    }
  };

  ensureBuild();
  let servers;
  let browser;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    Promise.allSettled([browser?.close(), servers?.close()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    servers = await startServers();
    const { state, pluginOrigin } = servers;

    await check('the mock OMA demands the token (401 without it, through the plugin server)', async () => {
      const without = await fetch(`${pluginOrigin}/api/v1/vm-contexts/pgtest1`);
      const withToken = await fetch(`${pluginOrigin}/api/v1/vm-contexts/pgtest1`, { headers: { authorization: `Bearer ${OMA_TOKEN}` } });
      assert(without.status === 401, `without a token: HTTP ${without.status}, expected 401`);
      assert(withToken.status === 200, `with the token: HTTP ${withToken.status}, expected 200`);
      state.api.length = 0;
    });

    await check('plugin.html is served with the strict CSP and has nothing inline', async () => {
      const response = await fetch(`${pluginOrigin}/plugin.html`);
      const csp = response.headers.get('content-security-policy') ?? '';
      const html = await response.text();
      const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      assert(!/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|'sha|'nonce/.test(csp), `the CSP allows inline code or eval: ${csp}`);
      assert(directives.get('default-src')?.join(' ') === "'self'", `default-src is not 'self': ${csp}`);
      assert(directives.get('require-trusted-types-for')?.join(' ') === "'script'", `no require-trusted-types-for 'script': ${csp}`);
      assert(directives.has('trusted-types'), `no trusted-types directive: ${csp}`);
      assert(directives.get('report-uri')?.[0] === REPORT_PATH, `no report-uri ${REPORT_PATH}: ${csp}`);
      for (const [pattern, what] of INLINE_PATTERNS) assert(!pattern.test(html), `plugin.html contains ${what}`);
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]);
      assert(scripts.filter((src) => src.endsWith('mk-widgets.js')).length === 1, `expected one script tag for mk-widgets.js, found: ${scripts.join(', ')}`);
    });

    for (const engine of engines) {
      const checkIn = (name, fn) => check(`[${engine}] ${name}`, fn);
      try {
        if (engine === 'webkit') {
          await webkitChecks(servers, checkIn);
        } else {
          browser = await launchBrowser(engine);
          await browserChecks(engine, browser, servers, checkIn);
        }
      } finally {
        await browser?.close().catch(() => {});
        browser = undefined;
        // The next engine starts with nothing recorded.
        for (const list of [servers.state.reports, servers.state.api, servers.state.assets]) list.length = 0;
      }
    }
  } catch (error) {
    if (!interrupted) {
      results.push({ name: 'setup', ok: false });
      console.log(`✗ setup\n    ${error instanceof Error ? error.stack : String(error)}`);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await browser?.close().catch(() => {});
    await servers?.close().catch(() => {});
  }

  const passed = results.filter((result) => result.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  console.log(`(cloudstack example: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (process.env.MK_TEST_TOTALS) appendFileSync(process.env.MK_TEST_TOTALS, `${JSON.stringify({ passed, failed, skipped: 0 })}\n`);
  if (failed > 0) throw new Error(`cloudstack example: ${failed} check(s) failed`);
  return { passed, failed };
}

/**
 * Runs in the page: the text of an element's shadow root (and the shadow roots inside it); with
 * `needle`, whether that text includes it (for waitForFunction).
 */
function shadowText(selector, needle) {
  const collect = (root) => {
    let text = '';
    for (const node of root.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
      else if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.shadowRoot) text += collect(node.shadowRoot);
        text += collect(node);
      }
    }
    return text;
  };
  const host = document.querySelector(selector);
  const text = host?.shadowRoot ? collect(host.shadowRoot).replace(/\s+/g, ' ') : '';
  return needle === undefined ? text : text.includes(needle);
}

// ---- serve ---------------------------------------------------------------------------------------

/** The servers on fixed ports until Ctrl-C; violation reports are printed as they arrive. */
export async function serve() {
  ensureBuild();
  const servers = await startServers({ pluginPort: SERVE_PORTS.plugin, parentPort: SERVE_PORTS.parent, mockPort: SERVE_PORTS.mock });
  servers.state.onReport = (report) => console.log(`CSP violation (${report.via}) on ${report.document}: ${report.directive} blocked ${report.blocked || '?'} ${report.sample}`);
  console.log(`CloudStack plugin example: ${servers.parentUrl}`);
  console.log(`  plugin page: ${servers.pluginOrigin}/plugin.html?vm=pgtest1 (strict CSP, reports printed here)`);
  console.log(`  mock OMA:    ${servers.mockUrl}/api/v1 (token "${OMA_TOKEN}")`);
  console.log('Ctrl-C to stop.');
  await untilInterrupted();
  await servers.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    if (process.argv.includes('--serve')) await serve();
    else await test();
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('cloudstack example:'))) console.error(error);
    process.exitCode = 1;
  }
}

// WebKit (WebKitGTK's MiniBrowser) for the tests: an X display and a WebKitWebDriver to drive it.
// Used by web-test-runner.config.mjs, scripts/storybook-smoke.mjs and scripts/examples/cloudstack.mjs.
// Node builtins only.
//
//   const webkit = await startWebKitDriver({ driver })   Xvfb when DISPLAY is unset, then the driver
//   webkit.capabilities(browser)                         the WebDriver capabilities for MiniBrowser
//   webkit.connection                                    { hostname, port, path } for webdriverio
//   await webkit.stop()                                  stops the driver and Xvfb (also done on exit,
//                                                        Ctrl-C and SIGTERM, whatever happened)
//   await setWebKitViewport(session, { width, height })  sizes a webdriverio session's window so the
//                                                        page's viewport has that size (≥ 447 px wide)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import process from 'node:process';
import { findXvfb } from './ensure-setup.mjs';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;

/** The smallest window MiniBrowser's GTK window goes to: a page in it is at least this wide. */
export const WEBKIT_MIN_WINDOW_WIDTH = 447;

/** Children still running, killed synchronously when this process exits for any reason. */
const running = new Set();
let exitHooked = false;

function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const child of running) killNow(child);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const child of running) killNow(child);
      // Only decide the exit when nobody else listens (web-test-runner and our scripts do).
      if (process.listenerCount(signal) === 1) process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0));
    });
  }
}

function killNow(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill('SIGTERM');
  } catch {
    // already gone
  }
}

function track(child) {
  hookExit();
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * Starts Xvfb on a free display number; resolves to { display: ':N', process }. Xvfb itself picks
 * the number and writes it to fd 3 once it accepts connections.
 */
function startXvfb() {
  const xvfb = findXvfb();
  if (!xvfb) throw new Error('DISPLAY is unset and there is no Xvfb: install it with `sudo apt-get install -y xvfb`.');
  const child = track(spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] }));
  const errors = [];
  child.stderr.on('data', (chunk) => errors.push(String(chunk)));
  return new Promise((resolveStart, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      killNow(child);
      reject(new Error(`Xvfb did not report a display within ${START_TIMEOUT_MS / 1000} s: ${errors.join('').slice(-500)}`));
    }, START_TIMEOUT_MS);
    child.stdio[3].on('data', (chunk) => {
      text += String(chunk);
      const match = /^(\d+)\n/.exec(text);
      if (!match) return;
      clearTimeout(timer);
      resolveStart({ display: `:${match[1]}`, process: child });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code ?? signal}) before it had a display: ${errors.join('').slice(-500)}`));
    });
  });
}

/** Waits until the driver answers GET /status with ready. */
async function waitForDriver(child, url, output) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok && (await response.json())?.value?.ready !== false) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`WebKitWebDriver did not start on ${url}: ${output.join('').slice(-1000)}`);
}

/**
 * Starts what WebKit needs: Xvfb when DISPLAY is unset (MiniBrowser has no headless mode) and
 * WebKitWebDriver on a free loopback port. `driver` is the WebKitWebDriver binary (ensureWebKit()).
 */
export async function startWebKitDriver({ driver }) {
  let xvfb = null;
  let display = process.env.DISPLAY;
  if (!display) {
    xvfb = await startXvfb();
    display = xvfb.display;
  }
  const port = await freePort();
  const output = [];
  const child = track(
    spawn(driver, [`--port=${port}`, '--host=local'], {
      env: { ...process.env, DISPLAY: display },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout.on('data', (chunk) => output.push(String(chunk)));
  child.stderr.on('data', (chunk) => output.push(String(chunk)));
  try {
    await waitForDriver(child, `http://${HOST}:${port}`, output);
  } catch (error) {
    await stopChild(child);
    if (xvfb) await stopChild(xvfb.process);
    throw error;
  }

  let stopped = null;
  return {
    display,
    connection: { hostname: HOST, port, path: '/' },
    /** What the driver printed (for error messages). */
    output,
    /** The capabilities for a MiniBrowser session (`browser`: the MiniBrowser binary). */
    capabilities(browser) {
      return webKitCapabilities(browser);
    },
    stop() {
      stopped ??= (async () => {
        await stopChild(child);
        if (xvfb) await stopChild(xvfb.process);
      })();
      return stopped;
    },
  };
}

/**
 * WebDriver capabilities for WebKitGTK's MiniBrowser. `wdio:enforceWebDriverClassic`: webdriverio 9
 * otherwise asks for WebDriver BiDi (`webSocketUrl`), which WebKitWebDriver refuses.
 */
export function webKitCapabilities(browser) {
  return {
    browserName: 'MiniBrowser',
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] },
  };
}

function sameSize(a, b) {
  return Boolean(a && b && a.width === b.width && a.height === b.height);
}

/**
 * The page's viewport once two readings 50 ms apart agree (GTK resizes asynchronously). Timers, not
 * animation frames: a page in a tab that is not shown gets no frames.
 */
async function stableViewport(session) {
  let last = null;
  for (let reading = 0; reading < 50; reading++) {
    const now = await session.executeAsync((done) => setTimeout(() => done({ width: innerWidth, height: innerHeight }), 50));
    if (sameSize(last, now)) return now;
    last = now;
  }
  return last;
}

/**
 * Sizes a webdriverio session's MiniBrowser window so that the current page's viewport is `width` ×
 * `height` CSS pixels: the window's toolbar takes part of its height, so it measures and corrects.
 * Throws when WebKit does not get there (it never goes below WEBKIT_MIN_WINDOW_WIDTH).
 */
export async function setWebKitViewport(session, { width, height }) {
  if (width < WEBKIT_MIN_WINDOW_WIDTH) throw new Error(`WebKit's window cannot be narrower than ${WEBKIT_MIN_WINDOW_WIDTH} px (asked for ${width}).`);
  let rect = { width, height };
  let inner = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    await session.setWindowRect(null, null, rect.width, rect.height);
    inner = await stableViewport(session);
    if (sameSize(inner, { width, height })) return;
    rect = { width: rect.width + width - inner.width, height: rect.height + height - inner.height };
  }
  throw new Error(`WebKit's viewport is ${inner?.width}×${inner?.height}, not ${width}×${height}.`);
}

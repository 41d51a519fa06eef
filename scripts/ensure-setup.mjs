// Setup helpers shared by scripts/test.mjs, scripts/start.mjs and scripts/build.mjs.
// Node builtins only: this runs before `npm ci`, on a fresh clone.
//
//   ensureDependencies()  `npm ci` when node_modules is missing or older than package-lock.json
//   findChromium()        CHROME_PATH, then the usual Debian/Ubuntu/Chrome paths; null if none
//   ensureChromium()      findChromium(), or install Debian's `chromium` when root with apt-get, or exit 1
//   findFirefox()         FIREFOX_PATH, then Debian's firefox-esr, then firefox; null if none
//   ensureFirefox()       findFirefox(), or install Debian's `firefox-esr` when root with apt-get, or exit 1
//   findWebKit()          WebKitGTK's MiniBrowser: WEBKIT_BROWSER_PATH, then Debian's path; null if none
//   findWebKitDriver()    WebKitWebDriver: WEBKIT_DRIVER_PATH, then /usr/bin/WebKitWebDriver; null if none
//   findXvfb()            Xvfb (only needed when DISPLAY is unset); null if none
//   ensureWebKit()        { browser, driver } for WebKit, installing Debian's `webkit2gtk-driver` and
//                         `xvfb` when something is missing and we are root with apt-get, or exit 1
//   CHROMIUM_FLAGS        the headless Chromium flags every script here launches with
//   newestMtime(...paths) the newest modification time under files and folders (for "is it stale?")
//   ensureBuild()         `node scripts/build.mjs` when dist/ is missing or older than its sources
//   untilInterrupted()    resolves on Ctrl-C (SIGINT) or SIGTERM, for commands that serve until stopped
//
// Run directly (`node scripts/ensure-setup.mjs`) it installs what is missing and prints the browser paths.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (the folder holding package.json). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

const NO_CHROMIUM_MESSAGE =
  'No Chromium found: install it with `sudo apt-get install -y chromium`, or set CHROME_PATH to a Chrome or Chromium binary.';

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

const NO_FIREFOX_MESSAGE =
  'No Firefox found: install it with `sudo apt-get install -y firefox-esr`, or set FIREFOX_PATH to a Firefox binary.';

/** Where Debian puts WebKitGTK's MiniBrowser (package libwebkit2gtk-4.1-0), per architecture. */
const WEBKIT_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
];

const WEBKIT_DRIVER_CANDIDATES = ['/usr/bin/WebKitWebDriver'];

const XVFB_CANDIDATES = ['/usr/bin/Xvfb'];

/** The Debian packages behind WebKit: the driver (which brings MiniBrowser) and the X server it needs. */
const WEBKIT_PACKAGES = 'webkit2gtk-driver xvfb';

const NO_WEBKIT_MESSAGE =
  'No WebKit found: install it with `sudo apt-get install -y webkit2gtk-driver xvfb`, or set WEBKIT_BROWSER_PATH and WEBKIT_DRIVER_PATH to a WebKitGTK MiniBrowser and its WebKitWebDriver.';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutable(join(dir, command)));
}

function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/**
 * Headless Chromium on this machine kind: root needs --no-sandbox; the background connections
 * (updates, sync, component downloads) are refused by the closed network, so they are switched off.
 */
export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]);

/**
 * The newest modification time (ms) of the given files and folders, folders walked (node_modules
 * and .git left out); -Infinity when none exists.
 */
export function newestMtime(...paths) {
  let newest = -Infinity;
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) continue;
    for (const entry of readdirSync(path)) {
      if (entry !== 'node_modules' && !entry.startsWith('.git')) newest = Math.max(newest, newestMtime(join(path, entry)));
    }
  }
  return newest;
}

/** Resolves at the first SIGINT or SIGTERM, and takes its handlers away again. */
export function untilInterrupted() {
  return new Promise((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** What `npm run build` reads, and what it writes that the examples use. */
const BUILD_SOURCES = ['src', 'package.json', 'package-lock.json', 'vite.config.ts', 'vite.bundle.config.ts', 'tsconfig.build.json'];
const BUILD_OUTPUTS = ['dist/mk-widgets.js', 'dist/mk-widgets.de.js', 'dist/npm/index.js', 'dist/npm/react.js', 'dist/npm/react.d.ts'];

/** Runs `node scripts/build.mjs` when one of dist/'s files is missing or older than the sources; throws if it fails. */
export function ensureBuild(root = ROOT) {
  const builtAt = Math.min(...BUILD_OUTPUTS.map((output) => mtimeMs(join(root, output))));
  if (builtAt > newestMtime(...BUILD_SOURCES.map((source) => join(root, source)))) return;
  console.log(`mk-widgets: dist/ is ${builtAt === -Infinity ? 'missing' : 'older than its sources'}; running node scripts/build.mjs…`);
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${result.status ?? result.signal})`);
}

/** True when node_modules is missing or was installed before the current package-lock.json. */
export function dependenciesOutdated(root = ROOT) {
  const nodeModules = join(root, 'node_modules');
  if (!existsSync(nodeModules)) return true;
  const lock = join(root, 'package-lock.json');
  if (!existsSync(lock)) return false;
  // npm rewrites node_modules/.package-lock.json on every install, right after package-lock.json;
  // the folder's own mtime only changes when a top-level entry is added or removed.
  const hiddenLock = join(nodeModules, '.package-lock.json');
  const installedAt = existsSync(hiddenLock) ? mtimeMs(hiddenLock) : mtimeMs(nodeModules);
  return mtimeMs(lock) > installedAt;
}

function npm(args, root) {
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`mk-widgets: could not run npm: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

/**
 * Runs `npm ci` (output shown) when node_modules is missing or older than package-lock.json.
 * If `npm ci` fails, falls back to `npm install` once: the registry reachable here lacks some
 * platform-only optional packages (e.g. most of @rollup/rollup-*), so npm leaves them out of
 * package-lock.json and `npm ci` then rejects the lock as out of sync, while `npm install`
 * installs the very same versions from it.
 */
export function ensureDependencies(root = ROOT) {
  if (!dependenciesOutdated(root)) return;
  const flags = ['--no-audit', '--no-fund'];
  if (!existsSync(join(root, 'package-lock.json'))) {
    console.log('mk-widgets: no package-lock.json; running npm install…');
    if (npm(['install', ...flags], root) === 0) return;
    console.error('mk-widgets: npm install failed.');
    process.exit(1);
  }
  console.log('mk-widgets: node_modules is missing or older than package-lock.json; running npm ci…');
  if (npm(['ci', ...flags], root) === 0) return;
  console.log('mk-widgets: npm ci failed; trying npm install with the same package-lock.json…');
  if (npm(['install', ...flags], root) === 0) return;
  console.error('mk-widgets: npm install failed too.');
  process.exit(1);
}

/** The first executable of `candidates`, or null; the file named by `envName` first when set. */
function findBrowser(envName, candidates) {
  const fromEnv = process.env[envName]?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.warn(`mk-widgets: ${envName}=${fromEnv} is not an executable file; looking elsewhere.`);
  }
  return candidates.find(isExecutable) ?? null;
}

/**
 * The browser `find()` finds. When there is none and we are root with apt-get, installs the Debian
 * package `debianPackage`; otherwise prints `missingMessage` (one sentence) and exits 1.
 */
function ensureBrowser({ find, label, debianPackage, candidates, missingMessage }) {
  const found = find();
  if (found) return found;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`mk-widgets: no ${label} found; installing Debian package \`${debianPackage}\` with apt-get…`);
    const result = spawnSync(
      '/bin/sh',
      ['-c', `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${debianPackage}`],
      { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
    );
    const installed = find();
    if (installed) return installed;
    console.error(
      result.status === 0
        ? `mk-widgets: apt-get installed ${debianPackage}, but ${label} is still not found (looked at ${candidates.join(', ')}).`
        : `mk-widgets: apt-get install ${debianPackage} failed (exit ${result.status ?? result.signal}).`,
    );
  }

  console.error(missingMessage);
  process.exit(1);
}

/** The Chrome/Chromium binary to use, or null: CHROME_PATH first, then the usual install paths. */
export function findChromium() {
  return findBrowser('CHROME_PATH', CHROMIUM_CANDIDATES);
}

/**
 * The Chrome/Chromium binary to use. When there is none and we are root with apt-get, installs
 * Debian's `chromium`; otherwise prints one sentence and exits 1.
 */
export function ensureChromium() {
  return ensureBrowser({
    find: findChromium,
    label: 'Chromium',
    debianPackage: 'chromium',
    candidates: CHROMIUM_CANDIDATES,
    missingMessage: NO_CHROMIUM_MESSAGE,
  });
}

/** The Firefox binary to use, or null: FIREFOX_PATH first, then Debian's firefox-esr, then firefox. */
export function findFirefox() {
  return findBrowser('FIREFOX_PATH', FIREFOX_CANDIDATES);
}

/**
 * The Firefox binary to use. When there is none and we are root with apt-get, installs Debian's
 * `firefox-esr`; otherwise prints one sentence and exits 1.
 */
export function ensureFirefox() {
  return ensureBrowser({
    find: findFirefox,
    label: 'Firefox',
    debianPackage: 'firefox-esr',
    candidates: FIREFOX_CANDIDATES,
    missingMessage: NO_FIREFOX_MESSAGE,
  });
}

/** WebKitGTK's MiniBrowser, or null: WEBKIT_BROWSER_PATH first, then Debian's path. */
export function findWebKit() {
  return findBrowser('WEBKIT_BROWSER_PATH', WEBKIT_CANDIDATES);
}

/** WebKitGTK's WebDriver server, or null: WEBKIT_DRIVER_PATH first, then Debian's path. */
export function findWebKitDriver() {
  return findBrowser('WEBKIT_DRIVER_PATH', WEBKIT_DRIVER_CANDIDATES);
}

/** Xvfb, or null: on PATH, then Debian's path. */
export function findXvfb() {
  const onPathDir = (process.env.PATH ?? '').split(delimiter).find((dir) => dir && isExecutable(join(dir, 'Xvfb')));
  return onPathDir ? join(onPathDir, 'Xvfb') : (XVFB_CANDIDATES.find(isExecutable) ?? null);
}

/**
 * WebKit for the tests: `{ browser, driver }` (MiniBrowser and WebKitWebDriver). MiniBrowser has no
 * headless mode, so without DISPLAY Xvfb is needed too. When something is missing and we are root
 * with apt-get, installs Debian's `webkit2gtk-driver` and `xvfb`; otherwise prints one sentence and
 * exits 1.
 */
export function ensureWebKit() {
  const needsXvfb = !process.env.DISPLAY;
  const find = () => {
    const browser = findWebKit();
    const driver = findWebKitDriver();
    if (!browser || !driver || (needsXvfb && !findXvfb())) return null;
    return { browser, driver };
  };
  return ensureBrowser({
    find,
    label: needsXvfb ? 'WebKit (MiniBrowser, WebKitWebDriver and Xvfb)' : 'WebKit (MiniBrowser and WebKitWebDriver)',
    debianPackage: WEBKIT_PACKAGES,
    candidates: [...WEBKIT_CANDIDATES, ...WEBKIT_DRIVER_CANDIDATES, ...(needsXvfb ? XVFB_CANDIDATES : [])],
    missingMessage: NO_WEBKIT_MESSAGE,
  });
}

/** The WebKitGTK version Debian installed (e.g. "2.50.6"), or null. */
export function webKitVersion() {
  const result = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' });
  const version = result.status === 0 ? result.stdout.trim() : '';
  return version ? version.replace(/^\d+:/, '').replace(/-.*$/, '') : null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  ensureDependencies();
  console.log(ensureChromium());
  console.log(ensureFirefox());
  const webkit = ensureWebKit();
  console.log(webkit.browser);
  console.log(webkit.driver);
}

// web-test-runner: every test/**/*.test.ts in three engines, one after the other:
//   Chromium   headless (Debian's, or CHROME_PATH), puppeteer-core over CDP
//   Firefox    headless ESR (Debian's, or FIREFOX_PATH), puppeteer-core over WebDriver BiDi
//   WebKit     WebKitGTK's MiniBrowser (Debian's, or WEBKIT_BROWSER_PATH) through WebKitWebDriver
//              (or WEBKIT_DRIVER_PATH) and webdriverio, in Xvfb when DISPLAY is unset
//              (test/webkit-launcher.mjs starts and stops the driver and Xvfb)
// `npm test` (scripts/test.mjs) finds or installs the three and sets the paths before running this.
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteerCore from 'puppeteer-core';
import { CHROMIUM_FLAGS, ensureWebKit } from './scripts/ensure-setup.mjs';
import { secondTabPlugin } from './test/second-tab-plugin.mjs';
import { webdriverCommandsPlugin, webkitLauncher } from './test/webkit-launcher.mjs';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** MK_BROWSERS=chromium, firefox or webkit (or a comma-separated list) narrows a developer's run; npm test never sets it. */
const ENGINES = ['chromium', 'firefox', 'webkit'];
const chosen = process.env.MK_BROWSERS ? process.env.MK_BROWSERS.split(',').map((name) => name.trim().toLowerCase()) : ENGINES;
const unknownEngine = chosen.find((name) => !ENGINES.includes(name));
if (unknownEngine) throw new Error(`MK_BROWSERS: unknown browser "${unknownEngine}" (use ${ENGINES.join(', ')}).`);

/** Lit's one-off dev-mode notice; every other browser log (including Lit's other warnings) is kept. */
const LIT_DEV_MODE = 'Lit is in dev mode';

/**
 * Firefox's look-and-feel prefs behind the media features that tests emulate, with the pref value
 * for each feature value. Firefox applies a change to these at once, to every page.
 */
const FIREFOX_MEDIA_PREFS = {
  'prefers-color-scheme': { pref: 'ui.systemUsesDarkTheme', values: { light: 0, dark: 1 } },
  'prefers-reduced-motion': { pref: 'ui.prefersReducedMotion', values: { 'no-preference': 0, reduce: 1 } },
};

/**
 * page.emulateMediaFeatures() for Firefox: sets the matching prefs through WebDriver BiDi in the
 * browser's privileged (chrome) scope, then waits until the page's media queries see the new values.
 * A feature without a value (puppeteer's "no override") goes back to the launch default.
 */
async function emulateFirefoxMediaFeatures(browser, page, features = []) {
  const statements = [];
  const queries = [];
  for (const { name, value } of features) {
    const known = FIREFOX_MEDIA_PREFS[name];
    if (!known) throw new Error(`Emulating the media feature ${name} is not supported in Firefox.`);
    if (!value) {
      statements.push(`Services.prefs.setIntPref(${JSON.stringify(known.pref)}, 0);`);
      continue;
    }
    if (!(value in known.values)) throw new Error(`Unknown value for ${name}: ${value}.`);
    statements.push(`Services.prefs.setIntPref(${JSON.stringify(known.pref)}, ${known.values[value]});`);
    queries.push(`(${name}: ${value})`);
  }
  if (statements.length === 0) return;
  // puppeteer-core's BiDi Browser exposes its WebDriver BiDi connection; Firefox lists its
  // privileged browser windows with the `moz:scope` extension.
  const { connection } = browser;
  const tree = await connection.send('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' });
  const chromeWindow = tree.result.contexts[0]?.context;
  if (!chromeWindow) throw new Error('Firefox did not list its browser window for media emulation.');
  const { result } = await connection.send('script.evaluate', {
    expression: `${statements.join(' ')} true`,
    target: { context: chromeWindow },
    awaitPromise: false,
  });
  if (result.type !== 'success') throw new Error(`Firefox refused the media emulation: ${JSON.stringify(result.exceptionDetails ?? result)}`);
  for (const query of queries) {
    await page.waitForFunction((media) => matchMedia(media).matches, { timeout: 5000, polling: 10 }, query);
  }
}

function countTests(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) countTests(child, totals);
}

/**
 * Counts the tests. Under `npm test` (MK_TEST_TOTALS set) it appends the counts to that file as one
 * JSON line, and scripts/test.mjs prints the total of all steps last; run alone, it prints the plain
 * closing line "Tests: N passed, N failed, N skipped" itself when the runner exits. A test file that
 * failed without a failed test (it did not load, timed out, or threw outside a test) counts as one
 * failure.
 */
function totalsReporter() {
  let totals = null;
  return {
    onTestRunFinished({ sessions }) {
      totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        countTests(session.testResults, totals);
        if (session.passed === false && totals.failed === before) totals.failed += 1;
      }
    },
    stop() {
      if (!totals) return;
      const { passed, failed, skipped } = totals;
      if (process.env.MK_TEST_TOTALS) {
        appendFileSync(process.env.MK_TEST_TOTALS, `${JSON.stringify({ passed, failed, skipped })}\n`);
      } else {
        process.once('exit', () => process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`));
      }
    },
  };
}

export default {
  files: ['test/**/*.test.ts'],
  // Lit's `development` export condition: tests run Lit in dev mode, whose warnings are useful.
  nodeResolve: { exportConditions: ['development'] },
  // tsconfig.json: experimentalDecorators + useDefineForClassFields=false, as Lit's decorators need.
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // executeServerCommand('second-tab', …): a second real tab, for the cross-tab storage tests.
    secondTabPlugin(),
    // sendKeys (down/up too), setViewport and emulateMedia in WebKit, where the stock commands stop;
    // executeServerCommand('engine-capabilities') in every browser.
    webdriverCommandsPlugin(),
  ],
  browsers: [
    chosen.includes('chromium') &&
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: [
          ...CHROMIUM_FLAGS,
          // The second concurrent page is a background tab: keep its timers and rendering at full speed.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
      // Two test pages share the browser (concurrency 2) and only one can have focus, so focus()
      // and focus events in the other would misbehave: every page acts as the focused one.
      createPage: async ({ context }) => {
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
    }),
    // Firefox through puppeteer-core over WebDriver BiDi (the same launcher, with puppeteer-core as
    // its "custom puppeteer"; the runner names it Firefox). One test page at a time: only the
    // foreground tab of a Firefox window has focus (nothing like Chromium's focus emulation), and
    // the media-feature emulation below changes browser-wide prefs.
    chosen.includes('firefox') &&
    chromeLauncher({
      puppeteer: puppeteerCore,
      concurrency: 1,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
        // Lets WebDriver BiDi clients of this throwaway test instance (puppeteer, on a loopback
        // port) run script in the browser's privileged scope, which emulateFirefoxMediaFeatures() needs.
        args: ['--remote-allow-system-access'],
        // Start light, with motion, whatever the desktop theme: as headless Chromium does.
        extraPrefsFirefox: { [FIREFOX_MEDIA_PREFS['prefers-color-scheme'].pref]: 0, [FIREFOX_MEDIA_PREFS['prefers-reduced-motion'].pref]: 0 },
      },
      createPage: async ({ browser, context }) => {
        const page = await context.newPage();
        // @web/test-runner-commands' emulateMedia() calls these; puppeteer implements them over CDP,
        // which Firefox lacks, so they would throw.
        page.emulateMediaFeatures = (features) => emulateFirefoxMediaFeatures(browser, page, features);
        page.emulateMediaType = async (type) => {
          if (type) throw new Error(`emulateMedia({ media: '${type}' }) is not supported in Firefox.`);
        };
        return page;
      },
    }),
    // WebKit: one test page at a time (see test/webkit-launcher.mjs). WebDriver has no media
    // emulation: tests ask executeServerCommand('engine-capabilities') and assert what WebKit can show.
    chosen.includes('webkit') && webkitLauncher(ensureWebKit()),
  ].filter(Boolean),
  // 2 cores: one browser at a time; two test files at a time in Chromium, one in Firefox and WebKit.
  concurrentBrowsers: 1,
  concurrency: 2,
  testFramework: { config: { timeout: 5000 } },
  browserStartTimeout: 60_000,
  testsStartTimeout: 30_000,
  testsFinishTimeout: 120_000,
  staticLogging: Boolean(process.env.CI),
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].includes(LIT_DEV_MODE)),
  reporters: [defaultReporter(), totalsReporter()],
};

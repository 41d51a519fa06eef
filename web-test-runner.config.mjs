// web-test-runner: every test/**/*.test.ts in headless Chromium (Debian's, or CHROME_PATH).
// `npm test` (scripts/test.mjs) finds or installs Chromium and sets CHROME_PATH before running this.
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Lit's one-off dev-mode notice; every other browser log (including Lit's other warnings) is kept. */
const LIT_DEV_MODE = 'Lit is in dev mode';

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
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-dev-shm-usage',
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
  ],
  // 2 cores: two test files at a time in one browser.
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

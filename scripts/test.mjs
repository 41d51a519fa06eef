// `npm test`: every test the project has, in order; the first failing step fails the command.
// Installs dependencies when needed and finds (or, as root on Debian, installs) Chromium, Firefox
// ESR and WebKit (WebKitGTK's MiniBrowser, WebKitWebDriver, Xvfb) first: no browser is ever skipped.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { ROOT, ensureChromium, ensureDependencies, ensureFirefox, ensureWebKit } from './ensure-setup.mjs';

/**
 * The test steps, run in this order. Each is one command run from the repo root with inherited
 * stdio and CHROME_PATH and FIREFOX_PATH set; a non-zero exit stops `npm test` with that exit
 * code. No step may filter tests. A step may append `{"passed":N,"failed":N,"skipped":N}` lines to
 * the file named by MK_TEST_TOTALS (web-test-runner.config.mjs does) so the closing "Tests: …" line
 * counts its tests.
 */
const steps = [
  {
    name: 'unit and component tests (web-test-runner: headless Chromium, headless Firefox ESR, WebKitGTK)',
    // `--no`: npx must never fetch a package; web-test-runner comes from node_modules.
    command: 'npx',
    args: ['--no', '--', 'web-test-runner'],
  },
  {
    name: 'size budgets (builds dist/mk-widgets.js and each npm entry, size-limit, gzip)',
    command: 'node',
    args: ['bench/size.mjs'],
  },
  {
    name: 'Storybook smoke test (builds Storybook, opens every story in Chromium, Firefox ESR and WebKit, axe)',
    command: 'npm',
    args: ['run', '--silent', 'test:storybook'],
  },
  {
    name: 'host examples (CloudStack plugin page under a strict CSP in Chromium, Firefox ESR and WebKit; Next.js app with the React wrappers in Chromium)',
    command: 'node',
    args: ['scripts/test-examples.mjs'],
  },
  {
    name: 'the package as npm packs it, and npm run mock-oma as a process (node:test)',
    command: 'node',
    args: ['scripts/test-node.mjs'],
  },
];

ensureDependencies();
const chromePath = ensureChromium();
const firefoxPath = ensureFirefox();
const webkit = ensureWebKit();
const totalsDir = mkdtempSync(join(tmpdir(), 'mk-widgets-test-'));
const totalsFile = join(totalsDir, 'totals.jsonl');
const env = {
  ...process.env,
  CHROME_PATH: chromePath,
  FIREFOX_PATH: firefoxPath,
  WEBKIT_BROWSER_PATH: webkit.browser,
  WEBKIT_DRIVER_PATH: webkit.driver,
  MK_TEST_TOTALS: totalsFile,
};
// Every browser, always: a developer's one-browser filter never reaches npm test.
delete env.MK_BROWSERS;

let current = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    else process.exit(1);
  });
}

function run(step) {
  return new Promise((resolvePromise) => {
    current = spawn(step.command, step.args, {
      cwd: ROOT,
      env,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    current.on('error', (error) => {
      console.error(`mk-widgets: could not start ${step.command}: ${error.message}`);
      current = null;
      resolvePromise(1);
    });
    current.on('exit', (code, signal) => {
      current = null;
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

function readTotals() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let text;
  try {
    text = readFileSync(totalsFile, 'utf8');
  } catch {
    return totals;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const counts = JSON.parse(line);
      for (const key of Object.keys(totals)) totals[key] += Number(counts[key]) || 0;
    } catch {
      // a half-written line from a killed step: ignore it
    }
  }
  return totals;
}

let exitCode = 0;
for (const [index, step] of steps.entries()) {
  console.log(`\n▶ [${index + 1}/${steps.length}] ${step.name}`);
  const failedBefore = readTotals().failed;
  const code = await run(step);
  if (code !== 0) {
    console.error(`\n✖ ${step.name} failed (exit ${code}).`);
    exitCode = code;
    // A step that failed without counting a failed test (crash, no browser, lint) still counts one.
    if (readTotals().failed === failedBefore) {
      appendFileSync(totalsFile, `${JSON.stringify({ passed: 0, failed: 1, skipped: 0 })}\n`);
    }
    break;
  }
}

const { passed, failed, skipped } = readTotals();
rmSync(totalsDir, { recursive: true, force: true });
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);

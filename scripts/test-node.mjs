// The Node-side tests (test/node/*.test.mjs, node:test): what the browser suite cannot reach, the
// package as npm packs it and `npm run mock-oma` as a process. A step of `npm test`; alone:
// `node scripts/test-node.mjs`. Like web-test-runner.config.mjs, it appends its counts to the file
// named by MK_TEST_TOTALS under `npm test`, and prints "Tests: N passed, N failed, N skipped" alone.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { ROOT, ensureDependencies } from './ensure-setup.mjs';

ensureDependencies();

const dir = join(ROOT, 'test', 'node');
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.test.mjs'))
  .map((file) => join(dir, file));

const totals = { passed: 0, failed: 0, skipped: 0 };
const stream = run({ files, concurrency: 1 });
// Suites report too: count tests only.
stream.on('test:pass', ({ details, skip, todo }) => {
  if (details.type === 'suite') return;
  if (skip || todo) totals.skipped += 1;
  else totals.passed += 1;
});
stream.on('test:fail', ({ details }) => {
  if (details.type !== 'suite') totals.failed += 1;
});
stream.on('end', () => {
  const { passed, failed, skipped } = totals;
  if (process.env.MK_TEST_TOTALS) appendFileSync(process.env.MK_TEST_TOTALS, `${JSON.stringify(totals)}\n`);
  // After the reporter's own summary: the plain closing line comes last.
  else process.once('exit', () => process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`));
  // A file that failed outside any test still fails the step.
  if (failed > 0 || passed === 0) process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);

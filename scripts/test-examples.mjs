// `npm run test:examples`: the host examples' browser tests, one after the other (part of `npm test`).
//
//   node scripts/test-examples.mjs                    every example's test
//   node scripts/test-examples.mjs nextjs             one example's test
//   node scripts/test-examples.mjs --serve nextjs     run one example for a person to try
//                                                     (`npm run example:nextjs`, `npm run example:cloudstack`)
//
// The CloudStack example runs in Chromium, Firefox ESR and WebKit (MK_BROWSERS narrows it); the
// Next.js example in Chromium (its checks are about the server and React wrappers, not the engine).
// Each example is scripts/examples/<name>.mjs, exporting `test()` (prints one line per check and
// `N passed, M failed`, adds its counts to $MK_TEST_TOTALS, throws or returns false on failure) and
// `serve()` (runs until Ctrl-C).
import process from 'node:process';
import { ensureChromium, ensureDependencies } from './ensure-setup.mjs';

const EXAMPLES = ['cloudstack', 'nextjs'];

const args = process.argv.slice(2);
const serveIndex = args.indexOf('--serve');
const names = args.filter((arg) => !arg.startsWith('--'));

function fail(message) {
  console.error(`mk-widgets: ${message}`);
  process.exit(1);
}

ensureDependencies();
process.env.CHROME_PATH ??= ensureChromium();

if (serveIndex >= 0) {
  const name = args[serveIndex + 1];
  if (!EXAMPLES.includes(name)) fail(`--serve takes one of: ${EXAMPLES.join(', ')}.`);
  const example = await import(`./examples/${name}.mjs`);
  await example.serve();
} else {
  const chosen = names.length > 0 ? names : EXAMPLES;
  const unknown = chosen.filter((name) => !EXAMPLES.includes(name));
  if (unknown.length > 0) fail(`no example named ${unknown.join(', ')} (there are: ${EXAMPLES.join(', ')}).`);
  let failed = false;
  for (const name of chosen) {
    console.log(`\n── example: ${name} ──`);
    const example = await import(`./examples/${name}.mjs`);
    try {
      if ((await example.test()) === false) failed = true;
    } catch (error) {
      console.error(`✗ example ${name}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}

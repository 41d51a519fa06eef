// The package as npm would publish it, linted (the last step of `npm run lint`):
//   publint   package.json's exports, files and fields against the packed file list
//   attw      (@arethetypeswrong/cli) every export's types resolve for TypeScript's bundler and
//             node16 ESM resolution (ESM only: no CommonJS entry is offered)
// Both pack the package locally with npm (no registry, no install scripts); dist/ is built first
// when it is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { ROOT, ensureBuild, ensureDependencies } from './ensure-setup.mjs';

ensureDependencies();
ensureBuild();

const checks = [
  ['publint', ['--strict']],
  // The theme is CSS: no types to check.
  ['attw', ['--pack', '.', '--profile', 'esm-only', '--exclude-entrypoints', './themes/flowbite.css']],
];

for (const [tool, args] of checks) {
  console.log(`\n▶ ${tool} ${args.join(' ')}`);
  const result = spawnSync('npx', ['--no', '--', tool, ...args], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`✖ ${tool} found problems in the package (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

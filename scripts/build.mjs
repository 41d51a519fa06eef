// `npm run build`: the NPM library (dist/npm/, ES modules + .d.ts), the self-contained
// dist/mk-widgets.js, and custom-elements.json. Stops at the first failing step.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';
import { ROOT, ensureDependencies } from './ensure-setup.mjs';

ensureDependencies();
// Imported only now: on a fresh clone, vite exists after ensureDependencies().
const { build } = await import('vite');

function run(name, command, args) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`✖ ${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

async function viteBuild(name, configFile) {
  console.log(`\n▶ ${name}`);
  try {
    await build({ configFile: join(ROOT, configFile), root: ROOT });
  } catch (error) {
    console.error(`✖ ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

await viteBuild('library build → dist/npm/ (vite.config.ts)', 'vite.config.ts');
await viteBuild('self-contained bundle → dist/mk-widgets.js, dist/mk-widgets.de.js (vite.bundle.config.ts)', 'vite.bundle.config.ts');
run('type declarations → dist/npm/ (tsc -p tsconfig.build.json)', 'npx', ['--no', '--', 'tsc', '-p', 'tsconfig.build.json']);
run('custom-elements.json (npm run analyze)', 'npm', ['run', 'analyze']);
console.log('\n✔ build done: dist/npm/, dist/mk-widgets.js, custom-elements.json');

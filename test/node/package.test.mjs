// The package as npm packs it (`npm pack --dry-run`): publishable, the README's links inside it,
// every export present, and the `*.component` entries as classes that register no tag.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { before, describe, it } from 'node:test';
import { ROOT, ensureBuild } from '../../scripts/ensure-setup.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const ELEMENTS = ['unified-job-list', 'operation-error-banner', 'job-error-modal', 'oma-provider', 'vm-status'];

/** The files `npm pack` would put in the tarball, as package-relative paths. */
let packed;

before(() => {
  ensureBuild();
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  packed = new Set(report.files.map((file) => file.path));
});

/** True when `path` is a packed file, or a folder holding packed files. */
const inTarball = (path) => packed.has(path) || [...packed].some((file) => file.startsWith(`${path.replace(/\/$/, '')}/`));

describe('the published package', () => {
  it('is publishable: not private, Apache-2.0 with its LICENSE, a repository', () => {
    assert.equal(pkg.private, undefined);
    assert.equal(pkg.license, 'Apache-2.0');
    assert.ok(packed.has('LICENSE'));
    assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
    assert.match(pkg.repository?.url ?? '', /^git\+https:\/\//);
  });

  it("every relative link in README.md leads to a file in the tarball (the README is read in node_modules)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((href) => !/^[a-z]+:|^#/i.test(href));
    assert.ok(links.length >= 5, `found ${links.length} relative links`);
    const missing = links.filter((href) => !inTarball(posix.normalize(href.split('#')[0])));
    assert.deepEqual(missing, []);
  });

  it('every export (types and code) is in the tarball', () => {
    const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    const missing = targets.map((target) => target.replace(/^\.\//, '')).filter((target) => !packed.has(target));
    assert.deepEqual(missing, []);
  });

  for (const name of ELEMENTS) {
    it(`mk-widgets/${name}.component is the element's class module, free of side effects`, () => {
      const entry = pkg.exports[`./${name}.component`];
      assert.deepEqual(entry, {
        types: `./dist/npm/elements/${name}/${name}.component.d.ts`,
        default: `./dist/npm/elements/${name}/${name}.component.js`,
      });
      assert.ok(!pkg.sideEffects.includes(entry.default), 'not listed in sideEffects');
      const code = readFileSync(join(ROOT, entry.default), 'utf8');
      assert.doesNotMatch(code, /customElements\.define|defineElement\(/, 'registers no tag itself');
      assert.match(readFileSync(join(ROOT, entry.types), 'utf8'), /export declare class Mk/);
    });
  }
});

// custom-elements.json as the analyzer writes it from the elements' JSDoc: every public tag is
// there (IDE hints, Storybook's docs tables and framework tooling read it), with its events.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../../scripts/ensure-setup.mjs';

const TAGS = ['mk-unified-job-list', 'mk-operation-error-banner', 'mk-job-error-modal', 'mk-oma-provider'];

let outDir;
/** tag name → its declaration in the manifest. */
let elements;

before(() => {
  // The same command as `npm run analyze`, written somewhere the test owns (the analyzer takes
  // --outdir relative to the working directory).
  outDir = join('node_modules', '.cache', `mk-manifest-${process.pid}`);
  execFileSync('npx', ['--no', '--', 'cem', 'analyze', '--litelement', '--globs', 'src/elements/**/*.ts', '--outdir', outDir], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const manifest = JSON.parse(readFileSync(join(ROOT, outDir, 'custom-elements.json'), 'utf8'));
  elements = new Map();
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName) elements.set(declaration.tagName, declaration);
    }
  }
});

after(() => rmSync(join(ROOT, outDir), { recursive: true, force: true }));

describe('custom-elements.json', () => {
  for (const tag of TAGS) {
    it(`lists <${tag}> as a custom element`, () => {
      assert.ok(elements.has(tag), `no declaration with tagName ${tag}`);
      assert.equal(elements.get(tag).customElement, true);
    });
  }

  it('documents the cancelable events on the widgets that send them', () => {
    const events = (tag) => new Set((elements.get(tag)?.events ?? []).map((event) => event.name));
    assert.ok(events('mk-unified-job-list').has('view-details'));
    assert.ok(events('mk-unified-job-list').has('try-live-failover'));
    for (const name of ['dismiss', 'view-details', 'try-live-failover']) assert.ok(events('mk-operation-error-banner').has(name), name);
  });
});

// custom-elements.json as the analyzer writes it from the elements' JSDoc: every public tag is
// there (IDE hints, Storybook's docs tables and framework tooling read it), with its events.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ROOT } from '../../scripts/ensure-setup.mjs';

const TAGS = ['mk-unified-job-list', 'mk-operation-error-banner', 'mk-job-error-modal', 'mk-oma-provider', 'mk-vm-status'];

/** tag name → its declaration in the manifest. */
let elements;

before(() => {
  // The manifest as the build writes it (git ignores the file). Another --outdir would make the
  // analyzer point package.json's `customElements` there.
  execFileSync('npm', ['run', '--silent', 'analyze'], { cwd: ROOT, stdio: 'ignore' });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  elements = new Map();
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName) elements.set(declaration.tagName, declaration);
    }
  }
});

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

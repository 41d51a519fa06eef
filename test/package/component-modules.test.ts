/**
 * `mk-widgets/<name>.component` (the package exports map it to the built
 * `elements/<name>/<name>.component.js`, see test/node/package.test.mjs): importing an element's
 * class does not register its tag, so a host can register it under a name of its own.
 *
 * The modules are imported here, one per test, and nothing else in this file registers a tag; the
 * list and the banner register the details dialog they open, so the dialog's own module comes first.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';

const MODULES = [
  { tag: 'mk-job-error-modal', load: () => import('../../src/elements/job-error-modal/job-error-modal.component.js'), exported: 'MkJobErrorModal' },
  { tag: 'mk-oma-provider', load: () => import('../../src/elements/oma-provider/oma-provider.component.js'), exported: 'MkOmaProvider' },
  { tag: 'mk-unified-job-list', load: () => import('../../src/elements/unified-job-list/unified-job-list.component.js'), exported: 'MkUnifiedJobList' },
  {
    tag: 'mk-operation-error-banner',
    load: () => import('../../src/elements/operation-error-banner/operation-error-banner.component.js'),
    exported: 'MkOperationErrorBanner',
  },
  { tag: 'mk-vm-status', load: () => import('../../src/elements/vm-status/vm-status.component.js'), exported: 'MkVmStatus' },
] as const;

afterEach(() => fixtureCleanup());

describe('element classes without their tags (*.component modules)', () => {
  for (const { tag, load, exported } of MODULES) {
    it(`${exported}: importing the class leaves <${tag}> unregistered`, async () => {
      const module: Record<string, unknown> = await load();
      const elementClass = module[exported] as CustomElementConstructor;
      expect(elementClass.prototype).to.be.instanceOf(HTMLElement);
      expect(customElements.get(tag)).to.equal(undefined);
    });
  }

  it('a host registers a class under its own tag, and it works there', async () => {
    const { MkUnifiedJobList } = await import('../../src/elements/unified-job-list/unified-job-list.component.js');
    customElements.define('host-job-list', MkUnifiedJobList);
    const element = await fixture<InstanceType<typeof MkUnifiedJobList>>(html`<host-job-list></host-job-list>`);
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.include('No VM selected.');
    expect(customElements.get('mk-unified-job-list')).to.equal(undefined);
  });
});

import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { OmaClient } from '../../src/api/client.js';
import { DISMISSAL_STORAGE_KEY, DismissalStore, failureKey, getDefaultDismissalStore } from '../../src/model/dismissal-store.js';
import type { DismissEvent, TryLiveFailoverEvent } from '../../src/events.js';
import type { MkOperationErrorBanner } from '../../src/elements/operation-error-banner/operation-error-banner.js';
import type { MkJobErrorModal } from '../../src/elements/job-error-modal/job-error-modal.js';
import { createMockFetch } from '../../mock-oma/handler.js';
import { contextIdFor, PGTEST1_FAILED_JOB_ID } from '../../mock-oma/fixtures.js';
import { buttonByText, expectSame, tag, mountWithMockOma, shadow, textOf, waitForShadow } from '../harness.js';
import { MemoryStorage } from '../memory-storage.js';

const PGTEST1_CONTEXT = contextIdFor('pgtest1');



/** Storage as a sandboxed iframe or a locked-down private mode offers it: every call throws. */
class ThrowingStorage implements Storage {
  get length(): number {
    throw new DOMException('denied', 'SecurityError');
  }
  clear(): void {
    throw new DOMException('denied', 'SecurityError');
  }
  getItem(): string | null {
    throw new DOMException('denied', 'SecurityError');
  }
  key(): string | null {
    throw new DOMException('denied', 'SecurityError');
  }
  removeItem(): void {
    throw new DOMException('denied', 'SecurityError');
  }
  setItem(): void {
    throw new DOMException('denied', 'SecurityError');
  }
}

function memoryStore(storage: Storage = new MemoryStorage()): DismissalStore {
  return new DismissalStore({ storage });
}

async function mountBanner(vmName: string, dismissals: DismissalStore = memoryStore(), attrs: { theme?: 'dark' } = {}) {
  const mounted = await mountWithMockOma<MkOperationErrorBanner>(
    html`<mk-operation-error-banner vm-name=${vmName} theme=${attrs.theme ?? nothing} .dismissals=${dismissals}></mk-operation-error-banner>`,
  );
  return { ...mounted, dismissals };
}

/** Mounts another banner in a new provider over the same client: a page reload that keeps the browser's storage. */
async function remount(client: OmaClient, vmName: string, dismissals: DismissalStore): Promise<MkOperationErrorBanner> {
  const provider = await fixture<HTMLElement>(
    html`<mk-oma-provider .client=${client}><mk-operation-error-banner vm-name=${vmName} .dismissals=${dismissals}></mk-operation-error-banner></mk-oma-provider>`,
  );
  return provider.firstElementChild as MkOperationErrorBanner;
}

/** Waits until the banner has the server's answer (or error) and rendered it: only then does "nothing on screen" mean anything. */
async function loaded(banner: MkOperationErrorBanner): Promise<void> {
  const internals = banner as unknown as { vm: { state: { status: string } } };
  await waitUntil(() => internals.vm.state.status !== 'loading', 'the VM context to load', { timeout: 4000 });
  await banner.updateComplete;
}

function button(banner: MkOperationErrorBanner, text: string): HTMLButtonElement {
  const found = buttonByText(shadow(banner), text);
  if (!found) throw new Error(`no "${text}" button`);
  return found;
}

function storedKeys(storage: Storage): string[] {
  const raw = storage.getItem(DISMISSAL_STORAGE_KEY);
  if (!raw) return [];
  const parsed = JSON.parse(raw) as { v: number; entries: Record<string, { at: number }> };
  expect(parsed.v).to.equal(1);
  return Object.keys(parsed.entries);
}

function expectNothingRendered(banner: MkOperationErrorBanner): void {
  expect(tag(shadow(banner).querySelector('.banner')), 'banner box').to.equal(null);
  expect(textOf(shadow(banner))).to.equal('');
  expect(banner.getBoundingClientRect().height, 'height of an empty banner').to.equal(0);
}

const PGTEST1_KEY = failureKey({ contextId: PGTEST1_CONTEXT, jobId: PGTEST1_FAILED_JOB_ID });

describe('<mk-operation-error-banner>', () => {
  describe('a failed test failover (pgtest1)', () => {
    it('says what failed, where, why, what to do and when', async () => {
      const { element } = await mountBanner('pgtest1');
      const box = await waitForShadow(element, '.banner');
      const text = textOf(box);
      expect(textOf(box.querySelector('h2'))).to.equal('Last Operation Failed');
      expect(textOf(box.querySelector('.summary'))).to.equal('Test Failover failed at step 3 of 5 (60%)');
      expect(text).to.contain('Failed step: Preparing Drivers for Compatibility');
      expect(textOf(box.querySelector('.issue'))).to.equal('Issue: KVM driver installation failed - compatibility issue');
      expect(text).to.contain('What you can do:');
      const bullets = [...box.querySelectorAll('.advice li')].map((li) => textOf(li));
      expect(bullets).to.deep.equal(['Try live failover (no driver modification)', 'Verify VM is Windows-based']);
      const meta = textOf(box.querySelector('.meta'));
      expect(meta).to.contain('Category: Compatibility');
      expect(meta).to.contain('3 minutes ago');
      expect(meta).to.contain('ran 25 sec');
      // "What you can do" only shows in a narrow container or with density="compact".
      const buttons = [...box.querySelectorAll('.actions button')].filter((b) => b.checkVisibility()).map((b) => textOf(b));
      expect(buttons).to.deep.equal(['Dismiss', 'Try Live Failover', 'View Details']);
      expect(box.classList.contains('critical')).to.equal(false);
      expect(tag(box.querySelector('.badge'))).to.equal(null);
    });

    it('is an alert that does not steal focus', async () => {
      const input = fixtureSync<HTMLInputElement>(html`<input aria-label="search" />`);
      input.focus();
      const { element } = await mountBanner('pgtest1');
      const box = await waitForShadow(element, '.banner');
      expect(box.getAttribute('role')).to.equal('alert');
      expectSame(document.activeElement, input, 'focus');
      expect(element.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('Try Live Failover asks the host, with the failure and source "banner"', async () => {
      const { element } = await mountBanner('pgtest1');
      await waitForShadow(element, '.banner');
      const event = oneEvent(document, 'try-live-failover') as Promise<TryLiveFailoverEvent>;
      button(element, 'Try Live Failover').click();
      const { detail } = await event;
      expect(detail).to.deep.equal({
        contextId: PGTEST1_CONTEXT,
        vmName: 'pgtest1',
        jobId: PGTEST1_FAILED_JOB_ID,
        operationType: 'test_failover',
        source: 'banner',
      });
      // The widget never starts anything itself: the banner stays.
      expect(tag(shadow(element).querySelector('.banner'))).to.not.equal(null);
    });

    it('View Details opens the modal; Escape closes it and focus returns to View Details', async () => {
      const { element } = await mountBanner('pgtest1');
      await waitForShadow(element, '.banner');
      const view = button(element, 'View Details');
      view.focus();
      await sendKeys({ press: 'Enter' });
      const modal = shadow(element).querySelector('mk-job-error-modal') as MkJobErrorModal;
      await waitUntil(() => modal.open, 'the modal to open');
      await modal.updateComplete;
      const dialog = shadow(modal).querySelector('dialog') as HTMLDialogElement;
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      expect(textOf(shadow(modal).querySelector('h2'))).to.equal('Test Failover Failed');
      expect(textOf(dialog)).to.contain('60% (3 of 5 steps)');
      // Focus moved into the dialog.
      expectSame(document.activeElement, element, 'focus');
      expectSame(shadow(element).activeElement, modal, 'focus in the banner');
      expect(dialog.contains(shadow(modal).activeElement)).to.equal(true);

      const closed = oneEvent(modal, 'close');
      await sendKeys({ press: 'Escape' });
      await closed;
      expect(dialog.open).to.equal(false);
      expect(modal.open).to.equal(false);
      expectSame(shadow(element).activeElement, view, 'focus in the banner');
    });

    it("the modal's Try Live Failover reaches the host from inside the banner", async () => {
      const { element } = await mountBanner('pgtest1');
      await waitForShadow(element, '.banner');
      button(element, 'View Details').click();
      const modal = shadow(element).querySelector('mk-job-error-modal') as MkJobErrorModal;
      await waitUntil(() => buttonByText(shadow(modal), 'Try Live Failover'), 'the modal to show Try Live Failover');
      const event = oneEvent(document, 'try-live-failover') as Promise<TryLiveFailoverEvent>;
      buttonByText(shadow(modal), 'Try Live Failover')?.click();
      expect((await event).detail).to.deep.equal({
        contextId: PGTEST1_CONTEXT,
        vmName: 'pgtest1',
        jobId: PGTEST1_FAILED_JOB_ID,
        operationType: 'test_failover',
        source: 'modal',
      });
    });

    it('is accessible', async () => {
      const { element } = await mountBanner('pgtest1');
      await waitForShadow(element, '.banner');
      await expect(element).to.be.accessible();
    });

    it('is accessible in the dark theme', async () => {
      const { element } = await mountBanner('pgtest1', memoryStore(), { theme: 'dark' });
      await waitForShadow(element, '.banner');
      expect(getComputedStyle(element).colorScheme).to.equal('dark');
      await expect(element).to.be.accessible();
    });
  });

  describe('a critical failure from an older server (pgtest3, legacy summary string)', () => {
    it('shows, looks more urgent, and degrades the summary without step counts', async () => {
      const { element } = await mountBanner('pgtest3');
      const box = await waitForShadow(element, '.banner');
      expect(box.classList.contains('critical')).to.equal(true);
      expect(textOf(box.querySelector('.badge'))).to.equal('Critical');
      const summary = textOf(box.querySelector('.summary'));
      expect(summary).to.match(/^Live Failover failed(?: at)? \(?45%\)?$/);
      expect(summary).to.not.contain('step');
      expect(textOf(box)).to.contain('Failed step: Configuring Network Adapters');
      expect(textOf(box)).to.contain('Issue: Network configuration failed - destination network unreachable');
    });

    it('never offers Try Live Failover, even though a step mentions live failover', async () => {
      const { element } = await mountBanner('pgtest3');
      const box = await waitForShadow(element, '.banner');
      expect(textOf(box.querySelector('.advice'))).to.contain('Try live failover again once the destination network is reachable');
      expect(tag(buttonByText(shadow(element), 'Try Live Failover'))).to.equal(null);
      const visibleButtons = [...box.querySelectorAll('.actions button')].filter((b) => b.checkVisibility());
      expect(visibleButtons.map((b) => textOf(b))).to.deep.equal(['Dismiss', 'View Details', 'Copy details for support']);
    });

    it('is accessible', async () => {
      const { element } = await mountBanner('pgtest3');
      await waitForShadow(element, '.banner');
      await expect(element).to.be.accessible();
    });
  });

  describe('nothing to show', () => {
    for (const [vmName, why] of [
      ['db02', 'the last operation (a rollback) completed'],
      ['empty01', 'the VM has no last operation'],
      ['err404', 'the VM is unknown (404)'],
      ['err500', 'the server fails (500)'],
    ] as const) {
      it(`renders nothing and takes no space when ${why}`, async () => {
        const { element, requests } = await mountBanner(vmName);
        await loaded(element);
        expect(requests.map((r) => r.path)).to.include(`/api/v1/vm-contexts/${vmName}`);
        expectNothingRendered(element);
      });
    }
  });

  it('takes no space while the answer is on its way (slow01)', async () => {
    const { element, requests } = await mountBanner('slow01');
    await element.updateComplete;
    expect(requests.map((r) => r.path)).to.include('/api/v1/vm-contexts/slow01');
    expectNothingRendered(element);
  });

  describe('dismissing', () => {
    it('hides the failure, tells the host, and keeps the dismissal in versioned storage', async () => {
      const storage = new MemoryStorage();
      const { element, requests } = await mountBanner('pgtest1', memoryStore(storage));
      await waitForShadow(element, '.banner');
      const event = oneEvent(document, 'dismiss') as Promise<DismissEvent>;
      button(element, 'Dismiss').click();
      const dismissed = await event;
      expect(dismissed.bubbles).to.equal(true);
      expect(dismissed.composed).to.equal(true);
      expect(dismissed.detail).to.deep.equal({ contextId: PGTEST1_CONTEXT, vmName: 'pgtest1', jobId: PGTEST1_FAILED_JOB_ID });
      await element.updateComplete;
      expectNothingRendered(element);
      expect(storedKeys(storage)).to.deep.equal([PGTEST1_KEY]);
      // It never touches the server.
      expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /api/v1/vm-contexts/pgtest1']);
    });

    it('stays dismissed after a reload', async () => {
      const storage = new MemoryStorage();
      const { element, client } = await mountBanner('pgtest1', memoryStore(storage));
      await waitForShadow(element, '.banner');
      button(element, 'Dismiss').click();
      await element.updateComplete;
      expectNothingRendered(element);

      // Another element on the same store.
      const same = await remount(client, 'pgtest1', element.dismissals);
      await loaded(same);
      expectNothingRendered(same);

      // A reload: a new store over the same storage, a new element.
      const again = await remount(client, 'pgtest1', memoryStore(storage));
      await loaded(again);
      expectNothingRendered(again);
    });

    it('shows again when a newer failure (another job) arrives', async () => {
      const storage = new MemoryStorage();
      const server: { newerJobId?: string } = {};
      const mockFetch = createMockFetch();
      const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await mockFetch(input, init);
        if (!server.newerJobId || !String(input).endsWith('/vm-contexts/pgtest1')) return response;
        const body = (await response.json()) as { last_operation: { job_id: string } };
        body.last_operation.job_id = server.newerJobId;
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      }) as typeof fetch;
      const client = new OmaClient({ fetch: fetchImpl });
      const dismissals = memoryStore(storage);
      const element = await remount(client, 'pgtest1', dismissals);
      await waitForShadow(element, '.banner');
      button(element, 'Dismiss').click();
      await element.updateComplete;
      expectNothingRendered(element);

      server.newerJobId = 'a-newer-failed-job';
      client.refresh(client.vmContextPath('pgtest1'));
      await waitForShadow(element, '.banner', 'the newer failure');
      expect(textOf(shadow(element).querySelector('.summary'))).to.equal('Test Failover failed at step 3 of 5 (60%)');

      const event = oneEvent(document, 'dismiss') as Promise<DismissEvent>;
      button(element, 'Dismiss').click();
      expect((await event).detail.jobId).to.equal('a-newer-failed-job');
      expect(storedKeys(storage)).to.have.members([PGTEST1_KEY, failureKey({ contextId: PGTEST1_CONTEXT, jobId: 'a-newer-failed-job' })]);
    });

    it('an older dismissed failure does not hide the current one', async () => {
      const dismissals = memoryStore();
      dismissals.dismiss(failureKey({ contextId: PGTEST1_CONTEXT, jobId: 'an-older-failed-job' }));
      const { element } = await mountBanner('pgtest1', dismissals);
      await waitForShadow(element, '.banner');
    });

    it('applies a dismissal made in another tab live', async () => {
      const storage = new MemoryStorage();
      const { element } = await mountBanner('pgtest1', memoryStore(storage));
      await waitForShadow(element, '.banner');
      const raw = JSON.stringify({ v: 1, entries: { [PGTEST1_KEY]: { at: Date.now() } } });
      storage.setItem(DISMISSAL_STORAGE_KEY, raw);
      window.dispatchEvent(new StorageEvent('storage', { key: DISMISSAL_STORAGE_KEY, newValue: raw }));
      await waitUntil(() => !shadow(element).querySelector('.banner'), 'the banner to hide');
      expectNothingRendered(element);
    });

    it('dismisses a legacy summary without a job id by its timestamp (quirks01)', async () => {
      const storage = new MemoryStorage();
      const { element, client } = await mountBanner('quirks01', memoryStore(storage));
      const box = await waitForShadow(element, '.banner');
      // Legacy 'cleanup' is a rollback.
      expect(textOf(box.querySelector('.summary'))).to.equal('Rollback failed');
      const event = oneEvent(document, 'dismiss') as Promise<DismissEvent>;
      button(element, 'Dismiss').click();
      const { detail } = await event;
      expect(detail.contextId).to.equal(contextIdFor('quirks01'));
      expect(detail.vmName).to.equal('quirks01');
      expect(detail.jobId).to.equal(undefined);
      await element.updateComplete;
      expectNothingRendered(element);
      const keys = storedKeys(storage);
      expect(keys).to.have.length(1);
      expect(keys[0]).to.match(/^ctx:ctx-quirks01-20251003-140708\|at:\d{4}-\d\d-\d\dT/);

      const again = await remount(client, 'quirks01', memoryStore(storage));
      await loaded(again);
      expectNothingRendered(again);
    });

    it('keeps working in memory when storage throws', async () => {
      const dismissals = memoryStore(new ThrowingStorage());
      const { element } = await mountBanner('pgtest1', dismissals);
      const box = await waitForShadow(element, '.banner');
      expect(textOf(box.querySelector('.summary'))).to.equal('Test Failover failed at step 3 of 5 (60%)');
      const event = oneEvent(document, 'dismiss') as Promise<DismissEvent>;
      button(element, 'Dismiss').click();
      expect((await event).detail.jobId).to.equal(PGTEST1_FAILED_JOB_ID);
      await element.updateComplete;
      expectNothingRendered(element);
      expect(dismissals.persistent).to.equal(false);
    });

    describe('with the default store and the real localStorage', () => {
      beforeEach(() => localStorage.removeItem(DISMISSAL_STORAGE_KEY));
      afterEach(() => localStorage.removeItem(DISMISSAL_STORAGE_KEY));

      it('persists to localStorage and hides across tabs', async () => {
        const { element, client } = await mountWithMockOma<MkOperationErrorBanner>(
          html`<mk-operation-error-banner vm-name="pgtest1"></mk-operation-error-banner>`,
        );
        expect(element.dismissals === getDefaultDismissalStore(), 'the default store').to.equal(true);
        const provider = await fixture<HTMLElement>(
          html`<mk-oma-provider .client=${client}><mk-operation-error-banner vm-name="pgtest1"></mk-operation-error-banner></mk-oma-provider>`,
        );
        const other = provider.firstElementChild as MkOperationErrorBanner;
        await waitForShadow(element, '.banner');
        await waitForShadow(other, '.banner');
        button(element, 'Dismiss').click();
        await element.updateComplete;
        expectNothingRendered(element);
        await waitUntil(() => !shadow(other).querySelector('.banner'), 'the other banner to hide');
        expect(storedKeys(localStorage)).to.include(PGTEST1_KEY);

        // Another tab restores it (clears the key): the banners come back live.
        localStorage.removeItem(DISMISSAL_STORAGE_KEY);
        window.dispatchEvent(new StorageEvent('storage', { key: DISMISSAL_STORAGE_KEY, newValue: null, storageArea: localStorage }));
        await waitForShadow(element, '.banner', 'the banner to come back');
      });
    });
  });

  describe('a regressed server that leaks technical text (leaky01)', () => {
    it('shows no tool names, paths, step ids or SQL', async () => {
      const { element } = await mountBanner('leaky01');
      const box = await waitForShadow(element, '.banner');
      const text = textOf(shadow(element));
      expect(textOf(box.querySelector('.summary'))).to.equal('Live Failover failed at step 2 of 5 (40%)');
      expect(text).to.contain('Failed step: Preparing Drivers for Compatibility');
      expect(text).to.contain('Category: Storage');
      for (const forbidden of [/virtio/i, /virt-v2v/i, /\/var\/log/, /\/dev\/vd/, /virtio-driver-injection/, /\b[a-z]+-[a-z]+-[a-z]+\b/, /\bSELECT\b/i, /\bUPDATE\b/i, /\bWHERE\b/i, /\.log\b/, /\.iso\b/]) {
        expect(text, `banner text matches ${forbidden}`).to.not.match(forbidden);
      }
      expect(shadow(element).innerHTML).to.not.match(/virtio|\/var\/log|SELECT \*/i);
    });
  });
});

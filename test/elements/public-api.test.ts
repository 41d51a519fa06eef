/**
 * The public contract across elements: cancelable events, the dialog's `close` staying inside the
 * widgets, `show()` / `close()` settling, exported dialog parts, and hostile server text that
 * must never reach the screen (status words, VM names, 5 MB messages).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { OmaClient } from '../../src/api/client.js';
import { DismissalStore } from '../../src/model/dismissal-store.js';
import type { MkJobErrorModal } from '../../src/elements/job-error-modal/job-error-modal.js';
import type { MkOperationErrorBanner } from '../../src/elements/operation-error-banner/operation-error-banner.js';
import type { MkUnifiedJobList } from '../../src/elements/unified-job-list/unified-job-list.js';
import type { DismissEvent, TryLiveFailoverEvent, ViewDetailsEvent } from '../../src/events.js';
import { PGTEST1_EXAMPLE_JOB, PGTEST1_EXAMPLE_SUMMARY } from '../../mock-oma/fixtures.js';
import { buttonByText, mountWithMockOma, shadow, textOf, waitForShadow } from '../harness.js';
import { MemoryStorage } from '../memory-storage.js';

const FORBIDDEN = /virt|v2v|\/dev\/|handler\.go|qemu|nbdkit|10\.245|oma-db01/i;

/** A client whose server answers every GET of `bodies` (by URL suffix) with that JSON. */
function clientAnswering(bodies: Record<string, unknown>): { client: OmaClient; requests: string[] } {
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    requests.push(url);
    const match = Object.keys(bodies).find((suffix) => url.endsWith(suffix));
    if (!match) return new Response('{"error":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } });
    return new Response(JSON.stringify(bodies[match]), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { client: new OmaClient({ fetch }), requests };
}

function vmBody(vmName: string, lastOperation: Record<string, unknown>, context: Record<string, unknown> = {}) {
  return {
    context: { context_id: `ctx-${vmName}`, vm_name: vmName, current_status: 'failed', last_operation_summary: null, ...context },
    job_history: null,
    last_operation: lastOperation,
  };
}

async function mountIn<T extends Element>(client: OmaClient, template: ReturnType<typeof html>): Promise<T> {
  const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${client}>${template}</mk-oma-provider>`);
  return provider.firstElementChild as T;
}

function button(element: Element, text: string): HTMLButtonElement {
  const found = buttonByText(shadow(element), text);
  if (!found) throw new Error(`no "${text}" button in ${element.localName}`);
  return found;
}

function innerModal(element: Element): MkJobErrorModal {
  const modal = shadow(element).querySelector<MkJobErrorModal>('mk-job-error-modal');
  if (!modal) throw new Error('no details dialog');
  return modal;
}

async function failedList(): Promise<MkUnifiedJobList> {
  const { element } = await mountWithMockOma<MkUnifiedJobList>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
  await waitForShadow(element, '[part~="row-failed"]', 'the failed row');
  return element;
}

describe('events are cancelable and hand control back to the host', () => {
  it('view-details from a list row opens the built-in dialog unless the host cancels it', async () => {
    const list = await failedList();
    const cancelled = oneEvent(list, 'view-details') as Promise<ViewDetailsEvent>;
    list.addEventListener('view-details', (event) => event.preventDefault(), { once: true });
    button(list, 'View details').click();
    const event = await cancelled;
    expect(event.cancelable).to.equal(true);
    expect(event.detail).to.include({ vmName: 'pgtest1', source: 'list' });
    await list.updateComplete;
    expect(shadow(list).querySelector('mk-job-error-modal'), 'no built-in dialog').to.equal(null);

    button(list, 'View details').click();
    await waitForShadow(list, 'mk-job-error-modal');
    await waitUntil(() => innerModal(list).open, 'the dialog opens');
  });

  it('try-live-failover from the details dialog closes it, so the host dialog is on top; cancelled, it stays open', async () => {
    const list = await failedList();
    button(list, 'View details').click();
    await waitForShadow(list, 'mk-job-error-modal');
    const modal = innerModal(list);
    await waitUntil(() => modal.open && buttonByText(shadow(modal), 'Try Live Failover'), 'dialog with its action');

    list.addEventListener('try-live-failover', (event) => event.preventDefault(), { once: true });
    button(modal, 'Try Live Failover').click();
    await modal.updateComplete;
    expect(modal.open, 'cancelled: stays open').to.equal(true);

    const sent = oneEvent(list, 'try-live-failover') as Promise<TryLiveFailoverEvent>;
    button(modal, 'Try Live Failover').click();
    expect((await sent).detail).to.include({ source: 'modal', vmName: 'pgtest1' });
    await waitUntil(() => !shadow(list).querySelector('mk-job-error-modal'), 'the dialog closes');
  });

  it('a cancelled dismiss keeps the banner and stores nothing', async () => {
    const storage = new MemoryStorage();
    const { element: banner } = await mountWithMockOma<MkOperationErrorBanner>(
      html`<mk-operation-error-banner vm-name="pgtest1" .dismissals=${new DismissalStore({ storage })}></mk-operation-error-banner>`,
    );
    await waitForShadow(banner, '[part="base"]');
    banner.addEventListener('dismiss', (event) => event.preventDefault(), { once: true });
    const dismissed = oneEvent(banner, 'dismiss') as Promise<DismissEvent>;
    button(banner, 'Dismiss').click();
    expect((await dismissed).cancelable).to.equal(true);
    await banner.updateComplete;
    expect(shadow(banner).querySelector('[part="base"]'), 'still shown').not.to.equal(null);
    expect(storage.length, 'nothing stored').to.equal(0);
  });

  it('a cancelled view-details on the banner opens no dialog', async () => {
    const { element: banner } = await mountWithMockOma<MkOperationErrorBanner>(
      html`<mk-operation-error-banner vm-name="pgtest1" .dismissals=${new DismissalStore({ storage: new MemoryStorage() })}></mk-operation-error-banner>`,
    );
    await waitForShadow(banner, '[part="base"]');
    banner.addEventListener('view-details', (event) => event.preventDefault(), { once: true });
    const asked = oneEvent(banner, 'view-details') as Promise<ViewDetailsEvent>;
    button(banner, 'View Details').click();
    expect((await asked).detail).to.include({ source: 'banner', vmName: 'pgtest1', jobId: PGTEST1_EXAMPLE_SUMMARY.job_id });
    await innerModal(banner).updateComplete;
    expect(innerModal(banner).open).to.equal(false);
  });
});

describe('the details dialog', () => {
  it('show() and close() settle once the dialog is open and closed', async () => {
    const modal = await fixture<MkJobErrorModal>(html`<mk-job-error-modal .job=${PGTEST1_EXAMPLE_JOB}></mk-job-error-modal>`);
    await modal.show();
    expect(shadow(modal).querySelector('dialog')!.open, 'open when show() settles').to.equal(true);
    await modal.close();
    expect(shadow(modal).querySelector('dialog')!.open, 'closed when close() settles').to.equal(false);
  });

  it("its close event does not escape from the list that contains it", async () => {
    const list = await failedList();
    let escaped = 0;
    list.addEventListener('close', () => (escaped += 1));
    document.addEventListener('close', () => (escaped += 1));
    button(list, 'View details').click();
    await waitForShadow(list, 'mk-job-error-modal');
    const modal = innerModal(list);
    await waitUntil(() => modal.open, 'open');
    const closed = oneEvent(modal, 'close');
    await modal.close();
    await closed;
    expect(escaped).to.equal(0);
  });

  it('is styled from outside through the exported parts (::part(dialog) on the list)', async () => {
    const style = document.createElement('style');
    style.textContent = 'mk-unified-job-list::part(dialog) { outline: 7px solid rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      const list = await failedList();
      button(list, 'View details').click();
      await waitForShadow(list, 'mk-job-error-modal');
      const dialog = await waitForShadow<HTMLDialogElement>(innerModal(list), 'dialog');
      expect(getComputedStyle(dialog).outlineWidth).to.equal('7px');
    } finally {
      style.remove();
    }
  });
});

describe('hostile server text never reaches the screen', () => {
  it('a technical status word reads as a plain status in the row and in the dialog', async () => {
    const job = { ...PGTEST1_EXAMPLE_JOB, status: 'virt-v2v: error: /dev/vdc' };
    const { client } = clientAnswering({ '/ctx-hostile/recent-jobs': { context_id: 'ctx-hostile', jobs: [job] } });
    const list = await mountIn<MkUnifiedJobList>(client, html`<mk-unified-job-list context-id="ctx-hostile"></mk-unified-job-list>`);
    const status = await waitForShadow(list, '[part="status"]');
    expect(textOf(status)).to.equal('Unknown');
    expect(textOf(shadow(list))).not.to.match(FORBIDDEN);

    const modal = await fixture<MkJobErrorModal>(html`<mk-job-error-modal .job=${job}></mk-job-error-modal>`);
    await modal.show();
    expect(textOf(shadow(modal))).not.to.match(FORBIDDEN);
  });

  it("the server's VM name is guarded too", async () => {
    const { client } = clientAnswering({
      '/vm-contexts/pg9': vmBody('pg9', { ...PGTEST1_EXAMPLE_SUMMARY }, { vm_name: 'virt-v2v /dev/vdc at 10.245.246.125:8082' }),
    });
    const banner = await mountIn<MkOperationErrorBanner>(
      client,
      html`<mk-operation-error-banner vm-name="pg9" .dismissals=${new DismissalStore({ storage: new MemoryStorage() })}></mk-operation-error-banner>`,
    );
    await waitForShadow(banner, '[part="base"]');
    button(banner, 'View Details').click();
    await waitUntil(() => innerModal(banner).open, 'dialog open');
    expect(textOf(shadow(innerModal(banner)))).not.to.match(FORBIDDEN);
  });

  it('a 5 MB error message is cut to a readable length', async () => {
    const huge = `${'The destination storage did not answer in time. '.repeat(110_000)}`;
    const { client } = clientAnswering({ '/vm-contexts/big1': vmBody('big1', { ...PGTEST1_EXAMPLE_SUMMARY, error_message: huge }) });
    const banner = await mountIn<MkOperationErrorBanner>(
      client,
      html`<mk-operation-error-banner vm-name="big1" .dismissals=${new DismissalStore({ storage: new MemoryStorage() })}></mk-operation-error-banner>`,
    );
    const issue = await waitForShadow(banner, '[part="issue"]');
    expect(huge.length).to.be.above(5_000_000);
    expect(textOf(issue).length).to.be.below(1_100);
    expect(textOf(issue)).to.match(/…$/);
  });
});

describe('a configuration the widgets cannot use', () => {
  for (const [label, attrs] of [
    ['by context id', { 'context-id': 'ctx-pgtest1' }],
    ['by VM name', { 'vm-name': 'pgtest1' }],
  ] as const) {
    it(`an api-base that is not http(s) or a path is said plainly, and nothing is fetched (${label})`, async () => {
      const realFetch = globalThis.fetch;
      let fetched = 0;
      globalThis.fetch = (...args: Parameters<typeof fetch>) => {
        fetched += 1;
        return realFetch(...args);
      };
      const list = await fixture<MkUnifiedJobList>(
        html`<mk-unified-job-list api-base="data:application/json,{}" context-id=${'context-id' in attrs ? attrs['context-id'] : ''} vm-name=${'vm-name' in attrs ? attrs['vm-name'] : ''}></mk-unified-job-list>`,
      );
      const alert = await waitForShadow(list, '[role="alert"]');
      expect(textOf(alert)).to.contain('not set up correctly');
      globalThis.fetch = realFetch;
      expect(fetched).to.equal(0);
    });
  }
});

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { OmaClient } from '../../src/api/client.js';
import { resetReportedDataIssues } from '../../src/api/report.js';
import type { VmContextsResponse } from '../../src/api/wire.js';
import type { TryLiveFailoverEvent, ViewDetailsEvent } from '../../src/events.js';
import type { MkVmStatus } from '../../src/elements/vm-status/vm-status.js';
import type { MkJobErrorModal } from '../../src/elements/job-error-modal/job-error-modal.js';
import { vmStatusSource } from '../../src/controllers/vm-list-controller.js';
import { createMockFetch, type MockRequest } from '../../mock-oma/handler.js';
import { contextIdFor, PGTEST1_FAILED_JOB_ID } from '../../mock-oma/fixtures.js';
import { fleetVmName } from '../../mock-oma/fleet.js';
import { buttonByText, expectSame, mountWithMockOma, shadow, tag, textOf, waitForShadow } from '../harness.js';

const MINUTE = 60_000;
const LEAKED = /virt-?v2v|virtio|\/var\/log|\/dev\/|UPDATE |\.log\b|qemu|nbdkit/i;

/** The line as a person sees it (the truncated text) and as assistive technology reads it. */
function lineOf(element: MkVmStatus): { text: string; full: string; base: HTMLElement } {
  const base = shadow(element).querySelector<HTMLElement>('[part~="base"]');
  if (!base) throw new Error('no line');
  return { text: textOf(base.querySelector('.text')), full: textOf(base.querySelector('.visually-hidden')), base };
}

/** Waits until the element shows its VM (or says why not) rather than "Loading status…". */
async function loaded(element: MkVmStatus): Promise<void> {
  await waitUntil(() => shadow(element).querySelector('[part~="base"]:not(.loading)'), 'the status to load', { timeout: 4000 });
  await element.updateComplete;
}

async function mountStatus(vmName: string) {
  const mounted = await mountWithMockOma<MkVmStatus>(html`<mk-vm-status vm-name=${vmName}></mk-vm-status>`);
  await loaded(mounted.element);
  return mounted;
}

function trigger(element: MkVmStatus): HTMLButtonElement {
  const button = shadow(element).querySelector<HTMLButtonElement>('button[part~="base"]');
  if (!button) throw new Error('the line is not a button');
  return button;
}

function panel(element: MkVmStatus): HTMLElement | null {
  return shadow(element).querySelector<HTMLElement>('[part~="popover"]');
}

function isShown(element: HTMLElement | null): boolean {
  return !!element && element.getBoundingClientRect().height > 0;
}

async function openPopover(element: MkVmStatus): Promise<HTMLElement> {
  trigger(element).click();
  await waitUntil(() => isShown(panel(element)), 'the popover to open');
  return panel(element)!;
}

/** A VM list body with one context per entry, as `GET /vm-contexts` sends it. */
function listBody(entries: { vmName: string; status: string; summary?: Record<string, unknown> | null }[]): VmContextsResponse {
  return {
    vm_contexts: entries.map(({ vmName, status, summary }) => ({
      context_id: contextIdFor(vmName),
      vm_name: vmName,
      current_status: status,
      last_operation_summary: summary ? JSON.stringify(summary) : null,
    })),
    count: entries.length,
  };
}

const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

/** A fetch that records requests and how many were in flight at most. */
function countingFetch(answerAfterMs = 5) {
  const inner = createMockFetch();
  const requests: string[] = [];
  let inFlight = 0;
  const stats = { requests, peak: 0 };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(String(input));
    inFlight += 1;
    stats.peak = Math.max(stats.peak, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, answerAfterMs));
      return await inner(input, init);
    } finally {
      inFlight -= 1;
    }
  }) as typeof globalThis.fetch;
  return { fetch, stats };
}

async function mountMany(client: OmaClient, names: string[]): Promise<MkVmStatus[]> {
  const provider = await fixture<HTMLElement>(
    html`<mk-oma-provider .client=${client}>${names.map((name) => html`<mk-vm-status vm-name=${name}></mk-vm-status>`)}</mk-oma-provider>`,
  );
  return [...provider.querySelectorAll('mk-vm-status')];
}

describe('<mk-vm-status>', () => {
  afterEach(() => sinon.restore());

  describe('from the VM list (mock OMA)', () => {
    it('a failed test failover: icon, words and time on one line, a button', async () => {
      const { element } = await mountStatus('pgtest1');
      const { text, full, base } = lineOf(element);
      expect(text).to.equal('Test failover failed · 3 min. ago');
      expect(full).to.equal('pgtest1: Failed. Test failover failed · 3 minutes ago.');
      expect(base.title).to.equal(full);
      expect(base.localName).to.equal('button');
      expect(base.getAttribute('aria-expanded')).to.equal('false');
      expect(tag(base.querySelector('svg'))).to.not.equal(null);
      await expect(element).to.be.accessible();
    });

    it('a VM whose last rollback completed: state and last operation', async () => {
      const { element } = await mountStatus('db02');
      const { text, base } = lineOf(element);
      expect(text).to.match(/^Ready for failover · last rollback completed /);
      expect(base.localName).to.equal('span');
      await expect(element).to.be.accessible();
    });

    it('a discovered VM without operations: its state alone', async () => {
      const { element } = await mountStatus('empty01');
      expect(lineOf(element).text).to.equal('Discovered');
      await expect(element).to.be.accessible();
    });

    it('a replicating VM: "Replicating" and the progress', async () => {
      const { element } = await mountStatus('web01');
      expect(lineOf(element).text).to.match(/^Replicating · \d+%$/);
      expect(lineOf(element).base.classList.contains('tone-running')).to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('a critical failure says so and never offers Try Live Failover', async () => {
      const { element } = await mountStatus('pgtest3');
      expect(lineOf(element).text).to.match(/^Live failover failed \(critical\) · /);
      const popover = await openPopover(element);
      expect(textOf(popover.querySelector('.badge'))).to.equal('Critical');
      expect(buttonByText(popover, 'Try Live Failover')).to.equal(undefined);
      expect(buttonByText(popover, 'View details')).to.not.equal(undefined);
      await expect(element).to.be.accessible();
    });

    it('leaked technical text is guarded on the line and in the popover', async () => {
      const { element } = await mountStatus('leaky01');
      expect(lineOf(element).full).to.not.match(LEAKED);
      const popover = await openPopover(element);
      expect(textOf(popover)).to.not.match(LEAKED);
      expect(textOf(popover)).to.contain('Issue:');
      await expect(element).to.be.accessible();
    });

    it('a VM the list does not name: "Not found"', async () => {
      const { element } = await mountStatus('no-such-vm');
      expect(lineOf(element).text).to.equal('Not found');
      expect(lineOf(element).full).to.contain('This VM was not found on the migration server.');
      await expect(element).to.be.accessible();
    });

    it('loading: says so until the first answer', async () => {
      const client = new OmaClient({ fetch: (() => new Promise<Response>(() => undefined)) as typeof fetch });
      const [element] = await mountMany(client, ['pgtest1']);
      expect(lineOf(element!).text).to.equal('Loading status…');
      expect(lineOf(element!).base.getAttribute('aria-busy')).to.equal('true');
      await expect(element).to.be.accessible();
    });

    it('fits 160 px: the line truncates, the full text stays in the title', async () => {
      const { element } = await mountStatus('pgtest1');
      element.style.width = '160px';
      await element.updateComplete;
      const { base } = lineOf(element);
      expect(element.getBoundingClientRect().width).to.be.at.most(160);
      expect(base.getBoundingClientRect().height).to.be.below(40);
      const text = base.querySelector<HTMLElement>('.text')!;
      expect(text.scrollWidth).to.be.greaterThan(text.clientWidth);
    });
  });

  describe('the popover of a failed last operation', () => {
    it('shows the summary, failed step, issue, what you can do and the actions', async () => {
      const { element } = await mountStatus('pgtest1');
      const popover = await openPopover(element);
      expect(popover.getAttribute('role')).to.equal('dialog');
      expect(textOf(popover.querySelector('.summary'))).to.equal('pgtest1: Test Failover failed at step 3 of 5 (60%)');
      expect(textOf(popover)).to.contain('Failed step: Preparing Drivers for Compatibility');
      expect(textOf(popover.querySelector('.issue'))).to.equal('Issue: KVM driver installation failed - compatibility issue');
      const advice = [...popover.querySelectorAll('.advice li')].map((li) => textOf(li));
      expect(advice).to.deep.equal(['Try live failover (no driver modification)', 'Verify VM is Windows-based']);
      const buttons = [...popover.querySelectorAll('.actions button')].map((button) => textOf(button));
      expect(buttons).to.deep.equal(['Try Live Failover', 'View details']);
      expect(trigger(element).getAttribute('aria-expanded')).to.equal('true');
      await expect(element).to.be.accessible();
    });

    it('opens with the keyboard, Escape closes it and focus returns to the line', async () => {
      const { element } = await mountStatus('pgtest1');
      trigger(element).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => isShown(panel(element)), 'the popover to open');
      expectSame(shadow(element).activeElement, panel(element), 'focus after opening');
      await sendKeys({ press: 'Tab' });
      expect(textOf(shadow(element).activeElement)).to.equal('Try Live Failover');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !isShown(panel(element)), 'the popover to close');
      expectSame(shadow(element).activeElement, trigger(element), 'focus after Escape');
      expect(trigger(element).getAttribute('aria-expanded')).to.equal('false');
    });

    it('Try Live Failover: the event with its detail, then the popover closes', async () => {
      const { element } = await mountStatus('pgtest1');
      const popover = await openPopover(element);
      const event = oneEvent(document, 'try-live-failover') as Promise<TryLiveFailoverEvent>;
      buttonByText(popover, 'Try Live Failover')!.click();
      const { detail, cancelable, composed, bubbles } = await event;
      expect(detail).to.deep.equal({
        contextId: contextIdFor('pgtest1'),
        vmName: 'pgtest1',
        jobId: PGTEST1_FAILED_JOB_ID,
        operationType: 'test_failover',
        source: 'vm-status',
      });
      expect([cancelable, composed, bubbles]).to.deep.equal([true, true, true]);
      await waitUntil(() => !isShown(panel(element)), 'the popover to close');
    });

    it('Try Live Failover cancelled: the popover stays', async () => {
      const { element } = await mountStatus('pgtest1');
      const popover = await openPopover(element);
      element.addEventListener('try-live-failover', (event) => event.preventDefault(), { once: true });
      buttonByText(popover, 'Try Live Failover')!.click();
      await element.updateComplete;
      expect(isShown(panel(element))).to.equal(true);
    });

    it('View details: the event, then the details dialog for that operation', async () => {
      const { element } = await mountStatus('pgtest1');
      const popover = await openPopover(element);
      const event = oneEvent(document, 'view-details') as Promise<ViewDetailsEvent>;
      buttonByText(popover, 'View details')!.click();
      expect((await event).detail).to.deep.equal({ contextId: contextIdFor('pgtest1'), vmName: 'pgtest1', jobId: PGTEST1_FAILED_JOB_ID, source: 'vm-status' });
      const modal = await waitForShadow<MkJobErrorModal>(element, 'mk-job-error-modal');
      await waitUntil(() => modal.open && shadow(modal).querySelector('dialog[open]'), 'the dialog to open');
      expect(textOf(shadow(modal).querySelector('dialog'))).to.contain('KVM driver installation failed - compatibility issue');
      expect(isShown(panel(element))).to.equal(false);
      await modal.close();
      expectSame(shadow(element).activeElement, trigger(element), 'focus after the dialog');
    });

    it('View details cancelled: no built-in dialog', async () => {
      const { element } = await mountStatus('pgtest1');
      const popover = await openPopover(element);
      element.addEventListener('view-details', (event) => event.preventDefault(), { once: true });
      buttonByText(popover, 'View details')!.click();
      await element.updateComplete;
      expect(tag(shadow(element).querySelector('mk-job-error-modal'))).to.equal(null);
    });
  });

  describe('requests', () => {
    it('50 elements make ONE request for the VM list', async () => {
      const names = Array.from({ length: 50 }, (_, index) => fleetVmName(index));
      const { requests, provider } = await mountWithMockOma<MkVmStatus>(
        html`${names.map((name) => html`<mk-vm-status vm-name=${name}></mk-vm-status>`)}`,
        { client: { endpoints: { vmContexts: '/api/v1/vm-contexts?fleet=50' } } },
      );
      const elements = [...provider.querySelectorAll('mk-vm-status')];
      for (const element of elements) await loaded(element);
      expect(requests.map((request: MockRequest) => `${request.path}${request.query ?? ''}`)).to.deep.equal(['/api/v1/vm-contexts?fleet=50']);
      expect(elements.filter((element) => lineOf(element).text === 'Not found')).to.have.length(0);
    });

    it('a VM list handed to the provider: no request at all', async () => {
      const { fetch, stats } = countingFetch();
      const client = new OmaClient({ fetch });
      const body = listBody([{ vmName: 'vm-a', status: 'replicating' }]);
      const provider = await fixture<HTMLElement>(
        html`<mk-oma-provider .client=${client} .vmContexts=${body}><mk-vm-status vm-name="vm-a"></mk-vm-status></mk-oma-provider>`,
      );
      const element = provider.querySelector('mk-vm-status')!;
      await element.updateComplete;
      expect(lineOf(element).text).to.equal('Replicating');
      expect(stats.requests).to.deep.equal([]);
    });

    it('a VM context handed to the element: no request at all', async () => {
      const { fetch, stats } = countingFetch();
      const client = new OmaClient({ fetch });
      const body = { context: { context_id: 'ctx-x', vm_name: 'x', current_status: 'completed' } };
      const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${client}><mk-vm-status vm-name="x" .vmContext=${body}></mk-vm-status></mk-oma-provider>`);
      const element = provider.querySelector('mk-vm-status')!;
      await element.updateComplete;
      expect(lineOf(element).text).to.equal('Migration completed');
      expect(stats.requests).to.deep.equal([]);
    });

    it('list endpoint missing: one warning, then per-VM requests, at most 6 in flight, one per VM', async () => {
      resetReportedDataIssues();
      const warn = sinon.spy(console, 'warn');
      const { fetch, stats } = countingFetch(20);
      const client = new OmaClient({ fetch, endpoints: { vmContexts: '/not-exposed/vm-contexts' } });
      const names = Array.from({ length: 20 }, (_, index) => fleetVmName(index));
      const elements = await mountMany(client, [...names, ...names]);
      for (const element of elements) await loaded(element);
      const perVm = stats.requests.filter((url) => url.startsWith('/api/v1/vm-contexts/'));
      expect(stats.requests[0]).to.equal('/not-exposed/vm-contexts');
      expect(perVm.length, 'one request per VM name').to.equal(20);
      expect(new Set(perVm).size).to.equal(20);
      expect(stats.peak, 'requests in flight at once').to.be.at.most(6);
      expect(vmStatusSource(client).fallingBack).to.equal(true);
      const warnings = warn.getCalls().filter((call) => String(call.args[0]).includes('VM list'));
      expect(warnings).to.have.length(1);
      expect(elements.every((element) => lineOf(element).text !== 'Status unavailable')).to.equal(true);
      await expect(elements[0]).to.be.accessible();
    });

    it('polling stops when the last element leaves', async () => {
      const { element, client } = await mountStatus('pgtest1');
      expect(client.activeWatchCount).to.equal(1);
      element.remove();
      expect(client.activeWatchCount).to.equal(0);
    });
  });

  describe('every state, host-fed', () => {
    const STATES: [status: string, expected: string][] = [
      ['discovered', 'Discovered'],
      ['replicating', 'Replicating'],
      ['ready_for_failover', 'Ready for failover'],
      ['failed_over_test', 'In test failover'],
      ['failed_over_live', 'Failed over (live)'],
      ['completed', 'Migration completed'],
      ['failed', 'Failed'],
      ['cleanup_required', 'Cleanup required'],
      ['paused_by_user', 'Paused By User'],
    ];
    for (const [status, expected] of STATES) {
      it(`${status} reads "${expected}"`, async () => {
        const body = listBody([{ vmName: 'vm-a', status }]);
        const provider = await fixture<HTMLElement>(html`<mk-oma-provider .vmContexts=${body}><mk-vm-status vm-name="vm-a"></mk-vm-status></mk-oma-provider>`);
        const element = provider.querySelector('mk-vm-status')!;
        await element.updateComplete;
        expect(lineOf(element).text).to.equal(expected);
        await expect(element).to.be.accessible();
      });
    }

    for (const status of ['virt-v2v-in-place /dev/vdc', 'SELECT * FROM vm_replication_contexts']) {
      it(`a leaked state word (${status}) is guarded`, async () => {
        const body = listBody([{ vmName: 'vm-a', status }]);
        const provider = await fixture<HTMLElement>(html`<mk-oma-provider .vmContexts=${body}><mk-vm-status vm-name="vm-a"></mk-vm-status></mk-oma-provider>`);
        const element = provider.querySelector('mk-vm-status')!;
        await element.updateComplete;
        expect(lineOf(element).full).to.not.match(LEAKED);
        expect(lineOf(element).full).to.not.match(/SELECT|vm_replication/);
        expect(lineOf(element).base.classList.contains('tone-neutral')).to.equal(true);
      });
    }

    const OUTCOMES: [status: string, expected: RegExp][] = [
      ['completed', /^Ready for failover · last test failover completed 5 min\. ago$/],
      ['failed', /^Test failover failed · 5 min\. ago$/],
      ['running', /^Ready for failover · Test failover running \(40%\)$/],
      ['pending', /^Ready for failover · Test failover pending$/],
      ['cancelled', /^Ready for failover · last test failover cancelled 5 min\. ago$/],
      ['skipped', /^Ready for failover · last test failover skipped 5 min\. ago$/],
      ['on_hold', /^Ready for failover · last test failover: On Hold 5 min\. ago$/],
    ];
    for (const [status, expected] of OUTCOMES) {
      it(`a last operation ${status}`, async () => {
        const summary = { job_id: 'j1', operation_type: 'test_failover', status, progress: 40, timestamp: ago(5), error_message: 'It broke', actionable_steps: ['Try live failover'] };
        const body = listBody([{ vmName: 'vm-a', status: 'ready_for_failover', summary }]);
        const provider = await fixture<HTMLElement>(html`<mk-oma-provider .vmContexts=${body}><mk-vm-status vm-name="vm-a"></mk-vm-status></mk-oma-provider>`);
        const element = provider.querySelector('mk-vm-status')!;
        await element.updateComplete;
        expect(lineOf(element).text).to.match(expected);
        await expect(element).to.be.accessible();
      });
    }

    it('guards every field of the popover', async () => {
      const summary = {
        job_id: 'j1',
        operation_type: 'test_failover',
        status: 'failed',
        failed_step: 'virtio-driver-injection',
        error_message: 'virt-v2v failed: could not open /dev/vdc, see /var/log/migratekit/x.log',
        actionable_steps: ['Check /var/log/migratekit/x.log for virt-v2v output', 'Try live failover'],
        timestamp: ago(3),
      };
      const body = listBody([{ vmName: 'vm-a', status: 'virtio_broken', summary }]);
      const provider = await fixture<HTMLElement>(html`<mk-oma-provider .vmContexts=${body}><mk-vm-status vm-name="vm-a"></mk-vm-status></mk-oma-provider>`);
      const element = provider.querySelector('mk-vm-status')!;
      await element.updateComplete;
      expect(lineOf(element).full).to.not.match(LEAKED);
      const popover = await openPopover(element);
      expect(textOf(popover)).to.not.match(LEAKED);
      expect(textOf(popover)).to.contain('Failed step: Preparing Drivers for Compatibility');
      await expect(element).to.be.accessible();
    });

    it('a banner dismissal does not hide the failure here', async () => {
      localStorage.setItem('mk-widgets:dismissals', JSON.stringify({ v: 1, entries: { [`ctx:${contextIdFor('vm-a')}|job:j1`]: { at: Date.now() } } }));
      const summary = { job_id: 'j1', operation_type: 'test_failover', status: 'failed', timestamp: ago(3) };
      const body = listBody([{ vmName: 'vm-a', status: 'failed', summary }]);
      const provider = await fixture<HTMLElement>(html`<mk-oma-provider .vmContexts=${body}><mk-vm-status vm-name="vm-a"></mk-vm-status></mk-oma-provider>`);
      const element = provider.querySelector('mk-vm-status')!;
      await element.updateComplete;
      expect(lineOf(element).text).to.equal('Test failover failed · 3 min. ago');
      localStorage.removeItem('mk-widgets:dismissals');
    });
  });
});

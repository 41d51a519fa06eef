import { expect, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import sinon from 'sinon';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { readJob } from '../../src/model/pipeline.js';
import type { TryLiveFailoverEvent } from '../../src/events.js';
import type { MkJobErrorModal } from '../../src/elements/job-error-modal/job-error-modal.js';
import type { Operation } from '../../src/model/operation.js';
import { contextIdFor, PGTEST1_EXAMPLE_JOB, PGTEST1_EXAMPLE_SUMMARY, PGTEST1_FAILED_JOB_ID, PGTEST1_INCREMENTAL_JOB_ID, SCENARIOS } from '../../mock-oma/fixtures.js';
import { buttonByText, expectSame, tag, mountWithMockOma, narrowScreen, shadow, textOf } from '../harness.js';

const PGTEST1_CONTEXT = contextIdFor('pgtest1');


/** The contract's example (shared fixture): the failed test failover on pgtest1, and its summary. */
const CONTRACT_JOB = PGTEST1_EXAMPLE_JOB;
const CONTRACT_SUMMARY = PGTEST1_EXAMPLE_SUMMARY;

/** Strings that only the admin section may hold (the job id is not one: everyone sees it, to quote it to support). */
const ADMIN_ONLY = ['virtio-driver-injection', 'unified-test-failover', 'job_tracking', 'libguestfs'];

type ModalAttrs = { vmName?: string; contextId?: string; jobId?: string; admin?: boolean; open?: boolean; theme?: 'dark' };

async function mountModal(job: unknown, attrs: ModalAttrs = {}) {
  return mountWithMockOma<MkJobErrorModal>(
    html`<mk-job-error-modal
      .job=${job}
      vm-name=${attrs.vmName ?? nothing}
      context-id=${attrs.contextId ?? nothing}
      job-id=${attrs.jobId ?? nothing}
      theme=${attrs.theme ?? nothing}
      ?admin=${attrs.admin ?? false}
      ?open=${attrs.open ?? false}
    ></mk-job-error-modal>`,
  );
}

function dialogOf(modal: MkJobErrorModal): HTMLDialogElement {
  const dialog = shadow(modal).querySelector('dialog');
  if (!dialog) throw new Error('no <dialog>');
  return dialog;
}

/** Opens the modal and waits until its body shows `text`. */
async function openAndWaitFor(modal: MkJobErrorModal, text: string): Promise<HTMLDialogElement> {
  if (!modal.open) modal.show();
  await modal.updateComplete;
  const dialog = dialogOf(modal);
  await waitUntil(() => textOf(dialog).includes(text), `the dialog to show "${text}"`, { timeout: 4000 });
  await modal.updateComplete;
  return dialog;
}

/** The facts grid as label → value. */
function facts(modal: MkJobErrorModal): Record<string, string> {
  const result: Record<string, string> = {};
  for (const row of shadow(modal).querySelectorAll('dl.facts > div')) {
    result[textOf(row.querySelector('dt'))] = textOf(row.querySelector('dd'));
  }
  return result;
}

/** The element that really has focus, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function footerButtons(modal: MkJobErrorModal): string[] {
  return [...shadow(modal).querySelectorAll('.footer button')].map((b) => textOf(b));
}

/** What a user of the pgtest1 failure reads, whatever shape the job came in. */
function expectPgtest1Details(modal: MkJobErrorModal, options: { severity: boolean; started?: RegExp }): void {
  const root = shadow(modal);
  expect(textOf(root.querySelector('h2'))).to.equal('Test Failover Failed');
  expect(textOf(root.querySelector('.header .vm'))).to.equal('pgtest1');
  const f = facts(modal);
  expect(f['VM']).to.equal('pgtest1');
  expect(f['Status']).to.equal('Failed (60%)');
  expect(f['Started']).to.match(options.started ?? /2025/);
  expect(f['Duration']).to.equal('25 sec');
  expect(f['Progress']).to.equal('60% (3 of 5 steps)');
  expect(f['Category']).to.equal('Compatibility');
  if (options.severity) expect(f['Severity']).to.equal('Error');
  const text = textOf(root);
  expect(text).to.contain('Failed step: Preparing Drivers for Compatibility');
  expect(textOf(root.querySelector('.issue'))).to.equal('Issue: KVM driver installation failed - compatibility issue');
  expect(text).to.contain('What you can do:');
  expect([...root.querySelectorAll('.advice li')].map((li) => textOf(li))).to.deep.equal([
    'Try live failover (no driver modification)',
    'Verify VM is Windows-based',
  ]);
  // The step track: one mark per step, the failure (step 3) marked, the two before it done.
  const marks = [...root.querySelectorAll('.track li')];
  expect(marks.length).to.equal(5);
  expect(marks.map((li) => li.className)).to.deep.equal(['done', 'done', 'failed', '', '']);
  expect(footerButtons(modal)).to.deep.equal(['Close', 'Try Live Failover']);
}

function expectNoAdminText(modal: MkJobErrorModal): void {
  const root = shadow(modal);
  expect(tag(root.querySelector('details'))).to.equal(null);
  expect(textOf(root)).to.not.contain('Technical details');
  for (const secret of ADMIN_ONLY) {
    expect(root.textContent, `text holds ${secret}`).to.not.contain(secret);
    expect(root.innerHTML, `markup holds ${secret}`).to.not.contain(secret);
  }
}

describe('<mk-job-error-modal>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  describe('shows one operation', () => {
    it('from a raw recent-jobs item (the contract example), with step counts from the status endpoint', async () => {
      const { element, requests } = await mountModal(CONTRACT_JOB, { vmName: 'pgtest1' });
      await openAndWaitFor(element, '3 of 5');
      expectPgtest1Details(element, { severity: false });
      expect(requests.map((r) => r.path)).to.include(`/api/v1/failover/${PGTEST1_FAILED_JOB_ID}/status`);
    });

    it('from a raw last-operation summary', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1' });
      await openAndWaitFor(element, 'Preparing Drivers');
      expectPgtest1Details(element, { severity: true });
    });

    it('from a normalized Operation', async () => {
      const operation = readJob(CONTRACT_SUMMARY).data as Operation;
      expect(operation.origin).to.equal('last-operation');
      const { element } = await mountModal(operation, { vmName: 'pgtest1' });
      await openAndWaitFor(element, 'Preparing Drivers');
      expectPgtest1Details(element, { severity: true });
    });

    it('fetches a recent job by context-id + job-id and learns "3 of 5" from the status endpoint', async () => {
      const { element, requests } = await mountModal(undefined, { contextId: PGTEST1_CONTEXT, jobId: PGTEST1_FAILED_JOB_ID, open: true });
      await openAndWaitFor(element, '3 of 5');
      const paths = requests.map((r) => r.path);
      expect(paths).to.include(`/api/v1/vm-contexts/${PGTEST1_CONTEXT}/recent-jobs`);
      expect(paths).to.include(`/api/v1/failover/${PGTEST1_FAILED_JOB_ID}/status`);
      expect(textOf(shadow(element).querySelector('h2'))).to.equal('Test Failover Failed');
      expect(facts(element)['Progress']).to.equal('60% (3 of 5 steps)');
      expect(shadow(element).querySelectorAll('.track li').length).to.equal(5);
      expect(textOf(shadow(element))).to.contain('Issue: KVM driver installation failed - compatibility issue');
    });

    it('never shows the previous job while another job-id loads', async () => {
      const { element } = await mountModal(undefined, { contextId: PGTEST1_CONTEXT, jobId: PGTEST1_FAILED_JOB_ID, open: true });
      await openAndWaitFor(element, '3 of 5');
      element.jobId = PGTEST1_INCREMENTAL_JOB_ID;
      await element.updateComplete;
      expect(textOf(shadow(element))).to.not.contain('KVM driver installation failed');
      expect(textOf(shadow(element).querySelector('h2'))).to.not.equal('Test Failover Failed');
      await waitUntil(() => facts(element)['Status'] === 'Completed', 'the replication to show');
      expect(facts(element)['Duration']).to.equal('33 min 19 sec');
      expect(textOf(shadow(element))).to.not.contain('KVM driver installation failed');
    });

    it('fetches the last operation by vm-name alone', async () => {
      const { element, requests } = await mountModal(undefined, { vmName: 'pgtest1' });
      expect(requests, 'nothing is fetched while closed').to.deep.equal([]);
      await openAndWaitFor(element, 'Preparing Drivers');
      expect(requests.map((r) => r.path)).to.include('/api/v1/vm-contexts/pgtest1');
      expectPgtest1Details(element, { severity: true, started: /^3 minutes ago \(.+\)$/ });
    });

    it('leaves out "What you can do" when there are no actionable steps', async () => {
      const { element } = await mountModal({ ...CONTRACT_SUMMARY, actionable_steps: [] }, { vmName: 'pgtest1' });
      await openAndWaitFor(element, 'Preparing Drivers');
      expect(textOf(shadow(element))).to.not.contain('What you can do');
      expect(tag(shadow(element).querySelector('.advice'))).to.equal(null);
      expect(footerButtons(element)).to.deep.equal(['Close']);
    });

    it('shows server text as text, never as markup', async () => {
      const alert = sinon.stub(window, 'alert');
      try {
        const xss = '<img src=x onerror=alert(1)>';
        const { element } = await mountModal({ ...CONTRACT_JOB, error_message: xss }, { vmName: 'pgtest1' });
        const dialog = await openAndWaitFor(element, 'Issue:');
        expect(tag(shadow(element).querySelector('img'))).to.equal(null);
        expect(tag(dialog.querySelector('img'))).to.equal(null);
        expect(textOf(shadow(element).querySelector('.issue'))).to.equal(`Issue: ${xss}`);
        expect(alert.called).to.equal(false);
      } finally {
        alert.restore();
      }
    });

    it('never mixes the step counts or raw error of the previous job into the next one', async () => {
      const { element } = await mountModal(CONTRACT_JOB, { vmName: 'pgtest1', admin: true });
      await openAndWaitFor(element, 'libguestfs error: /dev/vdc');
      element.job = SCENARIOS.leaky01.recentJobs(new Date()).jobs?.[0];
      await element.updateComplete;
      // The previous job's status answer must not show while the new one loads.
      expect(textOf(shadow(element))).to.not.contain('3 of 5');
      expect(textOf(shadow(element))).to.not.contain('/dev/vdc');
      await openAndWaitFor(element, '2 of 5');
      expect(facts(element)['Progress']).to.equal('40% (2 of 5 steps)');
      expect(textOf(shadow(element).querySelector('details'))).to.contain('/dev/vdb: Input/output error');
      expect(textOf(shadow(element))).to.not.contain('/dev/vdc');
    });
  });

  describe('when there is nothing good to show', () => {
    it('says so in plain words when the VM is unknown (404)', async () => {
      const { element } = await mountModal(undefined, { vmName: 'err404' });
      const dialog = await openAndWaitFor(element, 'not found');
      expect(textOf(dialog.querySelector('.body'))).to.equal('This VM was not found on the migration server.');
    });

    it('says so in plain words when the server fails (500), never with its error text', async () => {
      const { element } = await mountModal(undefined, { vmName: 'err500' });
      const dialog = await openAndWaitFor(element, 'problem');
      expect(textOf(dialog.querySelector('.body'))).to.equal('The migration server had a problem answering.');
      expect(shadow(element).innerHTML).to.not.match(/pq:|database\/sql|connection refused/);
    });

    it('shows a loading line while a slow server answers', async () => {
      const { element } = await mountModal(undefined, { vmName: 'slow01' });
      const dialog = await openAndWaitFor(element, 'Loading');
      expect(textOf(dialog.querySelector('[role="status"]'))).to.equal('Loading details…');
    });

    it('says there are no details for a job it cannot read (a host handing over a bare id)', async () => {
      const { element, requests } = await mountModal(PGTEST1_FAILED_JOB_ID, { vmName: 'pgtest1' });
      const dialog = await openAndWaitFor(element, 'no details');
      expect(textOf(dialog.querySelector('.body'))).to.equal('There are no details for this operation.');
      expect(textOf(dialog.querySelector('h2'))).to.equal('Operation details');
      expect(requests, 'a handed-over job is never fetched').to.deep.equal([]);
    });

    it('shows no leaked technical text from a regressed server (leaky01)', async () => {
      const { element } = await mountModal(undefined, { vmName: 'leaky01' });
      await openAndWaitFor(element, 'Live Failover Failed');
      const root = shadow(element);
      expect(facts(element)['Progress']).to.equal('40% (2 of 5 steps)');
      for (const forbidden of [/virtio/i, /virt-v2v/i, /libguestfs/i, /\/var\/log/, /\/dev\/vd/, /\.log\b/, /\.iso\b/, /\bSELECT\b/i, /\bUPDATE\b/i, /\bWHERE\b/i, /unified-live-failover/]) {
        expect(textOf(root), `dialog text matches ${forbidden}`).to.not.match(forbidden);
        expect(root.innerHTML, `dialog markup matches ${forbidden}`).to.not.match(forbidden);
      }
    });
  });

  describe('Try Live Failover', () => {
    it('asks the host with source "modal"', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1', contextId: PGTEST1_CONTEXT });
      await openAndWaitFor(element, 'Preparing Drivers');
      const event = oneEvent(document, 'try-live-failover') as Promise<TryLiveFailoverEvent>;
      buttonByText(shadow(element), 'Try Live Failover')?.click();
      const { detail } = await event;
      expect(detail).to.deep.equal({
        contextId: PGTEST1_CONTEXT,
        vmName: 'pgtest1',
        jobId: PGTEST1_FAILED_JOB_ID,
        operationType: 'test_failover',
        source: 'modal',
      });
    });

    it('is never offered for a critical failure', async () => {
      const { element } = await mountModal({ ...CONTRACT_SUMMARY, error_severity: 'critical' }, { vmName: 'pgtest1' });
      await openAndWaitFor(element, 'Preparing Drivers');
      expect(facts(element)['Severity']).to.equal('Critical');
      expect(textOf(shadow(element).querySelector('.advice'))).to.contain('Try live failover');
      expect(tag(buttonByText(shadow(element), 'Try Live Failover'))).to.equal(null);
      expect(footerButtons(element)).to.deep.equal(['Close']);
    });
  });

  describe('as a dialog', () => {
    it('reflects open, and show() / close() open and close a modal dialog', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1' });
      const dialog = dialogOf(element);
      expect(element.hasAttribute('open')).to.equal(false);
      expect(dialog.open).to.equal(false);

      element.show();
      await element.updateComplete;
      expect(element.hasAttribute('open')).to.equal(true);
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal'), 'the background is inert').to.equal(true);

      const closed = oneEvent(element, 'close');
      element.close();
      await closed;
      expect(element.hasAttribute('open')).to.equal(false);
      expect(dialog.open).to.equal(false);
    });

    it('opens from the open attribute', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1', open: true });
      await element.updateComplete;
      expect(dialogOf(element).matches(':modal')).to.equal(true);
      expect(element.open).to.equal(true);
    });

    it('moves focus in, keeps Tab inside, closes on Escape and returns focus to the opener', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1' });
      const opener = fixtureSync<HTMLButtonElement>(html`<button @click=${() => element.show()}>Details</button>`);
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => element.open, 'the modal to open');
      const dialog = await openAndWaitFor(element, 'Preparing Drivers');
      expect(dialog.matches(':modal')).to.equal(true);
      expect(dialog.contains(deepActive()), 'focus is inside the dialog').to.equal(true);

      const close = buttonByText(shadow(element), 'Close');
      const tryLive = buttonByText(shadow(element), 'Try Live Failover');
      expectSame(deepActive(), close, 'focus on open');
      // Tab goes round the dialog (its scrollable details region, the copy buttons in it, then the
      // footer's buttons) and wraps, never out to the page or the browser.
      await sendKeys({ press: 'Tab' });
      expectSame(deepActive(), tryLive, 'focus after Tab');
      await sendKeys({ press: 'Tab' });
      expectSame(deepActive(), shadow(element).querySelector('.body'), 'focus after Tab from the last button wraps to the details');
      await sendKeys({ press: 'Tab' });
      expectSame(deepActive(), buttonByText(shadow(element), 'Copy'), 'then the job ID\'s Copy');
      await sendKeys({ press: 'Tab' });
      expectSame(deepActive(), buttonByText(shadow(element), 'Copy details for support'), 'then Copy details for support');
      await sendKeys({ press: 'Tab' });
      expectSame(deepActive(), close, 'then Close again');
      for (let i = 0; i < 3; i += 1) {
        await sendKeys({ press: 'Tab' });
        expect(dialog.contains(deepActive()), `focus after Tab #${i + 3}`).to.equal(true);
      }
      await sendKeys({ down: 'Shift' });
      try {
        for (let i = 0; i < 3; i += 1) {
          await sendKeys({ press: 'Tab' });
          expect(dialog.contains(deepActive()), `focus after Shift+Tab #${i + 1}`).to.equal(true);
        }
      } finally {
        await sendKeys({ up: 'Shift' });
      }

      const closed = oneEvent(element, 'close');
      await sendKeys({ press: 'Escape' });
      await closed;
      expect(element.open).to.equal(false);
      expect(element.hasAttribute('open')).to.equal(false);
      expect(dialog.open).to.equal(false);
      expectSame(document.activeElement, opener, 'focus');
    });

    it('the Close button closes and returns focus to the opener', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1' });
      const opener = fixtureSync<HTMLButtonElement>(html`<button @click=${() => element.show()}>Details</button>`);
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await openAndWaitFor(element, 'Preparing Drivers');
      const close = buttonByText(shadow(element), 'Close');
      expectSame(deepActive(), close, 'focus');
      const closed = oneEvent(element, 'close');
      await sendKeys({ press: 'Enter' });
      await closed;
      expect(dialogOf(element).open).to.equal(false);
      expectSame(document.activeElement, opener, 'focus');
    });

    it('fits a 320 px wide screen', async () => {
      // A 320 px wide frame: the dialog sizes itself by the viewport, and WebKit's window cannot be that narrow.
      const screen = await narrowScreen(320, 640);
      expect(screen.window.innerWidth).to.equal(320);
      const modal = screen.document.createElement('mk-job-error-modal') as MkJobErrorModal;
      modal.job = screen.adopt(CONTRACT_JOB);
      modal.setAttribute('vm-name', 'pgtest1');
      modal.admin = true;
      const element = screen.mount(modal);
      const dialog = await openAndWaitFor(element, '3 of 5');
      const rect = dialog.getBoundingClientRect();
      expect(rect.width).to.be.at.most(320);
      expect(rect.left).to.be.at.least(0);
      expect(rect.right).to.be.at.most(320);
      const body = shadow(element).querySelector('.body') as HTMLElement;
      expect(body.scrollWidth, 'no sideways scrolling').to.be.at.most(body.clientWidth);
    });

    it('is accessible while open', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1' });
      await openAndWaitFor(element, 'Preparing Drivers');
      await expect(element).to.be.accessible();
    });

    it('is accessible while open in the dark theme', async () => {
      const { element } = await mountModal(CONTRACT_SUMMARY, { vmName: 'pgtest1', theme: 'dark', admin: true });
      await openAndWaitFor(element, 'Preparing Drivers');
      expect(getComputedStyle(dialogOf(element)).colorScheme).to.equal('dark');
      await expect(element).to.be.accessible();
    });
  });

  describe('admin technical details', () => {
    it('adds a collapsed "Technical details" with the internal step, job ids and the raw status error', async () => {
      const { element } = await mountModal(undefined, { vmName: 'pgtest1', admin: true });
      await openAndWaitFor(element, 'libguestfs');
      const details = shadow(element).querySelector('details') as HTMLDetailsElement;
      expect(details.open, 'collapsed').to.equal(false);
      expect(textOf(details.querySelector('summary'))).to.equal('Technical details');
      const text = textOf(details);
      expect(text).to.contain('virtio-driver-injection');
      expect(text).to.contain(PGTEST1_FAILED_JOB_ID);
      expect(text).to.match(/unified-test-failover-pgtest1-\d+/);
      expect(text).to.contain('virt-v2v-in-place: error: libguestfs error: /dev/vdc: no such device');
      // Only inside the section.
      const outside = textOf(shadow(element)).replace(text, '');
      for (const secret of ADMIN_ONLY) expect(outside).to.not.contain(secret);
    });

    it('shows the data source of a recent-jobs item', async () => {
      const { element } = await mountModal(CONTRACT_JOB, { vmName: 'pgtest1', admin: true });
      await openAndWaitFor(element, 'libguestfs');
      const text = textOf(shadow(element).querySelector('details'));
      expect(text).to.contain('job_tracking');
      expect(text).to.contain(PGTEST1_FAILED_JOB_ID);
      expect(text).to.contain('unified-test-failover-pgtest1-1759510017');
    });

    it('shows the internal step id of a recent-jobs item, learned from the status endpoint', async () => {
      // A recent-jobs item only has the friendly current_step; the status endpoint's job_details.failed_step has the id.
      const { element } = await mountModal(CONTRACT_JOB, { vmName: 'pgtest1', admin: true });
      await openAndWaitFor(element, 'libguestfs');
      expect(textOf(shadow(element).querySelector('details'))).to.contain('virtio-driver-injection');
    });

    it('without admin, none of it reaches the DOM (last operation)', async () => {
      const { element } = await mountModal(undefined, { vmName: 'pgtest1' });
      await openAndWaitFor(element, 'Preparing Drivers');
      expectNoAdminText(element);
    });

    it('without admin, none of it reaches the DOM (recent job, status endpoint fetched)', async () => {
      const { element, requests } = await mountModal(undefined, { contextId: PGTEST1_CONTEXT, jobId: PGTEST1_FAILED_JOB_ID, vmName: 'pgtest1' });
      await openAndWaitFor(element, '3 of 5');
      expect(requests.map((r) => r.path)).to.include(`/api/v1/failover/${PGTEST1_FAILED_JOB_ID}/status`);
      expectNoAdminText(element);
    });

    it('without admin, none of it reaches the DOM (raw job and summary properties)', async () => {
      for (const job of [CONTRACT_JOB, CONTRACT_SUMMARY]) {
        const { element } = await mountModal(job, { vmName: 'pgtest1' });
        await openAndWaitFor(element, '3 of 5');
        expectNoAdminText(element);
      }
    });
  });
});

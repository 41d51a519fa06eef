/**
 * "Copy details for support" and the job ID's Copy button, in the dialog and in the banner: what is
 * copied, the live region, and the copy-by-hand fallback where the page may not write to the
 * clipboard. `navigator.clipboard` is replaced in every test (a recorder, a refusing one, or none),
 * so both paths run the same in every browser, without permission prompts.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import sinon from 'sinon';
import { sendKeys } from '@web/test-runner-commands';
import type { MkJobErrorModal } from '../../src/elements/job-error-modal/job-error-modal.js';
import type { MkOperationErrorBanner } from '../../src/elements/operation-error-banner/operation-error-banner.js';
import { DismissalStore } from '../../src/model/dismissal-store.js';
import { formatTimestamp } from '../../src/i18n/format.js';
import { setWidgetLocale } from '../../src/i18n/index.js';
import { pgtest1SupportText } from '../support-text.js';
import { PGTEST1_CRITICAL_ROLLBACK_SUMMARY, PGTEST1_EXAMPLE_SUMMARY, PGTEST1_FAILED_JOB_ID, PGTEST3_FAILED_JOB_ID, SCENARIOS } from '../../mock-oma/fixtures.js';
import { buttonByText, expectSame, mountWithMockOma, shadow, tag, textOf, waitForShadow } from '../harness.js';
import { MemoryStorage } from '../memory-storage.js';

type ClipboardMode = 'writes' | 'refuses' | 'missing';

/** What the page's clipboard received, in order. */
let written: string[] = [];

/**
 * Replaces `navigator.clipboard`: `writes` records the text, `refuses` rejects as a browser does
 * in an iframe without the permission, `missing` is plain http (no Clipboard API at all).
 */
function useClipboard(mode: ClipboardMode): void {
  written = [];
  const writeText =
    mode === 'writes'
      ? (text: string) => {
          written.push(text);
          return Promise.resolve();
        }
      : () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  Object.defineProperty(navigator, 'clipboard', { value: mode === 'missing' ? undefined : { writeText }, configurable: true });
}

/** The page's own clipboard again (the replacement is an own property of `navigator`). */
function restoreClipboard(): void {
  delete (navigator as { clipboard?: unknown }).clipboard;
}

/** The deepest focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The contract's pgtest1 failure as the copy holds it (started in the test browser's time zone). */
function pgtest1Text(): string {
  return pgtest1SupportText(formatTimestamp(new Date('2025-10-03T16:47:22Z')));
}

const CRITICAL_ROLLBACK = PGTEST1_CRITICAL_ROLLBACK_SUMMARY;

/** Every console call made while `run` runs. */
async function consoleCalls(run: () => Promise<void>): Promise<string[]> {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => sinon.spy(console, level));
  try {
    await run();
    return spies.flatMap((spy) => spy.getCalls().map((call) => call.args.map(String).join(' ')));
  } finally {
    for (const spy of spies) spy.restore();
  }
}

async function mountModal(job: unknown, attrs: { vmName?: string; admin?: boolean } = {}) {
  const { element } = await mountWithMockOma<MkJobErrorModal>(
    html`<mk-job-error-modal .job=${job} vm-name=${attrs.vmName ?? nothing} ?admin=${attrs.admin ?? false}></mk-job-error-modal>`,
  );
  await element.show();
  await waitForShadow(element, '.support', 'the support block');
  return element;
}

function liveRegion(root: Element): HTMLElement {
  const region = shadow(root).querySelector<HTMLElement>('.copy-status[role="status"]');
  if (!region) throw new Error('no live region');
  return region;
}

function press(root: Element, text: string): HTMLButtonElement {
  const button = buttonByText(shadow(root), text);
  if (!button) throw new Error(`no "${text}" button`);
  button.click();
  return button;
}

/** Waits until the live region says something, and returns it. */
async function announced(root: Element): Promise<string> {
  await waitUntil(() => textOf(liveRegion(root)) !== '', 'the live region to speak', { timeout: 4000 });
  return textOf(liveRegion(root));
}

describe('Copy details for support', () => {
  afterEach(async () => {
    restoreClipboard();
    await setWidgetLocale('en');
  });

  describe('in <mk-job-error-modal>', () => {
    it("shows the job ID to everyone, and its Copy button copies it (not the admin-only ids)", async () => {
      useClipboard('writes');
      const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1' });
      const reference = shadow(modal).querySelector('.support .reference');
      expect(textOf(reference)).to.equal(`Job ID: ${PGTEST1_FAILED_JOB_ID} Copy`);
      expect(shadow(modal).innerHTML).to.not.contain('unified-test-failover');
      const region = liveRegion(modal);
      expect(textOf(region), 'the live region is there, empty, before anything is copied').to.equal('');
      const calls = await consoleCalls(async () => {
        const copy = shadow(modal).querySelector<HTMLButtonElement>('.copy-reference');
        expect(copy?.getAttribute('aria-label')).to.equal('Copy job ID');
        copy?.click();
        expect(await announced(modal)).to.equal('Job ID copied.');
      });
      expect(written).to.deep.equal([PGTEST1_FAILED_JOB_ID]);
      expect(calls, 'nothing is written to the console').to.deep.equal([]);
      expectSame(liveRegion(modal), region, 'the same live region');
    });

    it('copies the plain-text summary of pgtest1 and says "Details copied."', async () => {
      useClipboard('writes');
      const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1' });
      const calls = await consoleCalls(async () => {
        press(modal, 'Copy details for support');
        // Inside the click itself: Safari lets a page write to the clipboard only then.
        expect(written.length, 'the clipboard is asked during the click').to.equal(1);
        expect(await announced(modal)).to.equal('Details copied.');
      });
      expect(written).to.deep.equal([pgtest1Text()]);
      expect(calls).to.deep.equal([]);
      expect(tag(shadow(modal).querySelector('textarea')), 'no copy-by-hand text when the clipboard took it').to.equal(null);
    });

    it('copies a critical rollback: severity, the advice to contact an administrator, no internal step id', async () => {
      useClipboard('writes');
      const modal = await mountModal(CRITICAL_ROLLBACK, { vmName: 'pgtest1' });
      press(modal, 'Copy details for support');
      await announced(modal);
      const text = written[0] ?? '';
      expect(text).to.contain('Operation: Rollback\nStatus: Failed\nProgress: 50% (2 of 4 steps)\n');
      expect(text).to.contain('Severity: Critical\nWhat you can do:\n• Do not attempt further operations on this VM\n• Contact administrator immediately\n');
      expect(text.endsWith('Job ID: c41e9a07-6b2f-4d83-a1c5-7e0f3b2d9a18')).to.equal(true);
      expect(text).to.not.match(/cloudstack-snapshot-rollback|unified-rollback|Technical details/);
    });

    it('without a job id: no job ID row on screen or in the copy, never "undefined"', async () => {
      useClipboard('writes');
      const { job_id: _id, ...withoutId } = PGTEST1_EXAMPLE_SUMMARY;
      const modal = await mountModal(withoutId, { vmName: 'pgtest1' });
      expect(tag(shadow(modal).querySelector('.reference'))).to.equal(null);
      expect(tag(shadow(modal).querySelector('.copy-reference'))).to.equal(null);
      press(modal, 'Copy details for support');
      await announced(modal);
      expect(written).to.deep.equal([pgtest1Text().replace(`\nJob ID: ${PGTEST1_FAILED_JOB_ID}`, '')]);
      expect(textOf(shadow(modal))).to.not.match(/undefined|null/);
    });

    it('in admin mode, appends the technical details under their own heading', async () => {
      useClipboard('writes');
      const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1', admin: true });
      press(modal, 'Copy details for support');
      await announced(modal);
      const text = written[0] ?? '';
      expect(text.startsWith(`${pgtest1Text()}\n\nTechnical details:\nInternal step: virtio-driver-injection\n`)).to.equal(true);
      expect(text).to.contain('External job ID: unified-test-failover-pgtest1-1759510017');
    });

    for (const mode of ['refuses', 'missing'] as const) {
      it(`where the clipboard ${mode === 'refuses' ? 'refuses (an iframe without permission)' : 'is missing (plain http)'}, shows the text selected and says how to copy it`, async () => {
        useClipboard(mode);
        const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1' });
        const calls = await consoleCalls(async () => {
          press(modal, 'Copy details for support');
          expect(await announced(modal)).to.equal(
            'Copying is not allowed here. The text is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.',
          );
        });
        expect(calls).to.deep.equal([]);
        const area = shadow(modal).querySelector<HTMLTextAreaElement>('textarea.copy-text');
        if (!area) throw new Error('no copy-by-hand text');
        expect(area.value).to.equal(pgtest1Text());
        expect(area.readOnly).to.equal(true);
        expect(area.getAttribute('aria-label')).to.equal('Text to copy');
        expectSame(deepActive(), area, 'focus');
        expect([area.selectionStart, area.selectionEnd]).to.deep.equal([0, area.value.length]);
        await expect(modal).to.be.accessible();
      });
    }

    it('falls back for the job ID alone too, and a later copy that works takes the text away', async () => {
      useClipboard('refuses');
      const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1' });
      press(modal, 'Copy');
      await announced(modal);
      const area = shadow(modal).querySelector<HTMLTextAreaElement>('textarea.copy-text');
      expect(area?.value).to.equal(PGTEST1_FAILED_JOB_ID);
      useClipboard('writes');
      press(modal, 'Copy details for support');
      await waitUntil(() => textOf(liveRegion(modal)) === 'Details copied.', 'the second copy to be announced');
      expect(tag(shadow(modal).querySelector('textarea'))).to.equal(null);
    });

    it('is reached by keyboard, and forgets the last copy when the dialog closes', async () => {
      useClipboard('writes');
      const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1' });
      // Close has focus; past Try Live Failover the Tab order wraps to the details, then reaches both copy buttons.
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expectSame(deepActive(), shadow(modal).querySelector('.copy-reference'), 'focus on the job ID Copy button');
      await sendKeys({ press: 'Tab' });
      expectSame(deepActive(), shadow(modal).querySelector('.copy-details'), 'focus on Copy details for support');
      await sendKeys({ press: 'Enter' });
      expect(await announced(modal)).to.equal('Details copied.');
      await modal.close();
      await modal.show();
      expect(textOf(liveRegion(modal))).to.equal('');
    });

    it('is accessible after a copy', async () => {
      useClipboard('writes');
      const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1' });
      press(modal, 'Copy details for support');
      await announced(modal);
      await expect(modal).to.be.accessible();
    });

    it('is in German when the widgets are', async () => {
      await setWidgetLocale('de');
      useClipboard('writes');
      const modal = await mountModal(PGTEST1_EXAMPLE_SUMMARY, { vmName: 'pgtest1' });
      press(modal, 'Details für den Support kopieren');
      expect(await announced(modal)).to.equal('Details kopiert.');
      expect(written[0]).to.contain(`Job-ID: ${PGTEST1_FAILED_JOB_ID}`);
      expect(written[0]).to.contain('Schweregrad: Fehler');
    });
  });

  describe('in <mk-operation-error-banner>', () => {
    async function mountBanner(vmName: string, vmContext?: unknown, attrs: { density?: 'compact' } = {}) {
      const { element } = await mountWithMockOma<MkOperationErrorBanner>(
        html`<mk-operation-error-banner
          vm-name=${vmName}
          density=${attrs.density ?? nothing}
          .vmContext=${vmContext}
          .dismissals=${new DismissalStore({ storage: new MemoryStorage() })}
        ></mk-operation-error-banner>`,
      );
      await waitForShadow(element, '.banner');
      return element;
    }

    /** pgtest1's VM context with its last operation changed. */
    function pgtest1With(change: Record<string, unknown>) {
      const body = SCENARIOS.pgtest1.vmContext(new Date());
      return { ...body, last_operation: { ...body.last_operation, ...change } };
    }

    it('is not offered when the advice names neither support nor an administrator (pgtest1)', async () => {
      const banner = await mountBanner('pgtest1');
      expect(tag(buttonByText(shadow(banner), 'Copy details for support'))).to.equal(null);
      expect(tag(shadow(banner).querySelector('[role="status"]'))).to.equal(null);
    });

    it('is offered for a critical failure (pgtest3) and copies it; the live region is outside the alert', async () => {
      useClipboard('writes');
      const banner = await mountBanner('pgtest3');
      const region = liveRegion(banner);
      expect(region.closest('[role="alert"]'), 'not inside the alert').to.equal(null);
      const calls = await consoleCalls(async () => {
        press(banner, 'Copy details for support');
        expect(await announced(banner)).to.equal('Details copied.');
      });
      expect(calls).to.deep.equal([]);
      const text = written[0] ?? '';
      expect(text.startsWith('VM: pgtest3\nOperation: Live Failover\nStatus: Failed\nProgress: 45%\nStarted: ')).to.equal(true);
      expect(text).to.contain('Severity: Critical\nWhat you can do:\n• Do not attempt further operations on this VM\n• Contact support with the job ID\n');
      expect(text.endsWith(`Job ID: ${PGTEST3_FAILED_JOB_ID}`)).to.equal(true);
    });

    it('is offered when the advice says to contact an administrator, at any severity', async () => {
      useClipboard('writes');
      const banner = await mountBanner('pgtest1', pgtest1With({ actionable_steps: ['Contact administrator if issue persists'] }));
      press(banner, 'Copy details for support');
      await announced(banner);
      expect(written[0]).to.contain('Severity: Error\nWhat you can do:\n• Contact administrator if issue persists\n');
    });

    it('falls back to the selected text where the clipboard refuses', async () => {
      useClipboard('refuses');
      const banner = await mountBanner('pgtest3');
      press(banner, 'Copy details for support');
      expect(await announced(banner)).to.contain('press Ctrl+C (Cmd+C on a Mac)');
      const area = shadow(banner).querySelector<HTMLTextAreaElement>('.copy textarea.copy-text');
      if (!area) throw new Error('no copy-by-hand text');
      expect(area.value.startsWith('VM: pgtest3\n')).to.equal(true);
      expectSame(deepActive(), area, 'focus');
      expect([area.selectionStart, area.selectionEnd]).to.deep.equal([0, area.value.length]);
      await expect(banner).to.be.accessible();
    });

    it('folds behind "What you can do" in compact mode', async () => {
      const banner = await mountBanner('pgtest3', undefined, { density: 'compact' });
      const copy = buttonByText(shadow(banner), 'Copy details for support');
      expect(copy?.checkVisibility()).to.equal(false);
      press(banner, 'What you can do');
      await banner.updateComplete;
      expect(copy?.checkVisibility()).to.equal(true);
    });

    it('is accessible with the action offered', async () => {
      const banner = await mountBanner('pgtest3');
      await expect(banner).to.be.accessible();
    });
  });
});

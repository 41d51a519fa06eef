import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import { contextIdFor, CRITICAL_ROLLBACK_FAILURE, PGTEST1_FAILED_JOB_ID } from '../mock-oma/fixtures.js';
import type { MkJobErrorModal } from '../src/elements/job-error-modal/job-error-modal.js';
import { fixtureJobs, fixtureLastOperation } from './support/mocks.js';
import { eventArgs, modalArgTypes, renderModal, type ModalArgs } from './support/render.js';
import { copyWith, findInShadow, findOpenDialog } from './support/play.js';

const TAG = 'mk-job-error-modal';

const meta = {
  title: 'Widgets/Job error modal',
  component: TAG,
  render: renderModal,
  argTypes: modalArgTypes,
  args: { open: true, onTryLiveFailover: eventArgs.onTryLiveFailover, onClose: eventArgs.onClose },
  parameters: {
    // The open dialog covers the canvas; on the docs page each story gets a frame of its own.
    docs: { story: { inline: false, height: '640px' } },
  },
} satisfies Meta<ModalArgs>;

export default meta;
type Story = StoryObj<ModalArgs>;

/** Waits until the facts grid is there (the operation is on screen, fetched or handed over). */
const detailsShown: Story['play'] = async ({ canvasElement }) => {
  await findOpenDialog(canvasElement);
  await findInShadow(canvasElement, TAG, 'dl.facts');
};

const pgtest1Failed = () => fixtureJobs('pgtest1').find((job) => job.status === 'failed');

/** A recent-jobs item (`job` = a raw `RecentJobs` item of pgtest1): step counts come from the failover status endpoint. */
export const RecentJobsItem: Story = {
  args: { job: pgtest1Failed(), 'vm-name': 'pgtest1', 'context-id': contextIdFor('pgtest1') },
  play: detailsShown,
};

/** A last-operation summary (`job` = pgtest1's `last_operation`): "60% (3 of 5 steps)", category and severity. */
export const OperationSummary: Story = {
  args: { job: fixtureLastOperation('pgtest1'), 'vm-name': 'pgtest1' },
  play: detailsShown,
};

/** `admin`: the "Technical details" section (internal step, job ids, data source, raw errors), shown expanded here. */
export const Admin: Story = {
  args: { job: fixtureLastOperation('pgtest1'), 'vm-name': 'pgtest1', admin: true },
  play: async ({ canvasElement }) => {
    const summary = await findInShadow(canvasElement, TAG, 'details summary');
    await userEvent.click(summary);
    await expect(summary.parentElement?.hasAttribute('open')).toBe(true);
  },
};

/** No actionable steps: no "What you can do" and no Try Live Failover. */
export const NoActionableSteps: Story = {
  args: { job: { ...fixtureLastOperation('pgtest1'), actionable_steps: [] }, 'vm-name': 'pgtest1' },
  play: async (context) => {
    await detailsShown(context);
    const root = context.canvasElement.querySelector(TAG)?.shadowRoot;
    await expect(root?.querySelector('.advice')).toBeNull();
  },
};

/**
 * At 320 px (viewport preset "320 px"): the facts stack, nothing scrolls sideways; the body scrolls
 * vertically.
 */
export const NarrowViewport: Story = {
  args: { job: fixtureLastOperation('pgtest1'), 'vm-name': 'pgtest1' },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  tags: ['viewport-320'],
  play: detailsShown,
};

/** pgtest1's failure at critical severity: marked critical, and no Try Live Failover although the advice mentions it. */
export const CriticalSeverity: Story = {
  args: { job: { ...fixtureLastOperation('pgtest1'), error_severity: 'critical' }, 'vm-name': 'pgtest1' },
  play: async (context) => {
    await detailsShown(context);
    const root = context.canvasElement.querySelector(TAG)?.shadowRoot;
    await expect([...(root?.querySelectorAll('button') ?? [])].some((b) => b.textContent?.includes('Try Live Failover'))).toBe(false);
  },
};

/** db02's completed rollback: "Rollback: Completed", the step track full. */
export const CompletedOperation: Story = {
  args: { job: fixtureLastOperation('db02'), 'vm-name': 'db02' },
  play: detailsShown,
};

/** leaky01's summary: technical text replaced by plain sentences (admins still see the raw text under Technical details). */
export const LeakedTechnicalText: Story = {
  args: { job: fixtureLastOperation('leaky01'), 'vm-name': 'leaky01' },
  play: detailsShown,
};

/** No `job`: fetches the last operation of `vm-name`. */
export const FetchedByVmName: Story = {
  args: { 'vm-name': 'pgtest1' },
  play: detailsShown,
};

/** No `job`: fetches `job-id` from the recent jobs of `context-id`. */
export const FetchedByJobId: Story = {
  args: { 'context-id': contextIdFor('pgtest1'), 'job-id': PGTEST1_FAILED_JOB_ID },
  play: detailsShown,
};

/** A `job-id` the VM does not have: the dialog says there are no details. */
export const UnknownJob: Story = {
  args: { 'context-id': contextIdFor('pgtest1'), 'job-id': 'no-such-job' },
  play: async ({ canvasElement }) => {
    await findOpenDialog(canvasElement);
    await findInShadow(canvasElement, TAG, 'p.problem');
  },
};

/** Closed until the host calls `show()`; Close (or Escape) returns focus to the button that opened it. */
export const OpenedByTheHost: Story = {
  args: { job: fixtureLastOperation('pgtest1'), 'vm-name': 'pgtest1', open: false },
  render: (args) =>
    html`<button
        type="button"
        @click=${(event: Event) => ((event.currentTarget as HTMLElement).nextElementSibling as MkJobErrorModal | null)?.show()}
      >
        Show details
      </button>
      ${renderModal(args)}`,
  play: async ({ canvasElement }) => {
    const button = canvasElement.querySelector('button');
    if (!button) throw new Error('no button');
    await userEvent.click(button);
    await findOpenDialog(canvasElement);
  },
};

// ---- support handoff ---------------------------------------------------------------------------

/** A critical rollback whose advice sends the user to an administrator (pgtest1's summary, changed). */
const criticalRollback = () => ({
  ...fixtureLastOperation('pgtest1'),
  ...CRITICAL_ROLLBACK_FAILURE,
});

/**
 * The job ID everyone may quote (with Copy), and "Copy details for support": here the page may
 * copy, and the live region says "Details copied.".
 */
export const SupportCopy: Story = {
  args: { job: fixtureLastOperation('pgtest1'), 'vm-name': 'pgtest1' },
  play: async ({ canvasElement }) => {
    await findInShadow(canvasElement, TAG, '.support .reference code');
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).toContain(`Job ID: ${PGTEST1_FAILED_JOB_ID}`);
  },
};

/**
 * Where the page may not write to the clipboard (an iframe without the permission, plain http):
 * the text shows selected in a read-only box, and the live region says to press Ctrl+C / Cmd+C.
 */
export const SupportCopyFallback: Story = {
  args: { job: fixtureLastOperation('pgtest1'), 'vm-name': 'pgtest1' },
  play: async ({ canvasElement }) => {
    await copyWith(canvasElement, TAG, 'Copy details for support', 'refuses');
    const area = await findInShadow<HTMLTextAreaElement>(canvasElement, TAG, 'textarea.copy-text');
    await expect(area.value).toContain('VM: pgtest1');
  },
};

/** A critical rollback: the advice asks for an administrator; the copy says Critical and quotes the job ID. */
export const SupportCopyCriticalRollback: Story = {
  args: { job: criticalRollback(), 'vm-name': 'pgtest1' },
  play: async ({ canvasElement }) => {
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).toContain('Severity: Critical');
  },
};

/** `admin`: the copy ends with the "Technical details" rows under their own heading. */
export const SupportCopyAdmin: Story = {
  args: { job: fixtureLastOperation('pgtest1'), 'vm-name': 'pgtest1', admin: true },
  play: async ({ canvasElement }) => {
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).toContain('\n\nTechnical details:\nInternal step: virtio-driver-injection');
  },
};

/** A summary without a `job_id`: no job ID row, in the dialog or in the copy. */
export const SupportCopyWithoutJobId: Story = {
  args: { job: { ...fixtureLastOperation('pgtest1'), job_id: undefined, external_job_id: undefined }, 'vm-name': 'pgtest1' },
  play: async ({ canvasElement }) => {
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).not.toContain('Job ID');
    await expect(canvasElement.querySelector(TAG)?.shadowRoot?.querySelector('.reference')).toBeNull();
  },
};

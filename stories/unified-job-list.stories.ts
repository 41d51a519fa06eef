import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { contextIdFor } from '../mock-oma/fixtures.js';
import {
  LOADING_VM,
  LONG_TEXT_CONTEXT_ID,
  MIXED_HISTORY_CONTEXT_ID,
  STALE_CONTEXT_ID,
  fixtureJobs,
  fixtureVmContext,
  resetRefreshFailure,
  variantContextId,
  type JobStatus,
  type JobType,
} from './support/mocks.js';
import { eventArgs, listArgTypes, renderList, type ListArgs } from './support/render.js';
import { findButton, findInShadow, findOpenDialog } from './support/play.js';

const TAG = 'mk-unified-job-list';

const meta = {
  title: 'Widgets/Unified job list',
  component: TAG,
  render: renderList,
  argTypes: listArgTypes,
  args: { onTryLiveFailover: eventArgs.onTryLiveFailover },
} satisfies Meta<ListArgs>;

export default meta;
type Story = StoryObj<ListArgs>;

/** Waits for the rows (the list has left its loading state). */
const rowsLoaded: Story['play'] = async ({ canvasElement }) => {
  await findInShadow(canvasElement, TAG, 'ul.rows');
};

/** Waits for the plain-sentence error with its Retry button. */
const problemShown: Story['play'] = async ({ canvasElement }) => {
  await findInShadow(canvasElement, TAG, '.problem[role="alert"]');
};

// ---- states -------------------------------------------------------------------------------------

/** pgtest1: a failed test failover 3 minutes ago (issue, advice, Try Live Failover) after two replications. */
export const FailedTestFailover: Story = {
  args: { 'vm-name': 'pgtest1' },
  play: rowsLoaded,
};

/** The skeleton while the first answer is on its way (this request never answers). */
export const Loading: Story = {
  args: { 'vm-name': LOADING_VM },
  tags: ['loading-state'],
};

/** slow01 answers after 4 s: the skeleton stays until then, with no layout jump. */
export const SlowResponse: Story = {
  args: { 'vm-name': 'slow01' },
  play: async ({ canvasElement }) => {
    await findInShadow(canvasElement, TAG, 'ul.rows', 10_000);
  },
};

/** empty01: a discovered VM with no jobs yet. */
export const Empty: Story = {
  args: { 'vm-name': 'empty01' },
  play: async ({ canvasElement }) => {
    await findInShadow(canvasElement, TAG, 'p.empty');
  },
};

/** Neither `vm-name` nor `context-id` set. */
export const NoVmSelected: Story = {
  args: {},
};

/** db02 by `context-id` (no VM lookup): replications, a test failover and a rollback, all completed. */
export const CleanHistoryByContextId: Story = {
  args: { 'context-id': contextIdFor('db02') },
  play: rowsLoaded,
};

/** Every kind at once, newest first: running, failed, completed and cancelled, from several fixture VMs. */
export const MixedHistory: Story = {
  args: { 'context-id': MIXED_HISTORY_CONTEXT_ID },
  play: rowsLoaded,
};

/** many20: exactly 20 jobs, the API maximum. */
export const TwentyJobs: Story = {
  args: { 'vm-name': 'many20' },
  play: async ({ canvasElement }) => {
    await waitFor(
      () => expect(canvasElement.querySelector(TAG)?.shadowRoot?.querySelectorAll('li.row').length).toBe(20),
      { timeout: 5000 },
    );
  },
};

/** Every message, step and piece of advice of the fixtures in one failed row, and a long heading: it wraps, never overflows. */
export const LongText: Story = {
  args: {
    'context-id': LONG_TEXT_CONTEXT_ID,
    heading: 'Recent operations of pgtest1 on quad-vcenter-01.quadris.local (DatabanxDC), newest first, including replications',
  },
  play: rowsLoaded,
};

/** web01: a replication running from the page load, 0 → 100 % in about a minute, polled live. */
export const LiveProgress: Story = {
  args: { 'vm-name': 'web01' },
  play: rowsLoaded,
};

/**
 * The first answer arrives, every refresh after it fails (`poll-interval="2"`): the rows stay on
 * screen with a "Couldn't refresh" note and a Retry button.
 */
export const RefreshFailureWithStaleRows: Story = {
  args: { 'context-id': STALE_CONTEXT_ID, 'poll-interval': 2 },
  tags: ['http-error'],
  beforeEach: () => resetRefreshFailure(),
  play: async ({ canvasElement }) => {
    await findInShadow(canvasElement, TAG, '.stale[role="status"]', 10_000);
    await expect(canvasElement.querySelector(TAG)?.shadowRoot?.querySelectorAll('li.row').length).toBeGreaterThan(0);
  },
};

/**
 * leaky01: a regressed server sends virtio names, /var/log paths, step ids and SQL. The leak guard
 * shows plain sentences instead (and reports the server bug once with a console warning).
 */
export const LeakedTechnicalText: Story = {
  args: { 'vm-name': 'leaky01' },
  play: async ({ canvasElement }) => {
    const row = await findInShadow(canvasElement, TAG, 'li.row');
    await expect(row.textContent).not.toMatch(/\/var\/log|SELECT|virtio-driver-injection|virt-v2v/);
  },
};

/** quirks01: every quirk of the contract (missing or out-of-range progress, zero time, odd words, invalid items dropped). */
export const ServerQuirks: Story = {
  args: { 'vm-name': 'quirks01' },
  play: rowsLoaded,
};

/** pgtest3: an older server (no progress, no steps). */
export const OlderServer: Story = {
  args: { 'vm-name': 'pgtest3' },
  play: rowsLoaded,
};

/** `admin`: the details dialog (opened here) adds the collapsed "Technical details" section. */
export const Admin: Story = {
  args: { 'vm-name': 'pgtest1', admin: true },
  play: async ({ canvasElement }) => {
    const button = await findButton(canvasElement, TAG, 'View details');
    await userEvent.click(button);
    const list = canvasElement.querySelector(TAG)?.shadowRoot;
    if (!list) throw new Error('no list');
    const dialog = await findOpenDialog(list);
    const details = dialog.querySelector('details');
    await expect(details).toBeTruthy();
    details?.setAttribute('open', '');
  },
};

// ---- request failures -----------------------------------------------------------------------------

/** err401: the token was refused. */
export const ErrorUnauthorized: Story = { args: { 'vm-name': 'err401' }, tags: ['http-error'], play: problemShown };
/** err404: no such VM. */
export const ErrorNotFound: Story = { args: { 'vm-name': 'err404' }, tags: ['http-error'], play: problemShown };
/** err500: the server failed. */
export const ErrorServer: Story = { args: { 'vm-name': 'err500' }, tags: ['http-error'], play: problemShown };
/** err502: a proxy answered with an HTML page. */
export const ErrorBadGateway: Story = { args: { 'vm-name': 'err502' }, tags: ['http-error'], play: problemShown };
/** notjson: 200 with a body that is not JSON. */
export const ErrorNotJson: Story = { args: { 'vm-name': 'notjson' }, play: problemShown };
/** badshape: 200 JSON of the wrong shape. */
export const ErrorBadShape: Story = { args: { 'vm-name': 'badshape' }, play: problemShown };

// ---- each job type × completed / running / failed / cancelled ----------------------------------------

/** One row: a fixture job of `type` turned to `status` (see stories/support/mocks.ts). */
const variant = (type: JobType, status: JobStatus): Story => ({
  args: { 'context-id': variantContextId(type, status) },
  play: rowsLoaded,
});

export const ReplicationCompleted = variant('replication', 'completed');
export const ReplicationRunning = variant('replication', 'running');
export const ReplicationFailed = variant('replication', 'failed');
export const ReplicationCancelled = variant('replication', 'cancelled');
export const TestFailoverCompleted = variant('test_failover', 'completed');
export const TestFailoverRunning = variant('test_failover', 'running');
export const TestFailoverFailed = variant('test_failover', 'failed');
export const TestFailoverCancelled = variant('test_failover', 'cancelled');
export const LiveFailoverCompleted = variant('live_failover', 'completed');
export const LiveFailoverRunning = variant('live_failover', 'running');
export const LiveFailoverFailed = variant('live_failover', 'failed');
export const LiveFailoverCancelled = variant('live_failover', 'cancelled');
export const RollbackCompleted = variant('rollback', 'completed');
export const RollbackRunning = variant('rollback', 'running');
export const RollbackFailed = variant('rollback', 'failed');
export const RollbackCancelled = variant('rollback', 'cancelled');

// ---- in a host ----------------------------------------------------------------------------------

/** `density="compact"`: the failed row folds to title, status and issue; "What you can do" opens the rest. */
export const Compact: Story = {
  args: { 'vm-name': 'pgtest1', density: 'compact' },
  play: async ({ canvasElement }) => {
    const toggle = await findButton(canvasElement, TAG, 'What you can do');
    await expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    await findButton(canvasElement, TAG, 'View details');
  },
};

/** The host hands over the bodies it already has (`vmContext`, `recentJobs`): nothing is requested. */
export const HostFedData: Story = {
  args: { 'vm-name': 'pgtest1', vmContext: fixtureVmContext('pgtest1'), recentJobs: { context_id: contextIdFor('pgtest1'), jobs: fixtureJobs('pgtest1') } },
  play: rowsLoaded,
};

/** The host cancels `view-details` to show its own view: the built-in dialog stays closed. */
export const ViewDetailsCancelled: Story = {
  args: { 'vm-name': 'pgtest1', onViewDetails: (event: Event) => event.preventDefault() },
  play: async ({ canvasElement }) => {
    await userEvent.click(await findButton(canvasElement, TAG, 'View details'));
    await expect(canvasElement.querySelector(TAG)?.shadowRoot?.querySelector('mk-job-error-modal')).toBeNull();
  },
};

import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { contextIdFor, CRITICAL_ROLLBACK_FAILURE, PGTEST1_FAILED_JOB_ID } from '../mock-oma/fixtures.js';
import { DismissalStore, failureKey } from '../src/model/dismissal-store.js';
import type { ErrorCategory, Severity } from '../src/model/operation.js';
import { bannerVmName, fixtureVmContext, NO_ADVICE_VM, NO_COUNTS_NO_PROGRESS_VM, NO_STEP_COUNTS_VM } from './support/mocks.js';
import { bannerArgTypes, eventArgs, renderBanner, type BannerArgs } from './support/render.js';
import { copyWith, findButton, findInShadow, findOpenDialog } from './support/play.js';

const TAG = 'mk-operation-error-banner';

const meta = {
  title: 'Widgets/Operation error banner',
  component: TAG,
  render: renderBanner,
  argTypes: bannerArgTypes,
  args: { onTryLiveFailover: eventArgs.onTryLiveFailover, onDismiss: eventArgs.onDismiss },
} satisfies Meta<BannerArgs>;

export default meta;
type Story = StoryObj<BannerArgs>;

const bannerShown: Story['play'] = async ({ canvasElement }) => {
  await findInShadow(canvasElement, TAG, '.banner[role="alert"]');
};

/** The banner renders nothing: waits for its VM's answer, then checks it stayed empty. */
const bannerHidden: Story['play'] = async ({ canvasElement }) => {
  const banner = canvasElement.querySelector(TAG);
  await waitFor(() => expect(banner?.shadowRoot).toBeTruthy());
  await new Promise((resolve) => setTimeout(resolve, 500));
  await expect(banner?.shadowRoot?.querySelector('.banner')).toBeNull();
};

/** A note beside a banner that renders nothing, so the story says why the canvas is empty. */
const withNote = (note: string) => (args: BannerArgs) =>
  html`${renderBanner(args)}
    <p style="margin:1rem 0 0;font:0.875rem/1.4 system-ui,sans-serif;">${note}</p>`;

/** pgtest1: "Test Failover failed at step 3 of 5 (60%)", the issue, what you can do, and Try Live Failover. */
export const FailedTestFailover: Story = {
  args: { 'vm-name': 'pgtest1' },
  play: bannerShown,
};

/** Critical severity: more urgent, and never offers Try Live Failover (even when the advice mentions it). */
export const Critical: Story = {
  args: { 'vm-name': bannerVmName('severity-critical') },
  play: async (context) => {
    await bannerShown(context);
    const root = context.canvasElement.querySelector(TAG)?.shadowRoot;
    await expect(root?.querySelector('.banner.critical')).toBeTruthy();
    await expect([...(root?.querySelectorAll('button') ?? [])].some((b) => b.textContent?.includes('Try Live Failover'))).toBe(false);
  },
};

/** No `steps_completed` / `steps_total`: "Test Failover failed at 60%". */
export const MissingStepCounts: Story = {
  args: { 'vm-name': NO_STEP_COUNTS_VM },
  play: bannerShown,
};

/** Neither step counts nor progress: "Test Failover failed". */
export const MissingStepCountsAndProgress: Story = {
  args: { 'vm-name': NO_COUNTS_NO_PROGRESS_VM },
  play: bannerShown,
};

/** No actionable steps: no "What you can do", no Try Live Failover. */
export const NoActionableSteps: Story = {
  args: { 'vm-name': NO_ADVICE_VM },
  play: bannerShown,
};

/** pgtest3: an older server sends only the legacy `last_operation_summary` string (a critical live failover). */
export const LegacySummary: Story = {
  args: { 'vm-name': 'pgtest3' },
  play: bannerShown,
};

/** quirks01: a legacy `cleanup` summary without a job id (the dismissal is keyed by its timestamp). */
export const LegacySummaryWithoutJobId: Story = {
  args: { 'vm-name': 'quirks01' },
  play: bannerShown,
};

/** leaky01: the server leaks technical text; the leak guard shows plain sentences instead. */
export const LeakedTechnicalText: Story = {
  args: { 'vm-name': 'leaky01' },
  play: async (context) => {
    await bannerShown(context);
    const text = context.canvasElement.querySelector(TAG)?.shadowRoot?.textContent ?? '';
    await expect(text).not.toMatch(/\/var\/log|SELECT|virtio-driver-injection/);
  },
};

/**
 * This failure was dismissed earlier (the story writes it to the `mk-widgets:dismissals:v1`
 * localStorage key through the dismissal store first): the banner stays hidden until a new failure.
 * Storybook clears dismissals before every story, so the other stories still show their banner.
 */
export const Dismissed: Story = {
  args: { 'vm-name': 'pgtest1' },
  decorators: [
    (story) => {
      new DismissalStore().dismiss(failureKey({ contextId: contextIdFor('pgtest1'), jobId: PGTEST1_FAILED_JOB_ID }));
      return story();
    },
  ],
  // A store created right after the seeding reads it (the page-wide one may be mid-subscription
  // on a docs page, where it only follows other tabs).
  render: (args) =>
    withNote('The banner is hidden: pgtest1’s failed test failover was dismissed in this browser.')({ ...args, dismissals: new DismissalStore() }),
  play: bannerHidden,
};

/** Press Dismiss: the `dismiss` event is logged in the Actions panel and the banner hides. */
export const DismissInteraction: Story = {
  args: { 'vm-name': 'pgtest1' },
  render: (args) => renderBanner({ ...args, dismissals: new DismissalStore({ storage: null, eventTarget: null }) }),
  play: async ({ canvasElement, args }) => {
    const button = await findButton(canvasElement, TAG, 'Dismiss');
    await userEvent.click(button);
    await waitFor(() => expect(canvasElement.querySelector(TAG)?.shadowRoot?.querySelector('.banner')).toBeNull());
    await expect(args.onDismiss).toHaveBeenCalled();
  },
};

/** db02's last operation completed: no banner. */
export const NoFailure: Story = {
  args: { 'vm-name': 'db02' },
  render: withNote('No banner: db02’s last operation (a rollback) completed.'),
  play: bannerHidden,
};

/** `admin`: View Details opens the dialog with the collapsed "Technical details" section. */
export const Admin: Story = {
  args: { 'vm-name': 'pgtest1', admin: true },
  play: async ({ canvasElement }) => {
    const button = await findButton(canvasElement, TAG, 'View Details');
    await userEvent.click(button);
    const root = canvasElement.querySelector(TAG)?.shadowRoot;
    if (!root) throw new Error('no banner');
    const dialog = await findOpenDialog(root);
    await expect(dialog.querySelector('details')).toBeTruthy();
  },
};

// ---- each error category -------------------------------------------------------------------------

/** pgtest1's failure with `error_category` set to `category`, and the fixtures' message for it when they have one. */
const category = (name: ErrorCategory): Story => ({
  args: { 'vm-name': bannerVmName(`category-${name}`) },
  play: bannerShown,
});

export const CategoryCompatibility = category('compatibility');
export const CategoryNetwork = category('network');
export const CategoryStorage = category('storage');
export const CategoryPlatform = category('platform');
export const CategoryConnectivity = category('connectivity');
export const CategoryConfiguration = category('configuration');
export const CategoryUnknown = category('unknown');

// ---- each severity -------------------------------------------------------------------------------

/** pgtest1's failure with `error_severity` set to `severity` (critical: see Critical). */
const severity = (name: Severity): Story => ({
  args: { 'vm-name': bannerVmName(`severity-${name}`) },
  play: bannerShown,
});

export const SeverityInfo = severity('info');
export const SeverityWarning = severity('warning');
export const SeverityError = severity('error');
export const SeverityCritical = severity('critical');

// ---- in a host ----------------------------------------------------------------------------------

/** `density="compact"` (or a container under 400 px): summary and issue; "What you can do" opens the rest. */
export const Compact: Story = {
  args: { 'vm-name': 'pgtest1', density: 'compact' },
  play: async ({ canvasElement }) => {
    const toggle = await findButton(canvasElement, TAG, 'What you can do');
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    await findButton(canvasElement, TAG, 'Try Live Failover');
  },
};

/** The host hands over the VM context it already polls: the banner asks nothing. */
export const HostFedData: Story = {
  args: { 'vm-name': 'pgtest1', vmContext: fixtureVmContext('pgtest1') },
  render: (args) => renderBanner({ ...args, dismissals: new DismissalStore({ storage: null, eventTarget: null }) }),
  play: async ({ canvasElement }) => {
    await findInShadow(canvasElement, TAG, '.banner');
  },
};

/** The host cancels `dismiss` (it asks first, say): the banner stays and nothing is stored. */
export const DismissCancelled: Story = {
  args: { 'vm-name': 'pgtest1', onDismiss: (event: Event) => event.preventDefault() },
  render: (args) => renderBanner({ ...args, dismissals: new DismissalStore({ storage: null, eventTarget: null }) }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await findButton(canvasElement, TAG, 'Dismiss'));
    await findInShadow(canvasElement, TAG, '.banner');
  },
};

// ---- support handoff ---------------------------------------------------------------------------

/** pgtest1's VM context with its last operation changed: a host hands it over. */
const pgtest1With = (change: Record<string, unknown>) => {
  const body = fixtureVmContext('pgtest1');
  return { ...body, last_operation: { ...body.last_operation, ...change } };
};

/**
 * The advice says to contact an administrator: "Copy details for support" sits beside View Details
 * and copies the plain-text summary; a polite status below the banner says "Details copied.".
 */
export const SupportCopy: Story = {
  args: { 'vm-name': 'pgtest1', vmContext: pgtest1With({ actionable_steps: ['Contact administrator if issue persists'] }) },
  render: (args) => renderBanner({ ...args, dismissals: new DismissalStore({ storage: null, eventTarget: null }) }),
  play: async ({ canvasElement }) => {
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).toContain('• Contact administrator if issue persists');
  },
};

/** pgtest3's critical failure where the page may not copy: the text shows selected below the banner, with how to copy it. */
export const SupportCopyFallback: Story = {
  args: { 'vm-name': 'pgtest3' },
  play: async ({ canvasElement }) => {
    await copyWith(canvasElement, TAG, 'Copy details for support', 'refuses');
    await findInShadow(canvasElement, TAG, '.copy textarea.copy-text');
  },
};

/** A critical rollback: offered because it is critical (and the advice asks for an administrator). */
export const SupportCopyCriticalRollback: Story = {
  args: {
    'vm-name': 'pgtest1',
    vmContext: pgtest1With(CRITICAL_ROLLBACK_FAILURE),
  },
  render: (args) => renderBanner({ ...args, dismissals: new DismissalStore({ storage: null, eventTarget: null }) }),
  play: async ({ canvasElement }) => {
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).toContain('Operation: Rollback');
  },
};

/** `admin`: the copy also holds the "Technical details" rows, under their own heading. */
export const SupportCopyAdmin: Story = {
  args: { 'vm-name': 'pgtest3', admin: true },
  play: async ({ canvasElement }) => {
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).toContain('Technical details:');
  },
};

/** A critical failure without a `job_id`: the copy has no job ID row. */
export const SupportCopyWithoutJobId: Story = {
  args: { 'vm-name': 'pgtest1', vmContext: pgtest1With({ job_id: undefined, external_job_id: undefined, error_severity: 'critical' }) },
  render: (args) => renderBanner({ ...args, dismissals: new DismissalStore({ storage: null, eventTarget: null }) }),
  play: async ({ canvasElement }) => {
    const [text] = await copyWith(canvasElement, TAG, 'Copy details for support', 'writes');
    await expect(text).not.toContain('Job ID');
  },
};

/** Compact: "Copy details for support" folds with the other actions behind "What you can do". */
export const SupportCopyCompact: Story = {
  args: { 'vm-name': 'pgtest3', density: 'compact' },
  play: async ({ canvasElement }) => {
    await userEvent.click(await findButton(canvasElement, TAG, 'What you can do'));
    const copy = await findButton(canvasElement, TAG, 'Copy details for support');
    await waitFor(() => expect(copy.checkVisibility()).toBe(true));
  },
};

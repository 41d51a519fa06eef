import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { msg, str } from '@lit/localize';
import { normalizeJobInput } from '../../api/normalize.js';
import { reportDataIssues } from '../../api/report.js';
import { toOmaError } from '../../api/errors.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { statusTone, stepCounts, withStepCounts } from '../../model/display.js';
import type { FailoverStatus, Operation } from '../../model/operation.js';
import { formatDateTime, formatDuration, formatPercent, formatRelativeTime } from '../../i18n/format.js';
import { MkElement } from '../shared/mk-element.js';
import { tokens } from '../shared/styles.js';
import { statusIcon } from '../shared/icons.js';
import { categoryName, guarded, operationTitle, requestErrorSentence, severityName, statusWord } from '../shared/labels.js';
import { actionableStepsBlock, issueBlock, liveFailoverButton, statusBadge } from '../shared/operation-parts.js';
import { modalStyles } from './job-error-modal.styles.js';

/** Job types whose steps and raw error the failover status endpoint knows. */
const STATUS_ENDPOINT_TYPES = new Set<Operation['type']>(['test_failover', 'live_failover', 'rollback']);

function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/** Label/value rows of a `<dl>`; rows without a value are left out. */
function definitionRows(rows: [label: string, value: unknown][]) {
  return rows.filter(([, value]) => value).map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`);
}

/**
 * Escape closes; Tab and Shift+Tab wrap round inside the dialog (Chrome lets focus leave a modal
 * dialog for the browser UI). The first stop is always the scrollable body, the last the last
 * footer button. Lit calls it with the element as `this`.
 */
function onDialogKeydown(this: MkJobErrorModal, event: KeyboardEvent): void {
  if (event.key === 'Escape') {
    // Closed here, like the Close button, instead of through the browser's close request.
    event.preventDefault();
    this.close();
  }
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLDialogElement;
  const first = dialog.querySelector<HTMLElement>('.body');
  const last = dialog.querySelector<HTMLElement>('.footer > :last-child');
  const [edge, wrapTo] = event.shiftKey ? [first, last] : [last, first];
  if (this.shadowRoot?.activeElement === edge) {
    event.preventDefault();
    wrapTo?.focus();
  }
}

/** The dialog closed by itself (not through `open`): keep `open` in step. */
function onDialogClose(this: MkJobErrorModal, event: Event): void {
  if (!(event.currentTarget as HTMLDialogElement).open) this.open = false;
}

/**
 * @summary The details of one operation in a modal dialog, with what to do next.
 *
 * @event try-live-failover - The Try Live Failover button was pressed. Detail: `TryLiveFailoverDetail`.
 * @event close - The dialog closed (Close button, Escape, or `close()`).
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The title bar.
 * @csspart status - The status word with its icon.
 * @csspart issue - The sanitized problem.
 * @csspart advice - The "What you can do" list.
 * @csspart footer - The button bar.
 * @csspart technical - The admin "Technical details" section.
 *
 * @cssproperty --mk-color-surface - Dialog background.
 * @cssproperty --mk-color-text - Text colour.
 * @cssproperty --mk-color-failed - Failed status and the failed step mark.
 * @cssproperty --mk-color-completed - Completed steps in the step track.
 * @cssproperty --mk-color-critical - Critical severity.
 * @cssproperty --mk-color-accent - Primary button.
 */
export class MkJobErrorModal extends MkElement {
  static override styles = [tokens, modalStyles];

  static override get properties(): PropertyDeclarations {
    return {
      job: { attribute: false },
      vmName: { attribute: 'vm-name' },
      contextId: { attribute: 'context-id' },
      jobId: { attribute: 'job-id' },
      open: { type: Boolean, reflect: true },
    };
  }

  /** The operation to show: a recent-jobs item or a last-operation summary (raw server JSON or already normalised). */
  declare job?: unknown;

  /** Show the last operation of this VM (fetched) when no `job` is set. Also shown as the VM in the facts. */
  declare vmName?: string;

  /** With `job-id`: fetch that job from the VM's recent jobs when no `job` is set. */
  declare contextId?: string;

  /** With `context-id`: the recent job to show. */
  declare jobId?: string;

  /** Whether the dialog is open. */
  open = false;

  private get dialog(): HTMLDialogElement | null | undefined {
    return this.shadowRoot?.querySelector('dialog');
  }

  private readonly clock = new ClockController(this);
  private opener?: HTMLElement;
  /** `job`, normalised once per new value (the status task compares operations by identity). */
  private given?: Operation;

  /** Fetches the operation when none was handed over; runs only while open. */
  private readonly fetched = new Task(this, {
    args: () => [this.open && this.job === undefined, this.client, this.vmName, this.contextId, this.jobId] as const,
    task: async ([needed, client, vmName, contextId, jobId], { signal }): Promise<Operation | undefined> => {
      if (!needed) return undefined;
      if (contextId && jobId) {
        const jobs = await client.fetchRecentJobs(contextId, { signal });
        return jobs.operations.find((operation) => operation.jobId === jobId);
      }
      if (vmName) return (await client.fetchVmContext(vmName, { signal })).lastOperation;
      return undefined;
    },
  });

  /**
   * Step counts (when the job lacks them) and, for admins, the raw error from the failover status
   * endpoint. A failed request leaves the value empty: the dialog still says everything else.
   */
  private readonly status = new Task(this, {
    args: () => [this.open ? this.operation : undefined, this.admin, this.client] as const,
    task: ([operation, admin, client], { signal }) =>
      operation?.jobId && STATUS_ENDPOINT_TYPES.has(operation.type) && (admin || operation.stepsTotal === undefined)
        ? client.fetchFailoverStatus(operation.jobId, { signal })
        : undefined,
  });

  /** The operation on screen. */
  private get operation(): Operation | undefined {
    if (this.job !== undefined) return this.given;
    // While another job loads, the previous one is not shown as if it were the new one.
    return this.fetched.status === TaskStatus.COMPLETE ? this.fetched.value : undefined;
  }

  /** Open the dialog; focus moves into it and returns to the opener on close. */
  show(): void {
    this.open = true;
  }

  /** Close the dialog. */
  close(): void {
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('job') && this.job !== undefined) {
      const normalized = normalizeJobInput(this.job);
      reportDataIssues(normalized.issues);
      this.given = normalized.data;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.dialog;
    if (!changed.has('open') || !dialog) return;
    if (this.open && !dialog.open) {
      this.opener = deepActiveElement();
      dialog.showModal();
      dialog.querySelector<HTMLElement>('.close')?.focus();
    } else if (!this.open && changed.get('open')) {
      // Chrome fires the dialog's own `close` event only at the next animation frame (never in a
      // hidden tab), so the closing is finished here rather than waiting for it.
      dialog.close();
      this.dispatchEvent(new Event('close', { composed: true }));
      this.opener?.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dialog?.close();
  }

  protected override render() {
    const base = this.operation;
    // The status endpoint's answer for this operation only, never a previous job's while the next one loads.
    const status = this.status.value?.jobId === base?.jobId ? this.status.value : undefined;
    const operation = base && withStepCounts(base, status);
    const tone = operation ? statusTone(operation) : 'neutral';
    const title = operation
      ? operation.status === 'failed'
        ? msg(str`${operationTitle(operation)} Failed`)
        : `${operationTitle(operation)}: ${statusWord(operation)}`
      : msg('Operation details');
    return html`<dialog part="dialog" aria-labelledby="title" @close=${onDialogClose} @keydown=${onDialogKeydown}>
      <div class="header tone-${tone}" part="header">
        ${operation ? statusIcon(tone) : nothing}
        <div><h2 id="title">${title}</h2>${this.vmName ? html`<p class="vm meta">${this.vmName}</p>` : nothing}</div>
      </div>
      <div class="body" tabindex="0" role="region" aria-labelledby="title">${this.open ? this.body(operation, status) : nothing}</div>
      <div class="footer actions" part="footer">
        <button class="close" @click=${this.close}>${msg('Close')}</button>
        ${operation ? liveFailoverButton(this, { contextId: this.contextId, vmName: this.vmName }, operation, 'modal') : nothing}
      </div>
    </dialog>`;
  }

  /** The dialog's scrollable content: the operation, or why there is none. */
  private body(operation: Operation | undefined, status: FailoverStatus | undefined) {
    if (!operation) {
      const noDetails = html`<p class="problem meta">${msg('There are no details for this operation.')}</p>`;
      // A handed-over job is never fetched. render() gives undefined for the states it has no renderer for.
      return (
        (this.job === undefined &&
          this.fetched.render({
            pending: () => html`<p class="meta" role="status">${msg('Loading details…')}</p>`,
            error: (error) => html`<p class="problem meta" role="alert">${requestErrorSentence(toOmaError(error))}</p>`,
          })) ||
        noDetails
      );
    }
    const { startedAt, durationSeconds, errorCategory, severity, technical } = operation;
    const counts = stepCounts(operation);
    const percent = operation.progress === undefined ? undefined : formatPercent(operation.progress);
    const progress = counts
      ? percent
        ? msg(str`${percent} (${counts.done} of ${counts.total} steps)`)
        : msg(str`${counts.done} of ${counts.total} steps`)
      : percent;
    const failed = operation.status === 'failed';
    const failedStep = guarded(operation.failedStep ?? (failed ? operation.currentStep : undefined));
    return html`<dl class="facts">${definitionRows([
        [msg('VM'), this.vmName],
        [msg('Status'), statusBadge(operation)],
        [msg('Started'), startedAt && html`${formatRelativeTime(startedAt, this.clock.now)} <span class="meta">(${formatDateTime(startedAt)})</span>`],
        [msg('Duration'), durationSeconds && formatDuration(durationSeconds)],
        [msg('Progress'), progress],
        [msg('Category'), errorCategory && categoryName(errorCategory)],
        [msg('Severity'), severity && html`<span class="severity-${severity}">${severityName(severity)}</span>`],
      ])}</dl>
      ${counts
        ? html`<ol class="track" aria-hidden="true">${Array.from(
            { length: Math.min(counts.total, 50) },
            (_, i) => html`<li class=${failed && i + 1 === counts.done ? 'failed' : i < counts.done ? 'done' : ''}></li>`,
          )}</ol>`
        : nothing}
      ${failedStep ? html`<p><span class="issue-label">${msg('Failed step:')}</span> ${failedStep}</p>` : nothing}
      ${issueBlock(operation)} ${actionableStepsBlock(operation)}
      ${this.admin
        ? html`<details part="technical"><summary>${msg('Technical details')}</summary><dl>${definitionRows([
            [msg('Internal step'), technical.failedStepInternal ?? status?.failedStepInternal ?? technical.currentStepRaw],
            [msg('Job ID'), technical.jobId],
            [msg('External job ID'), technical.externalJobId],
            [msg('Job type'), technical.rawJobType],
            [msg('Data source'), technical.dataSource],
            [msg('Server error'), technical.errorMessageRaw],
            [msg('Status endpoint error'), status?.errorMessageRaw],
          ])}</dl></details>`
        : nothing}`;
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { normalizeJobInput } from '../../api/normalize.js';
import { reportDataIssues } from '../../api/report.js';
import { toOmaError } from '../../api/errors.js';
import type { OmaClient } from '../../api/client.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { statusTone, stepCounts, suggestsLiveFailover, withStepCounts } from '../../model/display.js';
import type { FailoverStatus, Operation } from '../../model/operation.js';
import { formatDateTime, formatDuration, formatPercent, formatRelativeTime } from '../../i18n/format.js';
import { TryLiveFailoverEvent } from '../../events.js';
import { MkElement } from '../shared/mk-element.js';
import { tokens } from '../shared/styles.js';
import { statusIcon } from '../shared/icons.js';
import { categoryName, guarded, operationTitle, requestErrorSentence, severityName, statusWithProgress, statusWord } from '../shared/labels.js';
import { actionableStepsBlock, issueBlock } from '../shared/operation-parts.js';
import { modalStyles } from './job-error-modal.styles.js';

/** Job types whose steps and raw error the failover status endpoint knows. */
const STATUS_ENDPOINT_TYPES = new Set<Operation['type']>(['test_failover', 'live_failover', 'rollback']);

/** What Tab can reach inside the dialog. */
const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
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
@localized()
export class MkJobErrorModal extends MkElement {
  static override styles = [tokens, modalStyles];

  /** The operation to show: a recent-jobs item or a last-operation summary (raw server JSON or already normalised). */
  @property({ attribute: false }) job?: unknown;

  /** Show the last operation of this VM (fetched) when no `job` is set. Also shown as the VM in the facts. */
  @property({ attribute: 'vm-name' }) vmName?: string;

  /** With `job-id`: fetch that job from the VM's recent jobs when no `job` is set. */
  @property({ attribute: 'context-id' }) contextId?: string;

  /** With `context-id`: the recent job to show. */
  @property({ attribute: 'job-id' }) jobId?: string;

  /** Whether the dialog is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.close') private closeButton?: HTMLButtonElement;

  private readonly clock = new ClockController(this);
  private opener?: HTMLElement;
  private providedJob?: { input: unknown; operation?: Operation };

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

  /** Step counts and the raw error from the failover status endpoint, when useful. */
  private readonly status = new Task(this, {
    args: () => [this.open ? this.operation : undefined, this.admin, this.client] as const,
    task: async ([operation, admin, client]: readonly [Operation | undefined, boolean, OmaClient], { signal }): Promise<FailoverStatus | undefined> => {
      if (!operation?.jobId || !STATUS_ENDPOINT_TYPES.has(operation.type)) return undefined;
      const needsCounts = operation.stepsTotal === undefined;
      if (!needsCounts && !admin) return undefined;
      try {
        return await client.fetchFailoverStatus(operation.jobId, { signal });
      } catch (error) {
        // Step counts are extra: without them the dialog still says everything else.
        if (toOmaError(error).kind === 'aborted') throw error;
        return undefined;
      }
    },
  });

  /** The operation on screen. */
  private get operation(): Operation | undefined {
    if (this.job !== undefined) {
      if (this.providedJob?.input !== this.job) {
        const normalized = normalizeJobInput(this.job);
        reportDataIssues(normalized.issues);
        this.providedJob = { input: this.job, operation: normalized.data };
      }
      return this.providedJob.operation;
    }
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

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open') || !this.dialog) return;
    if (this.open && !this.dialog.open) {
      this.opener = deepActiveElement();
      this.dialog.showModal();
      this.closeButton?.focus();
    } else if (!this.open && this.dialog.open) {
      // Chrome fires the dialog's own `close` event only at the next animation frame (never in a
      // hidden tab), so the closing is finished here rather than waiting for it.
      this.dialog.close();
      this.afterClose();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.dialog?.open) this.dialog.close();
  }

  /** The dialog closed by itself (not through `open`): keep `open` in step. */
  private onDialogClose(): void {
    if (!this.open || this.dialog?.open) return;
    this.open = false;
    this.afterClose();
  }

  private afterClose(): void {
    const opener = this.opener;
    this.opener = undefined;
    this.dispatchEvent(new Event('close', { composed: true }));
    if (opener?.isConnected) opener.focus();
  }

  /** Escape closes; Tab and Shift+Tab stay inside the dialog (Chrome lets focus leave a modal dialog for the browser UI). */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      // Closed here, like the Close button, instead of through the browser's close request.
      event.preventDefault();
      this.close();
      return;
    }
    if (event.key !== 'Tab' || !this.dialog) return;
    const focusable = [...this.dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (element) => !element.matches(':disabled') && element.getClientRects().length > 0,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = this.shadowRoot?.activeElement ?? null;
    const outside = !active || !this.dialog.contains(active);
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first.focus();
    }
  }

  private tryLiveFailover(operation: Operation): void {
    this.emit(
      new TryLiveFailoverEvent({
        contextId: this.contextId,
        vmName: this.vmName,
        jobId: operation.jobId,
        operationType: operation.type,
        source: 'modal',
      }),
    );
  }

  protected override render() {
    const base = this.operation;
    const operation = base ? withStepCounts(base, this.statusOf(base)) : undefined;
    const tone = operation ? statusTone(operation) : 'neutral';
    const title = operation
      ? operation.status === 'failed'
        ? msg(str`${operationTitle(operation)} Failed`)
        : `${operationTitle(operation)}: ${statusWord(operation)}`
      : msg('Operation details');
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose} @keydown=${this.onKeydown}>
      <div class="frame">
        <div class="header tone-${tone}" part="header">
          ${operation ? html`<span class="status-icon">${statusIcon(tone)}</span>` : nothing}
          <div>
            <h2 id="title">${title}</h2>
            ${this.vmName ? html`<p class="vm">${this.vmName}</p>` : nothing}
          </div>
        </div>
        <div class="body" tabindex="0" role="region" aria-labelledby="title">${this.open ? this.renderBody(operation) : nothing}</div>
        <div class="footer" part="footer">
          <button class="close" @click=${() => this.close()}>${msg('Close')}</button>
          ${operation && suggestsLiveFailover(operation)
            ? html`<button class="primary" @click=${() => this.tryLiveFailover(operation)}>${msg('Try Live Failover')}</button>`
            : nothing}
        </div>
      </div>
    </dialog>`;
  }

  private renderBody(operation: Operation | undefined) {
    if (!operation) {
      if (this.job !== undefined) return html`<p class="problem">${msg('There are no details for this operation.')}</p>`;
      return this.fetched.render({
        pending: () => html`<p class="loading" role="status">${msg('Loading details…')}</p>`,
        error: (error) => html`<p class="problem" role="alert">${requestErrorSentence(toOmaError(error))}</p>`,
        complete: () => html`<p class="problem">${msg('There are no details for this operation.')}</p>`,
        initial: () => html`<p class="problem">${msg('There are no details for this operation.')}</p>`,
      });
    }
    const counts = stepCounts(operation);
    const failedStep = guarded(operation.failedStep ?? (operation.status === 'failed' ? operation.currentStep : undefined));
    return html`<dl class="facts">
        ${this.vmName ? this.fact(msg('VM'), this.vmName) : nothing}
        ${this.fact(msg('Status'), html`<span class="status tone-${statusTone(operation)}" part="status">${statusIcon(statusTone(operation))}${statusWithProgress(operation)}</span>`)}
        ${operation.startedAt
          ? this.fact(msg('Started'), html`${formatRelativeTime(operation.startedAt, this.clock.now)} <span class="meta">(${formatDateTime(operation.startedAt)})</span>`)
          : nothing}
        ${operation.durationSeconds ? this.fact(msg('Duration'), formatDuration(operation.durationSeconds)) : nothing}
        ${operation.progress !== undefined || counts ? this.fact(msg('Progress'), this.progressText(operation)) : nothing}
        ${operation.errorCategory ? this.fact(msg('Category'), categoryName(operation.errorCategory)) : nothing}
        ${operation.severity
          ? this.fact(msg('Severity'), html`<span class="severity-${operation.severity}">${severityName(operation.severity)}</span>`)
          : nothing}
      </dl>
      ${counts ? this.renderTrack(counts, operation.status === 'failed') : nothing}
      ${failedStep ? html`<p><span class="issue-label">${msg('Failed step:')}</span> ${failedStep}</p>` : nothing}
      ${issueBlock(operation)} ${actionableStepsBlock(operation)} ${this.admin ? this.renderTechnical(operation) : nothing}`;
  }

  /** The status endpoint's answer for this operation; never a previous job's while the next one loads. */
  private statusOf(operation: Operation): FailoverStatus | undefined {
    const status = this.status.value;
    return status && status.jobId === operation.jobId ? status : undefined;
  }

  private fact(label: string, value: unknown) {
    return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  }

  private progressText(operation: Operation): string {
    const counts = stepCounts(operation);
    const percent = operation.progress !== undefined ? formatPercent(operation.progress) : undefined;
    if (counts && percent) return msg(str`${percent} (${counts.done} of ${counts.total} steps)`);
    if (counts) return msg(str`${counts.done} of ${counts.total} steps`);
    return percent ?? '';
  }

  private renderTrack(counts: { done: number; total: number }, failed: boolean) {
    const marks = Array.from({ length: Math.min(counts.total, 50) }, (_, i) => i + 1);
    return html`<ol class="track" aria-hidden="true">
      ${marks.map((step) => html`<li class=${failed && step === counts.done ? 'failed' : step <= counts.done ? 'done' : ''}></li>`)}
    </ol>`;
  }

  private renderTechnical(operation: Operation) {
    const t = operation.technical;
    const rows: [string, string | undefined][] = [
      [msg('Internal step'), t.failedStepInternal ?? this.status.value?.failedStepInternal ?? t.currentStepRaw],
      [msg('Job ID'), t.jobId],
      [msg('External job ID'), t.externalJobId],
      [msg('Job type'), t.rawJobType],
      [msg('Data source'), t.dataSource],
      [msg('Server error'), t.errorMessageRaw],
      [msg('Status endpoint error'), this.statusOf(operation)?.errorMessageRaw],
    ];
    return html`<details part="technical">
      <summary>${msg('Technical details')}</summary>
      <dl>
        ${rows.filter(([, value]) => value).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
      </dl>
    </details>`;
  }
}

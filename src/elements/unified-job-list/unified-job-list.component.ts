import { html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import type { OmaClient } from '../../api/client.js';
import { withVmContext } from '../../api/normalize.js';
import { ResourceController } from '../../controllers/resource-controller.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { finishedSince, isActive, statusTone, suggestsLiveFailover } from '../../model/display.js';
import type { Operation, RecentJobs, VmContext } from '../../model/operation.js';
import { formatRelativeTime } from '../../i18n/format.js';
import { TryLiveFailoverEvent } from '../../events.js';
import { MkElement } from '../shared/mk-element.js';
import { timeStyles, tokens } from '../shared/styles.js';
import { typeIcon } from '../shared/icons.js';
import { guarded, operationMetaLine, operationTitle, requestErrorSentence, statusWord } from '../shared/labels.js';
import { actionableStepsBlock, issueBlock, statusBadge, timeStamp } from '../shared/operation-parts.js';
import { listStyles } from './unified-job-list.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';

const ACTIVE_POLL_MS = 5_000;
const IDLE_POLL_MS = 30_000;

/**
 * @tagname mk-unified-job-list
 * @summary Every recent operation of one VM (replication, test failover, live failover, rollback)
 * in one live list, newest first.
 *
 * @event try-live-failover - A Try Live Failover button was pressed (here or in the details dialog). Detail: `TryLiveFailoverDetail`.
 *
 * @csspart base - The list's frame.
 * @csspart header - The heading bar.
 * @csspart row - Every operation row; failed rows also have `row-failed`.
 * @csspart row-failed - A failed operation's row.
 * @csspart status - The status word with its icon.
 * @csspart issue - The sanitized problem of a failed operation.
 * @csspart advice - The "What you can do" list.
 * @csspart actions - The buttons of a row.
 *
 * @cssproperty --mk-font-family - Font of the widget (default: the host's).
 * @cssproperty --mk-font-size - Base font size (default 0.875rem).
 * @cssproperty --mk-radius - Corner radius (default 8px).
 * @cssproperty --mk-space - Inner spacing (default 0.75rem).
 * @cssproperty --mk-color-surface - Background.
 * @cssproperty --mk-color-surface-raised - Background of notes and skeletons.
 * @cssproperty --mk-color-text - Text colour.
 * @cssproperty --mk-color-muted - Secondary text.
 * @cssproperty --mk-color-border - Lines and borders.
 * @cssproperty --mk-color-completed - Completed status.
 * @cssproperty --mk-color-failed - Failed status.
 * @cssproperty --mk-color-failed-surface - Background of failed rows.
 * @cssproperty --mk-color-running - Running status and progress bars.
 * @cssproperty --mk-color-neutral - Pending, cancelled and unknown statuses.
 * @cssproperty --mk-color-accent - Primary buttons.
 * @cssproperty --mk-color-accent-text - Text on primary buttons.
 * @cssproperty --mk-color-focus - Focus ring.
 */
@localized()
export class MkUnifiedJobList extends MkElement {
  static override styles = [tokens, timeStyles, listStyles];

  /** The VM context id whose jobs to show. */
  @property({ attribute: 'context-id' }) contextId?: string;

  /** The VM name; resolved to the context id, and adds replication data transferred. */
  @property({ attribute: 'vm-name' }) vmName?: string;

  /** Seconds between refreshes; default 5 while a job runs and 30 otherwise; 0 turns polling off. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval?: number;

  /** The heading above the list. */
  @property() heading?: string;

  @state() private selected?: Operation;
  @state() private announcement = '';
  @query('mk-job-error-modal') private modal?: MkJobErrorModal;

  private readonly clock = new ClockController(this);
  private previousStatuses = new Map<string, Operation['status']>();
  private rowsCache?: { jobs: RecentJobs; vm?: VmContext; rows: Operation[] };

  private readonly vm: ResourceController<VmContext, [OmaClient, string, boolean]> = new ResourceController(this, {
    // Polls at the jobs' pace, since a running replication's bytes come from here; the last argument
    // re-subscribes when jobs start or stop running, so the schedule follows at once.
    args: () => (this.vmName ? [this.client, this.vmName, this.jobsActive] : undefined),
    subscribe: ([client, name], listener) => client.watchVmContext(name, listener, { interval: () => this.intervalFor(this.jobs.state.data) }),
    refresh: ([client, name]) => client.refresh(client.vmContextPath(name)),
  });

  private readonly jobs: ResourceController<RecentJobs, [OmaClient, string]> = new ResourceController(this, {
    args: () => {
      const id = this.contextId || this.vm.state.data?.contextId;
      return id ? [this.client, id] : undefined;
    },
    subscribe: ([client, id], listener) => client.watchRecentJobs(id, listener, { interval: (data) => this.intervalFor(data) }),
    refresh: ([client, id]) => client.refresh(client.recentJobsPath(id)),
  });

  private get jobsActive(): boolean {
    return this.jobs.state.data?.operations.some(isActive) ?? false;
  }

  private intervalFor(data: RecentJobs | undefined): number {
    if (this.pollInterval !== undefined && this.pollInterval !== null && Number.isFinite(this.pollInterval)) {
      return Math.max(0, this.pollInterval * 1000);
    }
    return data?.operations.some(isActive) ? ACTIVE_POLL_MS : IDLE_POLL_MS;
  }

  /** The rows on screen: jobs plus what the VM context adds, recomputed only when either answer changes. */
  private get rows(): Operation[] | undefined {
    const jobs = this.jobs.state.data;
    if (!jobs) return undefined;
    const vm = this.vm.state.data;
    if (this.rowsCache?.jobs !== jobs || this.rowsCache.vm !== vm) {
      this.rowsCache = { jobs, vm, rows: vm ? withVmContext(jobs.operations, vm) : jobs.operations };
    }
    return this.rowsCache.rows;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('contextId') || changed.has('vmName')) {
      this.previousStatuses = new Map();
      this.selected = undefined;
      // The live region never keeps news about another VM.
      this.announcement = '';
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    // Announce jobs that finished since the last answer, through the polite live region. Done here,
    // after the controllers took their new state and before rendering, so it costs no second update.
    const rows = this.rows;
    if (rows) {
      const finished = finishedSince(this.previousStatuses, rows);
      this.previousStatuses = new Map(rows.map((row) => [row.key, row.status]));
      if (finished.length > 0) {
        this.announcement = finished.map((row) => `${operationTitle(row)}: ${statusWord(row)}.`).join(' ');
      }
    }
    super.update(changed);
  }

  /** Ask the server again now. */
  refresh(): void {
    if (this.contextId || this.vm.state.data) this.jobs.refresh();
    if (this.vmName) this.vm.refresh();
  }

  private async openDetails(operation: Operation): Promise<void> {
    this.selected = operation;
    await this.updateComplete;
    this.modal?.show();
  }

  private tryLiveFailover(operation: Operation): void {
    this.emit(
      new TryLiveFailoverEvent({
        contextId: this.contextId || this.vm.state.data?.contextId,
        vmName: this.vmName || this.vm.state.data?.vmName,
        jobId: operation.jobId,
        operationType: operation.type,
        source: 'list',
      }),
    );
  }

  protected override render() {
    return html`<section class="list" part="base" aria-labelledby="heading" aria-busy=${this.isLoading ? 'true' : 'false'}>
        <header part="header"><h2 id="heading">${this.heading ?? msg('Recent Operations')}</h2></header>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${this.renderBody()}
      </section>
      ${this.selected
        ? html`<mk-job-error-modal
            .job=${this.selected}
            .contextId=${this.contextId || this.vm.state.data?.contextId}
            .vmName=${this.vmName || this.vm.state.data?.vmName}
            ?admin=${this.admin}
            theme=${ifDefined(this.theme)}
            @close=${() => (this.selected = undefined)}
          ></mk-job-error-modal>`
        : nothing}`;
  }

  private get isLoading(): boolean {
    return !this.rows && this.activeProblem === undefined && (this.jobs.active || this.vm.active);
  }

  /** The failure to show when there is no data at all. */
  private get activeProblem() {
    if (this.jobs.state.status === 'error') return this.jobs.state.error;
    if (!this.contextId && this.vm.state.status === 'error' && !this.vm.state.data) return this.vm.state.error;
    return undefined;
  }

  private renderBody() {
    if (!this.contextId && !this.vmName) return html`<p class="empty">${msg('No VM selected.')}</p>`;
    const rows = this.rows;
    const problem = this.activeProblem;
    if (!rows) {
      if (problem) {
        return html`<div class="problem" role="alert">
          <p>${requestErrorSentence(problem)}</p>
          <button @click=${() => this.refresh()}>${msg('Retry')}</button>
        </div>`;
      }
      return this.renderSkeleton();
    }
    return html`${problem ? this.renderStaleNote() : nothing}
    ${rows.length === 0
      ? html`<p class="empty">${msg('No recent operations')}</p>`
      : html`<ul class="rows" role="list">
          ${repeat(rows, (row) => row.key, (row) => this.renderRow(row))}
        </ul>`}`;
  }

  private renderSkeleton() {
    return html`<div class="visually-hidden">${msg('Loading recent operations…')}</div>
      ${[0, 1, 2].map(() => html`<div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`)}`;
  }

  private renderStaleNote() {
    const updatedAt = this.jobs.state.updatedAt;
    const when = updatedAt ? formatRelativeTime(new Date(updatedAt), this.clock.now) : '';
    return html`<div class="stale" role="status">
      <span>${when ? msg(str`Couldn't refresh. Showing results from ${when}.`) : msg("Couldn't refresh.")}</span>
      <button @click=${() => this.refresh()}>${msg('Retry')}</button>
    </div>`;
  }

  private renderRow(row: Operation) {
    const tone = statusTone(row);
    const failed = row.status === 'failed';
    const title = operationTitle(row);
    return html`<li class="row tone-${tone}" part=${failed ? 'row row-failed' : 'row'}>
      <div class="row-main">
        <span class="type">${typeIcon(row.type)}</span>
        <div class="title"><span class="name">${title}</span>${statusBadge(row)}</div>
        ${timeStamp(row.startedAt, this.clock.now)}
      </div>
      ${isActive(row) ? this.renderProgress(row, title) : nothing} ${failed ? issueBlock(row) : nothing}
      ${failed ? actionableStepsBlock(row) : nothing} ${this.renderMeta(row)} ${failed ? this.renderActions(row, title) : nothing}
    </li>`;
  }

  private renderProgress(row: Operation, title: string) {
    const step = guarded(row.currentStep);
    return html`<div class="progress">
      <progress max="100" value=${ifDefined(row.progress === undefined ? undefined : String(row.progress))} aria-label=${msg(str`${title} progress`)}></progress>
      ${step ? html`<span class="meta">${step}</span>` : nothing}
    </div>`;
  }

  private renderMeta(row: Operation) {
    const meta = operationMetaLine(row);
    return meta ? html`<p class="meta">${meta}</p>` : nothing;
  }

  private renderActions(row: Operation, title: string) {
    return html`<div class="actions" part="actions">
      ${suggestsLiveFailover(row)
        ? html`<button class="primary" @click=${() => this.tryLiveFailover(row)}>${msg('Try Live Failover')}</button>`
        : nothing}
      <button @click=${() => this.openDetails(row)}>
        ${msg('View details')}<span class="visually-hidden">: ${title}</span>
      </button>
    </div>`;
  }
}

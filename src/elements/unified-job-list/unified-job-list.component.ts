import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg } from '@lit/localize';
import type { OmaClient } from '../../api/client.js';
import { ResourceController } from '../../controllers/resource-controller.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, VmContextController } from '../../controllers/vm-context-controller.js';
import { isActive } from '../../model/view/rules.js';
import type { Operation, RecentJobs, VmContext } from '../../model/operation.js';
import type { OperationView } from '../../model/view/operation-view.js';
import {
  finishedAnnouncement,
  jobListBody,
  joinVmContext,
  rememberStatuses,
  type JobListBody,
  type StatusMemory,
} from '../../model/view/job-list-view.js';
import { TryLiveFailoverEvent, ViewDetailsEvent } from '../../events.js';
import { MkElement } from '../shared/mk-element.js';
import { timeStyles, tokens } from '../shared/styles.js';
import { typeIcon } from '../shared/icons.js';
import { adviceBlock, issueBlock, liveFailoverButton, statusBadge, timeStamp } from '../shared/operation-parts.js';
import { listStyles } from './unified-job-list.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';

const anyActive = (jobs: RecentJobs | undefined) => jobs?.operations.some(isActive) ?? false;

/** Three placeholder rows while the first answer is on its way, so the rows do not jump in from nothing. */
const skeletonRow = html`<div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;

/** The nested dialog's parts, exported under names that cannot clash with the list's own. */
const MODAL_PARTS =
  'dialog, header: dialog-header, status: dialog-status, issue: dialog-issue, advice: dialog-advice, footer: dialog-footer, technical: dialog-technical';

/** Which VM the list shows, as its events report it. */
interface VmIds {
  contextId?: string;
  vmName?: string;
}

/**
 * @tagname mk-unified-job-list
 * @summary Every recent operation of one VM (replication, test failover, live failover, rollback)
 * in one live list, newest first.
 *
 * @event try-live-failover - A Try Live Failover button was pressed (here or in the details dialog). Detail: `TryLiveFailoverDetail`. Cancelable.
 * @event view-details - View details was pressed on a row. Detail: `ViewDetailsDetail`. Cancelable: cancelled, the built-in dialog does not open.
 *
 * @csspart base - The list's frame.
 * @csspart header - The heading bar.
 * @csspart row - Every operation row; failed rows also have `row-failed`.
 * @csspart row-failed - A failed operation's row.
 * @csspart status - The status word with its icon.
 * @csspart issue - The sanitized problem of a failed operation.
 * @csspart advice - The "What you can do" list.
 * @csspart actions - The buttons of a row.
 * @csspart dialog - The details dialog (its other parts as `dialog-header`, `dialog-status`, `dialog-issue`, `dialog-advice`, `dialog-footer`, `dialog-technical`).
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
export class MkUnifiedJobList extends MkElement {
  static override styles = [tokens, timeStyles, listStyles];

  static override get properties(): PropertyDeclarations {
    return {
      contextId: { attribute: 'context-id' },
      vmName: { attribute: 'vm-name' },
      pollInterval: { attribute: 'poll-interval', type: Number },
      heading: {},
      selected: { state: true, attribute: false },
    };
  }

  /** The VM context id whose jobs to show. */
  declare contextId?: string;

  /** The VM name; resolved to the context id, and adds replication data transferred. */
  declare vmName?: string;

  /** Seconds between refreshes; default 5 while a job runs and 30 otherwise; 0 turns polling off. */
  declare pollInterval?: number;

  /** The heading above the list. */
  declare heading?: string;

  /** The job whose details modal is open. */
  private declare selected?: Operation;

  private get modal(): MkJobErrorModal | null {
    return this.renderRoot.querySelector('mk-job-error-modal');
  }

  /** The polite live region's news. Set only in update(), before rendering, so it needs no reactivity. */
  private announcement = '';
  private statuses: StatusMemory = new Map();
  private joined?: { jobs: RecentJobs; vm?: VmContext; operations: Operation[] };
  private readonly clock = new ClockController(this);

  private readonly vm = new VmContextController<[OmaClient, string, boolean]>(
    this,
    // Polls at the jobs' pace, since a running replication's bytes come from here; the last argument
    // re-subscribes when jobs start or stop running, so the schedule follows at once.
    () => (this.vmName ? [this.client, this.vmName, anyActive(this.jobs.state.data)] : undefined),
    () => this.pace(this.jobs.state.data),
  );

  private readonly jobs: ResourceController<RecentJobs, [OmaClient, string]> = new ResourceController(this, {
    args: () => {
      const id = this.ids.contextId;
      return id ? [this.client, id] : undefined;
    },
    subscribe: ([client, id], listener) => client.watchRecentJobs(id, listener, { interval: (data) => this.pace(data) }),
    refresh: ([client, id]) => client.refresh(client.recentJobsPath(id)),
  });

  /** Milliseconds to the next poll: `poll-interval` when set (null and NaN count as unset). */
  private pace(jobs: RecentJobs | undefined): number {
    if (Number.isFinite(this.pollInterval)) return Math.max(0, this.pollInterval! * 1000);
    return anyActive(jobs) ? ACTIVE_POLL_MS : IDLE_POLL_MS;
  }

  /** The VM as the attributes name it, completed from its context once that is known. */
  private get ids(): VmIds {
    const vm = this.vm.state.data;
    return { contextId: this.contextId || vm?.contextId, vmName: this.vmName || vm?.vmName.text };
  }

  /** The operations on screen: jobs joined with what the VM context adds, again only when either answer changes. */
  private get operations(): Operation[] | undefined {
    const jobs = this.jobs.state.data;
    if (!jobs) return undefined;
    const vm = this.vm.state.data;
    if (this.joined?.jobs !== jobs || this.joined.vm !== vm) {
      this.joined = { jobs, vm, operations: vm ? joinVmContext(jobs.operations, vm) : jobs.operations };
    }
    return this.joined.operations;
  }

  protected override update(changed: PropertyValues<this>): void {
    if (changed.has('contextId') || changed.has('vmName')) {
      this.statuses = new Map();
      this.selected = undefined;
      // The live region never keeps news about another VM.
      this.announcement = '';
    }
    // Announce jobs that finished since the last answer. Done here, after the controllers took their
    // new state and before rendering, so it costs no second update.
    const operations = this.operations;
    if (operations) {
      const news = finishedAnnouncement(this.statuses, operations);
      this.statuses = rememberStatuses(operations);
      if (news) this.announcement = news;
    }
    super.update(changed);
  }

  /** Ask the server again now. */
  refresh(): void {
    if (this.contextId || this.vm.state.data) this.jobs.refresh();
    if (this.vmName) this.vm.refresh();
  }

  /** View details: the host may show its own view instead (by cancelling `view-details`). */
  private async viewDetails(row: OperationView): Promise<void> {
    const event = new ViewDetailsEvent({ ...this.ids, jobId: row.operation.jobId, source: 'list' });
    if (!this.dispatchEvent(event)) return;
    this.selected = row.operation;
    await this.updateComplete;
    await this.modal?.show();
  }

  private tryLiveFailover(row: OperationView): void {
    const { operation } = row;
    this.dispatchEvent(new TryLiveFailoverEvent({ ...this.ids, jobId: operation.jobId, operationType: operation.type, source: 'list' }));
  }

  protected override render() {
    // The failure to show when there is no data at all.
    const jobs = this.jobs.state;
    const vm = this.vm.state;
    const problem = jobs.status === 'error' ? jobs.error : !this.contextId && vm.status === 'error' && !vm.data ? vm.error : undefined;
    const body = jobListBody({
      configured: !!(this.contextId || this.vmName),
      operations: this.operations,
      problem,
      updatedAt: jobs.updatedAt,
      now: this.clock.now,
    });
    const loading = body.state === 'loading' && (this.jobs.active || this.vm.active);
    const ids = this.ids;
    return html`<section class="list" part="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
        <header part="header"><h2 id="heading">${this.heading ?? msg('Recent Operations')}</h2></header>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${this.renderBody(body)}
      </section>
      ${this.selected
        ? html`<mk-job-error-modal
            exportparts=${MODAL_PARTS}
            .job=${this.selected}
            .contextId=${ids.contextId}
            .vmName=${ids.vmName}
            ?admin=${this.admin}
            theme=${ifDefined(this.theme)}
            @close=${() => (this.selected = undefined)}
          ></mk-job-error-modal>`
        : nothing}`;
  }

  private renderBody(body: JobListBody) {
    const retry = html`<button @click=${() => this.refresh()}>${msg('Retry')}</button>`;
    switch (body.state) {
      case 'no-vm':
        return html`<p class="empty">${body.message}</p>`;
      case 'error':
        return html`<div class="problem" role="alert"><p>${body.message}</p>${retry}</div>`;
      case 'loading':
        return html`<div class="visually-hidden">${body.message}</div>${[skeletonRow, skeletonRow, skeletonRow]}`;
    }
    return html`${body.stale ? html`<div class="stale" role="status"><span>${body.stale}</span>${retry}</div>` : nothing}
    ${body.rows.length === 0
      ? html`<p class="empty">${body.empty}</p>`
      : html`<ul class="rows" role="list">
          ${repeat(body.rows, (row) => row.key, (row) => this.renderRow(row))}
        </ul>`}`;
  }

  private renderRow(row: OperationView) {
    return html`<li class="row tone-${row.status.tone}" part=${row.failed ? 'row row-failed' : 'row'}>
      <div class="row-main">
        <span class="type">${typeIcon(row.type)}</span>
        <div class="title"><span class="name">${row.title}</span>${statusBadge(row.status)}</div>
        ${timeStamp(row.startedAt)}
      </div>
      ${row.active
        ? html`<div class="progress">
            <progress max="100" value=${ifDefined(row.progress?.toString())} aria-label=${row.progressLabel}></progress>
            ${row.currentStep ? html`<span class="meta">${row.currentStep}</span>` : nothing}
          </div>`
        : nothing}
      ${row.failed ? issueBlock(row.issue) : nothing} ${row.failed ? adviceBlock(row.advice) : nothing}
      ${row.meta ? html`<p class="meta">${row.meta}</p>` : nothing}
      ${row.failed
        ? html`<div class="actions" part="actions">
            ${liveFailoverButton(row.offersLiveFailover, () => this.tryLiveFailover(row))}
            <button @click=${() => this.viewDetails(row)}>${msg('View details')}<span class="visually-hidden">: ${row.title}</span></button>
          </div>`
        : nothing}
    </li>`;
  }
}

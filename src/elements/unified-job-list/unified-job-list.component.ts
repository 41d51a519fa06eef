import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg } from '@lit/localize';
import type { OmaClient } from '../../api/client.js';
import { ResourceController } from '../../controllers/resource-controller.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, VmContextController } from '../../controllers/vm-context-controller.js';
import { HostData } from '../../controllers/host-data.js';
import { ShownFailuresController, shownFailures, shownFailureKey } from '../../controllers/shown-failures.js';
import type { ResourceState } from '../../api/client.js';
import { readRecentJobs, readVmContext } from '../../model/pipeline.js';
import type { RecentJobsResponse, VmContextResponse } from '../../api/wire.js';
import { isActive } from '../../model/view/rules.js';
import { warmUpFormatters } from '../../i18n/format.js';
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
import { collapseStyles } from '../shared/collapse.styles.js';
import { typeIcon } from '../shared/icons.js';
import { adviceBlock, detailsDialog, issueBlock, liveFailoverButton, statusBadge, timeStamp } from '../shared/operation-parts.js';
import { listStyles } from './unified-job-list.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';

/** Jobs asked by a remembered context id, before the VM context has confirmed it: not shown yet. */
const UNCONFIRMED: ResourceState<RecentJobs> = { status: 'loading' };

const anyActive = (jobs: RecentJobs | undefined) => jobs?.operations.some(isActive) ?? false;

/** Three placeholder rows while the first answer is on its way, so the rows do not jump in from nothing. */
const skeletonRow = html`<div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;


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
 * @csspart dialog - The details dialog (its other parts as `dialog-header`, `dialog-status`, `dialog-issue`, `dialog-advice`, `dialog-footer`, `dialog-technical`, `dialog-support`).
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
  static override styles = [tokens, timeStyles, collapseStyles, listStyles];

  static override get properties(): PropertyDeclarations {
    return {
      contextId: { attribute: 'context-id' },
      vmName: { attribute: 'vm-name' },
      pollInterval: { attribute: 'poll-interval', type: Number },
      heading: {},
      density: { reflect: true },
      vmContext: { attribute: false },
      recentJobs: { attribute: false },
      selected: { state: true, attribute: false },
      expanded: { state: true, attribute: false },
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

  /**
   * `compact` folds failed rows to title, status and issue ("What you can do" opens the rest), as
   * the list does by itself in a container narrower than 400 px; `comfortable` never folds them.
   */
  declare density?: 'compact' | 'comfortable';

  /** The server's `GET /vm-contexts/{vm_name}` body, when the host has it: then it is not fetched. */
  declare vmContext?: VmContextResponse;

  /** The server's recent-jobs body, when the host has it: then it is not fetched. */
  declare recentJobs?: RecentJobsResponse;

  /** Keys of the folded rows the user opened. */
  private declare expanded: ReadonlySet<string>;

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
  // Renders again when a banner on the page starts or stops showing a failure (its row folds).
  private readonly bannerFailures = new ShownFailuresController(this);
  private readonly fedVm = new HostData(readVmContext);
  private readonly fedJobs = new HostData(readRecentJobs);

  private readonly vm = new VmContextController<[OmaClient, string, boolean]>(
    this,
    // Polls at the jobs' pace, since a running replication's bytes come from here; the last argument
    // re-subscribes when jobs start or stop running, so the schedule follows at once.
    () => (this.vmName && this.vmContext == null ? [this.client, this.vmName, anyActive(this.jobsState.data)] : undefined),
    () => this.pace(this.jobsState.data),
    // The client asks the recent jobs the moment it has read the context, not after this renders.
    { recentJobs: true },
  );

  /**
   * The context id the jobs were asked by before the VM context answered: the one the client
   * remembers for this VM (a returning page asks both at once). Its jobs are shown once the
   * context confirms it; a context that says another id makes the list ask again with that one.
   */
  private guessedContextId?: string;

  /** Recent jobs by URL: a template that names the VM is asked at once, one that needs the context id once it is known. */
  private readonly jobs: ResourceController<RecentJobs, [OmaClient, string, string | undefined, string | undefined]> =
    new ResourceController(this, {
      args: () => {
        this.guessedContextId = undefined;
        if (this.recentJobs != null) return undefined;
        const target = { contextId: this.contextId || this.vmState.data?.contextId, vmName: this.vmName };
        let url = this.client.recentJobsUrl(target);
        if (!url && !target.contextId && this.vmName && this.vmContext == null) {
          target.contextId = this.guessedContextId = this.client.rememberedContextId(this.vmName);
          url = target.contextId && this.client.recentJobsUrl(target);
        }
        // A template that names only the VM asks the same URL before and after the context id is
        // known: the id is left out of the arguments, so its arrival does not ask again.
        if (url && url === this.client.recentJobsUrl({ vmName: target.vmName })) target.contextId = undefined;
        // Without a URL for a known context the client says why (a bad template or api-base).
        return url || target.contextId ? [this.client, url ?? '', target.contextId, target.vmName] : undefined;
      },
      subscribe: ([client, , contextId, vmName], listener) => {
        const stop = client.watchRecentJobs({ contextId, vmName }, listener, { interval: (data) => this.pace(data) });
        // The request is out: the rows' formatters get built while it is on the way, not after it.
        warmUpFormatters();
        return stop;
      },
      refresh: ([client, url]) => void client.refresh(url),
    });

  constructor() {
    super();
    this.expanded = new Set();
  }

  /** The VM context: the host's, or fetched. */
  private get vmState(): ResourceState<VmContext> {
    return this.vmContext != null ? this.fedVm.state : this.vm.state;
  }

  /** The recent jobs: the host's, or fetched (for a guessed context id, once the VM context confirms it). */
  private get jobsState(): ResourceState<RecentJobs> {
    if (this.recentJobs != null) return this.fedJobs.state;
    return this.guessedContextId && this.vmState.data?.contextId !== this.guessedContextId ? UNCONFIRMED : this.jobs.state;
  }

  /** Milliseconds to the next poll: `poll-interval` when set (null and NaN count as unset). */
  private pace(jobs: RecentJobs | undefined): number {
    if (Number.isFinite(this.pollInterval)) return Math.max(0, this.pollInterval! * 1000);
    return anyActive(jobs) ? ACTIVE_POLL_MS : IDLE_POLL_MS;
  }

  /** The VM as the attributes name it, completed from its context once that is known. */
  private get ids(): VmIds {
    const vm = this.vmState.data;
    return { contextId: this.contextId || vm?.contextId, vmName: this.vmName || vm?.vmName.text };
  }

  /** The operations on screen: jobs joined with what the VM context adds, again only when either answer changes. */
  private get operations(): Operation[] | undefined {
    const jobs = this.jobsState.data;
    if (!jobs) return undefined;
    const vm = this.vmState.data;
    if (this.joined?.jobs !== jobs || this.joined.vm !== vm) {
      this.joined = { jobs, vm, operations: vm ? joinVmContext(jobs.operations, vm) : jobs.operations };
    }
    return this.joined.operations;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Host-fed bodies go through the same pipeline as fetched ones (a new body only).
    if (this.vmContext != null) this.fedVm.take(this.vmContext, this.vmName ?? '');
    if (this.recentJobs != null) this.fedJobs.take(this.recentJobs, this.contextId || this.vmState.data?.contextId || this.vmName || '');
    if (changed.has('contextId') || changed.has('vmName')) this.expanded = new Set();
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
    this.jobs.refresh();
    this.vm.refresh();
  }

  /** Opens or closes a folded row's "What you can do". */
  private toggle(row: OperationView): void {
    const expanded = new Set(this.expanded);
    if (!expanded.delete(row.key)) expanded.add(row.key);
    this.expanded = expanded;
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
    const jobs = this.jobsState;
    const vm = this.vmState;
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
    return html`<section class="list ${this.density === 'compact' ? 'compact' : ''}" part="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
        <header part="header"><h2 id="heading">${this.heading ?? msg('Recent Operations')}</h2></header>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${this.renderBody(body)}
      </section>
      ${this.selected
        ? detailsDialog({ job: this.selected, ...ids, admin: this.admin, theme: this.theme, onClose: () => (this.selected = undefined) })
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
          ${repeat(body.rows, (row) => row.key, (row, index) => this.renderRow(row, index))}
        </ul>`}`;
  }

  private renderRow(row: OperationView, index: number) {
    // A banner on this page shows this failure in full: the row folds.
    const folded = row.failed && shownFailures.has(shownFailureKey(this.ids.contextId, row.operation.jobId));
    const expanded = this.expanded.has(row.key);
    const classes = `row tone-${row.status.tone}${folded ? ' folded' : ''}${expanded ? ' expanded' : ''}`;
    // The row templates put no whitespace between tags (`><` across lines): in twenty rows the
    // indentation would be hundreds of text nodes for the browser to build and keep.
    return html`<li class=${classes} part=${row.failed ? 'row row-failed' : 'row'}
      ><div class="row-main"
        ><span class="type">${typeIcon(row.type)}</span
        ><div class="title"><span class="name">${row.title}</span>${statusBadge(row.status)}</div
        >${timeStamp(row.startedAt)}</div
      >${row.active ? this.renderProgress(row) : nothing}${row.failed
        ? this.renderFailure(row, index, folded, expanded)
        : row.meta
          ? html`<p class="meta">${row.meta}</p>`
          : nothing}</li
    >`;
  }

  private renderProgress(row: OperationView) {
    return html`<div class="progress"
      ><progress max="100" value=${ifDefined(row.progress?.toString())} aria-label=${row.progressLabel}></progress
      >${row.currentStep ? html`<span class="meta">${row.currentStep}</span>` : nothing}</div
    >`;
  }

  /**
   * A failed row's issue, and its fold: "What you can do" with the advice, details and actions.
   * While the fold is shut (a folded or compact row not opened) only its empty box is built.
   */
  private renderFailure(row: OperationView, index: number, folded: boolean, expanded: boolean) {
    const shut = (folded || this.density === 'compact') && !expanded && this.density !== 'comfortable';
    return html`${issueBlock(row.issue)}<button
        class="more-toggle"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls="more-${index}"
        @click=${() => this.toggle(row)}
        >${msg('What you can do')}<span class="visually-hidden">: ${row.title}</span></button
      ><div class="more" id="more-${index}">${shut
        ? nothing
        : html`${adviceBlock(row.advice)}${row.meta ? html`<p class="meta">${row.meta}</p>` : nothing}<div class="actions" part="actions"
              >${liveFailoverButton(row.offersLiveFailover, () => this.tryLiveFailover(row))}<button @click=${() => this.viewDetails(row)}
                >${msg('View details')}<span class="visually-hidden">: ${row.title}</span></button
              ></div
            >`}</div
      >`;
  }
}

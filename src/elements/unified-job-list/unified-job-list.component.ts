import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { OmaClient } from '../../api/client.js';
import type { OmaError } from '../../api/errors.js';
import { withVmContext } from '../../api/normalize.js';
import { ResourceController } from '../../controllers/resource-controller.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { finishedSince, isActive, statusTone } from '../../model/display.js';
import type { Operation, RecentJobs, VmContext } from '../../model/operation.js';
import { formatRelativeTime } from '../../i18n/format.js';
import { MkElement } from '../shared/mk-element.js';
import { timeStyles, tokens } from '../shared/styles.js';
import { typeIcon } from '../shared/icons.js';
import { guarded, operationMetaLine, operationTitle, requestErrorSentence, statusWord } from '../shared/labels.js';
import { actionableStepsBlock, issueBlock, liveFailoverButton, statusBadge, timeStamp, type VmIds } from '../shared/operation-parts.js';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, watchVmContext } from '../shared/vm-context.js';
import { listStyles } from './unified-job-list.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';

const anyActive = (jobs: RecentJobs | undefined) => jobs?.operations.some(isActive) ?? false;

/** Three placeholder rows while the first answer is on its way, so the rows do not jump in from nothing. */
const skeletonRow = html`<div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;

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
  private statuses = new Map<string, Operation['status']>();
  private rowsCache?: { jobs: RecentJobs; vm?: VmContext; rows: Operation[] };
  private readonly clock = new ClockController(this);

  private readonly vm: ResourceController<VmContext, [OmaClient, string, boolean]> = watchVmContext(
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
    return { contextId: this.contextId || vm?.contextId, vmName: this.vmName || vm?.vmName };
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

  protected override update(changed: PropertyValues<this>): void {
    if (changed.has('contextId') || changed.has('vmName')) {
      this.statuses = new Map();
      this.selected = undefined;
      // The live region never keeps news about another VM.
      this.announcement = '';
    }
    // Announce jobs that finished since the last answer. Done here, after the controllers took their
    // new state and before rendering, so it costs no second update.
    const rows = this.rows;
    if (rows) {
      const finished = finishedSince(this.statuses, rows);
      this.statuses = new Map(rows.map((row) => [row.key, row.status]));
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

  protected override render() {
    const rows = this.rows;
    // The failure to show when there is no data at all.
    const jobs = this.jobs.state;
    const vm = this.vm.state;
    const problem = jobs.status === 'error' ? jobs.error : !this.contextId && vm.status === 'error' && !vm.data ? vm.error : undefined;
    const loading = !rows && !problem && (this.jobs.active || this.vm.active);
    const ids = this.ids;
    return html`<section class="list" part="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
        <header part="header"><h2 id="heading">${this.heading ?? msg('Recent Operations')}</h2></header>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${this.renderBody(rows, problem, ids)}
      </section>
      ${this.selected
        ? html`<mk-job-error-modal
            .job=${this.selected}
            .contextId=${ids.contextId}
            .vmName=${ids.vmName}
            ?admin=${this.admin}
            theme=${ifDefined(this.theme)}
            @close=${() => (this.selected = undefined)}
          ></mk-job-error-modal>`
        : nothing}`;
  }

  private renderBody(rows: Operation[] | undefined, problem: OmaError | undefined, ids: VmIds) {
    if (!this.contextId && !this.vmName) return html`<p class="empty">${msg('No VM selected.')}</p>`;
    const retry = html`<button @click=${() => this.refresh()}>${msg('Retry')}</button>`;
    if (!rows) {
      return problem
        ? html`<div class="problem" role="alert"><p>${requestErrorSentence(problem)}</p>${retry}</div>`
        : html`<div class="visually-hidden">${msg('Loading recent operations…')}</div>${[skeletonRow, skeletonRow, skeletonRow]}`;
    }
    // A refresh failed: the last good rows stay, under a note that says so.
    const updatedAt = this.jobs.state.updatedAt;
    const when = updatedAt ? formatRelativeTime(new Date(updatedAt), this.clock.now) : '';
    return html`${problem
      ? html`<div class="stale" role="status">
          <span>${when ? msg(str`Couldn't refresh. Showing results from ${when}.`) : msg("Couldn't refresh.")}</span>${retry}
        </div>`
      : nothing}
    ${rows.length === 0
      ? html`<p class="empty">${msg('No recent operations')}</p>`
      : html`<ul class="rows" role="list">
          ${repeat(rows, (row) => row.key, (row) => this.renderRow(row, ids))}
        </ul>`}`;
  }

  private renderRow(row: Operation, ids: VmIds) {
    const failed = row.status === 'failed';
    const title = operationTitle(row);
    const step = guarded(row.currentStep);
    const meta = operationMetaLine(row);
    return html`<li class="row tone-${statusTone(row)}" part=${failed ? 'row row-failed' : 'row'}>
      <div class="row-main">
        <span class="type">${typeIcon(row.type)}</span>
        <div class="title"><span class="name">${title}</span>${statusBadge(row)}</div>
        ${timeStamp(row.startedAt, this.clock.now)}
      </div>
      ${isActive(row)
        ? html`<div class="progress">
            <progress max="100" value=${ifDefined(row.progress?.toString())} aria-label=${msg(str`${title} progress`)}></progress>
            ${step ? html`<span class="meta">${step}</span>` : nothing}
          </div>`
        : nothing}
      ${failed ? issueBlock(row) : nothing} ${failed ? actionableStepsBlock(row) : nothing}
      ${meta ? html`<p class="meta">${meta}</p>` : nothing}
      ${failed
        ? html`<div class="actions" part="actions">
            ${liveFailoverButton(this, ids, row, 'list')}
            <button @click=${() => this.openDetails(row)}>${msg('View details')}<span class="visually-hidden">: ${title}</span></button>
          </div>`
        : nothing}
    </li>`;
  }
}

import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localized, msg, str } from '@lit/localize';
import type { OmaClient } from '../../api/client.js';
import { ResourceController } from '../../controllers/resource-controller.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { failureKey, getDefaultDismissalStore, type DismissalStore } from '../../model/dismissal-store.js';
import { isActive, stepCounts, suggestsLiveFailover } from '../../model/display.js';
import type { Operation, VmContext } from '../../model/operation.js';
import { formatDuration, formatPercent, formatRelativeTime } from '../../i18n/format.js';
import { DismissEvent, TryLiveFailoverEvent } from '../../events.js';
import { MkElement } from '../shared/mk-element.js';
import { timeStyles, tokens } from '../shared/styles.js';
import { warningIcon } from '../shared/icons.js';
import { categoryName, guarded, operationTitle } from '../shared/labels.js';
import { actionableStepsBlock, issueBlock } from '../shared/operation-parts.js';
import { bannerStyles } from './operation-error-banner.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';

const ACTIVE_POLL_MS = 5_000;
const IDLE_POLL_MS = 30_000;

/**
 * @summary A persistent notice at the top of a VM's page when its last operation failed.
 *
 * Shows nothing while the last operation did not fail, the VM is unknown, or this failure was
 * dismissed in this browser (kept in localStorage, synced across tabs, until a new failure).
 *
 * @event dismiss - The banner was dismissed. Detail: `DismissDetail`.
 * @event try-live-failover - A Try Live Failover button was pressed. Detail: `TryLiveFailoverDetail`.
 *
 * @csspart base - The banner box.
 * @csspart header - The "Last Operation Failed" line.
 * @csspart issue - The sanitized problem.
 * @csspart advice - The "What you can do" list.
 * @csspart actions - The buttons.
 *
 * @cssproperty --mk-color-failed - Border and heading colour.
 * @cssproperty --mk-color-failed-surface - Background.
 * @cssproperty --mk-color-critical - Border and heading colour for critical failures.
 * @cssproperty --mk-color-critical-surface - Background for critical failures.
 * @cssproperty --mk-color-accent - Primary button.
 */
@localized()
export class MkOperationErrorBanner extends MkElement {
  static override styles = [tokens, timeStyles, bannerStyles];

  /** The VM whose last operation to watch. */
  @property({ attribute: 'vm-name' }) vmName?: string;

  /** Where dismissals are kept; defaults to the page-wide localStorage store. */
  @property({ attribute: false }) dismissals: DismissalStore = getDefaultDismissalStore();

  @state() private dismissalVersion = 0;
  @query('mk-job-error-modal') private modal?: MkJobErrorModal;

  private readonly clock = new ClockController(this);
  private unsubscribeDismissals?: () => void;

  private readonly vm = new ResourceController<VmContext, [OmaClient, string]>(this, {
    args: () => (this.vmName ? [this.client, this.vmName] : undefined),
    subscribe: ([client, name], listener) =>
      client.watchVmContext(name, listener, {
        interval: (data) => (data?.lastOperation && isActive(data.lastOperation) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
      }),
    refresh: ([client, name]) => client.refresh(client.vmContextPath(name)),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.watchDismissals();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeDismissals?.();
    this.unsubscribeDismissals = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('dismissals') && this.isConnected) this.watchDismissals();
  }

  private watchDismissals(): void {
    this.unsubscribeDismissals?.();
    this.unsubscribeDismissals = this.dismissals.subscribe(() => (this.dismissalVersion += 1));
  }

  private keyOf(operation: Operation): string {
    const context = this.vm.state.data;
    return failureKey({
      contextId: context?.contextId,
      vmName: context?.vmName ?? this.vmName,
      jobId: operation.jobId,
      timestamp: operation.startedAt?.toISOString() ?? operation.key,
    });
  }

  /** The failure on screen, if any. */
  private get failure(): Operation | undefined {
    const operation = this.vm.state.data?.lastOperation;
    if (!operation || operation.status !== 'failed') return undefined;
    return this.dismissals.isDismissed(this.keyOf(operation)) ? undefined : operation;
  }

  private dismiss(operation: Operation): void {
    this.dismissals.dismiss(this.keyOf(operation));
    const context = this.vm.state.data;
    this.emit(new DismissEvent({ contextId: context?.contextId, vmName: context?.vmName ?? this.vmName, jobId: operation.jobId }));
  }

  private tryLiveFailover(operation: Operation): void {
    const context = this.vm.state.data;
    this.emit(
      new TryLiveFailoverEvent({
        contextId: context?.contextId,
        vmName: context?.vmName ?? this.vmName,
        jobId: operation.jobId,
        operationType: operation.type,
        source: 'banner',
      }),
    );
  }

  private async viewDetails(): Promise<void> {
    this.modal?.show();
  }

  /** "Test Failover failed at step 3 of 5 (60%)", degrading when counts or progress are missing. */
  private summaryLine(operation: Operation): string {
    const name = operationTitle(operation);
    const counts = stepCounts(operation);
    const percent = operation.progress !== undefined ? formatPercent(operation.progress) : undefined;
    if (counts && percent) return msg(str`${name} failed at step ${counts.done} of ${counts.total} (${percent})`);
    if (counts) return msg(str`${name} failed at step ${counts.done} of ${counts.total}`);
    if (percent) return msg(str`${name} failed at ${percent}`);
    return msg(str`${name} failed`);
  }

  protected override render() {
    void this.dismissalVersion; // re-render when dismissals change, here or in another tab
    const operation = this.failure;
    if (!operation) return nothing;
    const critical = operation.severity === 'critical';
    const failedStep = guarded(operation.failedStep);
    const meta: string[] = [];
    if (operation.errorCategory) meta.push(msg(str`Category: ${categoryName(operation.errorCategory)}`));
    if (operation.startedAt) meta.push(formatRelativeTime(operation.startedAt, this.clock.now));
    if (operation.durationSeconds) meta.push(msg(str`ran ${formatDuration(operation.durationSeconds)}`));
    const context = this.vm.state.data;
    return html`<div class="banner ${critical ? 'critical' : ''}" part="base" role="alert">
        <div class="head" part="header">
          ${warningIcon}
          <h2>${msg('Last Operation Failed')}</h2>
          ${critical ? html`<span class="badge">${msg('Critical')}</span>` : nothing}
        </div>
        <p class="summary">${this.summaryLine(operation)}</p>
        ${failedStep ? html`<p><span class="issue-label">${msg('Failed step:')}</span> ${failedStep}</p>` : nothing}
        ${issueBlock(operation)} ${actionableStepsBlock(operation)}
        ${meta.length > 0 ? html`<p class="meta">${meta.join(' · ')}</p>` : nothing}
        <div class="actions" part="actions">
          <button @click=${() => this.dismiss(operation)}>${msg('Dismiss')}</button>
          ${suggestsLiveFailover(operation)
            ? html`<button class="primary" @click=${() => this.tryLiveFailover(operation)}>${msg('Try Live Failover')}</button>`
            : nothing}
          <button @click=${this.viewDetails}>${msg('View Details')}</button>
        </div>
      </div>
      <mk-job-error-modal
        .job=${operation}
        .vmName=${context?.vmName ?? this.vmName}
        .contextId=${context?.contextId}
        ?admin=${this.admin}
        theme=${ifDefined(this.theme)}
      ></mk-job-error-modal>`;
  }
}

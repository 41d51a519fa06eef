import { html, nothing, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { failureKey, getDefaultDismissalStore, type DismissalStore } from '../../model/dismissal-store.js';
import { isActive, stepCounts } from '../../model/display.js';
import type { Operation } from '../../model/operation.js';
import { formatDuration, formatPercent, formatRelativeTime } from '../../i18n/format.js';
import { DismissEvent } from '../../events.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { MkElement } from '../shared/mk-element.js';
import { timeStyles, tokens } from '../shared/styles.js';
import { warningIcon } from '../shared/icons.js';
import { categoryName, guarded, operationTitle } from '../shared/labels.js';
import { actionableStepsBlock, issueBlock, liveFailoverButton, type VmIds } from '../shared/operation-parts.js';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, watchVmContext } from '../shared/vm-context.js';
import { bannerStyles } from './operation-error-banner.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';

/** "Test Failover failed at step 3 of 5 (60%)", degrading when counts or progress are missing. */
function summaryLine(operation: Operation): string {
  const name = operationTitle(operation);
  const counts = stepCounts(operation);
  const percent = operation.progress !== undefined ? formatPercent(operation.progress) : undefined;
  if (counts && percent) return msg(str`${name} failed at step ${counts.done} of ${counts.total} (${percent})`);
  if (counts) return msg(str`${name} failed at step ${counts.done} of ${counts.total}`);
  if (percent) return msg(str`${name} failed at ${percent}`);
  return msg(str`${name} failed`);
}

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
export class MkOperationErrorBanner extends MkElement {
  static override styles = [tokens, timeStyles, bannerStyles];

  static override get properties(): PropertyDeclarations {
    return {
      vmName: { attribute: 'vm-name' },
      dismissals: { attribute: false },
    };
  }

  /** The VM whose last operation to watch. */
  declare vmName?: string;

  /** Where dismissals are kept; defaults to the page-wide localStorage store. */
  declare dismissals: DismissalStore;

  private readonly clock = new ClockController(this);
  private unsubscribeDismissals?: () => void;

  private readonly vm = watchVmContext(
    this,
    () => (this.vmName ? [this.client, this.vmName] : undefined),
    (data) => (data?.lastOperation && isActive(data.lastOperation) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
  );

  private get modal(): MkJobErrorModal | null {
    return this.renderRoot.querySelector('mk-job-error-modal');
  }

  constructor() {
    super();
    this.dismissals = getDefaultDismissalStore();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watchDismissals(this.dismissals);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchDismissals();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('dismissals') && this.isConnected) this.watchDismissals(this.dismissals);
  }

  /** Re-renders when `store`'s dismissals change, here or in another tab; no store ends watching. */
  private watchDismissals(store?: DismissalStore): void {
    this.unsubscribeDismissals?.();
    this.unsubscribeDismissals = store?.subscribe(() => this.requestUpdate());
  }

  protected override render() {
    const context = this.vm.state.data;
    const ids: VmIds = { contextId: context?.contextId, vmName: context?.vmName ?? this.vmName };
    const operation = context?.lastOperation;
    if (operation?.status !== 'failed') return nothing;
    // Dismissals are kept per failure: by job id, or by start time when the server sent no id.
    const key = failureKey({ ...ids, jobId: operation.jobId, timestamp: operation.startedAt?.toISOString() ?? operation.key });
    if (this.dismissals.isDismissed(key)) return nothing;
    const dismiss = () => {
      this.dismissals.dismiss(key);
      this.dispatchEvent(new DismissEvent({ ...ids, jobId: operation.jobId }));
    };
    const critical = operation.severity === 'critical';
    const failedStep = guarded(operation.failedStep);
    const meta: string[] = [];
    if (operation.errorCategory) meta.push(msg(str`Category: ${categoryName(operation.errorCategory)}`));
    if (operation.startedAt) meta.push(formatRelativeTime(operation.startedAt, this.clock.now));
    if (operation.durationSeconds) meta.push(msg(str`ran ${formatDuration(operation.durationSeconds)}`));
    return html`<div class="banner ${critical ? 'critical' : ''}" part="base" role="alert">
        <div class="head" part="header">
          ${warningIcon}
          <h2>${msg('Last Operation Failed')}</h2>
          ${critical ? html`<span class="badge">${msg('Critical')}</span>` : nothing}
        </div>
        <p class="summary">${summaryLine(operation)}</p>
        ${failedStep ? html`<p><span class="issue-label">${msg('Failed step:')}</span> ${failedStep}</p>` : nothing}
        ${issueBlock(operation)} ${actionableStepsBlock(operation)}
        ${meta.length > 0 ? html`<p class="meta">${meta.join(' · ')}</p>` : nothing}
        <div class="actions" part="actions">
          <button @click=${dismiss}>${msg('Dismiss')}</button>
          ${liveFailoverButton(this, ids, operation, 'banner')}
          <button @click=${() => this.modal?.show()}>${msg('View Details')}</button>
        </div>
      </div>
      <mk-job-error-modal
        .job=${operation}
        .vmName=${ids.vmName}
        .contextId=${ids.contextId}
        ?admin=${this.admin}
        theme=${ifDefined(this.theme)}
      ></mk-job-error-modal>`;
  }
}

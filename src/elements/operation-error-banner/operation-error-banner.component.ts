import { html, nothing, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg } from '@lit/localize';
import { getDefaultDismissalStore, type DismissalStore } from '../../model/dismissal-store.js';
import { isActive } from '../../model/view/rules.js';
import { bannerView, type BannerView } from '../../model/view/banner-view.js';
import { DismissEvent, TryLiveFailoverEvent, ViewDetailsEvent } from '../../events.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, VmContextController } from '../../controllers/vm-context-controller.js';
import { MkElement } from '../shared/mk-element.js';
import { timeStyles, tokens } from '../shared/styles.js';
import { warningIcon } from '../shared/icons.js';
import { adviceBlock, issueBlock, liveFailoverButton } from '../shared/operation-parts.js';
import { bannerStyles } from './operation-error-banner.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';

/** The nested dialog's parts, exported under names that cannot clash with the banner's own. */
const MODAL_PARTS =
  'dialog, header: dialog-header, status: dialog-status, issue: dialog-issue, advice: dialog-advice, footer: dialog-footer, technical: dialog-technical';

/**
 * @tagname mk-operation-error-banner
 * @summary A persistent notice at the top of a VM's page when its last operation failed.
 *
 * Shows nothing while the last operation did not fail, the VM is unknown, or this failure was
 * dismissed in this browser (kept in localStorage, synced across tabs, until a new failure).
 *
 * @event dismiss - The banner was dismissed. Detail: `DismissDetail`. Cancelable: cancelled, the banner stays and nothing is stored.
 * @event try-live-failover - A Try Live Failover button was pressed. Detail: `TryLiveFailoverDetail`. Cancelable.
 * @event view-details - View Details was pressed. Detail: `ViewDetailsDetail`. Cancelable: cancelled, the built-in dialog does not open.
 *
 * @csspart base - The banner box.
 * @csspart header - The "Last Operation Failed" line.
 * @csspart issue - The sanitized problem.
 * @csspart advice - The "What you can do" list.
 * @csspart actions - The buttons.
 * @csspart dialog - The details dialog (its other parts as `dialog-header`, `dialog-status`, `dialog-issue`, `dialog-advice`, `dialog-footer`, `dialog-technical`).
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

  private readonly vm = new VmContextController(
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

  /** Dismiss: the host may keep the banner (by cancelling `dismiss`); otherwise this failure is stored as dismissed. */
  private dismiss(view: BannerView): void {
    const event = new DismissEvent({ contextId: view.contextId, vmName: view.vmName, jobId: view.operation.jobId });
    if (this.dispatchEvent(event)) this.dismissals.dismiss(view.dismissalKey);
  }

  private tryLiveFailover(view: BannerView): void {
    const { operation } = view;
    this.dispatchEvent(
      new TryLiveFailoverEvent({ contextId: view.contextId, vmName: view.vmName, jobId: operation.jobId, operationType: operation.type, source: 'banner' }),
    );
  }

  /** View Details: the host may show its own view instead (by cancelling `view-details`). */
  private viewDetails(view: BannerView): void {
    const event = new ViewDetailsEvent({ contextId: view.contextId, vmName: view.vmName, jobId: view.operation.jobId, source: 'banner' });
    if (this.dispatchEvent(event)) void this.modal?.show();
  }

  protected override render() {
    const view = bannerView(this.vm.state.data, this.clock.now, (key) => this.dismissals.isDismissed(key));
    if (!view) return nothing;
    return html`<div class="banner ${view.critical ? 'critical' : ''}" part="base" role="alert">
        <div class="head" part="header">
          ${warningIcon}
          <h2>${msg('Last Operation Failed')}</h2>
          ${view.critical ? html`<span class="badge">${msg('Critical')}</span>` : nothing}
        </div>
        <p class="summary">${view.summary}</p>
        ${view.failedStep ? html`<p><span class="issue-label">${msg('Failed step:')}</span> ${view.failedStep}</p>` : nothing}
        ${issueBlock(view.issue)} ${adviceBlock(view.advice)}
        ${view.meta ? html`<p class="meta">${view.meta}</p>` : nothing}
        <div class="actions" part="actions">
          <button @click=${() => this.dismiss(view)}>${msg('Dismiss')}</button>
          ${liveFailoverButton(view.offersLiveFailover, () => this.tryLiveFailover(view))}
          <button @click=${() => this.viewDetails(view)}>${msg('View Details')}</button>
        </div>
      </div>
      <mk-job-error-modal
        exportparts=${MODAL_PARTS}
        .job=${view.operation}
        .vmName=${view.vmName}
        .contextId=${view.contextId}
        ?admin=${this.admin}
        theme=${ifDefined(this.theme)}
      ></mk-job-error-modal>`;
  }
}

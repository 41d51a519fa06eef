import { html, nothing, type PropertyDeclarations } from 'lit';
import { msg } from '@lit/localize';
import { getDefaultDismissalStore, type DismissalStore } from '../../model/dismissal-store.js';
import { isActive } from '../../model/view/rules.js';
import { bannerView, type BannerView } from '../../model/view/banner-view.js';
import { supportSummary } from '../../model/view/support-view.js';
import { CopyController } from '../../controllers/copy-controller.js';
import { DismissEvent, TryLiveFailoverEvent, ViewDetailsEvent } from '../../events.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, VmContextController } from '../../controllers/vm-context-controller.js';
import { HostData } from '../../controllers/host-data.js';
import { ShowingFailureController, shownFailureKey } from '../../controllers/shown-failures.js';
import { readVmContext } from '../../model/pipeline.js';
import type { VmContextResponse } from '../../api/wire.js';
import { MkElement } from '../shared/mk-element.js';
import { copyStyles, timeStyles, tokens } from '../shared/styles.js';
import { collapseStyles } from '../shared/collapse.styles.js';
import { warningIcon } from '../shared/icons.js';
import { adviceBlock, detailsDialog, issueBlock, liveFailoverButton } from '../shared/operation-parts.js';
import { copyFallback, copyStatus } from '../shared/copy-parts.js';
import { bannerStyles } from './operation-error-banner.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';


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
 * @csspart copy - Below the banner: what "Copy details for support" did, and the text to copy by hand where the page may not write to the clipboard.
 * @csspart dialog - The details dialog (its other parts as `dialog-header`, `dialog-status`, `dialog-issue`, `dialog-advice`, `dialog-footer`, `dialog-technical`, `dialog-support`).
 *
 * @cssproperty --mk-color-failed - Border and heading colour.
 * @cssproperty --mk-color-failed-surface - Background.
 * @cssproperty --mk-color-critical - Border and heading colour for critical failures.
 * @cssproperty --mk-color-critical-surface - Background for critical failures.
 * @cssproperty --mk-color-accent - Primary button.
 */
export class MkOperationErrorBanner extends MkElement {
  static override styles = [tokens, timeStyles, collapseStyles, copyStyles, bannerStyles];

  static override get properties(): PropertyDeclarations {
    return {
      vmName: { attribute: 'vm-name' },
      density: { reflect: true },
      vmContext: { attribute: false },
      dismissals: { attribute: false },
      expanded: { state: true, attribute: false },
    };
  }

  /** The VM whose last operation to watch. */
  declare vmName?: string;

  /**
   * `compact` folds the banner to its summary and issue ("What you can do" opens the rest), as it
   * does by itself in a container narrower than 400 px; `comfortable` never folds it.
   */
  declare density?: 'compact' | 'comfortable';

  /** The server's `GET /vm-contexts/{vm_name}` body, when the host has it: then it is not fetched. */
  declare vmContext?: VmContextResponse;

  /** Where dismissals are kept; defaults to the page-wide localStorage store. */
  declare dismissals: DismissalStore;

  /** Whether the folded banner's "What you can do" is open. */
  private declare expanded: boolean;

  private readonly fedVm = new HostData(readVmContext);
  /** Tells a list on this page which failure is shown here in full (it folds that row). */
  private readonly showing = new ShowingFailureController(this);

  private readonly clock = new ClockController(this);
  private readonly copier = new CopyController(this);
  private unsubscribeDismissals?: () => void;

  private readonly vm = new VmContextController(
    this,
    () => (this.vmName && this.vmContext == null ? [this.client, this.vmName] : undefined),
    (data) => (data?.lastOperation && isActive(data.lastOperation) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
  );

  private get modal(): MkJobErrorModal | null {
    return this.renderRoot.querySelector('mk-job-error-modal');
  }

  constructor() {
    super();
    this.dismissals = getDefaultDismissalStore();
    this.expanded = false;
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
    // A host-fed body goes through the same pipeline as a fetched one (a new body only).
    if (this.vmContext != null) this.fedVm.take(this.vmContext, this.vmName ?? '');
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

  /** Copies the plain-text summary of the failure (with the technical rows for admins). */
  private copyDetails(view: BannerView): void {
    const text = supportSummary(view.operation, { vmName: view.vmName, admin: this.admin });
    void this.copier.copy('details', view.operation.key, text);
  }

  protected override render() {
    const vm = this.vmContext != null ? this.fedVm.state.data : this.vm.state.data;
    const view = bannerView(vm, this.clock.now, (key) => this.dismissals.isDismissed(key));
    this.showing.key = view && shownFailureKey(view.contextId, view.operation.jobId);
    if (!view) return nothing;
    const classes = `banner${view.critical ? ' critical' : ''}${this.density === 'compact' ? ' compact' : ''}${this.expanded ? ' expanded' : ''}`;
    return html`<div class=${classes} part="base" role="alert">
        <div class="head" part="header">
          ${warningIcon}
          <h2>${msg('Last Operation Failed')}</h2>
          ${view.critical ? html`<span class="badge">${msg('Critical')}</span>` : nothing}
        </div>
        <p class="summary">${view.summary}</p>
        ${view.failedStep
          ? html`<p class="more" id="more-step"><span class="issue-label">${msg('Failed step:')}</span> ${view.failedStep}</p>`
          : nothing}
        ${issueBlock(view.issue)}
        <div class="more" id="more">${adviceBlock(view.advice)} ${view.meta ? html`<p class="meta">${view.meta}</p>` : nothing}</div>
        <div class="actions" part="actions">
          <button
            class="more-toggle"
            aria-expanded=${this.expanded ? 'true' : 'false'}
            aria-controls="more-step more"
            @click=${() => (this.expanded = !this.expanded)}
          >
            ${msg('What you can do')}
          </button>
          <button @click=${() => this.dismiss(view)}>${msg('Dismiss')}</button>
          <span class="more-actions">
            ${liveFailoverButton(view.offersLiveFailover, () => this.tryLiveFailover(view))}
            <button @click=${() => this.viewDetails(view)}>${msg('View Details')}</button>
            ${view.offersSupportCopy
              ? html`<button class="copy-details" @click=${() => this.copyDetails(view)}>${msg('Copy details for support')}</button>`
              : nothing}
          </span>
        </div>
      </div>
      ${view.offersSupportCopy
        ? html`<div class="copy" part="copy">${copyStatus(this.copier.stateFor(view.operation.key))} ${copyFallback(this.copier.stateFor(view.operation.key))}</div>`
        : nothing}
      ${detailsDialog({ job: view.operation, vmName: view.vmName, contextId: view.contextId, admin: this.admin, theme: this.theme })}`;
  }
}

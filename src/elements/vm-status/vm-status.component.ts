import { html, nothing, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import { ContextConsumer } from '@lit/context';
import { msg, str } from '@lit/localize';
import type { VmContextResponse } from '../../api/wire.js';
import type { VmContexts, VmListEntry } from '../../model/operation.js';
import { readVmContext } from '../../model/pipeline.js';
import { HostData } from '../../controllers/host-data.js';
import { vmStatusView, type VmStatusView } from '../../model/view/vm-status-view.js';
import { requestErrorSentence } from '../../model/view/words.js';
import { TryLiveFailoverEvent, ViewDetailsEvent } from '../../events.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { VmStatusController, vmContextsContext } from '../../controllers/vm-list-controller.js';
import { MkElement } from '../shared/mk-element.js';
import { tokens } from '../shared/styles.js';
import { statusIcon } from '../shared/icons.js';
import { adviceBlock, detailsDialog, issueBlock, liveFailoverButton } from '../shared/operation-parts.js';
import { vmStatusStyles } from './vm-status.styles.js';
import type { MkJobErrorModal } from '../job-error-modal/job-error-modal.component.js';
import '../job-error-modal/job-error-modal.js';


/** Whether this browser has the Popover API (the top layer, Escape and light dismiss for free). */
const HAS_POPOVER = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/**
 * @tagname mk-vm-status
 * @summary A VM's state and last operation on one line, for VM tables and summary cards.
 *
 * "Test failover failed · 3 min ago", "Replicating · 42%", "Ready for failover · last rollback
 * completed 2 hr ago": icon and words, never colour alone. The line truncates to its cell (160 px
 * is enough); the full sentence is its tooltip and what assistive technology reads.
 *
 * A failed last operation is a button: it opens a small popover with the issue, the failed step,
 * what you can do, View details (the `<mk-job-error-modal>` for that operation) and, when the
 * advice suggests it and the failure is not critical, Try Live Failover. Escape closes it and
 * focus returns to the line. Banner dismissals never hide a failure here: this is status, not a notice.
 *
 * Every `<mk-vm-status>` sharing a client (a `<mk-oma-provider>`'s, or the default one for
 * `api-base`) is served by one `GET /vm-contexts` per poll cycle, whatever their number; where the
 * list is not exposed, each VM's own context is asked for instead (at most 6 requests at a time).
 * A host that already has the list hands it to the provider's `vmContexts` property, and a host
 * with one VM's context to `vmContext`: then nothing is requested.
 *
 * @event try-live-failover - Try Live Failover was pressed in the popover. Detail: `TryLiveFailoverDetail` (source `vm-status`). Cancelable: not cancelled, the popover closes so the host's own dialog is on top.
 * @event view-details - View details was pressed in the popover. Detail: `ViewDetailsDetail` (source `vm-status`). Cancelable: cancelled, the built-in dialog does not open.
 *
 * @csspart base - The line (a button when the last operation failed).
 * @csspart popover - The details of a failed last operation.
 * @csspart issue - The sanitized problem, in the popover.
 * @csspart advice - The "What you can do" list, in the popover.
 * @csspart actions - The popover's buttons.
 * @csspart dialog - The details dialog (its other parts as `dialog-header`, `dialog-status`, `dialog-issue`, `dialog-advice`, `dialog-footer`, `dialog-technical`, `dialog-support`).
 *
 * @cssproperty --mk-color-failed - A failed last operation.
 * @cssproperty --mk-color-critical - A critical failure.
 * @cssproperty --mk-color-completed - A VM in a good state.
 * @cssproperty --mk-color-running - A VM replicating, or an operation running.
 * @cssproperty --mk-color-neutral - Any other state.
 * @cssproperty --mk-color-surface - The popover's background.
 */
export class MkVmStatus extends MkElement {
  static override styles = [tokens, vmStatusStyles];

  static override get properties(): PropertyDeclarations {
    return {
      vmName: { attribute: 'vm-name' },
      vmContext: { attribute: false },
      hostList: { state: true, attribute: false },
      open: { state: true, attribute: false },
      modalWanted: { state: true, attribute: false },
      anchor: { state: true, attribute: false },
    };
  }

  /** The VM to show, by the name the server knows it by. */
  declare vmName?: string;

  /**
   * This VM's context as the server sends it (`GET /vm-contexts/{vm_name}`), handed over by a host
   * that has it: validated and guarded like fetched data, and nothing is requested.
   */
  declare vmContext?: VmContextResponse;

  /** The VM list a `<mk-oma-provider>` was handed, if any. */
  protected declare hostList?: VmContexts;
  /** Whether the popover is open. */
  protected declare open: boolean;
  /** The details dialog is only rendered once asked for (a table of 500 VMs needs none up front). */
  protected declare modalWanted: boolean;
  /** Where the popover goes, in viewport coordinates (Popover API only). */
  protected declare anchor?: { top: number; left: number };

  private readonly clock = new ClockController(this);
  /** A host-fed per-VM body, read once per new value (a bad one keeps the last good VM). */
  private readonly fedVm = new HostData(readVmContext);

  // Declared before the subscription, so a provider's list is known before anything is asked.
  private readonly listConsumer = new ContextConsumer(this, {
    context: vmContextsContext,
    subscribe: true,
    callback: (list) => (this.hostList = list),
  });

  private readonly status = new VmStatusController(this, () =>
    this.vmName && !this.vmContext && !this.hostList ? [this.client, this.vmName] : undefined,
  );

  constructor() {
    super();
    this.open = false;
    this.modalWanted = false;
  }

  private get trigger(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('button.line');
  }

  private get panel(): HTMLElement | null {
    return this.renderRoot.querySelector('.popover');
  }

  private get modal(): MkJobErrorModal | null {
    return this.renderRoot.querySelector('mk-job-error-modal');
  }

  /** The VM on screen: handed over, from the provider's list, or from the shared request. */
  private get vm(): VmListEntry | undefined {
    if (this.vmContext) return this.fedVm.take(this.vmContext, this.vmName ?? '').data;
    if (this.hostList) return this.vmName ? this.hostList.byName.get(this.vmName) : undefined;
    return this.status.state.data;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.open = false;
  }

  /** Opens or closes the details of the failed last operation. */
  private async toggle(): Promise<void> {
    if (this.open) return this.closePanel(true);
    const rect = this.trigger?.getBoundingClientRect();
    if (rect && HAS_POPOVER) {
      const width = Math.min(22 * 16, window.innerWidth - 16);
      this.anchor = { top: rect.bottom + 4, left: Math.max(8, Math.min(rect.left, window.innerWidth - width - 8)) };
    }
    this.open = true;
    await this.updateComplete;
    const panel = this.panel;
    if (!panel) return;
    if (HAS_POPOVER && !panel.matches(':popover-open')) panel.showPopover();
    panel.focus();
  }

  /** Closes the popover; `returnFocus` puts focus back on the line (Escape, the line pressed again). */
  private closePanel(returnFocus: boolean): void {
    const panel = this.panel;
    if (HAS_POPOVER && panel?.matches(':popover-open')) panel.hidePopover();
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  /** The browser closed the popover (Escape, a click elsewhere): keep `open` in step. */
  private onToggle(event: Event): void {
    if ((event as ToggleEvent).newState !== 'closed' || !this.open) return;
    const focusWasInside = this.panel?.matches(':focus-within') || this.shadowRoot?.activeElement === null;
    this.open = false;
    if (focusWasInside) this.trigger?.focus();
  }

  private onPanelKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.closePanel(true);
  }

  /** Without the Popover API, focus leaving the details closes them (as a click elsewhere does with it). */
  private onPanelFocusOut(event: FocusEvent): void {
    if (HAS_POPOVER) return;
    const to = event.relatedTarget as Node | null;
    if (to && (this.panel?.contains(to) || to === this.trigger)) return;
    this.open = false;
  }

  private tryLiveFailover(view: VmStatusView): void {
    const operation = view.operation!;
    const event = new TryLiveFailoverEvent({
      contextId: view.contextId,
      vmName: view.vmName,
      jobId: operation.jobId,
      operationType: operation.type,
      source: 'vm-status',
    });
    if (this.dispatchEvent(event)) this.closePanel(true);
  }

  /** View details: the host may show its own view instead (by cancelling `view-details`). */
  private async viewDetails(view: VmStatusView): Promise<void> {
    const event = new ViewDetailsEvent({ contextId: view.contextId, vmName: view.vmName, jobId: view.operation?.jobId, source: 'vm-status' });
    if (!this.dispatchEvent(event)) return;
    // Focus is on the line when the dialog opens, so it returns there when the dialog closes.
    this.closePanel(true);
    this.modalWanted = true;
    await this.updateComplete;
    await this.modal?.show();
  }

  protected override render() {
    if (!this.vmName && !this.vmContext) return nothing;
    const vm = this.vm;
    if (!vm) return this.renderPlaceholder();
    const view = vmStatusView(vm, this.clock.now);
    if (!view.failure) {
      return html`<span class="line tone-${view.tone}" part="base" title=${view.fullText}
        >${statusIcon(view.tone)}<span class="text" aria-hidden="true">${view.text}</span
        ><span class="visually-hidden">${view.fullText}</span></span
      >`;
    }
    const { failure } = view;
    const critical = failure.critical ? 'critical' : '';
    return html`<button
        class="line tone-failed ${critical}"
        part="base"
        title=${view.fullText}
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${ifDefined(this.open ? 'details' : undefined)}
        @click=${() => void this.toggle()}
      >
        ${statusIcon('failed')}<span class="text" aria-hidden="true">${view.text}</span
        ><span class="visually-hidden">${view.fullText}</span>
      </button>
      ${this.open ? this.renderPanel(view) : nothing}
      ${this.modalWanted && view.operation
        ? detailsDialog({ job: view.operation, vmName: view.vmName, contextId: view.contextId, admin: this.admin, theme: this.theme })
        : nothing}`;
  }

  private renderPanel(view: VmStatusView) {
    const failure = view.failure!;
    const position = HAS_POPOVER && this.anchor ? { top: `${this.anchor.top}px`, left: `${this.anchor.left}px` } : {};
    return html`<div
      id="details"
      class="popover ${failure.critical ? 'critical' : ''} ${HAS_POPOVER ? '' : 'anchored-below'}"
      part="popover"
      role="dialog"
      aria-labelledby="details-title"
      tabindex="-1"
      .popover=${HAS_POPOVER ? 'auto' : null}
      style=${styleMap(position)}
      @toggle=${this.onToggle}
      @keydown=${this.onPanelKeydown}
      @focusout=${this.onPanelFocusOut}
    >
      <p class="summary" id="details-title">
        ${failure.critical ? html`<span class="badge">${msg('Critical')}</span>` : nothing}${view.vmName}: ${failure.summary}
      </p>
      ${failure.failedStep ? html`<p><span class="issue-label">${msg('Failed step:')}</span> ${failure.failedStep}</p>` : nothing}
      ${issueBlock(failure.issue)} ${adviceBlock(failure.advice)}
      ${view.when ? html`<p class="meta"><time datetime=${view.when.iso}>${view.when.relative} (${view.when.absolute})</time></p>` : nothing}
      <div class="actions" part="actions">
        ${liveFailoverButton(failure.offersLiveFailover, () => this.tryLiveFailover(view))}
        <button @click=${() => void this.viewDetails(view)}>${msg('View details')}</button>
      </div>
    </div>`;
  }

  /** Before the first answer, or when there is none to show. */
  private renderPlaceholder() {
    const { status, error } = this.status.state;
    if (status === 'loading' && !this.hostList && !this.vmContext) {
      return html`<span class="line loading tone-neutral" part="base" aria-busy="true"
        >${statusIcon('neutral')}<span class="text">${msg('Loading status…')}</span></span
      >`;
    }
    const vmName = this.vmName ?? '';
    const notFound = error?.kind === 'not-found' || this.hostList !== undefined || this.vmContext !== undefined;
    const word = notFound ? msg('Not found') : msg('Status unavailable');
    const sentence = notFound ? msg('This VM was not found on the migration server.') : requestErrorSentence(error);
    const full = msg(str`${vmName}: ${word}. ${sentence}`);
    return html`<span class="line unavailable tone-neutral" part="base" title=${full}
      >${statusIcon('neutral')}<span class="text" aria-hidden="true">${word}</span
      ><span class="visually-hidden">${full}</span></span
    >`;
  }
}

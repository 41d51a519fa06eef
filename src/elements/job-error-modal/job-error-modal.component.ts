import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { msg } from '@lit/localize';
import { reportDataIssues } from '../../api/report.js';
import { toOmaError } from '../../api/errors.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Operation } from '../../model/operation.js';
import { readJob, type JobInput } from '../../model/pipeline.js';
import { modalView, needsFailoverStatus, noOperationTitle, type Fact, type ModalView } from '../../model/view/modal-view.js';
import { requestErrorSentence } from '../../model/view/words.js';
import { supportSummary } from '../../model/view/support-view.js';
import { CopyController } from '../../controllers/copy-controller.js';
import { TryLiveFailoverEvent } from '../../events.js';
import { MkElement } from '../shared/mk-element.js';
import { copyStyles, tokens } from '../shared/styles.js';
import { statusIcon } from '../shared/icons.js';
import { adviceBlock, issueBlock, liveFailoverButton, statusBadge } from '../shared/operation-parts.js';
import { copyFallback, copyStatus } from '../shared/copy-parts.js';
import { modalStyles } from './job-error-modal.styles.js';

function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/** One row of the facts grid. */
function factRow(fact: Fact) {
  const value =
    fact.kind === 'status'
      ? statusBadge(fact.status)
      : fact.kind === 'time'
        ? html`${fact.time.relative} <span class="meta">(${fact.time.absolute})</span>`
        : fact.kind === 'severity'
          ? html`<span class="severity-${fact.severity}">${fact.text}</span>`
          : fact.text;
  return html`<div><dt>${fact.label}</dt><dd>${value}</dd></div>`;
}

/**
 * Escape closes; Tab and Shift+Tab wrap round inside the dialog (Chrome lets focus leave a modal
 * dialog for the browser UI). The first stop is always the scrollable body, the last the last
 * footer button. Lit calls it with the element as `this`.
 */
function onDialogKeydown(this: MkJobErrorModal, event: KeyboardEvent): void {
  if (event.key === 'Escape') {
    // Closed here, like the Close button, instead of through the browser's close request.
    event.preventDefault();
    void this.close();
  }
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLDialogElement;
  const first = dialog.querySelector<HTMLElement>('.body');
  const last = dialog.querySelector<HTMLElement>('.footer > :last-child');
  const [edge, wrapTo] = event.shiftKey ? [first, last] : [last, first];
  if (this.shadowRoot?.activeElement === edge) {
    event.preventDefault();
    wrapTo?.focus();
  }
}

/** The dialog closed by itself (not through `open`): keep `open` in step. */
function onDialogClose(this: MkJobErrorModal, event: Event): void {
  if (!(event.currentTarget as HTMLDialogElement).open) this.open = false;
}

/**
 * @tagname mk-job-error-modal
 * @summary The details of one operation in a modal dialog, with what to do next.
 *
 * @event try-live-failover - The Try Live Failover button was pressed. Detail: `TryLiveFailoverDetail`. Cancelable: not cancelled, the dialog closes so the host's own dialog is on top.
 * @event close - The dialog closed (Close button, Escape, or `close()`). It does not bubble out of a widget that contains this dialog.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The title bar.
 * @csspart status - The status word with its icon.
 * @csspart issue - The sanitized problem.
 * @csspart advice - The "What you can do" list.
 * @csspart footer - The button bar.
 * @csspart technical - The admin "Technical details" section.
 * @csspart support - The job ID with its Copy button, and "Copy details for support".
 *
 * @cssproperty --mk-color-surface - Dialog background.
 * @cssproperty --mk-color-text - Text colour.
 * @cssproperty --mk-color-failed - Failed status and the failed step mark.
 * @cssproperty --mk-color-completed - Completed steps in the step track.
 * @cssproperty --mk-color-critical - Critical severity.
 * @cssproperty --mk-color-accent - Primary button.
 */
export class MkJobErrorModal extends MkElement {
  static override styles = [tokens, copyStyles, modalStyles];

  static override get properties(): PropertyDeclarations {
    return {
      job: { attribute: false },
      vmName: { attribute: 'vm-name' },
      contextId: { attribute: 'context-id' },
      jobId: { attribute: 'job-id' },
      open: { type: Boolean, reflect: true },
    };
  }

  /**
   * The operation to show, handed over instead of fetched: a recent-jobs item or a last-operation
   * summary as the server sends it (validated and guarded like fetched data), or an `Operation` a
   * widget gave out.
   */
  declare job?: JobInput;

  /** Show the last operation of this VM (fetched) when no `job` is set. Also shown as the VM in the facts. */
  declare vmName?: string;

  /** With `job-id`: fetch that job from the VM's recent jobs when no `job` is set. */
  declare contextId?: string;

  /** With `context-id`: the recent job to show. */
  declare jobId?: string;

  /** Whether the dialog is open. */
  open = false;

  private get dialog(): HTMLDialogElement | null | undefined {
    return this.shadowRoot?.querySelector('dialog');
  }

  private readonly clock = new ClockController(this);
  private readonly copier = new CopyController(this);
  private opener?: HTMLElement;
  /**
   * Whether the dialog has been opened: until then it is an empty `<dialog>`, so a list or banner
   * that embeds one builds its content only when someone opens it. Kept once built.
   */
  private built = false;
  /** `job`, read once per new value (the status task compares operations by identity). */
  private given?: Operation;

  /** Fetches the operation when none was handed over; runs only while open. */
  private readonly fetched = new Task(this, {
    args: () => [this.open && this.job == null, this.client, this.vmName, this.contextId, this.jobId] as const,
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

  /**
   * Step counts (when the job lacks them) and, for admins, the raw error from the failover status
   * endpoint. A failed request leaves the value empty: the dialog still says everything else.
   */
  private readonly status = new Task(this, {
    args: () => [this.open ? this.operation : undefined, this.admin, this.client] as const,
    task: ([operation, admin, client], { signal }) =>
      // A host that does not expose the status route (`failoverStatus: null`) is not asked.
      needsFailoverStatus(operation, admin) && client.failoverStatusUrl(operation.jobId)
        ? client.fetchFailoverStatus(operation.jobId, { signal })
        : undefined,
  });

  /** The operation on screen. */
  private get operation(): Operation | undefined {
    if (this.job != null) return this.given;
    // While another job loads, the previous one is not shown as if it were the new one.
    return this.fetched.status === TaskStatus.COMPLETE ? this.fetched.value : undefined;
  }

  /** Opens the dialog; focus moves into it and returns to the opener on close. Settles once it is open. */
  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
  }

  /** Closes the dialog. Settles once it is closed. */
  async close(): Promise<void> {
    this.open = false;
    await this.updateComplete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.open) this.built = true;
    if (changed.has('job')) {
      const read = readJob(this.job);
      reportDataIssues(read.issues);
      this.given = read.data;
    }
    // A dialog opened again does not say what was copied before (this render already has it).
    if (changed.has('open') && !this.open) this.copier.state = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.dialog;
    if (!changed.has('open') || !dialog) return;
    if (this.open && !dialog.open) {
      this.opener = deepActiveElement();
      dialog.showModal();
      dialog.querySelector<HTMLElement>('.close')?.focus();
    } else if (!this.open && changed.get('open')) {
      // Chrome fires the dialog's own \`close\` event only at the next animation frame (never in a
      // hidden tab), so the closing is finished here rather than waiting for it.
      dialog.close();
      // Not composed: a list or banner that contains this dialog does not pass its \`close\` on.
      this.dispatchEvent(new Event('close'));
      this.opener?.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dialog?.close();
  }

  /** Asks the host for a live failover; unless it cancels, the dialog closes so the host's dialog is on top. */
  private tryLiveFailover(view: ModalView): void {
    const event = new TryLiveFailoverEvent({
      contextId: this.contextId,
      vmName: this.vmName,
      jobId: view.operation.jobId,
      operationType: view.operation.type,
      source: 'modal',
    });
    if (this.dispatchEvent(event)) void this.close();
  }

  /** Copies the plain-text summary of the operation on screen (with the technical rows for admins). */
  private copyDetails(view: ModalView): void {
    const status = this.status.value?.jobId === view.operation.jobId ? this.status.value : undefined;
    const text = supportSummary(view.operation, { vmName: this.vmName, status, admin: this.admin });
    void this.copier.copy('details', view.operation.key, text);
  }

  /** The job ID to quote, and "Copy details for support", with what the last copy did. */
  private support(view: ModalView) {
    const { key } = view.operation;
    return html`<div class="support" part="support">
      ${view.reference
        ? html`<p class="reference">
            <span class="issue-label">${msg('Job ID')}:</span> <code>${view.reference}</code>
            <button class="copy-reference" aria-label=${msg('Copy job ID')} @click=${() => void this.copier.copy('reference', key, view.reference)}>
              ${msg('Copy')}
            </button>
          </p>`
        : nothing}
      <button class="copy-details" @click=${() => this.copyDetails(view)}>${msg('Copy details for support')}</button>
      ${copyStatus(this.copier.stateFor(key))} ${copyFallback(this.copier.stateFor(key))}
    </div>`;
  }

  protected override render() {
    const base = this.operation;
    // The status endpoint's answer for this operation only, never a previous job's while the next one loads.
    const status = this.status.value?.jobId === base?.jobId ? this.status.value : undefined;
    const view = this.built && base ? modalView(base, { status, vmName: this.vmName, admin: this.admin, now: this.clock.now }) : undefined;
    return html`<dialog part="dialog" aria-labelledby="title" @close=${onDialogClose} @keydown=${onDialogKeydown}>${this.built
      ? html`
      <div class="header tone-${view?.tone ?? 'neutral'}" part="header">
        ${view ? statusIcon(view.tone) : nothing}
        <div><h2 id="title">${view?.title ?? noOperationTitle()}</h2>${this.vmName ? html`<p class="vm meta">${this.vmName}</p>` : nothing}</div>
      </div>
      <div class="body" tabindex="0" role="region" aria-labelledby="title">${this.open ? this.body(view) : nothing}</div>
      <div class="footer actions" part="footer">
        <button class="close" @click=${() => void this.close()}>${msg('Close')}</button>
        ${view ? liveFailoverButton(view.offersLiveFailover, () => this.tryLiveFailover(view)) : nothing}
      </div>`
      : nothing}
    </dialog>`;
  }

  /** The dialog's scrollable content: the operation, or why there is none. */
  private body(view: ModalView | undefined) {
    if (!view) {
      const noDetails = html`<p class="problem meta">${msg('There are no details for this operation.')}</p>`;
      // A handed-over job is never fetched. render() gives undefined for the states it has no renderer for.
      return (
        (this.job == null &&
          this.fetched.render({
            pending: () => html`<p class="meta" role="status">${msg('Loading details…')}</p>`,
            error: (error) => html`<p class="problem meta" role="alert">${requestErrorSentence(toOmaError(error))}</p>`,
          })) ||
        noDetails
      );
    }
    return html`<dl class="facts">${view.facts.map(factRow)}</dl>
      ${view.track.length > 0
        ? html`<ol class="track" aria-hidden="true">${view.track.map((mark) => html`<li class=${mark === 'todo' ? '' : mark}></li>`)}</ol>`
        : nothing}
      ${view.failedStep ? html`<p><span class="issue-label">${msg('Failed step:')}</span> ${view.failedStep}</p>` : nothing}
      ${issueBlock(view.issue)} ${adviceBlock(view.advice)} ${this.support(view)}
      ${this.admin
        ? html`<details part="technical"><summary>${msg('Technical details')}</summary><dl>${view.technical.map(
            ([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`,
          )}</dl></details>`
        : nothing}`;
  }
}

/** Template pieces that read the same in the list, the banner and the dialog. They render view models only. */
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Operation } from '../../model/operation.js';
import { msg } from '@lit/localize';
import type { StatusView, TimeView } from '../../model/view/operation-view.js';
import { statusIcon } from './icons.js';

export function statusBadge(status: StatusView) {
  return html`<span class="status tone-${status.tone}" part="status">${statusIcon(status.tone)}${status.text}</span>`;
}

export function issueBlock(issue: string) {
  if (!issue) return nothing;
  return html`<p class="issue" part="issue"><span class="issue-label">${msg('Issue:')}</span> ${issue}</p>`;
}

export function adviceBlock(advice: readonly string[]) {
  if (advice.length === 0) return nothing;
  return html`<div class="advice" part="advice">
    <span class="issue-label">${msg('What you can do:')}</span>
    <ul class="steps">
      ${advice.map((step) => html`<li>${step}</li>`)}
    </ul>
  </div>`;
}

/** A relative time that shows the absolute one on hover and keyboard focus. */
export function timeStamp(time: TimeView | undefined) {
  if (!time) return nothing;
  return html`<time class="when" datetime=${time.iso} title=${time.absolute} tabindex="0"
    ><span aria-hidden="true">${time.relative}</span
    ><span class="visually-hidden">${time.absolute}</span><span class="tooltip" aria-hidden="true">${time.absolute}</span></time
  >`;
}

/** Try Live Failover, where the view offers it. It only asks the host (the element dispatches the event). */
export function liveFailoverButton(offered: boolean, ask: () => void) {
  if (!offered) return nothing;
  return html`<button class="primary" @click=${ask}>${msg('Try Live Failover')}</button>`;
}

/** The nested dialog's parts, exported under names that cannot clash with the host widget's own. */
const DIALOG_PARTS =
  'dialog, header: dialog-header, status: dialog-status, issue: dialog-issue, advice: dialog-advice, footer: dialog-footer, technical: dialog-technical, support: dialog-support';

export interface DetailsDialogOptions {
  job: Operation;
  vmName?: string;
  contextId?: string;
  admin: boolean;
  theme?: 'light' | 'dark';
  onClose?: () => void;
}

/** The details dialog a widget opens for one operation (`::part(dialog)` and `dialog-*` reach into it). */
export function detailsDialog({ job, vmName, contextId, admin, theme, onClose }: DetailsDialogOptions) {
  return html`<mk-job-error-modal
    exportparts=${DIALOG_PARTS}
    .job=${job}
    .vmName=${vmName}
    .contextId=${contextId}
    ?admin=${admin}
    theme=${ifDefined(theme)}
    @close=${onClose ?? nothing}
  ></mk-job-error-modal>`;
}

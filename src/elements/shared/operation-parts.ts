/** Template pieces that read the same in the list, the banner and the modal. */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { Operation } from '../../model/operation.js';
import { statusTone, suggestsLiveFailover } from '../../model/display.js';
import { formatDateTime, formatRelativeTime } from '../../i18n/format.js';
import { TryLiveFailoverEvent, type ActionSource } from '../../events.js';
import { guarded, statusWithProgress } from './labels.js';
import { statusIcon } from './icons.js';

export function statusBadge(operation: Operation) {
  const tone = statusTone(operation);
  return html`<span class="status tone-${tone}" part="status">${statusIcon(tone)}${statusWithProgress(operation)}</span>`;
}

export function issueBlock(operation: Operation) {
  if (!operation.errorMessage) return nothing;
  return html`<p class="issue" part="issue"><span class="issue-label">${msg('Issue:')}</span> ${guarded(operation.errorMessage)}</p>`;
}

export function actionableStepsBlock(operation: Operation) {
  if (operation.actionableSteps.length === 0) return nothing;
  return html`<div class="advice" part="advice">
    <span class="issue-label">${msg('What you can do:')}</span>
    <ul class="steps">
      ${operation.actionableSteps.map((step) => html`<li>${guarded(step)}</li>`)}
    </ul>
  </div>`;
}

/** A relative time that shows the absolute one on hover and keyboard focus. */
export function timeStamp(date: Date | undefined, now: number) {
  if (!date) return nothing;
  const absolute = formatDateTime(date);
  return html`<time class="when" datetime=${date.toISOString()} title=${absolute} tabindex="0"
    ><span aria-hidden="true">${formatRelativeTime(date, now)}</span
    ><span class="visually-hidden">${absolute}</span><span class="tooltip" aria-hidden="true">${absolute}</span></time
  >`;
}

/** Which VM a widget shows, as its events report it. */
export interface VmIds {
  contextId?: string;
  vmName?: string;
}

/**
 * Try Live Failover, where the failure's advice suggests it (never for critical ones). It only asks
 * the host, through a bubbling `try-live-failover`: the widgets never start a failover themselves.
 */
export function liveFailoverButton(host: HTMLElement, ids: VmIds, operation: Operation, source: ActionSource) {
  if (!suggestsLiveFailover(operation)) return nothing;
  const ask = () =>
    host.dispatchEvent(new TryLiveFailoverEvent({ ...ids, jobId: operation.jobId, operationType: operation.type, source }));
  return html`<button class="primary" @click=${ask}>${msg('Try Live Failover')}</button>`;
}

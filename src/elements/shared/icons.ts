/** Inline SVG icons: they take the text colour and scale with the font. Decorative (aria-hidden). */
import { svg, type SVGTemplateResult } from 'lit';
import type { OperationType } from '../../model/operation.js';
import type { StatusTone } from '../../model/view/rules.js';

const icon = (body: SVGTemplateResult) =>
  svg`<svg class="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

/** A status icon: a ring with a mark inside. */
const ring = (mark: string) => icon(svg`<circle cx="12" cy="12" r="9"/><path d=${mark}/>`);

const TYPE_ICONS: Record<OperationType, SVGTemplateResult> = {
  // circular arrows
  replication: icon(svg`<path d="M21 12a9 9 0 0 1-15.5 6.2L3 16"/><path d="M3 21v-5h5"/><path d="M3 12a9 9 0 0 1 15.5-6.2L21 8"/><path d="M21 3v5h-5"/>`),
  // flask
  test_failover: icon(svg`<path d="M9 3h6"/><path d="M10 3v6l-5.5 9.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3"/><path d="M7 15h10"/>`),
  // lightning
  live_failover: icon(svg`<path d="M13 2 4 14h7l-1 8 9-12h-7z"/>`),
  // return arrow
  rollback: icon(svg`<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>`),
  // clipboard
  other: icon(svg`<rect x="8" y="2" width="8" height="4" rx="1"/><path d="M16 4h2a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2"/>`),
};

const STATUS_ICONS: Record<StatusTone, SVGTemplateResult> = {
  completed: ring('m8 12 3 3 5-6'),
  failed: ring('m9 9 6 6m0-6-6 6'),
  running: ring('M12 7v5l3 2'),
  neutral: ring('M8 12h8'),
};

export const typeIcon = (type: OperationType) => TYPE_ICONS[type];
export const statusIcon = (tone: StatusTone) => STATUS_ICONS[tone];
export const warningIcon = icon(svg`<path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z"/><path d="M12 9v4m0 4h.01"/>`);

/**
 * What one row of `<mk-unified-job-list>` shows, as plain strings: the React and vanilla baselines
 * render the same markup from it. The rules and words are the element's own (src/model/display.ts,
 * src/elements/shared/labels.ts, src/i18n/format.ts), so every contestant does the same text work.
 */
import { msg, str } from '@lit/localize';
import { finishedSince, isActive, statusTone, suggestsLiveFailover, type StatusTone } from '../../../src/model/view/rules.js';
import type { Operation, OperationType } from '../../../src/model/operation.js';
import { formatDateTime, formatRelativeTime } from '../../../src/i18n/format.js';
import { guarded, operationMetaLine, operationTitle, statusWithProgress, statusWord } from '../../../src/model/view/words.js';

export interface RowView {
  key: string;
  type: OperationType;
  tone: StatusTone;
  failed: boolean;
  title: string;
  status: string;
  when?: { iso: string; absolute: string; relative: string };
  progress?: { value?: string; label: string; step: string };
  issue?: string;
  steps: string[];
  meta: string;
  /** Failed rows: whether Try Live Failover is offered. */
  suggestLive: boolean;
}

export function rowView(row: Operation, now: number): RowView {
  const failed = row.status === 'failed';
  const title = operationTitle(row);
  const view: RowView = {
    key: row.key,
    type: row.type,
    tone: statusTone(row),
    failed,
    title,
    status: statusWithProgress(row),
    steps: failed ? row.actionableSteps.map((step) => guarded(step)) : [],
    meta: operationMetaLine(row),
    suggestLive: failed && suggestsLiveFailover(row),
  };
  if (row.startedAt) {
    const absolute = formatDateTime(row.startedAt);
    view.when = { iso: row.startedAt.toISOString(), absolute, relative: formatRelativeTime(row.startedAt, now) };
  }
  if (isActive(row)) {
    view.progress = {
      value: row.progress === undefined ? undefined : String(row.progress),
      label: msg(str`${title} progress`),
      step: guarded(row.currentStep),
    };
  }
  if (failed && row.errorMessage) view.issue = guarded(row.errorMessage);
  return view;
}

/** The live region's news, as the element computes it. */
export function announce(previous: Map<string, Operation['status']>, rows: readonly Operation[]): string {
  const finished = finishedSince(previous, rows);
  return finished.map((row) => `${operationTitle(row)}: ${statusWord(row)}.`).join(' ');
}

/** The element's CSS for a light-DOM copy of its markup: `:host` becomes the `.mk-host` wrapper. */
export function lightDomCss(cssTexts: string[]): string {
  return cssTexts
    .join('\n')
    .replace(/:host\(([^)]*)\)/g, '.mk-host$1')
    .replace(/:host/g, '.mk-host');
}

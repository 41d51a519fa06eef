/**
 * What one row of `<mk-unified-job-list>` shows, as plain strings: the React and vanilla baselines
 * render the same markup from it. It is the element's own view model (src/model/view/), so every
 * contestant does the same text work.
 */
import type { StatusTone } from '../../../src/model/view/rules.js';
import type { Operation, OperationType } from '../../../src/model/operation.js';
import { operationView } from '../../../src/model/view/operation-view.js';
import { finishedAnnouncement } from '../../../src/model/view/job-list-view.js';

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
  const view = operationView(row, now);
  return {
    key: view.key,
    type: view.type,
    tone: view.status.tone,
    failed: view.failed,
    title: view.title,
    status: view.status.text,
    when: view.startedAt,
    progress: view.active
      ? { value: view.progress === undefined ? undefined : String(view.progress), label: view.progressLabel, step: view.currentStep }
      : undefined,
    issue: view.failed && view.issue ? view.issue : undefined,
    steps: view.failed ? view.advice : [],
    meta: view.meta,
    suggestLive: view.offersLiveFailover,
  };
}

/** The live region's news, as the element computes it. */
export function announce(previous: Map<string, Operation['status']>, rows: readonly Operation[]): string {
  return finishedAnnouncement(previous, rows);
}

/** The element's CSS for a light-DOM copy of its markup: `:host` becomes the `.mk-host` wrapper. */
export function lightDomCss(cssTexts: string[]): string {
  return cssTexts
    .join('\n')
    .replace(/:host\(([^)]*)\)/g, '.mk-host$1')
    .replace(/:host/g, '.mk-host');
}

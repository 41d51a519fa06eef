/**
 * Reports data problems the server should fix (technical text leaking to users, invalid items):
 * one `mk-data-issue` event on `window` per distinct problem, and one console warning.
 */
import type { DataIssue } from './normalize.js';

export const DATA_ISSUE_EVENT = 'mk-data-issue';

const reported = new Set<string>();

function signature(issue: DataIssue): string {
  switch (issue.kind) {
    case 'technical-leak':
      return `${issue.kind}|${issue.resource}|${issue.jobId ?? ''}|${issue.field}|${issue.leaks.map((l) => l.match).join(',')}`;
    case 'invalid-item':
      return `${issue.kind}|${issue.resource}|${issue.index}|${issue.detail}`;
    case 'invalid-summary':
      return `${issue.kind}|${issue.resource}|${issue.detail}`;
  }
}

export function reportDataIssues(issues: readonly DataIssue[]): void {
  for (const issue of issues) {
    const key = signature(issue);
    if (reported.has(key)) continue;
    reported.add(key);
    if (typeof globalThis.dispatchEvent === 'function' && typeof CustomEvent === 'function') {
      globalThis.dispatchEvent(new CustomEvent<DataIssue>(DATA_ISSUE_EVENT, { detail: issue }));
    }
    const what =
      issue.kind === 'technical-leak'
        ? `technical text in ${issue.field}${issue.jobId ? ` of job ${issue.jobId}` : ''} (${issue.leaks.map((l) => l.kind).join(', ')}); shown to users in plain words instead`
        : `ignored invalid data in ${issue.resource}: ${issue.detail}`;
    console.warn(`[mk-widgets] OMA ${what}. This is a server bug worth filing.`);
  }
}

/** Tests only: forget what was reported so a case can observe its own report. */
export function resetReportedDataIssues(): void {
  reported.clear();
}

declare global {
  interface WindowEventMap {
    [DATA_ISSUE_EVENT]: CustomEvent<DataIssue>;
  }
}

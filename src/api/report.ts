/**
 * Reports data problems the server should fix (technical text leaking to users, invalid items):
 * one `mk-data-issue` event on `window` per distinct problem, and one console warning.
 */
import type { DataIssue } from './normalize.js';

export const DATA_ISSUE_EVENT = 'mk-data-issue';

/** Every issue reported so far, as JSON: the same problem in the next poll is not reported again. */
const reported = new Set<string>();

export function reportDataIssues(issues: readonly DataIssue[]): void {
  for (const issue of issues) {
    const key = JSON.stringify(issue);
    if (reported.has(key)) continue;
    reported.add(key);
    // No window (SSR, Node): the console warning alone.
    globalThis.dispatchEvent?.(new CustomEvent<DataIssue>(DATA_ISSUE_EVENT, { detail: issue }));
    // The wording docs/integration.md quotes; the issue itself carries the details.
    const what = issue.kind === 'technical-leak' ? `technical text in ${issue.field}` : `invalid data in ${issue.resource}`;
    console.warn(`[mk-widgets] OMA ${what}. This is a server bug worth filing.`, issue);
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

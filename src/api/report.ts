/**
 * Reports problems to the host's developers: data problems the server should fix (technical text
 * leaking to users, invalid items), as one `mk-data-issue` event on `window` per distinct problem
 * and one console warning; and configuration problems of the host, as one console warning each.
 */
import type { DataIssue } from '../model/pipeline.js';

export const DATA_ISSUE_EVENT = 'mk-data-issue';

/** Every issue reported so far, as JSON: the same problem in the next poll is not reported again. */
const reported = new Set<string>();

/** Every warning said so far: a bad configuration is said once, not on every request. */
const warned = new Set<string>();

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

/** One console warning per distinct message for the page's lifetime. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[mk-widgets] ${message}`);
}

/** Tests only: forget what was reported and warned so a case can observe its own report. */
export function resetReportedDataIssues(): void {
  reported.clear();
  warned.clear();
}

declare global {
  interface WindowEventMap {
    [DATA_ISSUE_EVENT]: CustomEvent<DataIssue>;
  }
}

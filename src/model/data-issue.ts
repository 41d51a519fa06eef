/**
 * Something wrong with the server's data that is worth a bug report to the OMA team, but not an
 * error for the user: the widgets show what they can and report these (`mk-data-issue`).
 */
import type { LeakFinding } from './guard/redact-technical-terms.js';

export type DataIssue =
  | { kind: 'invalid-item'; resource: string; index: number; detail: string }
  | { kind: 'invalid-summary'; resource: string; detail: string }
  | { kind: 'technical-leak'; resource: string; field: string; jobId?: string; leaks: LeakFinding[] };

/** A step's result with the data issues it found. */
export interface Normalized<T> {
  data: T;
  issues: DataIssue[];
}

/** Collects the issues of one resource (`recent-jobs:<id>`, `vm-context:<name>`, …) as they are found. */
export class IssueLog {
  readonly issues: DataIssue[] = [];

  constructor(readonly resource: string) {}

  invalidItem(index: number, detail: string): void {
    this.issues.push({ kind: 'invalid-item', resource: this.resource, index, detail });
  }

  invalidSummary(detail: string): void {
    this.issues.push({ kind: 'invalid-summary', resource: this.resource, detail });
  }

  technicalLeak(field: string, jobId: string | undefined, leaks: LeakFinding[]): void {
    this.issues.push({ kind: 'technical-leak', resource: this.resource, field, jobId, leaks });
  }
}

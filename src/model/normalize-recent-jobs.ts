/** Recent jobs as read from the wire (src/api/wire.ts) → `Operation<string>`s, newest first. */
import type { ParsedRecentJobs, ParsedUnifiedJob } from '../api/wire.js';
import type { IssueLog } from './data-issue.js';
import type { Operation, RecentJobs } from './operation.js';
import { durationOf, normalizeCategory, normalizeOperationType, normalizeStatus } from './normalize-words.js';

/**
 * One recent-jobs item. An item without a `job_id` (the published example has one) is still a row:
 * keyed by its position and start time, and not openable by id.
 */
export function operationFromUnifiedJob(job: ParsedUnifiedJob, position: number): Operation<string> {
  const { job_id: jobId, started_at: startedAt, completed_at: completedAt } = job;
  return {
    key: jobId ?? `at:${position}:${startedAt?.toISOString() ?? ''}`,
    jobId,
    type: normalizeOperationType(job.job_type),
    ...normalizeStatus(job.status),
    displayName: job.display_name,
    progress: job.progress,
    startedAt,
    completedAt,
    durationSeconds: durationOf(job.duration_seconds, startedAt, completedAt),
    currentStep: job.current_step,
    errorMessage: job.error_message,
    errorCategory: normalizeCategory(job.error_category),
    actionableSteps: job.actionable_steps,
    origin: 'recent-jobs',
    technical: {
      jobId,
      externalJobId: job.external_job_id,
      rawJobType: job.job_type,
      rawStatus: job.status,
      currentStepRaw: job.current_step,
      errorMessageRaw: job.error_message,
      dataSource: job.data_source,
    },
  };
}

/** Stable sort, newest first; unknown start times go last in their server order. */
export function sortNewestFirst<T extends Pick<Operation<unknown>, 'startedAt'>>(operations: readonly T[]): T[] {
  // Unknown counts as the oldest; two unknowns give NaN, i.e. 0, and the sort is stable.
  const time = (operation: T) => operation.startedAt?.getTime() ?? -Infinity;
  return [...operations].sort((a, b) => time(b) - time(a) || 0);
}

/**
 * Every item becomes a row, except what cannot be one: an item that is not an object, and a second
 * item with a job id already listed (it would be the same row twice). Both are reported.
 */
export function normalizeRecentJobs(wire: ParsedRecentJobs, askedContextId: string, log: IssueLog): RecentJobs<string> {
  const operations: Operation<string>[] = [];
  const seen = new Set<string>();
  (wire.jobs ?? []).forEach((job, index) => {
    if (!job) return log.invalidItem(index, 'not an object');
    if (job.job_id !== undefined && seen.has(job.job_id)) return log.invalidItem(index, `duplicate job_id ${job.job_id}`);
    if (job.job_id !== undefined) seen.add(job.job_id);
    operations.push(operationFromUnifiedJob(job, index));
  });
  return { contextId: wire.context_id ?? askedContextId, operations: sortNewestFirst(operations) };
}

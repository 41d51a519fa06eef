/** Pure display rules the view models share: no DOM, no strings for people. */
import type { Operation } from '../operation.js';

export type StatusTone = 'completed' | 'failed' | 'running' | 'neutral';

export function statusTone({ status }: Pick<Operation, 'status'>): StatusTone {
  return status === 'completed' || status === 'failed' || status === 'running' ? status : 'neutral';
}

const isActiveStatus = (status: Operation['status'] | undefined) => status === 'running' || status === 'pending';

export function isActive(operation: Pick<Operation, 'status'>): boolean {
  return isActiveStatus(operation.status);
}

const LIVE_FAILOVER_HINT = /\blive[\s-]+failover\b/i;
const NEGATED_HINT = /\b(do not|don't|never|avoid)\b[^.]*\blive[\s-]+failover\b/i;
/** The server's critical advice; recent-jobs rows carry no severity, so the words say it. */
const STOP_ADVICE = /\b(do not|don't)\s+attempt\s+(any\s+)?further\s+operations\b/i;

/**
 * A failed operation whose advice suggests live failover offers the Try Live Failover action,
 * unless the severity is critical (the server's advice is then to stop touching the VM).
 */
export function suggestsLiveFailover(operation: Pick<Operation, 'status' | 'severity' | 'actionableSteps'>): boolean {
  if (operation.status !== 'failed' || operation.severity === 'critical') return false;
  if (operation.actionableSteps.some((step) => STOP_ADVICE.test(step.text))) return false;
  return operation.actionableSteps.some(
    (step) => !step.fallback && LIVE_FAILOVER_HINT.test(step.text) && !NEGATED_HINT.test(step.text),
  );
}

/** Step counts when both are known and make sense ("3 of 5"). */
export function stepCounts(operation: Pick<Operation, 'stepsCompleted' | 'stepsTotal'>): { done: number; total: number } | undefined {
  const { stepsCompleted: done, stepsTotal: total } = operation;
  if (done !== undefined && total !== undefined && total > 0) return { done: Math.min(done, total), total };
}

/** The operations that finished (completed or failed) since the statuses seen last: the live region announces them. */
export function finishedSince(previous: ReadonlyMap<string, Operation['status']>, current: readonly Operation[]): Operation[] {
  return current.filter((operation) => {
    const tone = statusTone(operation);
    return isActiveStatus(previous.get(operation.key)) && (tone === 'completed' || tone === 'failed');
  });
}

/** What a job id looks like (a UUID, `job-20251003-140912.552-9f1a2b`): anything else is not shown as one. */
const JOB_REFERENCE = /^[\w.:-]{1,100}$/;

/**
 * The operation's reference a person may see and quote: its `job_id`, when it looks like an id.
 * Never the `external_job_id` (admin only), nor an id-shaped field holding anything else.
 */
export function jobReference(operation: Pick<Operation, 'jobId' | 'technical'>): string {
  const id = operation.jobId;
  return id && JOB_REFERENCE.test(id) && id !== operation.technical.externalJobId ? id : '';
}

const ASKS_FOR_SUPPORT = /\b(support|administrator|admin)\b/i;

/** The advice sends the user to support or an administrator, or the failure is critical: the banner offers the copy. */
export function asksForSupport(operation: Pick<Operation, 'severity' | 'actionableSteps'>): boolean {
  return operation.severity === 'critical' || operation.actionableSteps.some((step) => ASKS_FOR_SUPPORT.test(step.text));
}

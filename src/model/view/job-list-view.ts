/** What `<mk-unified-job-list>` shows: its rows, and what to say while there are none. */
import { msg, str } from '@lit/localize';
import { markGuarded, type Operation, type OperationStatus, type VmContext } from '../operation.js';
import { formatRelativeTime } from '../../i18n/format.js';
import { finishedSince } from './rules.js';
import { operationView, type OperationView } from './operation-view.js';
import { operationTitle, requestErrorSentence, statusWord } from './words.js';

/** What a recent-jobs row may lack and only the VM's last-operation summary knows. */
const FROM_LAST_OPERATION = ['severity', 'stepsCompleted', 'stepsTotal', 'failedStep'] as const;

/**
 * Adds what only the VM context knows to the recent-jobs rows: replication bytes from the job
 * history, and for the row of the last operation its severity, step counts and failed step (a
 * critical failure must never offer Try Live Failover, in the list either).
 */
export function joinVmContext(operations: readonly Operation[], vm: Pick<VmContext, 'replicationBytes' | 'lastOperation'>): Operation[] {
  const last = vm.lastOperation;
  return operations.map((operation) => {
    const bytes = operation.type === 'replication' && operation.jobId ? vm.replicationBytes.get(operation.jobId) : undefined;
    const isLast = !!last?.jobId && last.jobId === operation.jobId;
    if (!bytes && !isLast) return operation;
    const fromLast = isLast ? Object.fromEntries(FROM_LAST_OPERATION.map((key) => [key, operation[key] ?? last[key]])) : undefined;
    // Both sources passed the guard, so the joined row has too.
    return markGuarded({ ...operation, ...bytes, ...fromLast });
  });
}

/** The rows' statuses by key, to tell which jobs finished since (the live region announces them). */
export type StatusMemory = ReadonlyMap<string, OperationStatus>;

export function rememberStatuses(operations: readonly Operation[]): StatusMemory {
  return new Map(operations.map((operation) => [operation.key, operation.status]));
}

/** "Test Failover: Failed." for each job that finished since `previous` ('' when none did). */
export function finishedAnnouncement(previous: StatusMemory, operations: readonly Operation[]): string {
  return finishedSince(previous, operations)
    .map((operation) => `${operationTitle(operation)}: ${statusWord(operation)}.`)
    .join(' ');
}

/** The list's body, one of its states. */
export type JobListBody =
  | { state: 'no-vm'; message: string }
  | { state: 'loading'; message: string }
  | { state: 'error'; message: string }
  | { state: 'ready'; rows: OperationView[]; empty: string; stale?: string };

export interface JobListInput {
  /** Whether a context id or VM name was given. */
  configured: boolean;
  /** The joined operations, when any answer arrived. */
  operations?: readonly Operation[];
  /** The request failure to explain, if any. */
  problem?: Parameters<typeof requestErrorSentence>[0];
  /** When the rows on screen were fetched (epoch ms). */
  updatedAt?: number;
  now: number;
}

export function jobListBody({ configured, operations, problem, updatedAt, now }: JobListInput): JobListBody {
  if (!configured) return { state: 'no-vm', message: msg('No VM selected.') };
  if (!operations) {
    return problem
      ? { state: 'error', message: requestErrorSentence(problem) }
      : { state: 'loading', message: msg('Loading recent operations…') };
  }
  // A refresh failed: the last good rows stay, under a note that says so.
  let stale: string | undefined;
  if (problem) {
    const when = updatedAt ? formatRelativeTime(new Date(updatedAt), now) : '';
    stale = when ? msg(str`Couldn't refresh. Showing results from ${when}.`) : msg("Couldn't refresh.");
  }
  return { state: 'ready', rows: operations.map((operation) => operationView(operation, now)), empty: msg('No recent operations'), stale };
}


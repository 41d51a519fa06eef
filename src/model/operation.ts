/**
 * The one internal shape every element renders. A recent-jobs item and a last-operation summary
 * both normalise into an `Operation`; elements never read raw server JSON.
 *
 * The normalisers build an `Operation<string>` (server text as it came); the leak guard turns it
 * into an `Operation` whose user-facing texts are `GuardedText`, the only kind the view model
 * takes. Raw server values that only the admin section may show live under `technical`.
 */

export const OPERATION_TYPES = ['replication', 'test_failover', 'live_failover', 'rollback', 'other'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const KNOWN_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled', 'skipped'] as const;
/** `other` is any word the server sends that we do not know; `statusWord` then holds it title-cased. */
export type OperationStatus = (typeof KNOWN_STATUSES)[number] | 'other';

export const ERROR_CATEGORIES = [
  'compatibility',
  'network',
  'storage',
  'platform',
  'connectivity',
  'configuration',
  'unknown',
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** A VM context's `current_status` words the contract lists (any other word can appear). */
export const VM_STATES = [
  'discovered',
  'replicating',
  'ready_for_failover',
  'failed_over_test',
  'failed_over_live',
  'completed',
  'failed',
  'cleanup_required',
] as const;
export type VmState = (typeof VM_STATES)[number];

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Why a user-facing text was replaced by a plain sentence (the display layer localises it). */
export type FallbackKind = ErrorCategory | 'step';

/** A user-facing string after the leak guard. */
export interface GuardedText {
  text: string;
  /** Set when the original was mostly technical: `text` is then empty and the view says the plain sentence of this kind. */
  fallback?: FallbackKind;
}

/**
 * One operation. `Text` is `string` straight out of a normaliser and `GuardedText` once the leak
 * guard has passed over every user-facing field.
 */
export interface Operation<Text = GuardedText> {
  /** Stable identity for keyed rendering: the job id, or `at:<position>:<time>` without one. */
  key: string;
  jobId?: string;
  type: OperationType;
  status: OperationStatus;
  /** The server's own word when `status` is `other` (the view title-cases it). */
  statusWord?: Text;
  /** Friendly operation name ("Test Failover") from the server; absent when it sent none (the view names the type). */
  displayName?: Text;
  /** 0–100, clamped; absent when unknown. */
  progress?: number;
  startedAt?: Date;
  completedAt?: Date;
  durationSeconds?: number;
  currentStep?: Text;
  failedStep?: Text;
  errorMessage?: Text;
  errorCategory?: ErrorCategory;
  severity?: Severity;
  actionableSteps: Text[];
  stepsCompleted?: number;
  stepsTotal?: number;
  /** Replication only, from the VM's job history. */
  bytesTransferred?: number;
  totalBytes?: number;
  /** Where it came from: the unified list or a last-operation summary. */
  origin: 'recent-jobs' | 'last-operation';
  /** Raw values for the admin "Technical details" section only. Never render outside it. */
  technical: TechnicalDetails;
}

export interface TechnicalDetails {
  jobId?: string;
  externalJobId?: string;
  rawJobType?: string;
  rawStatus?: string;
  failedStepInternal?: string;
  currentStepRaw?: string;
  errorMessageRaw?: string;
  dataSource?: string;
}

/** The VM context as the elements need it. */
export interface VmContext<Text = GuardedText> {
  contextId: string;
  /** The VM's name as the server spells it (guarded: a person sees it). */
  vmName: Text;
  /** `discovered`, `replicating`, `ready_for_failover`, … as sent, guarded (the view words it). */
  currentStatus?: Text;
  lastOperation?: Operation<Text>;
  /** Replication job id → bytes, from `job_history`. */
  replicationBytes: ReadonlyMap<string, { bytesTransferred?: number; totalBytes?: number }>;
}

/** One VM of the VM list (`GET /vm-contexts`): its state and last operation, no job history. */
export type VmListEntry = Omit<VmContext, 'replicationBytes'>;

/** The VM list, by VM name. */
export interface VmContexts {
  vms: VmListEntry[];
  byName: ReadonlyMap<string, VmListEntry>;
}

export interface RecentJobs<Text = GuardedText> {
  contextId: string;
  operations: Operation<Text>[];
}

export interface FailoverStatus {
  jobId: string;
  status?: string;
  progress?: number;
  stepsTotal?: number;
  stepsCompleted?: number;
  stepsFailed?: number;
  /** Raw technical error: admin section only. */
  errorMessageRaw?: string;
  /** Internal step id the job failed at: admin section only. */
  failedStepInternal?: string;
  operation?: string;
}

/**
 * Operations whose texts passed the guard, by identity: a host or an element handing one back is not
 * read again, and nothing shaped like one (a host's own object) can skip the guard.
 */
const guarded = new WeakSet<object>();

export function markGuarded<T extends Operation>(operation: T): T {
  guarded.add(operation);
  return operation;
}

export function isGuarded(value: unknown): value is Operation {
  return typeof value === 'object' && value !== null && guarded.has(value);
}

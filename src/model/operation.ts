/**
 * The one internal shape every element renders. A recent-jobs item and a last-operation summary
 * both normalise into an `Operation`; elements never read raw server JSON.
 *
 * User-facing text fields hold text that has already passed the leak guard. Raw server values that
 * only the admin section may show live under `technical`.
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

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Why a user-facing text was replaced by a plain sentence (the display layer localises it). */
export type FallbackKind = ErrorCategory | 'step';

/** A user-facing string after the leak guard. */
export interface GuardedText {
  text: string;
  /** Set when the original was mostly technical and `text` is a stock sentence of this kind. */
  fallback?: FallbackKind;
}

export interface Operation {
  /** Stable identity for keyed rendering and dismissal: the job id, or `at:<timestamp>` without one. */
  key: string;
  jobId?: string;
  type: OperationType;
  status: OperationStatus;
  /** Title-cased server word when `status` is `other`. */
  statusWord?: string;
  /** Friendly operation name ("Test Failover") from the server; absent when it sent none (the display layer names the type). */
  displayName?: GuardedText;
  /** 0–100, clamped; absent when unknown. */
  progress?: number;
  startedAt?: Date;
  completedAt?: Date;
  durationSeconds?: number;
  currentStep?: GuardedText;
  failedStep?: GuardedText;
  errorMessage?: GuardedText;
  errorCategory?: ErrorCategory;
  severity?: Severity;
  actionableSteps: GuardedText[];
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
export interface VmContext {
  contextId: string;
  vmName: string;
  currentStatus?: string;
  lastOperation?: Operation;
  /** Replication job id → bytes, from `job_history`. */
  replicationBytes: ReadonlyMap<string, { bytesTransferred?: number; totalBytes?: number }>;
}

export interface RecentJobs {
  contextId: string;
  operations: Operation[];
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

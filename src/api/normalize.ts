/**
 * Raw OMA JSON → the internal `Operation` model. Validates with the zod/mini schemas, drops items
 * that cannot be shown (with a report), and runs every user-facing string through the leak guard.
 */
import { OmaError } from './errors.js';
import {
  failoverStatusSchema,
  operationSummarySchema,
  recentJobsResponseSchema,
  replicationHistoryItemSchema,
  unifiedJobSchema,
  vmContextResponseSchema,
  type RawOperationSummary,
  type RawUnifiedJob,
} from './schemas.js';
import { friendlyStepName, redactTechnicalTerms, type LeakFinding } from '../model/redact-technical-terms.js';
import {
  ERROR_CATEGORIES,
  KNOWN_STATUSES,
  SEVERITIES,
  type ErrorCategory,
  type FailoverStatus,
  type GuardedText,
  type Operation,
  type OperationStatus,
  type OperationType,
  type RecentJobs,
  type Severity,
  type VmContext,
} from '../model/operation.js';

/** Something wrong with the data that is worth a bug report to the OMA team, but not an error for the user. */
export type DataIssue =
  | { kind: 'invalid-item'; resource: string; index: number; detail: string }
  | { kind: 'invalid-summary'; resource: string; detail: string }
  | { kind: 'technical-leak'; resource: string; field: string; jobId?: string; leaks: LeakFinding[] };

export interface Normalized<T> {
  data: T;
  issues: DataIssue[];
}

type GuardField = 'message' | 'step' | 'name' | 'action';

class Guard {
  readonly issues: DataIssue[] = [];
  constructor(private readonly resource: string) {}

  text(raw: string | undefined, field: string, kind: GuardField, jobId?: string, category?: ErrorCategory): GuardedText | undefined {
    const trimmed = raw?.trim();
    if (!trimmed) return undefined;
    const result = redactTechnicalTerms(trimmed, { field: kind, category });
    if (result.leaks.length > 0) {
      this.issues.push({ kind: 'technical-leak', resource: this.resource, field, jobId, leaks: result.leaks });
    }
    if (!result.text) return undefined;
    return result.fallback ? { text: result.text, fallback: result.fallback } : { text: result.text };
  }

  /** Steps may arrive as internal ids; the friendly table wins before the generic guard. */
  step(raw: string | undefined, field: string, jobId?: string): GuardedText | undefined {
    const friendly = raw ? friendlyStepName(raw.trim()) : undefined;
    return friendly ? { text: friendly } : this.text(raw, field, 'step', jobId);
  }
}

const TYPE_ALIASES: Record<string, OperationType> = {
  replication: 'replication',
  test_failover: 'test_failover',
  test: 'test_failover',
  live_failover: 'live_failover',
  live: 'live_failover',
  rollback: 'rollback',
  cleanup: 'rollback',
};

export function normalizeOperationType(raw: string | undefined): OperationType {
  return TYPE_ALIASES[raw?.trim().toLowerCase() ?? ''] ?? 'other';
}

export function normalizeStatus(raw: string | undefined): { status: OperationStatus; statusWord?: string } {
  const word = raw?.trim() ?? '';
  const lower = word.toLowerCase();
  if ((KNOWN_STATUSES as readonly string[]).includes(lower)) return { status: lower as OperationStatus };
  if (!word) return { status: 'other' };
  const statusWord = word
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .replace(/(^|\s)\p{L}/gu, (letter) => letter.toUpperCase());
  return { status: 'other', statusWord };
}

function pick<T extends string>(allowed: readonly T[], raw: string | undefined): T | undefined {
  const lower = raw?.trim().toLowerCase();
  return lower && (allowed as readonly string[]).includes(lower) ? (lower as T) : undefined;
}

export function normalizeCategory(raw: string | undefined): ErrorCategory | undefined {
  if (!raw?.trim()) return undefined;
  return pick(ERROR_CATEGORIES, raw) ?? 'unknown';
}

export function normalizeSeverity(raw: string | undefined): Severity | undefined {
  return pick(SEVERITIES, raw);
}

export function clampProgress(raw: number | undefined): number | undefined {
  if (raw === undefined || !Number.isFinite(raw)) return undefined;
  return Math.min(100, Math.max(0, raw));
}

function nonNegativeInteger(raw: number | undefined): number | undefined {
  if (raw === undefined || !Number.isFinite(raw) || raw < 0) return undefined;
  return Math.round(raw);
}

/** RFC 3339 with any offset; Go's zero time and unparsable text mean "unknown". */
export function parseServerTime(raw: string | undefined): Date | undefined {
  if (!raw?.trim()) return undefined;
  // Go sends up to nine fractional digits; Date.parse wants at most three.
  const text = raw.trim().replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return date.getUTCFullYear() <= 1 ? undefined : date;
}

function durationOf(raw: number | undefined, startedAt?: Date, completedAt?: Date): number | undefined {
  const explicit = nonNegativeInteger(raw);
  if (explicit !== undefined && explicit > 0) return explicit;
  if (startedAt && completedAt && completedAt >= startedAt) {
    return Math.round((completedAt.getTime() - startedAt.getTime()) / 1000);
  }
  return explicit;
}

/** `failed_step_internal` is internal by contract: naming it plainly is expected, not a leak to report. */
function internalStepName(raw: string | undefined): GuardedText | undefined {
  const id = raw?.trim();
  if (!id) return undefined;
  const friendly = friendlyStepName(id);
  if (friendly) return { text: friendly };
  const { text, fallback } = redactTechnicalTerms(id, { field: 'step' });
  return fallback ? { text, fallback } : { text };
}

function steps(guard: Guard, raw: string[] | undefined, jobId: string | undefined, category?: ErrorCategory): GuardedText[] {
  return (raw ?? [])
    .map((step, i) => guard.text(step, `actionable_steps[${i}]`, 'action', jobId, category))
    .filter((step): step is GuardedText => step !== undefined);
}

function unifiedJobToOperation(job: RawUnifiedJob, guard: Guard): Operation {
  const jobId = job.job_id;
  const type = normalizeOperationType(job.job_type);
  const category = normalizeCategory(job.error_category);
  const startedAt = parseServerTime(job.started_at);
  const completedAt = parseServerTime(job.completed_at);
  return {
    key: jobId,
    jobId,
    type,
    ...normalizeStatus(job.status),
    displayName: guard.text(job.display_name, 'display_name', 'name', jobId),
    progress: clampProgress(job.progress),
    startedAt,
    completedAt,
    durationSeconds: durationOf(job.duration_seconds, startedAt, completedAt),
    currentStep: guard.step(job.current_step, 'current_step', jobId),
    errorMessage: guard.text(job.error_message, 'error_message', 'message', jobId, category ?? 'unknown'),
    errorCategory: category,
    actionableSteps: steps(guard, job.actionable_steps, jobId, category),
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

function summaryToOperation(summary: RawOperationSummary, guard: Guard): Operation {
  const jobId = summary.job_id?.trim() || undefined;
  const category = normalizeCategory(summary.error_category);
  const startedAt = parseServerTime(summary.timestamp);
  return {
    key: jobId ?? `at:${summary.timestamp ?? ''}`,
    jobId,
    type: normalizeOperationType(summary.operation_type),
    ...normalizeStatus(summary.status),
    progress: clampProgress(summary.progress),
    startedAt,
    durationSeconds: durationOf(summary.duration_seconds),
    failedStep: guard.step(summary.failed_step, 'failed_step', jobId) ?? internalStepName(summary.failed_step_internal),
    errorMessage: guard.text(summary.error_message, 'error_message', 'message', jobId, category ?? 'unknown'),
    errorCategory: category,
    severity: normalizeSeverity(summary.error_severity),
    actionableSteps: steps(guard, summary.actionable_steps, jobId, category),
    stepsCompleted: nonNegativeInteger(summary.steps_completed),
    stepsTotal: nonNegativeInteger(summary.steps_total) || undefined,
    origin: 'last-operation',
    technical: {
      jobId,
      externalJobId: summary.external_job_id,
      rawJobType: summary.operation_type,
      rawStatus: summary.status,
      failedStepInternal: summary.failed_step_internal,
      errorMessageRaw: summary.error_message,
    },
  };
}

/** Stable sort, newest first; unknown start times go last in their server order. */
export function sortNewestFirst(operations: readonly Operation[]): Operation[] {
  return operations
    .map((operation, index) => ({ operation, index }))
    .sort((a, b) => {
      const ta = a.operation.startedAt?.getTime();
      const tb = b.operation.startedAt?.getTime();
      if (ta === undefined && tb === undefined) return a.index - b.index;
      if (ta === undefined) return 1;
      if (tb === undefined) return -1;
      return tb - ta || a.index - b.index;
    })
    .map(({ operation }) => operation);
}

function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}

export function normalizeRecentJobs(body: unknown, contextId: string): Normalized<RecentJobs> {
  const resource = `recent-jobs:${contextId}`;
  const envelope = recentJobsResponseSchema.safeParse(body);
  if (!envelope.success) {
    throw new OmaError('bad-shape', { technicalDetail: describeIssues(envelope.error) });
  }
  const guard = new Guard(resource);
  const operations: Operation[] = [];
  const seen = new Set<string>();
  (envelope.data.jobs ?? []).forEach((item, index) => {
    const parsed = unifiedJobSchema.safeParse(item);
    if (!parsed.success) {
      guard.issues.push({ kind: 'invalid-item', resource, index, detail: describeIssues(parsed.error) });
      return;
    }
    if (seen.has(parsed.data.job_id)) {
      guard.issues.push({ kind: 'invalid-item', resource, index, detail: `duplicate job_id ${parsed.data.job_id}` });
      return;
    }
    seen.add(parsed.data.job_id);
    operations.push(unifiedJobToOperation(parsed.data, guard));
  });
  return {
    data: { contextId: envelope.data.context_id?.trim() || contextId, operations: sortNewestFirst(operations) },
    issues: guard.issues,
  };
}

function parseLegacySummary(text: string | null | undefined, resource: string, issues: DataIssue[]): unknown {
  if (!text?.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    issues.push({ kind: 'invalid-summary', resource, detail: 'context.last_operation_summary is not JSON' });
    return undefined;
  }
}

export function normalizeVmContext(body: unknown, vmName: string): Normalized<VmContext> {
  const resource = `vm-context:${vmName}`;
  const parsed = vmContextResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new OmaError('bad-shape', { technicalDetail: describeIssues(parsed.error) });
  }
  const { context, job_history: history } = parsed.data;
  const guard = new Guard(resource);

  // Newer servers send `last_operation`; older ones only the same summary as a JSON string.
  const rawSummary = parsed.data.last_operation ?? parseLegacySummary(context.last_operation_summary, resource, guard.issues);
  let lastOperation: Operation | undefined;
  if (rawSummary !== undefined && rawSummary !== null) {
    const summary = operationSummarySchema.safeParse(rawSummary);
    if (summary.success) lastOperation = summaryToOperation(summary.data, guard);
    else guard.issues.push({ kind: 'invalid-summary', resource, detail: describeIssues(summary.error) });
  }

  const replicationBytes = new Map<string, { bytesTransferred?: number; totalBytes?: number }>();
  (history ?? []).forEach((item, index) => {
    const job = replicationHistoryItemSchema.safeParse(item);
    if (!job.success) {
      guard.issues.push({ kind: 'invalid-item', resource, index, detail: describeIssues(job.error) });
      return;
    }
    replicationBytes.set(job.data.id, {
      bytesTransferred: nonNegativeInteger(job.data.bytes_transferred),
      totalBytes: nonNegativeInteger(job.data.total_bytes),
    });
  });

  return {
    data: {
      contextId: context.context_id,
      vmName: context.vm_name?.trim() || vmName,
      currentStatus: context.current_status,
      lastOperation,
      replicationBytes,
    },
    issues: guard.issues,
  };
}

export function normalizeFailoverStatus(body: unknown, jobId: string): Normalized<FailoverStatus> {
  const parsed = failoverStatusSchema.safeParse(body);
  if (!parsed.success) {
    throw new OmaError('bad-shape', { technicalDetail: describeIssues(parsed.error) });
  }
  const details = parsed.data.job_details ?? undefined;
  return {
    data: {
      jobId: parsed.data.job_id?.trim() || jobId,
      status: parsed.data.status,
      progress: clampProgress(parsed.data.progress),
      stepsTotal: nonNegativeInteger(details?.total_steps),
      stepsCompleted: nonNegativeInteger(details?.completed_steps),
      stepsFailed: nonNegativeInteger(details?.failed_steps),
      errorMessageRaw: details?.error_message,
      failedStepInternal: details?.failed_step,
      operation: details?.operation,
    },
    issues: [],
  };
}

/**
 * Adds what only the VM context knows to the recent-jobs rows: replication bytes from the job
 * history, and for the row of the last operation its severity, step counts and failed step
 * (a critical failure must never offer Try Live Failover, in the list either).
 */
export function withVmContext(operations: readonly Operation[], vm: Pick<VmContext, 'replicationBytes' | 'lastOperation'>): Operation[] {
  const last = vm.lastOperation;
  if (vm.replicationBytes.size === 0 && !last?.jobId) return [...operations];
  return operations.map((operation) => {
    let merged = operation;
    const bytes = operation.type === 'replication' && operation.jobId ? vm.replicationBytes.get(operation.jobId) : undefined;
    if (bytes) merged = { ...merged, ...bytes };
    if (last?.jobId && last.jobId === operation.jobId) {
      merged = {
        ...merged,
        severity: merged.severity ?? last.severity,
        stepsCompleted: merged.stepsCompleted ?? last.stepsCompleted,
        stepsTotal: merged.stepsTotal ?? last.stepsTotal,
        failedStep: merged.failedStep ?? last.failedStep,
      };
    }
    return merged;
  });
}

function isOperation(value: unknown): value is Operation {
  return typeof value === 'object' && value !== null && 'origin' in value && 'technical' in value && 'actionableSteps' in value;
}

/**
 * A job handed to an element by a host: an `Operation` already, or a raw recent-jobs item or
 * last-operation summary. Anything else gives `undefined`.
 */
export function normalizeJobInput(value: unknown): Normalized<Operation | undefined> {
  if (isOperation(value)) return { data: value, issues: [] };
  if (typeof value !== 'object' || value === null) return { data: undefined, issues: [] };
  const guard = new Guard('job-property');
  if ('job_type' in value || 'display_name' in value || 'data_source' in value) {
    const job = unifiedJobSchema.safeParse(value);
    return { data: job.success ? unifiedJobToOperation(job.data, guard) : undefined, issues: guard.issues };
  }
  const summary = operationSummarySchema.safeParse(value);
  return { data: summary.success ? summaryToOperation(summary.data, guard) : undefined, issues: guard.issues };
}

/**
 * Raw OMA JSON → the internal `Operation` model. The zod/mini schemas check each response's shape;
 * the optional fields (which the server omits and mistypes) are read defensively here. Items that
 * cannot be shown are dropped with a report, and every user-facing string runs through the leak guard.
 */
import type { ZodMiniType } from 'zod/mini';
import { OmaError } from './errors.js';
import {
  failoverStatusSchema,
  operationSummarySchema,
  recentJobsResponseSchema,
  replicationHistoryItemSchema,
  unifiedJobSchema,
  vmContextResponseSchema,
} from './schemas.js';
import { friendlyStepName, redactTechnicalTerms, type LeakFinding } from '../model/guard/redact-technical-terms.js';
import {
  ERROR_CATEGORIES,
  KNOWN_STATUSES,
  OPERATION_TYPES,
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

type Raw = Record<string, unknown>;
/** A data issue before the guard adds its resource. */
type Unplaced<T> = T extends unknown ? Omit<T, 'resource'> : never;
type GuardField = 'message' | 'step' | 'name' | 'action';

// ---- reading optional fields -------------------------------------------------------------------

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Trimmed, non-blank text or undefined. */
const asText = (value: unknown): string | undefined => asString(value)?.trim() || undefined;

/** An id the schema accepted: non-blank text or a number. */
const idText = (value: unknown): string => String(value).trim();

const isFiniteNumber = (value: unknown): value is number => Number.isFinite(value);

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Older servers send numbers as strings ("59.99"); anything else that is not a finite number is unknown. */
function asNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number.parseFloat(value) : value;
  return isFiniteNumber(number) ? number : undefined;
}

function nonNegativeInteger(raw: number | undefined): number | undefined {
  return isFiniteNumber(raw) && raw >= 0 ? Math.round(raw) : undefined;
}

const count = (value: unknown): number | undefined => nonNegativeInteger(asNumber(value));

/**
 * Validates `value`; on failure tells `fail` what is wrong (zod's issues as one line) and gives
 * undefined. One helper for whole responses (fail throws) and list items (fail reports).
 */
function validate<T>(schema: ZodMiniType<T>, value: unknown, fail: (detail: string) => void): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  fail(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
  return undefined;
}

/** A whole response that does not have the expected shape is an error, not a data issue. */
function validateResponse<T>(schema: ZodMiniType<T>, body: unknown): T {
  return validate(schema, body, (detail) => {
    throw new OmaError('bad-shape', { technicalDetail: detail });
  }) as T;
}

// ---- the leak guard ------------------------------------------------------------------------------

class Guard {
  readonly issues: DataIssue[] = [];
  constructor(private readonly resource: string) {}

  /** Leaks are reported under `field`; without one (internal step ids, technical by contract) they are expected. */
  text(raw: unknown, field: string | undefined, kind: GuardField, jobId?: string, category?: ErrorCategory): GuardedText | undefined {
    const trimmed = asText(raw);
    if (!trimmed) return undefined;
    const { text, fallback, leaks } = redactTechnicalTerms(trimmed, { field: kind, category });
    if (field && leaks.length > 0) this.report({ kind: 'technical-leak', field, jobId, leaks });
    if (!text) return undefined;
    return fallback ? { text, fallback } : { text };
  }

  /** Steps may arrive as internal ids; the friendly table wins before the generic guard. */
  step(raw: unknown, field?: string, jobId?: string): GuardedText | undefined {
    const friendly = friendlyStepName(asString(raw) ?? '');
    return friendly ? { text: friendly } : this.text(raw, field, 'step', jobId);
  }

  report(issue: Unplaced<DataIssue>): void {
    this.issues.push({ ...issue, resource: this.resource });
  }

  /** Checks each item of a list (anything else counts as empty); a bad item is dropped and reported with its index. */
  each<T>(list: unknown, schema: ZodMiniType<T>, use: (item: T, index: number) => void): void {
    asList(list).forEach((item, index) => {
      const parsed = validate(schema, item, (detail) => this.report({ kind: 'invalid-item', index, detail }));
      if (parsed) use(parsed, index);
    });
  }
}

// ---- single fields -------------------------------------------------------------------------------

/** Names older summaries use for the operation type. */
const LEGACY_TYPES = new Map<string, OperationType>([
  ['test', 'test_failover'],
  ['live', 'live_failover'],
  ['cleanup', 'rollback'],
]);

/** `raw` trimmed and lower-cased, when that is one of `allowed`. */
function pick<T extends string>(allowed: readonly T[], raw: string | undefined): T | undefined {
  const word = raw?.trim().toLowerCase() as T;
  return allowed.includes(word) ? word : undefined;
}

export function normalizeOperationType(raw: string | undefined): OperationType {
  return pick(OPERATION_TYPES, raw) ?? LEGACY_TYPES.get(raw?.trim().toLowerCase() ?? '') ?? 'other';
}

export function normalizeStatus(raw: string | undefined): { status: OperationStatus; statusWord?: string } {
  const status = pick(KNOWN_STATUSES, raw);
  if (status) return { status };
  const statusWord = raw
    ?.trim()
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .replace(/(^|\s)\p{L}/gu, (letter) => letter.toUpperCase());
  return statusWord ? { status: 'other', statusWord } : { status: 'other' };
}

export function normalizeCategory(raw: string | undefined): ErrorCategory | undefined {
  return raw?.trim() ? (pick(ERROR_CATEGORIES, raw) ?? 'unknown') : undefined;
}

export function normalizeSeverity(raw: string | undefined): Severity | undefined {
  return pick(SEVERITIES, raw);
}

export function clampProgress(raw: number | undefined): number | undefined {
  return isFiniteNumber(raw) ? Math.min(100, Math.max(0, raw)) : undefined;
}

/** RFC 3339 with any offset; Go's zero time and unparsable text mean "unknown". */
export function parseServerTime(raw: string | undefined): Date | undefined {
  // Go sends up to nine fractional digits; Date.parse wants at most three.
  const date = new Date(raw?.trim().replace(/(\.\d{3})\d+/, '$1') ?? '');
  // An invalid date's year is NaN, so the comparison also rejects unparsable text.
  return date.getUTCFullYear() > 1 ? date : undefined;
}

/** The server omits 0 (older ones send it): then the times tell, if there are both. */
function durationOf(raw: unknown, startedAt?: Date, completedAt?: Date): number | undefined {
  const explicit = count(raw);
  if (explicit) return explicit;
  return startedAt && completedAt && completedAt >= startedAt
    ? Math.round((completedAt.getTime() - startedAt.getTime()) / 1000)
    : explicit;
}

// ---- operations ----------------------------------------------------------------------------------

/**
 * One builder for both sources: a recent-jobs item and a last-operation summary share most fields,
 * name two of them differently (`job_type`/`operation_type`, `started_at`/`timestamp`) and each
 * have a few of their own.
 */
function toOperation(raw: Raw, guard: Guard, origin: Operation['origin']): Operation {
  const fromSummary = origin === 'last-operation';
  // A recent-jobs item's id is required (the schema checked it); a summary's may be missing.
  const jobId = fromSummary ? asText(raw.job_id) : idText(raw.job_id);
  const rawJobType = asString(raw[fromSummary ? 'operation_type' : 'job_type']);
  const rawStatus = asString(raw.status);
  const category = normalizeCategory(asString(raw.error_category));
  const startedAt = parseServerTime(asString(raw[fromSummary ? 'timestamp' : 'started_at']));
  const completedAt = fromSummary ? undefined : parseServerTime(asString(raw.completed_at));
  const failedStepInternal = asString(raw.failed_step_internal);

  // Built before the shared fields so that leaks are reported in the fields' order.
  const own = fromSummary
    ? {
        failedStep: guard.step(raw.failed_step, 'failed_step', jobId) ?? guard.step(failedStepInternal),
        severity: normalizeSeverity(asString(raw.error_severity)),
        stepsCompleted: count(raw.steps_completed),
        stepsTotal: count(raw.steps_total) || undefined,
      }
    : {
        displayName: guard.text(raw.display_name, 'display_name', 'name', jobId),
        completedAt,
        currentStep: guard.step(raw.current_step, 'current_step', jobId),
      };
  const ownTechnical = fromSummary
    ? { failedStepInternal }
    : { currentStepRaw: asString(raw.current_step), dataSource: asString(raw.data_source) };

  return {
    key: jobId ?? `at:${asString(raw.timestamp) ?? ''}`,
    jobId,
    type: normalizeOperationType(rawJobType),
    ...normalizeStatus(rawStatus),
    progress: clampProgress(asNumber(raw.progress)),
    startedAt,
    durationSeconds: durationOf(raw.duration_seconds, startedAt, completedAt),
    ...own,
    errorMessage: guard.text(raw.error_message, 'error_message', 'message', jobId, category ?? 'unknown'),
    errorCategory: category,
    actionableSteps: asList(raw.actionable_steps)
      .filter((step) => typeof step === 'string')
      .flatMap((step, i) => guard.text(step, `actionable_steps[${i}]`, 'action', jobId, category) ?? []),
    origin,
    technical: {
      jobId,
      externalJobId: asString(raw.external_job_id),
      rawJobType,
      rawStatus,
      errorMessageRaw: asString(raw.error_message),
      ...ownTechnical,
    },
  };
}

/** Stable sort, newest first; unknown start times go last in their server order. */
export function sortNewestFirst(operations: readonly Operation[]): Operation[] {
  // Unknown counts as the oldest; two unknowns give NaN, i.e. 0, and the sort is stable.
  const time = (operation: Operation) => operation.startedAt?.getTime() ?? -Infinity;
  return [...operations].sort((a, b) => time(b) - time(a) || 0);
}

export function normalizeRecentJobs(body: unknown, contextId: string): Normalized<RecentJobs> {
  const envelope = validateResponse(recentJobsResponseSchema, body);
  const guard = new Guard(`recent-jobs:${contextId}`);
  const operations: Operation[] = [];
  guard.each(envelope.jobs, unifiedJobSchema, (job, index) => {
    const jobId = idText(job.job_id);
    if (operations.some((operation) => operation.jobId === jobId)) guard.report({ kind: 'invalid-item', index, detail: `duplicate job_id ${jobId}` });
    else operations.push(toOperation(job, guard, 'recent-jobs'));
  });
  return {
    data: { contextId: asText(envelope.context_id) ?? contextId, operations: sortNewestFirst(operations) },
    issues: guard.issues,
  };
}

export function normalizeVmContext(body: unknown, vmName: string): Normalized<VmContext> {
  const { context, last_operation: lastRaw, job_history: history } = validateResponse(vmContextResponseSchema, body);
  const guard = new Guard(`vm-context:${vmName}`);
  const invalidSummary = (detail: string) => guard.report({ kind: 'invalid-summary', detail });

  // Newer servers send `last_operation`; older ones only the same summary as a JSON string.
  let rawSummary = lastRaw;
  const legacy = asText(context.last_operation_summary);
  if (rawSummary == null && legacy) {
    try {
      rawSummary = JSON.parse(legacy);
    } catch {
      invalidSummary('context.last_operation_summary is not JSON');
    }
  }
  const summary = rawSummary == null ? undefined : validate(operationSummarySchema, rawSummary, invalidSummary);

  const lastOperation = summary && toOperation(summary, guard, 'last-operation');

  const replicationBytes = new Map<string, { bytesTransferred?: number; totalBytes?: number }>();
  guard.each(history, replicationHistoryItemSchema, (job) => {
    replicationBytes.set(idText(job.id), { bytesTransferred: count(job.bytes_transferred), totalBytes: count(job.total_bytes) });
  });

  return {
    data: {
      contextId: idText(context.context_id),
      vmName: asText(context.vm_name) ?? vmName,
      currentStatus: asString(context.current_status),
      lastOperation,
      replicationBytes,
    },
    issues: guard.issues,
  };
}

export function normalizeFailoverStatus(body: unknown, jobId: string): Normalized<FailoverStatus> {
  const status = validateResponse(failoverStatusSchema, body);
  // Object() makes null or mistyped details safe to read: every field of them is then missing.
  const details = Object(status.job_details) as Raw;
  return {
    data: {
      jobId: asText(status.job_id) ?? jobId,
      status: asString(status.status),
      progress: clampProgress(asNumber(status.progress)),
      stepsTotal: count(details.total_steps),
      stepsCompleted: count(details.completed_steps),
      stepsFailed: count(details.failed_steps),
      errorMessageRaw: asString(details.error_message),
      failedStepInternal: asString(details.failed_step),
      operation: asString(details.operation),
    },
    issues: [],
  };
}

/** What a last operation's row in the list may lack and only the VM's summary knows. */
const FROM_LAST_OPERATION = ['severity', 'stepsCompleted', 'stepsTotal', 'failedStep'] as const;

/**
 * Adds what only the VM context knows to the recent-jobs rows: replication bytes from the job
 * history, and for the row of the last operation its severity, step counts and failed step
 * (a critical failure must never offer Try Live Failover, in the list either).
 */
export function withVmContext(operations: readonly Operation[], vm: Pick<VmContext, 'replicationBytes' | 'lastOperation'>): Operation[] {
  const last = vm.lastOperation;
  return operations.map((operation) => {
    const bytes = operation.type === 'replication' && operation.jobId ? vm.replicationBytes.get(operation.jobId) : undefined;
    const isLast = !!last?.jobId && last.jobId === operation.jobId;
    if (!bytes && !isLast) return operation;
    const fromLast = isLast ? Object.fromEntries(FROM_LAST_OPERATION.map((key) => [key, operation[key] ?? last[key]])) : undefined;
    return { ...operation, ...bytes, ...fromLast };
  });
}

/**
 * A job handed to an element by a host: an `Operation` already, or a raw recent-jobs item or
 * last-operation summary. Anything else gives `undefined`.
 */
export function normalizeJobInput(value: unknown): Normalized<Operation | undefined> {
  if (typeof value !== 'object' || value === null) return { data: undefined, issues: [] };
  if ('origin' in value && 'technical' in value && 'actionableSteps' in value) return { data: value as Operation, issues: [] };
  const guard = new Guard('job-property');
  const isJob = 'job_type' in value || 'display_name' in value || 'data_source' in value;
  const raw = validate<Raw>(isJob ? unifiedJobSchema : operationSummarySchema, value, () => {});
  return { data: raw && toOperation(raw, guard, isJob ? 'recent-jobs' : 'last-operation'), issues: guard.issues };
}

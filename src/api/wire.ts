/**
 * The OMA's wire format, declared once: every field of the responses the widgets read, with the
 * quirks of docs/oma-contract.md expressed here rather than in the code that uses them.
 *
 * - A field the server may omit, send as `null`, or mistype reads as missing (`undefined`): a bad
 *   field never fails its item, and a bad item never fails its list.
 * - Numbers may arrive as strings ("59.99"); progress is clamped to 0–100; counts are whole and
 *   never negative; Go's zero time `0001-01-01T00:00:00Z` and unparsable times read as missing.
 * - Enum words (`status`, `job_type`, `error_category`, …) stay text here: unknown words are
 *   allowed, and the normalisers decide what they mean.
 * - `context.last_operation_summary` is the summary again as a JSON string: parsed here.
 *
 * Only the envelope decides whether a response is usable at all (see `parseWire`). The parsed
 * (output) types are what the normalisers read; the input types (`UnifiedJob`, `OperationSummary`,
 * …) are the wire types hosts and the mock OMA write.
 */
import { z } from 'zod/mini';
import { OmaError } from './errors.js';

// ---- single fields ----------------------------------------------------------------------------

/** `schema`, or missing: `null`, absence and a value `schema` rejects all read as `undefined`. */
function lenient<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.optional(schema), undefined);
}

/** Trimmed text; blank text counts as missing. */
const trimmedText = z.pipe(
  z.string(),
  z.transform((value) => value.trim() || undefined),
);

/** An id: non-blank text, or a number (some servers send those), as trimmed text. */
const idText = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value) => String(value).trim() || undefined),
);

/** A finite number, or a numeric string from an older server. */
const numberLike = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value) => {
    const number = typeof value === 'string' ? Number.parseFloat(value) : value;
    return Number.isFinite(number) ? number : undefined;
  }),
);

/** Progress 0–100: a float like 59.99 stays, out-of-range values are clamped. */
export function clampProgress(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : Math.min(100, Math.max(0, value));
}

/** A whole, non-negative number (counts, seconds, bytes). */
function nonNegativeWhole(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 ? Math.round(value) : undefined;
}

/** RFC 3339 with any offset; Go's zero time and unparsable text mean "unknown". */
export function parseServerTime(raw: string | undefined): Date | undefined {
  // Go sends up to nine fractional digits; Date.parse wants at most three.
  const date = new Date(raw?.trim().replace(/(\.\d{3})\d+/, '$1') ?? '');
  // An invalid date's year is NaN, so the comparison also rejects unparsable text.
  return date.getUTCFullYear() > 1 ? date : undefined;
}

/** An id a record cannot do without: blank counts as missing, and missing fails the record. */
const requiredId = z.pipe(idText, z.string());

const text = lenient(trimmedText);
const optionalId = lenient(idText);
const progress = lenient(z.pipe(numberLike, z.transform(clampProgress)));
const count = lenient(z.pipe(numberLike, z.transform(nonNegativeWhole)));
const time = lenient(z.pipe(z.string(), z.transform((value: string) => parseServerTime(value))));

/** A list of plain sentences: only its non-blank strings count; `null`, absence or anything but a list is empty. */
const sentences = z.pipe(
  lenient(z.nullable(z.array(z.unknown()))),
  z.transform((items) => (items ?? []).flatMap((item) => (typeof item === 'string' && item.trim() ? [item.trim()] : []))),
);

/**
 * An item of a list, or `null` in its place when it cannot be read at all, so the normaliser can
 * report it by index and keep the rest. (The `null` is only an output: the wire type stays the item's.)
 */
function orNull<T extends z.ZodMiniType>(item: T) {
  return z.catch(z.union([item, z.custom<null, never>(() => false)]), null);
}

/** A list whose items are checked one by one; `null` (Go's empty slice), absence or a non-list is empty. */
function itemsOf<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    lenient(z.nullable(z.array(orNull(item)))),
    z.transform((items) => items ?? []),
  );
}

// ---- 1. recent jobs ---------------------------------------------------------------------------

/** One item of `GET /vm-contexts/{context_id}/recent-jobs`. Only an object is required. */
export const unifiedJobSchema = z.looseObject({
  job_id: optionalId,
  external_job_id: text,
  job_type: text,
  status: text,
  progress,
  started_at: time,
  completed_at: time,
  display_name: text,
  current_step: text,
  error_message: text,
  error_category: text,
  actionable_steps: sentences,
  data_source: text,
  duration_seconds: count,
});

/** `jobs` is `null`, not `[]`, when there are none (Go's empty slice), and may be missing. */
export const recentJobsResponseSchema = z.looseObject({
  context_id: text,
  count,
  jobs: z.optional(z.nullable(z.array(orNull(unifiedJobSchema)))),
});

// ---- 2. the VM context ------------------------------------------------------------------------

/** `last_operation` (and the JSON in `context.last_operation_summary`): any field may be missing. */
export const operationSummarySchema = z.looseObject({
  job_id: optionalId,
  external_job_id: text,
  operation_type: text,
  status: text,
  progress,
  failed_step: text,
  failed_step_internal: text,
  error_message: text,
  error_category: text,
  error_severity: text,
  actionable_steps: sentences,
  timestamp: time,
  duration_seconds: count,
  steps_completed: count,
  steps_total: count,
});

/** What a summary becomes when it is there but cannot be read: reported, and shown as no last operation. */
export interface UnreadableSummary {
  unreadable: string;
}

/** Catches a summary that is present but unreadable as an `UnreadableSummary` naming the problem. */
function readableSummary<T extends z.ZodMiniType>(schema: T) {
  // Only an output: the wire type stays the summary's.
  const marker = z.custom<UnreadableSummary, never>(() => false);
  return z.catch(z.union([schema, marker]), (context) => ({ unreadable: describeIssues(context.issues) }));
}

/**
 * The summary sent again as a raw JSON string, parsed, then read like `last_operation`. Blank text
 * and JSON `null` mean "no summary"; text that is not JSON is unreadable.
 */
const summaryJson = z.pipe(
  z.string(),
  z.transform((value, context) => {
    if (value.trim() === '') return null;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.issues.push({ code: 'custom', message: 'last_operation_summary is not JSON', input: value });
      return z.NEVER;
    }
  }),
);

const vmContextSchema = z.looseObject({
  context_id: requiredId,
  vm_name: text,
  vmware_vm_id: text,
  /** An inventory path: never shown, not even to admins. */
  vm_path: text,
  current_status: text,
  last_operation_summary: z.optional(
    z.union([z.null(), readableSummary(z.pipe(summaryJson, z.nullable(operationSummarySchema)))]),
  ),
  created_at: time,
  updated_at: time,
});

/** A replication job in `job_history`: enough to say "26.4 GB transferred". */
export const replicationHistoryItemSchema = z.looseObject({
  id: requiredId,
  status: text,
  replication_type: text,
  bytes_transferred: count,
  total_bytes: count,
  progress_percent: progress,
  created_at: time,
});

/** `GET /vm-contexts/{vm_name}`. `last_operation` is omitted when there is none, and by older servers. */
export const vmContextResponseSchema = z.looseObject({
  context: vmContextSchema,
  current_job: lenient(z.nullable(replicationHistoryItemSchema)),
  job_history: itemsOf(replicationHistoryItemSchema),
  disks: z.optional(z.unknown()),
  cbt_history: z.optional(z.unknown()),
  last_operation: z.optional(z.union([z.null(), readableSummary(operationSummarySchema)])),
});

// ---- 2b. the VM list --------------------------------------------------------------------------

/** `GET /vm-contexts`: every VM's context (no `last_operation` object, no history). */
export const vmContextsResponseSchema = z.looseObject({
  vm_contexts: z.optional(z.nullable(z.array(orNull(vmContextSchema)))),
  count,
});

// ---- 3. failover status -----------------------------------------------------------------------

/** `GET /failover/{job_id}/status` (admin details only). `job_details.error_message` is raw. */
export const failoverStatusSchema = z.looseObject({
  success: z.optional(z.unknown()),
  job_id: text,
  status: text,
  progress,
  start_time: time,
  duration: text,
  job_details: z.catch(
    z.optional(
      z.looseObject({
        total_steps: count,
        completed_steps: count,
        failed_steps: count,
        error_message: text,
        failed_step: text,
        operation: text,
        vm_name: text,
        external_job_id: text,
      }),
    ),
    undefined,
  ),
});

/** The OMA's error body (400, 401, 404, 500). Its `error` is for logs only. */
export const errorBodySchema = z.looseObject({ error: z.string(), timestamp: z.optional(z.string()) });

// ---- types ------------------------------------------------------------------------------------

/** A recent-jobs item as the server sends it (what a host may hand to `<mk-job-error-modal>`). */
export type UnifiedJob = z.input<typeof unifiedJobSchema>;
export type RecentJobsResponse = z.input<typeof recentJobsResponseSchema>;
/** A last-operation summary as the server sends it. */
export type OperationSummary = z.input<typeof operationSummarySchema>;
export type VmContextResponse = z.input<typeof vmContextResponseSchema>;
export type VmContextWire = z.input<typeof vmContextSchema>;
export type ReplicationHistoryItem = z.input<typeof replicationHistoryItemSchema>;
export type VmContextsResponse = z.input<typeof vmContextsResponseSchema>;
export type FailoverStatusResponse = z.input<typeof failoverStatusSchema>;
export type ErrorBody = z.input<typeof errorBodySchema>;

/** The same, as read: quirks resolved, bad fields missing. What the normalisers take. */
export type ParsedUnifiedJob = z.output<typeof unifiedJobSchema>;
export type ParsedRecentJobs = z.output<typeof recentJobsResponseSchema>;
export type ParsedOperationSummary = z.output<typeof operationSummarySchema>;
export type ParsedVmContext = z.output<typeof vmContextResponseSchema>;
export type ParsedVmContextEntry = z.output<typeof vmContextSchema>;
export type ParsedVmContexts = z.output<typeof vmContextsResponseSchema>;
export type ParsedFailoverStatus = z.output<typeof failoverStatusSchema>;

// ---- parsing ----------------------------------------------------------------------------------

/** zod's issues as one line for logs: "jobs: expected array; context.context_id: …". */
function describeIssues(issues: readonly { path?: readonly PropertyKey[]; message?: string }[]): string {
  return issues.map((issue) => `${issue.path?.map(String).join('.') || '(root)'}: ${issue.message ?? 'invalid'}`).join('; ');
}

/** A whole response whose envelope is not the expected one is a `bad-shape` error, not data. */
export function parseWire<T extends z.ZodMiniType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw new OmaError('bad-shape', { technicalDetail: describeIssues(result.error.issues) });
  return result.data;
}

/**
 * zod/mini schemas for the OMA responses, written to survive the real server: every field that
 * the server may omit or mistype is optional and falls back to `undefined` instead of failing the
 * whole item. Only what we cannot do without (an item's status, a context id) is required.
 */
import { z } from 'zod/mini';

const looseString = z.catch(z.optional(z.string()), undefined);
/** Numbers sometimes arrive as strings from older servers ("59.99"). */
const looseNumber = z.catch(
  z.optional(
    z.pipe(
      z.union([z.number(), z.string()]),
      z.transform((value) => (typeof value === 'number' ? value : Number.parseFloat(value))),
    ),
  ),
  undefined,
);
/** Lists of plain sentences; non-string entries are dropped, a non-list becomes empty. */
const looseStringList = z.catch(
  z.optional(
    z.pipe(
      z.nullable(z.array(z.unknown())),
      z.transform((items) => (items ?? []).filter((item): item is string => typeof item === 'string')),
    ),
  ),
  undefined,
);
const requiredText = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value) => String(value).trim()),
).check(z.minLength(1));

export const unifiedJobSchema = z.looseObject({
  job_id: requiredText,
  external_job_id: looseString,
  job_type: looseString,
  status: z.string(),
  progress: looseNumber,
  started_at: looseString,
  completed_at: looseString,
  display_name: looseString,
  current_step: looseString,
  error_message: looseString,
  error_category: looseString,
  actionable_steps: looseStringList,
  data_source: looseString,
  duration_seconds: looseNumber,
});
export type RawUnifiedJob = z.infer<typeof unifiedJobSchema>;

export const recentJobsResponseSchema = z.looseObject({
  context_id: looseString,
  count: looseNumber,
  /** The Go server marshals an empty slice as `null`. */
  jobs: z.optional(z.nullable(z.array(z.unknown()))),
});

export const operationSummarySchema = z.looseObject({
  job_id: looseString,
  external_job_id: looseString,
  operation_type: looseString,
  status: looseString,
  progress: looseNumber,
  failed_step: looseString,
  failed_step_internal: looseString,
  error_message: looseString,
  error_category: looseString,
  error_severity: looseString,
  actionable_steps: looseStringList,
  timestamp: looseString,
  duration_seconds: looseNumber,
  steps_completed: looseNumber,
  steps_total: looseNumber,
});
export type RawOperationSummary = z.infer<typeof operationSummarySchema>;

export const replicationHistoryItemSchema = z.looseObject({
  id: requiredText,
  status: looseString,
  bytes_transferred: looseNumber,
  total_bytes: looseNumber,
  replication_type: looseString,
});

export const vmContextResponseSchema = z.looseObject({
  context: z.looseObject({
    context_id: requiredText,
    vm_name: looseString,
    current_status: looseString,
    last_operation_summary: z.catch(z.optional(z.nullable(z.string())), undefined),
  }),
  last_operation: z.optional(z.nullable(z.unknown())),
  job_history: z.catch(z.optional(z.nullable(z.array(z.unknown()))), undefined),
});

export const failoverStatusSchema = z.looseObject({
  success: z.catch(z.optional(z.boolean()), undefined),
  job_id: looseString,
  status: looseString,
  progress: looseNumber,
  job_details: z.catch(
    z.optional(
      z.nullable(
        z.looseObject({
          total_steps: looseNumber,
          completed_steps: looseNumber,
          failed_steps: looseNumber,
          error_message: looseString,
          operation: looseString,
          failed_step: looseString,
        }),
      ),
    ),
    undefined,
  ),
});

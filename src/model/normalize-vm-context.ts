/** A VM context as read from the wire (src/api/wire.ts) → `VmContext<string>` with its last operation. */
import type { ParsedOperationSummary, ParsedVmContext, ParsedVmContextEntry, ParsedVmContexts, UnreadableSummary } from '../api/wire.js';
import type { IssueLog } from './data-issue.js';
import type { Operation, VmContext } from './operation.js';
import { durationOf, normalizeCategory, normalizeOperationType, normalizeSeverity, normalizeStatus } from './normalize-words.js';
import { friendlyStepName } from './guard/redact-technical-terms.js';

/** A last-operation summary. Any field may be missing; without a job id it is keyed by its time. */
export function operationFromSummary(summary: ParsedOperationSummary): Operation<string> {
  const { job_id: jobId, timestamp: startedAt } = summary;
  return {
    key: jobId ?? `at:${startedAt?.toISOString() ?? ''}`,
    jobId,
    type: normalizeOperationType(summary.operation_type),
    ...normalizeStatus(summary.status),
    progress: summary.progress,
    startedAt,
    durationSeconds: durationOf(summary.duration_seconds, startedAt),
    // The internal step id stands in, by its friendly name only, when the friendly one is missing.
    failedStep: summary.failed_step ?? friendlyStepName(summary.failed_step_internal ?? ''),
    errorMessage: summary.error_message,
    errorCategory: normalizeCategory(summary.error_category),
    severity: normalizeSeverity(summary.error_severity),
    actionableSteps: summary.actionable_steps,
    stepsCompleted: summary.steps_completed,
    // A total of 0 steps says nothing.
    stepsTotal: summary.steps_total || undefined,
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

type SummaryField = ParsedOperationSummary | UnreadableSummary | null | undefined;

/** A summary field as an operation; an unreadable one is reported and counts as none. */
function lastOperationFrom(summary: SummaryField, log: IssueLog): Operation<string> | undefined {
  if (!summary) return undefined;
  if ('unreadable' in summary && typeof summary.unreadable === 'string') {
    log.invalidSummary(summary.unreadable);
    return undefined;
  }
  return operationFromSummary(summary as ParsedOperationSummary);
}

/** The parts of a context every source has (the per-VM call and the VM list). */
function vmFromContext(
  context: ParsedVmContextEntry,
  askedVmName: string,
  lastOperation: SummaryField,
  log: IssueLog,
): Omit<VmContext<string>, 'replicationBytes'> {
  return {
    contextId: context.context_id,
    vmName: context.vm_name ?? askedVmName,
    currentStatus: context.current_status,
    // Newer servers send `last_operation`; older ones only the same summary as a JSON string.
    lastOperation: lastOperationFrom(lastOperation ?? context.last_operation_summary, log),
  };
}

export function normalizeVmContext(wire: ParsedVmContext, askedVmName: string, log: IssueLog): VmContext<string> {
  const replicationBytes = new Map<string, { bytesTransferred?: number; totalBytes?: number }>();
  wire.job_history.forEach((job, index) => {
    if (!job) return log.invalidItem(index, 'not a replication job with an id');
    replicationBytes.set(job.id, { bytesTransferred: job.bytes_transferred, totalBytes: job.total_bytes });
  });
  return { ...vmFromContext(wire.context, askedVmName, wire.last_operation, log), replicationBytes };
}

/** `GET /vm-contexts` (the VM list): each entry as a VM without job history; an entry that is not a context is reported. */
export function normalizeVmContexts(wire: ParsedVmContexts, log: IssueLog): Omit<VmContext<string>, 'replicationBytes'>[] {
  const vms: Omit<VmContext<string>, 'replicationBytes'>[] = [];
  (wire.vm_contexts ?? []).forEach((entry, index) => {
    if (!entry) return log.invalidItem(index, 'not a VM context with a context_id');
    // The list has no `last_operation` object: only the summary string.
    vms.push(vmFromContext(entry, entry.vm_name ?? '', undefined, log));
  });
  return vms;
}

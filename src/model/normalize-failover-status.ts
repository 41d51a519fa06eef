/** The failover status endpoint as read from the wire → `FailoverStatus` (admin details and step counts). */
import type { ParsedFailoverStatus } from '../api/wire.js';
import type { FailoverStatus } from './operation.js';

export function normalizeFailoverStatus(wire: ParsedFailoverStatus, askedJobId: string): FailoverStatus {
  const details = wire.job_details;
  return {
    jobId: wire.job_id ?? askedJobId,
    status: wire.status,
    progress: wire.progress,
    stepsTotal: details?.total_steps,
    stepsCompleted: details?.completed_steps,
    stepsFailed: details?.failed_steps,
    errorMessageRaw: details?.error_message,
    failedStepInternal: details?.failed_step,
    operation: details?.operation,
  };
}

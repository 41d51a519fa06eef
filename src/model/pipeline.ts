/**
 * One response from body to model, in the order the folders show it: validate (src/api/wire.ts) →
 * normalise (normalize-*.ts) → guard (guard/). The client runs these on every new body and caches
 * the result; host-fed data takes the same path. Elements never see raw JSON.
 */
import {
  failoverStatusSchema,
  operationSummarySchema,
  parseWire,
  recentJobsResponseSchema,
  unifiedJobSchema,
  vmContextResponseSchema,
  vmContextsResponseSchema,
  type OperationSummary,
  type UnifiedJob,
} from '../api/wire.js';
import { IssueLog, type Normalized } from './data-issue.js';
import { isGuarded, type FailoverStatus, type Operation, type RecentJobs, type VmContext, type VmContexts } from './operation.js';
import { normalizeRecentJobs, operationFromUnifiedJob } from './normalize-recent-jobs.js';
import { normalizeVmContext, normalizeVmContexts, operationFromSummary } from './normalize-vm-context.js';
import { normalizeFailoverStatus } from './normalize-failover-status.js';
import { guardOperation, guardRecentJobs, guardVmContext } from './guard/guard-operation.js';

export type { DataIssue, Normalized } from './data-issue.js';

/** `GET …/recent-jobs` body → the VM's operations, newest first. */
export function readRecentJobs(body: unknown, contextId: string): Normalized<RecentJobs> {
  const log = new IssueLog(`recent-jobs:${contextId}`);
  const data = guardRecentJobs(normalizeRecentJobs(parseWire(recentJobsResponseSchema, body), contextId, log), log);
  return { data, issues: log.issues };
}

/** `GET /vm-contexts/{vm_name}` body → the VM with its last operation and replication bytes. */
export function readVmContext(body: unknown, vmName: string): Normalized<VmContext> {
  const log = new IssueLog(`vm-context:${vmName}`);
  const data = guardVmContext(normalizeVmContext(parseWire(vmContextResponseSchema, body), vmName, log), log);
  if (!data.vmName.text) data.vmName = { text: vmName };
  return { data, issues: log.issues };
}

/** `GET /vm-contexts` body → every VM's state and last operation, by name. */
export function readVmContexts(body: unknown): Normalized<VmContexts> {
  const log = new IssueLog('vm-contexts');
  const raw = normalizeVmContexts(parseWire(vmContextsResponseSchema, body), log);
  const vms = raw.map((vm) => guardVmContext(vm, log));
  // Keyed by the name as the server spells it, which is what a host writes in `vm-name`.
  return { data: { vms, byName: new Map(raw.map((vm, index) => [vm.vmName, vms[index]!])) }, issues: log.issues };
}

/** `GET /failover/{job_id}/status` body → step counts and the raw error (admin only; nothing is shown unguarded). */
export function readFailoverStatus(body: unknown, jobId: string): Normalized<FailoverStatus> {
  return { data: normalizeFailoverStatus(parseWire(failoverStatusSchema, body), jobId), issues: [] };
}

/** What a host may hand to an element as one job. */
export type JobInput = Operation | UnifiedJob | OperationSummary;

/**
 * A job handed over by a host or another element: an `Operation` that passed the guard is used as
 * it is; a recent-jobs item (it names a `job_type`, `display_name` or `data_source`) or a last-operation
 * summary goes through validation, normalisation and the guard like fetched data. Anything else is none.
 */
export function readJob(value: JobInput | null | undefined): Normalized<Operation | undefined> {
  if (typeof value !== 'object' || value === null) return { data: undefined, issues: [] };
  if (isGuarded(value)) return { data: value, issues: [] };
  const log = new IssueLog('job-property');
  const isUnifiedJob = 'job_type' in value || 'display_name' in value || 'data_source' in value;
  const raw = isUnifiedJob
    ? operationFromUnifiedJob(unifiedJobSchema.parse(value), 0)
    : operationFromSummary(operationSummarySchema.parse(value));
  return { data: guardOperation(raw, log), issues: log.issues };
}

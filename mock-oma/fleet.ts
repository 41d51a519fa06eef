/**
 * A generated fleet for the VM-status demo and the benchmark: `GET /vm-contexts?fleet=500` lists
 * VMs `fleet-0001` … `fleet-0500` in mixed states and last-operation outcomes. Each VM's state is
 * a function of its number only, so every call (and every size of fleet) gives the same VMs, and
 * each fleet VM answers the per-VM routes too.
 *
 * Raw server JSON, like fixtures.ts. Pure data: no Node or DOM APIs.
 */
import {
  contextIdFor,
  rfc3339,
  type RawOperationSummary,
  type RawRecentJobsResponse,
  type RawUnifiedJob,
  type RawVmContext,
  type RawVmContextResponse,
} from './fixtures.js';

/** The largest fleet the mock makes (and the highest VM number that answers). */
export const FLEET_MAX = 10_000;

const MINUTE = 60_000;

/** `fleet-0001` for index 0. */
export function fleetVmName(index: number): string {
  return `fleet-${String(index + 1).padStart(4, '0')}`;
}

/** The index of the fleet VM named `vmName` (`fleet-0001` → 0), or undefined when it is none. */
export function fleetIndexOfVm(vmName: string): number | undefined {
  const match = /^fleet-(\d{4,5})$/.exec(vmName);
  if (!match) return undefined;
  const index = Number(match[1]) - 1;
  return index >= 0 && index < FLEET_MAX && fleetVmName(index) === vmName ? index : undefined;
}

/** The index of the fleet VM whose context id is `contextId`, or undefined when it is none. */
export function fleetIndexOfContext(contextId: string): number | undefined {
  const vmName = /^ctx-(fleet-\d{4,5})-/.exec(contextId)?.[1];
  return vmName && contextIdFor(vmName) === contextId ? fleetIndexOfVm(vmName) : undefined;
}

/** One kind of VM in the fleet: its status and, if any, its last operation. */
interface FleetOutcome {
  status: string;
  operation?: { type: string; status: string; progress: number; severity?: string; steps?: [number, number] };
  /** How often it occurs, out of the sum of all weights. */
  weight: number;
}

const OUTCOMES: FleetOutcome[] = [
  { status: 'discovered', weight: 8 },
  { status: 'replicating', operation: { type: 'replication', status: 'running', progress: 42 }, weight: 14 },
  { status: 'ready_for_failover', operation: { type: 'replication', status: 'completed', progress: 100 }, weight: 30 },
  { status: 'failed_over_test', operation: { type: 'test_failover', status: 'completed', progress: 100, steps: [5, 5] }, weight: 10 },
  { status: 'failed', operation: { type: 'test_failover', status: 'failed', progress: 60, severity: 'error', steps: [3, 5] }, weight: 9 },
  { status: 'failed', operation: { type: 'live_failover', status: 'failed', progress: 40, severity: 'critical', steps: [2, 5] }, weight: 3 },
  { status: 'failed', operation: { type: 'replication', status: 'failed', progress: 17, severity: 'warning' }, weight: 4 },
  { status: 'failed_over_live', operation: { type: 'live_failover', status: 'completed', progress: 100, steps: [5, 5] }, weight: 6 },
  { status: 'completed', operation: { type: 'live_failover', status: 'completed', progress: 100, steps: [5, 5] }, weight: 6 },
  { status: 'ready_for_failover', operation: { type: 'rollback', status: 'completed', progress: 100, steps: [3, 3] }, weight: 5 },
  { status: 'cleanup_required', operation: { type: 'rollback', status: 'failed', progress: 33, severity: 'warning', steps: [1, 3] }, weight: 3 },
  { status: 'failed_over_test', operation: { type: 'test_failover', status: 'running', progress: 80, steps: [4, 5] }, weight: 2 },
];
const TOTAL_WEIGHT = OUTCOMES.reduce((sum, outcome) => sum + outcome.weight, 0);

const DISPLAY_NAMES: Record<string, string> = {
  replication: 'Incremental Replication',
  test_failover: 'Test Failover',
  live_failover: 'Live Failover',
  rollback: 'Rollback',
};

const FAILURES: Record<string, { step: string; message: string; category: string; steps: string[] }> = {
  test_failover: {
    step: 'Preparing Drivers for Compatibility',
    message: 'KVM driver installation failed - compatibility issue',
    category: 'compatibility',
    steps: ['Try live failover (no driver modification)', 'Verify VM is Windows-based'],
  },
  live_failover: {
    step: 'Attaching Storage Volumes',
    message: 'Volume attachment failed - storage volume is busy',
    category: 'storage',
    steps: ['Do not attempt further operations on this VM', 'Contact your administrator'],
  },
  replication: {
    step: 'Transferring Data',
    message: 'Lost connection to the source host during the transfer',
    category: 'network',
    steps: ['Check the connection to vCenter', 'Retry the replication'],
  },
  rollback: {
    step: 'Removing Test VM',
    message: 'Cleanup could not remove the test VM',
    category: 'platform',
    steps: ['Retry cleanup from the VM page', 'Remove the test VM manually if it still exists'],
  },
};

/** A stable number in [0, 1) per VM index and purpose (no Math.random: the fleet is the same every time). */
function unit(index: number, salt: number): number {
  let hash = Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 16), 0x7feb352d);
  hash = Math.imul(hash ^ (hash >>> 15), 0x846ca68b);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

function outcomeOf(index: number): FleetOutcome {
  let pick = unit(index, 1) * TOTAL_WEIGHT;
  for (const outcome of OUTCOMES) {
    pick -= outcome.weight;
    if (pick < 0) return outcome;
  }
  return OUTCOMES[0] as FleetOutcome;
}

interface FleetVm {
  context: RawVmContext;
  lastOperation?: RawOperationSummary;
  job?: RawUnifiedJob;
}

function fleetVm(index: number, now: Date): FleetVm {
  const vmName = fleetVmName(index);
  const outcome = outcomeOf(index);
  // From one minute to three days ago, at whole minutes.
  const minutesAgo = 1 + Math.floor(unit(index, 2) * 3 * 24 * 60);
  const startedAt = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - minutesAgo * MINUTE);
  const durationSeconds = 20 + Math.floor(unit(index, 3) * 3600);
  const finished = outcome.operation?.status !== 'running';
  const finishedAt = new Date(startedAt.getTime() + durationSeconds * 1000);
  const jobId = `fleet-job-${String(index + 1).padStart(5, '0')}`;

  let lastOperation: RawOperationSummary | undefined;
  let job: RawUnifiedJob | undefined;
  const operation = outcome.operation;
  if (operation) {
    const failure = operation.status === 'failed' ? FAILURES[operation.type] : undefined;
    lastOperation = {
      job_id: jobId,
      operation_type: operation.type,
      status: operation.status,
      progress: operation.progress,
      ...(failure && {
        failed_step: failure.step,
        error_message: failure.message,
        error_category: failure.category,
        error_severity: operation.severity,
        actionable_steps: failure.steps,
      }),
      timestamp: rfc3339(finished ? finishedAt : startedAt),
      ...(finished && { duration_seconds: durationSeconds }),
      ...(operation.steps && { steps_completed: operation.steps[0], steps_total: operation.steps[1] }),
    };
    const replication = operation.type === 'replication';
    job = {
      job_id: jobId,
      job_type: operation.type,
      status: operation.status,
      progress: operation.progress,
      started_at: rfc3339(startedAt),
      ...(finished && { completed_at: rfc3339(finishedAt), duration_seconds: durationSeconds }),
      display_name: replication && operation.status === 'completed' ? 'Replication Completed' : (DISPLAY_NAMES[operation.type] ?? 'Operation'),
      ...(failure && {
        current_step: failure.step,
        error_message: failure.message,
        error_category: failure.category,
        actionable_steps: failure.steps,
      }),
      data_source: replication ? 'replication_jobs' : 'job_tracking',
    };
  }

  const context: RawVmContext = {
    context_id: contextIdFor(vmName),
    vm_name: vmName,
    vmware_vm_id: `420570c7-f61f-a930-77c5-${String(index + 1).padStart(12, '0')}`,
    vm_path: `/DatabanxDC/vm/fleet/${vmName}`,
    vcenter_host: 'quad-vcenter-01.quadris.local',
    datacenter: 'DatabanxDC',
    current_status: outcome.status,
    last_operation_summary: lastOperation ? JSON.stringify(lastOperation) : null,
    created_at: rfc3339(new Date(startedAt.getTime() - 9 * 24 * 60 * MINUTE)),
    updated_at: rfc3339(finished ? finishedAt : startedAt),
  };
  return { context, ...(lastOperation && { lastOperation }), ...(job && { job }) };
}

/** The contexts of the first `size` fleet VMs, as `GET /vm-contexts` lists them (without groups). */
export function fleetContexts(size: number, now: Date): RawVmContext[] {
  return Array.from({ length: Math.min(size, FLEET_MAX) }, (_, index) => fleetVm(index, now).context);
}

/** `GET /vm-contexts/{vm_name}` for a fleet VM. */
export function fleetVmContext(index: number, now: Date): RawVmContextResponse {
  const { context, lastOperation } = fleetVm(index, now);
  return {
    context,
    job_history: null,
    disks: [],
    cbt_history: [],
    ...(lastOperation && { last_operation: lastOperation }),
  };
}

/** `GET /vm-contexts/{context_id}/recent-jobs` for a fleet VM: its last operation, if any. */
export function fleetRecentJobs(index: number, now: Date): RawRecentJobsResponse {
  const { context, job } = fleetVm(index, now);
  return { context_id: String(context.context_id), count: job ? 1 : 0, jobs: job ? [job] : null };
}

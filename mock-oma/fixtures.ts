/**
 * Mock OMA fixtures: the one source of truth for unit tests, Storybook (MSW) and the demo server.
 *
 * Everything here is RAW server JSON, shaped exactly as oma-contract.md describes it (snake_case,
 * quirks included). Nothing is normalised or sanitised: that is the widgets' job.
 *
 * Every builder is a function of `now` (the reference "present" of the scenario), so relative
 * times read right: pgtest1's failed test failover started 3 minutes before `now`. The progressing
 * scenario (web01) also takes `elapsedMs`, the time since its replication started at `now`.
 *
 * The handler passes its `epoch` (start time) as `now` and `clock() - epoch` as `elapsedMs`, so the
 * bodies stay byte-identical between polls while relative times age naturally.
 *
 * Pure data: no Node or DOM APIs.
 */

// ---- raw shapes ------------------------------------------------------------------------------

// The wire types are declared once, by the widgets' schemas (src/api/wire.ts): the mock writes what
// those accept. The parts the widgets never read (disks, CBT history) are typed here.
import type {
  FailoverStatusResponse,
  OperationSummary,
  RecentJobsResponse,
  ReplicationHistoryItem,
  UnifiedJob,
  VmContextResponse,
  VmContextWire,
} from '../src/api/wire.js';

export type RawUnifiedJob = UnifiedJob;
export type RawRecentJobsResponse = RecentJobsResponse;
export type RawOperationSummary = OperationSummary;
export type RawVmContext = VmContextWire;
export type RawReplicationHistoryItem = ReplicationHistoryItem;
export type RawVmContextResponse = VmContextResponse;
export type RawFailoverStatus = FailoverStatusResponse;

/** A disk of the VM context (the widgets never read it). */
export interface RawDisk {
  disk_id: string;
  vmware_disk_key: number;
  size_gb: number;
  unit_number: number;
  provisioning_type: string;
  disk_change_id: string;
}

/** A CBT sync of the VM context (the widgets never read it). */
export interface RawCbtHistoryItem {
  job_id: string;
  disk_id: string;
  change_id: string;
  previous_change_id: string | null;
  sync_type: string;
  blocks_changed: number;
  bytes_transferred: number;
  sync_duration_seconds: number;
  sync_success: boolean;
  created_at: string;
}

/** Error body of every non-2xx JSON answer. */
export interface RawErrorBody {
  error: string;
  timestamp: string;
}

/** A canned reply that replaces the data of a route (error scenarios). */
export interface RawHttpReply {
  status: number;
  contentType: string;
  body: string;
}

export type ScenarioRoute = 'vm-context' | 'recent-jobs';

export interface Scenario {
  name: string;
  /** One line for Storybook/demo pickers. */
  description: string;
  vmName: string;
  contextId: string;
  /** Body of `GET /vm-contexts/{vm_name}`. */
  vmContext?: (now: Date, elapsedMs?: number) => RawVmContextResponse;
  /** Body of `GET /vm-contexts/{context_id}/recent-jobs`. */
  recentJobs?: (now: Date, elapsedMs?: number) => RawRecentJobsResponse;
  /** Bodies of `GET /failover/{job_id}/status` for this VM's failover/rollback jobs. */
  failoverStatus?: (now: Date, elapsedMs?: number) => RawFailoverStatus[];
  /** Canned reply per route instead of the data above (errors, malformed bodies). `now` is the request time. */
  reply?: (route: ScenarioRoute, now: Date) => RawHttpReply;
  /** The handler answers after this long (slow01). */
  delayMs?: number;
}

// ---- helpers ---------------------------------------------------------------------------------

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Go's zero time: "unknown". */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * RFC 3339 at whole seconds, in UTC (`Z`) or at a fixed offset in minutes (`+01:00`).
 * `fraction` appends fractional seconds as Go's RFC3339Nano does ("…:57.123456Z").
 */
export function rfc3339(date: Date, offsetMinutes = 0, fraction?: string): string {
  const wholeSeconds = Math.floor(date.getTime() / SECOND) * SECOND;
  const local = new Date(wholeSeconds + offsetMinutes * MINUTE).toISOString().slice(0, 19);
  const frac = fraction ? `.${fraction}` : '';
  if (offsetMinutes === 0) return `${local}${frac}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${frac}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `ctx-<vm>-20251003-140708`: the context id the OMA makes at discovery time. */
export function contextIdFor(vmName: string): string {
  return `ctx-${vmName}-20251003-140708`;
}

const before = (now: Date, ms: number) => new Date(Math.floor((now.getTime() - ms) / SECOND) * SECOND);
const after = (date: Date, ms: number) => new Date(date.getTime() + ms);
const unixSeconds = (date: Date) => Math.floor(date.getTime() / SECOND);

export function errorBody(message: string, now: Date): string {
  const body: RawErrorBody = { error: message, timestamp: rfc3339(now) };
  return JSON.stringify(body);
}

function jsonReply(status: number, message: string, now: Date): RawHttpReply {
  return { status, contentType: 'application/json', body: errorBody(message, now) };
}

function recentJobsOf(contextId: string, jobs: RawUnifiedJob[] | null): RawRecentJobsResponse {
  return { context_id: contextId, count: jobs?.length ?? 0, jobs };
}

interface ContextInput {
  vmName: string;
  currentStatus: string;
  lastOperation?: RawOperationSummary;
  /** Override the summary string (older servers: string only, or a different JSON). */
  lastOperationSummary?: string | null;
  now: Date;
}

function contextOf({ vmName, currentStatus, lastOperation, lastOperationSummary, now }: ContextInput): RawVmContext {
  const summary = lastOperationSummary !== undefined ? lastOperationSummary : lastOperation ? JSON.stringify(lastOperation) : null;
  return {
    context_id: contextIdFor(vmName),
    vm_name: vmName,
    vmware_vm_id: `420570c7-f61f-a930-77c5-${hashHex(vmName)}`,
    vm_path: `/DatabanxDC/vm/${vmName}`,
    vcenter_host: 'quad-vcenter-01.quadris.local',
    datacenter: 'DatabanxDC',
    current_status: currentStatus,
    last_operation_summary: summary,
    created_at: rfc3339(before(now, 9 * DAY)),
    updated_at: rfc3339(before(now, 1 * MINUTE)),
  };
}

/** Twelve stable hex digits from a name, so ids differ per VM without randomness. */
function hashHex(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash.toString(16).padStart(8, '0') + 'a1b2').slice(0, 12);
}

function disksOf(vmName: string, sizesGb: number[]): RawDisk[] {
  return sizesGb.map((size, index) => ({
    disk_id: `disk-${2000 + index}`,
    vmware_disk_key: 2000 + index,
    size_gb: size,
    unit_number: index,
    provisioning_type: 'thin',
    disk_change_id: `52 3c ${hashHex(vmName).slice(0, 2)} 1f 0b 4e 7a 9d-6c 12 ab 44 0e 5f 88 ${pad(index)}/${410 + index}`,
  }));
}

function cbtOf(jobId: string, now: Date, bytes: number): RawCbtHistoryItem[] {
  return [
    {
      job_id: jobId,
      disk_id: 'disk-2000',
      change_id: '52 3c 6e 1f 0b 4e 7a 9d-6c 12 ab 44 0e 5f 88 00/412',
      previous_change_id: '52 3c 6e 1f 0b 4e 7a 9d-6c 12 ab 44 0e 5f 88 00/410',
      sync_type: 'incremental',
      blocks_changed: Math.round(bytes / 65_536),
      bytes_transferred: bytes,
      sync_duration_seconds: 1999,
      sync_success: true,
      created_at: rfc3339(now),
    },
  ];
}

// ---- pgtest1 (and slow01): the contract's failed test failover -----------------------------

/** The contract's example job id. */
export const PGTEST1_FAILED_JOB_ID = 'e5de9b1b-5159-49e2-95e5-be644da2b7fb';
export const PGTEST1_INCREMENTAL_JOB_ID = 'job-20251003-140912.552-9f1a2b';
export const PGTEST1_INITIAL_JOB_ID = 'job-20251002-093015.118-4c7d0e';
/** 26.4 GB in decimal units (the widgets count 1 GB = 10^9 bytes). */
export const PGTEST1_INCREMENTAL_BYTES = 26_418_302_976;
export const SLOW01_FAILED_JOB_ID = 'a7c3e2f0-1d4b-4b8e-9a61-0f2c5d7e8b90';

/** The contract's example, verbatim: the failed test failover on pgtest1 (fixed times). */
export const PGTEST1_EXAMPLE_JOB: RawUnifiedJob = {
  job_id: 'e5de9b1b-5159-49e2-95e5-be644da2b7fb',
  external_job_id: 'unified-test-failover-pgtest1-1759510017',
  job_type: 'test_failover',
  status: 'failed',
  progress: 60.0,
  started_at: '2025-10-03T17:46:57+01:00',
  completed_at: '2025-10-03T17:47:22+01:00',
  display_name: 'Test Failover',
  current_step: 'Preparing Drivers for Compatibility',
  error_message: 'KVM driver installation failed - compatibility issue',
  error_category: 'compatibility',
  actionable_steps: ['Try live failover (no driver modification)', 'Verify VM is Windows-based'],
  data_source: 'job_tracking',
  duration_seconds: 25,
};

/** The `last_operation` matching PGTEST1_EXAMPLE_JOB, as the contract describes it. */
export const PGTEST1_EXAMPLE_SUMMARY: RawOperationSummary = {
  job_id: PGTEST1_EXAMPLE_JOB.job_id,
  external_job_id: PGTEST1_EXAMPLE_JOB.external_job_id,
  operation_type: 'test_failover',
  status: 'failed',
  progress: 60,
  failed_step: 'Preparing Drivers for Compatibility',
  failed_step_internal: 'virtio-driver-injection',
  error_message: PGTEST1_EXAMPLE_JOB.error_message,
  error_category: 'compatibility',
  error_severity: 'error',
  actionable_steps: ['Try live failover (no driver modification)', 'Verify VM is Windows-based'],
  timestamp: '2025-10-03T17:47:22+01:00',
  duration_seconds: 25,
  steps_completed: 3,
  steps_total: 5,
};

/**
 * A critical rollback failure, as the fields that differ from pgtest1's failed test failover: the
 * banner offers "Copy details for support" for it (critical, and its advice asks for an
 * administrator). Tests and stories spread it over a pgtest1 summary.
 */
export const CRITICAL_ROLLBACK_FAILURE = {
  operation_type: 'rollback',
  progress: 50,
  steps_completed: 2,
  steps_total: 4,
  failed_step: 'Rolling Back to Backup',
  failed_step_internal: 'cloudstack-snapshot-rollback',
  error_message: 'Snapshot rollback failed - the VM may be in an inconsistent state',
  error_category: 'storage',
  error_severity: 'critical',
  actionable_steps: ['Do not attempt further operations on this VM', 'Contact administrator immediately'],
} satisfies RawOperationSummary;

/** PGTEST1_EXAMPLE_SUMMARY turned into that critical rollback, with ids of its own. */
export const PGTEST1_CRITICAL_ROLLBACK_SUMMARY: RawOperationSummary = {
  ...PGTEST1_EXAMPLE_SUMMARY,
  job_id: 'c41e9a07-6b2f-4d83-a1c5-7e0f3b2d9a18',
  external_job_id: 'unified-rollback-pgtest1-1759510100',
  ...CRITICAL_ROLLBACK_FAILURE,
};

const LIBGUESTFS_ERROR = 'virt-v2v-in-place: error: libguestfs error: /dev/vdc: no such device';

function failedTestFailoverVm(vmName: string, failedJobId: string, ids: { incremental: string; initial: string }) {
  const contextId = contextIdFor(vmName);
  const failoverStart = (now: Date) => before(now, 3 * MINUTE);

  const jobs = (now: Date): RawUnifiedJob[] => {
    const start = failoverStart(now);
    const incrementalStart = before(now, 3 * HOUR);
    const initialStart = before(now, 1 * DAY + 2 * HOUR);
    return [
      {
        ...PGTEST1_EXAMPLE_JOB,
        job_id: failedJobId,
        external_job_id: `unified-test-failover-${vmName}-${unixSeconds(start)}`,
        started_at: rfc3339(start, 60),
        completed_at: rfc3339(after(start, 25 * SECOND), 60),
      },
      {
        job_id: ids.incremental,
        job_type: 'replication',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(incrementalStart),
        completed_at: rfc3339(after(incrementalStart, 1999 * SECOND)),
        display_name: 'Replication Completed',
        data_source: 'replication_jobs',
        duration_seconds: 1999,
      },
      {
        job_id: ids.initial,
        job_type: 'replication',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(initialStart),
        completed_at: rfc3339(after(initialStart, 2 * HOUR + 14 * MINUTE + 8 * SECOND)),
        display_name: 'Initial Replication',
        data_source: 'replication_jobs',
        duration_seconds: 2 * 3600 + 14 * 60 + 8,
      },
    ];
  };

  const lastOperation = (now: Date): RawOperationSummary => {
    const start = failoverStart(now);
    return {
      ...PGTEST1_EXAMPLE_SUMMARY,
      job_id: failedJobId,
      external_job_id: `unified-test-failover-${vmName}-${unixSeconds(start)}`,
      timestamp: rfc3339(after(start, 25 * SECOND)),
    };
  };

  return {
    vmName,
    contextId,
    recentJobs: (now: Date): RawRecentJobsResponse => recentJobsOf(contextId, jobs(now)),
    vmContext: (now: Date): RawVmContextResponse => {
      const operation = lastOperation(now);
      return {
        context: contextOf({ vmName, currentStatus: 'failed', lastOperation: operation, now }),
        job_history: [
          {
            id: ids.incremental,
            status: 'completed',
            replication_type: 'incremental',
            bytes_transferred: PGTEST1_INCREMENTAL_BYTES,
            total_bytes: 107_374_182_400,
            progress_percent: 100,
            created_at: rfc3339(before(now, 3 * HOUR)),
          },
          {
            id: ids.initial,
            status: 'completed',
            replication_type: 'initial',
            bytes_transferred: 98_304_000_000,
            total_bytes: 107_374_182_400,
            progress_percent: 100,
            created_at: rfc3339(before(now, 1 * DAY + 2 * HOUR)),
          },
        ],
        disks: disksOf(vmName, [100]),
        cbt_history: cbtOf(ids.incremental, before(now, 3 * HOUR - 1999 * SECOND), PGTEST1_INCREMENTAL_BYTES),
        last_operation: operation,
      };
    },
    failoverStatus: (now: Date): RawFailoverStatus[] => {
      const start = failoverStart(now);
      return [
        {
          success: true,
          job_id: failedJobId,
          status: 'failed',
          progress: 60,
          start_time: rfc3339(start),
          duration: '25s',
          job_details: {
            total_steps: 5,
            completed_steps: 3,
            failed_steps: 1,
            error_message: LIBGUESTFS_ERROR,
            operation: 'test_failover',
            vm_name: vmName,
            failed_step: 'virtio-driver-injection',
            external_job_id: `unified-test-failover-${vmName}-${unixSeconds(start)}`,
          },
        },
      ];
    },
  };
}

const pgtest1 = {
  name: 'pgtest1',
  description: 'Failed test failover 3 min ago (compatibility, step 3 of 5, 60%) after two completed replications',
  ...failedTestFailoverVm('pgtest1', PGTEST1_FAILED_JOB_ID, {
    incremental: PGTEST1_INCREMENTAL_JOB_ID,
    initial: PGTEST1_INITIAL_JOB_ID,
  }),
} satisfies Scenario;

const slow01 = {
  name: 'slow01',
  description: 'Same as pgtest1, answered after 4 s (loading states)',
  ...failedTestFailoverVm('slow01', SLOW01_FAILED_JOB_ID, {
    incremental: 'job-20251003-141502.907-2e8c6a',
    initial: 'job-20251002-101144.630-7b3f91',
  }),
  delayMs: 4_000,
} satisfies Scenario;

// ---- pgtest3: an older server, legacy summary string only ----------------------------------

export const PGTEST3_FAILED_JOB_ID = '3f8e1c22-7a9d-4e0b-b5c6-2d41f09a7e13';

function pgtest3Summary(now: Date): RawOperationSummary {
  return {
    job_id: PGTEST3_FAILED_JOB_ID,
    operation_type: 'live',
    status: 'failed',
    progress: 45,
    failed_step: 'Configuring Network Adapters',
    error_message: 'Network configuration failed - destination network unreachable',
    error_category: 'network',
    error_severity: 'critical',
    actionable_steps: [
      'Do not attempt further operations on this VM',
      'Contact support with the job ID',
      'Try live failover again once the destination network is reachable',
    ],
    timestamp: rfc3339(before(now, 42 * MINUTE)),
    duration_seconds: 312,
  };
}

const pgtest3 = {
  name: 'pgtest3',
  description: 'Older server: no last_operation, only the legacy summary string (live, critical network failure)',
  vmName: 'pgtest3',
  contextId: contextIdFor('pgtest3'),
  recentJobs: (now: Date): RawRecentJobsResponse => {
    const failoverStart = before(now, 47 * MINUTE);
    const replicationStart = before(now, 5 * HOUR);
    // Older server: no progress, no current_step.
    return recentJobsOf(contextIdFor('pgtest3'), [
      {
        job_id: PGTEST3_FAILED_JOB_ID,
        job_type: 'live_failover',
        status: 'failed',
        started_at: rfc3339(failoverStart),
        completed_at: rfc3339(after(failoverStart, 312 * SECOND)),
        display_name: 'Live Failover',
        error_message: 'Network configuration failed - destination network unreachable',
        error_category: 'network',
        actionable_steps: [
          'Do not attempt further operations on this VM',
          'Contact support with the job ID',
          'Try live failover again once the destination network is reachable',
        ],
        data_source: 'job_tracking',
        duration_seconds: 312,
      },
      {
        job_id: 'job-20251003-091207.774-5d2e0f',
        job_type: 'replication',
        status: 'completed',
        started_at: rfc3339(replicationStart),
        completed_at: rfc3339(after(replicationStart, 1260 * SECOND)),
        display_name: 'Replication Completed',
        data_source: 'replication_jobs',
        duration_seconds: 1260,
      },
    ]);
  },
  vmContext: (now: Date): RawVmContextResponse => ({
    // No `last_operation` key at all: only the string.
    context: contextOf({
      vmName: 'pgtest3',
      currentStatus: 'failed',
      lastOperationSummary: JSON.stringify(pgtest3Summary(now)),
      now,
    }),
    job_history: [
      {
        id: 'job-20251003-091207.774-5d2e0f',
        status: 'completed',
        replication_type: 'incremental',
        bytes_transferred: 4_812_000_000,
        total_bytes: 53_687_091_200,
        created_at: rfc3339(before(now, 5 * HOUR)),
      },
    ],
    disks: disksOf('pgtest3', [50]),
    cbt_history: [],
  }),
} satisfies Scenario;

// ---- web01: a replication that runs and completes over ~60 s --------------------------------

export const WEB01_RUNNING_JOB_ID = 'job-20251003-151733.204-e41c9a';
/** How long web01's replication takes, from `now` (the handler's epoch). */
export const WEB01_RUN_MS = 60_000;
const WEB01_BYTES = 3_240_000_000;

interface Web01State {
  start: Date;
  done: boolean;
  progress: number;
  step?: string;
  completedAt?: Date;
}

function web01State(now: Date, elapsedMs = 0): Web01State {
  const start = before(now, 0);
  const elapsed = Math.max(0, elapsedMs);
  if (elapsed >= WEB01_RUN_MS) {
    return { start, done: true, progress: 100, completedAt: after(start, WEB01_RUN_MS) };
  }
  const progress = Math.round((elapsed / WEB01_RUN_MS) * 1000) / 10;
  let step: string;
  if (progress < 5) step = 'Initializing migration job';
  else if (progress < 10) step = 'Creating VMware snapshot for CBT';
  else if (progress < 50) step = 'Transferring disk 1 of 2 via nbdkit';
  else if (progress < 92) step = 'Transferring disk 2 of 2 via nbdkit';
  else step = 'Removing VMware snapshot';
  return { start, done: false, progress, step };
}

const web01 = {
  name: 'web01',
  description: 'Incremental replication running from the handler start, 0 → 100 % in ~60 s, then completed',
  vmName: 'web01',
  contextId: contextIdFor('web01'),
  recentJobs: (now: Date, elapsedMs = 0): RawRecentJobsResponse => {
    const state = web01State(now, elapsedMs);
    const running: RawUnifiedJob = state.done
      ? {
          job_id: WEB01_RUNNING_JOB_ID,
          job_type: 'replication',
          status: 'completed',
          progress: 100,
          started_at: rfc3339(state.start),
          completed_at: rfc3339(state.completedAt ?? state.start),
          display_name: 'Replication Completed',
          data_source: 'replication_jobs',
          duration_seconds: WEB01_RUN_MS / SECOND,
        }
      : {
          job_id: WEB01_RUNNING_JOB_ID,
          job_type: 'replication',
          status: 'running',
          progress: state.progress,
          started_at: rfc3339(state.start),
          display_name: 'Incremental Replication',
          current_step: state.step,
          data_source: 'replication_jobs',
        };
    const initialStart = before(now, 2 * DAY);
    return recentJobsOf(contextIdFor('web01'), [
      running,
      {
        job_id: 'job-20251001-151020.009-77ab31',
        job_type: 'replication',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(initialStart),
        completed_at: rfc3339(after(initialStart, 41 * MINUTE + 5 * SECOND)),
        display_name: 'Replication Completed',
        data_source: 'replication_jobs',
        duration_seconds: 41 * 60 + 5,
      },
    ]);
  },
  vmContext: (now: Date, elapsedMs = 0): RawVmContextResponse => {
    const state = web01State(now, elapsedMs);
    const lastOperation: RawOperationSummary = state.done
      ? {
          job_id: WEB01_RUNNING_JOB_ID,
          operation_type: 'replication',
          status: 'completed',
          progress: 100,
          timestamp: rfc3339(state.completedAt ?? state.start),
          duration_seconds: WEB01_RUN_MS / SECOND,
        }
      : {
          job_id: WEB01_RUNNING_JOB_ID,
          operation_type: 'replication',
          status: 'running',
          progress: state.progress,
          timestamp: rfc3339(state.start),
        };
    const historyItem: RawReplicationHistoryItem = {
      id: WEB01_RUNNING_JOB_ID,
      status: state.done ? 'completed' : 'replicating',
      replication_type: 'incremental',
      bytes_transferred: Math.round((WEB01_BYTES * state.progress) / 100),
      total_bytes: 85_899_345_920,
      progress_percent: state.progress,
      created_at: rfc3339(state.start),
    };
    return {
      context: contextOf({
        vmName: 'web01',
        currentStatus: state.done ? 'ready_for_failover' : 'replicating',
        lastOperation,
        now,
      }),
      ...(state.done ? {} : { current_job: historyItem }),
      job_history: [
        historyItem,
        {
          id: 'job-20251001-151020.009-77ab31',
          status: 'completed',
          replication_type: 'initial',
          bytes_transferred: 61_203_000_000,
          total_bytes: 85_899_345_920,
          progress_percent: 100,
          created_at: rfc3339(before(now, 2 * DAY)),
        },
      ],
      disks: disksOf('web01', [60, 20]),
      cbt_history: [],
      last_operation: lastOperation,
    };
  },
} satisfies Scenario;

// ---- db02: clean history, last operation a completed rollback -------------------------------

export const DB02_TEST_FAILOVER_JOB_ID = '8b2d6f41-0c3e-4a57-9e18-5f7a2c9d0b64';
export const DB02_ROLLBACK_JOB_ID = 'c41e9a07-6b2f-4d83-a1c5-7e0f3b2d9a18';

function db02Times(now: Date) {
  const failoverStart = before(now, 2 * HOUR + 10 * MINUTE);
  const rollbackStart = before(now, 1 * HOUR + 5 * MINUTE);
  return { failoverStart, rollbackStart };
}

const db02 = {
  name: 'db02',
  description: 'Clean history: replications, a completed test failover, then a completed rollback',
  vmName: 'db02',
  contextId: contextIdFor('db02'),
  recentJobs: (now: Date): RawRecentJobsResponse => {
    const { failoverStart, rollbackStart } = db02Times(now);
    const incrementalStart = before(now, 6 * HOUR);
    const initialStart = before(now, 3 * DAY);
    return recentJobsOf(contextIdFor('db02'), [
      {
        job_id: DB02_ROLLBACK_JOB_ID,
        external_job_id: `unified-rollback-db02-${unixSeconds(rollbackStart)}`,
        job_type: 'rollback',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(rollbackStart),
        completed_at: rfc3339(after(rollbackStart, 48 * SECOND)),
        display_name: 'Rollback',
        current_step: 'Rolling Back to Backup',
        data_source: 'job_tracking',
        duration_seconds: 48,
      },
      {
        job_id: DB02_TEST_FAILOVER_JOB_ID,
        external_job_id: `unified-test-failover-db02-${unixSeconds(failoverStart)}`,
        job_type: 'test_failover',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(failoverStart),
        completed_at: rfc3339(after(failoverStart, 3 * MINUTE + 12 * SECOND)),
        display_name: 'Test Failover',
        current_step: 'Starting and Validating VM',
        data_source: 'job_tracking',
        duration_seconds: 192,
      },
      {
        job_id: 'job-20251003-083015.441-0d9c2f',
        job_type: 'replication',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(incrementalStart),
        completed_at: rfc3339(after(incrementalStart, 7 * MINUTE + 40 * SECOND)),
        display_name: 'Replication Completed',
        data_source: 'replication_jobs',
        duration_seconds: 460,
      },
      {
        job_id: 'job-20250930-101502.377-a3b4c5',
        job_type: 'replication',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(initialStart),
        completed_at: rfc3339(after(initialStart, 1 * HOUR + 2 * MINUTE)),
        display_name: 'Initial Replication',
        data_source: 'replication_jobs',
        duration_seconds: 3720,
      },
    ]);
  },
  vmContext: (now: Date): RawVmContextResponse => {
    const { rollbackStart } = db02Times(now);
    const lastOperation: RawOperationSummary = {
      job_id: DB02_ROLLBACK_JOB_ID,
      external_job_id: `unified-rollback-db02-${unixSeconds(rollbackStart)}`,
      operation_type: 'rollback',
      status: 'completed',
      progress: 100,
      timestamp: rfc3339(after(rollbackStart, 48 * SECOND)),
      duration_seconds: 48,
      steps_completed: 4,
      steps_total: 4,
    };
    return {
      context: contextOf({ vmName: 'db02', currentStatus: 'ready_for_failover', lastOperation, now }),
      job_history: [
        {
          id: 'job-20251003-083015.441-0d9c2f',
          status: 'completed',
          replication_type: 'incremental',
          bytes_transferred: 1_730_000_000,
          total_bytes: 214_748_364_800,
          progress_percent: 100,
          created_at: rfc3339(before(now, 6 * HOUR)),
        },
        {
          id: 'job-20250930-101502.377-a3b4c5',
          status: 'completed',
          replication_type: 'initial',
          bytes_transferred: 187_400_000_000,
          total_bytes: 214_748_364_800,
          progress_percent: 100,
          created_at: rfc3339(before(now, 3 * DAY)),
        },
      ],
      disks: disksOf('db02', [150, 50]),
      cbt_history: cbtOf('job-20251003-083015.441-0d9c2f', before(now, 6 * HOUR), 1_730_000_000),
      last_operation: lastOperation,
    };
  },
  failoverStatus: (now: Date): RawFailoverStatus[] => {
    const { failoverStart, rollbackStart } = db02Times(now);
    return [
      {
        success: true,
        job_id: DB02_TEST_FAILOVER_JOB_ID,
        status: 'completed',
        progress: 100,
        start_time: rfc3339(failoverStart),
        duration: '3m12s',
        job_details: { total_steps: 5, completed_steps: 5, failed_steps: 0, operation: 'test_failover', vm_name: 'db02' },
      },
      {
        success: true,
        job_id: DB02_ROLLBACK_JOB_ID,
        status: 'completed',
        progress: 100,
        start_time: rfc3339(rollbackStart),
        duration: '48s',
        job_details: { total_steps: 4, completed_steps: 4, failed_steps: 0, operation: 'rollback', vm_name: 'db02' },
      },
    ];
  },
} satisfies Scenario;

// ---- empty01: nothing yet -------------------------------------------------------------------

const empty01 = {
  name: 'empty01',
  description: 'Discovered VM with no jobs: jobs null, count 0, no last operation, job_history null',
  vmName: 'empty01',
  contextId: contextIdFor('empty01'),
  recentJobs: (): RawRecentJobsResponse => recentJobsOf(contextIdFor('empty01'), null),
  vmContext: (now: Date): RawVmContextResponse => ({
    context: contextOf({ vmName: 'empty01', currentStatus: 'discovered', now }),
    job_history: null,
    disks: disksOf('empty01', [40]),
    cbt_history: [],
  }),
} satisfies Scenario;

// ---- quirks01: every quirk the contract lists ----------------------------------------------

export const QUIRKS01_RAW_REPLICATION_ERROR = 'virt-v2v: error: /dev/vdc: cannot open: No such file or directory at handler.go:223';
/** The job ids of the well-formed items (the two odd ones are rows too, see above), in the order the server sent them. */
export const QUIRKS01_VALID_JOB_IDS = [
  'q-no-progress',
  'q-failed-replication',
  'q-progress-140',
  'q-zero-time',
  'q-progress-minus-5',
  'q-offset-plus-one',
  'q-nanoseconds',
  'q-pending',
] as const;

const quirks01 = {
  name: 'quirks01',
  description: 'Every quirk: missing/float/out-of-range progress, zero time, offsets, odd types and statuses, raw errors, invalid items',
  vmName: 'quirks01',
  contextId: contextIdFor('quirks01'),
  recentJobs: (now: Date): RawRecentJobsResponse => {
    const failedReplicationStart = before(now, 2 * HOUR);
    const cleanupStart = before(now, 20 * MINUTE);
    const unknownStart = before(now, 5 * HOUR);
    const offsetStart = before(now, 26 * HOUR);
    const nanoStart = before(now, 50 * MINUTE);
    const invalid1 = {
      // job_id missing (as in the published example): still a row, keyed by position and time.
      job_type: 'replication',
      status: 'running',
      progress: 12,
      started_at: rfc3339(before(now, 4 * MINUTE)),
      display_name: 'Incremental Replication',
      data_source: 'replication_jobs',
    } as unknown as RawUnifiedJob;
    const invalid2 = {
      // status as a number: still a row, its status unknown.
      job_id: 'q-invalid-status',
      job_type: 'test_failover',
      status: 3,
      started_at: rfc3339(before(now, 9 * MINUTE)),
      display_name: 'Test Failover',
      data_source: 'job_tracking',
    } as unknown as RawUnifiedJob;
    // Deliberately NOT newest first.
    return recentJobsOf(contextIdFor('quirks01'), [
      {
        // No progress at all, running, started with a +01:00 offset.
        job_id: 'q-no-progress',
        job_type: 'live_failover',
        status: 'running',
        started_at: rfc3339(before(now, 7 * MINUTE), 60),
        display_name: 'Live Failover',
        current_step: 'Configuring Network Adapters',
        data_source: 'job_tracking',
      },
      {
        // Replication errors and steps pass through raw. Progress 59.99. 'Z' time.
        job_id: 'q-failed-replication',
        job_type: 'replication',
        status: 'failed',
        progress: 59.99,
        started_at: rfc3339(failedReplicationStart),
        completed_at: rfc3339(after(failedReplicationStart, 14 * MINUTE + 3 * SECOND)),
        display_name: 'Incremental Replication',
        current_step: 'Transferring disk 2 of 2 via nbdkit (qemu-img convert /dev/vdc)',
        error_message: QUIRKS01_RAW_REPLICATION_ERROR,
        error_category: 'storage',
        data_source: 'replication_jobs',
        duration_seconds: 843,
      },
      {
        // Newer than the item above: out of order. Unknown job type word, progress over 100.
        job_id: 'q-progress-140',
        job_type: 'cleanup_task',
        status: 'completed',
        progress: 140,
        started_at: rfc3339(cleanupStart),
        completed_at: rfc3339(after(cleanupStart, 9 * SECOND)),
        display_name: 'Operation',
        data_source: 'job_tracking',
        duration_seconds: 9,
      },
      {
        // Start unknown (Go zero time); status in capitals; no duration.
        job_id: 'q-zero-time',
        job_type: 'rollback',
        status: 'CANCELLED',
        progress: 0,
        started_at: ZERO_TIME,
        display_name: 'Rollback',
        current_step: 'Removing Test VM',
        data_source: 'job_tracking',
      },
      invalid1,
      {
        // job_type 'unknown', a status the contract does not list, negative progress, null steps.
        job_id: 'q-progress-minus-5',
        job_type: 'unknown',
        status: 'paused',
        progress: -5,
        started_at: rfc3339(unknownStart),
        display_name: 'Operation',
        error_category: 'unknown',
        actionable_steps: null,
        data_source: 'job_tracking',
      },
      {
        // A completed test failover with a +01:00 offset, empty actionable steps, no duration.
        job_id: 'q-offset-plus-one',
        external_job_id: `unified-test-failover-quirks01-${unixSeconds(offsetStart)}`,
        job_type: 'test_failover',
        status: 'completed',
        progress: 100,
        started_at: rfc3339(offsetStart, 60),
        completed_at: rfc3339(after(offsetStart, 2 * MINUTE), 60),
        display_name: 'Test Failover',
        current_step: 'Starting and Validating VM',
        actionable_steps: [],
        data_source: 'job_tracking',
      },
      invalid2,
      {
        // Go's RFC3339Nano with fractional seconds; a 'skipped' status.
        job_id: 'q-nanoseconds',
        job_type: 'replication',
        status: 'skipped',
        progress: 0,
        started_at: rfc3339(nanoStart, 0, '123456789'),
        display_name: 'Incremental Replication',
        data_source: 'replication_jobs',
      },
      {
        // The newest item, last in the list; pending, 'Z' time.
        job_id: 'q-pending',
        job_type: 'replication',
        status: 'pending',
        progress: 0,
        started_at: rfc3339(before(now, 1 * MINUTE)),
        display_name: 'Incremental Replication',
        current_step: 'Waiting for VMA slot',
        data_source: 'replication_jobs',
      },
    ]);
  },
  vmContext: (now: Date): RawVmContextResponse => {
    // Legacy summary only, operation_type 'cleanup', and no job_id (dismissal keys by timestamp).
    const legacy: RawOperationSummary = {
      operation_type: 'cleanup',
      status: 'failed',
      failed_step: 'Removing Test VM',
      error_message: 'Cleanup could not remove the test VM',
      error_category: 'platform',
      error_severity: 'warning',
      actionable_steps: ['Retry cleanup from the VM page', 'Remove the test VM manually if it still exists'],
      timestamp: rfc3339(before(now, 19 * MINUTE)),
    };
    return {
      context: contextOf({
        vmName: 'quirks01',
        currentStatus: 'cleanup_required',
        lastOperationSummary: JSON.stringify(legacy),
        now,
      }),
      job_history: [
        {
          id: 'q-failed-replication',
          status: 'failed',
          replication_type: 'incremental',
          bytes_transferred: 2_150_000_000,
          total_bytes: 42_949_672_960,
          created_at: rfc3339(before(now, 2 * HOUR)),
        },
      ],
      disks: disksOf('quirks01', [30, 10]),
      cbt_history: [],
    };
  },
} satisfies Scenario;

// ---- many20: the API maximum ----------------------------------------------------------------

const MANY_TYPES = ['replication', 'test_failover', 'replication', 'rollback', 'live_failover'] as const;
const MANY_STATUSES = ['running', 'completed', 'failed', 'completed', 'cancelled', 'completed', 'skipped', 'failed', 'completed', 'pending'] as const;
const MANY_NAMES: Record<string, string> = {
  replication: 'Incremental Replication',
  test_failover: 'Test Failover',
  rollback: 'Rollback',
  live_failover: 'Live Failover',
};
const MANY_CATEGORIES = ['network', 'storage', 'platform', 'connectivity', 'configuration'] as const;

function many20Jobs(now: Date): RawUnifiedJob[] {
  const jobs: RawUnifiedJob[] = [];
  for (let i = 0; i < 20; i += 1) {
    const type = MANY_TYPES[i % MANY_TYPES.length] ?? 'replication';
    const status = MANY_STATUSES[i % MANY_STATUSES.length] ?? 'completed';
    const start = before(now, (i * 47 + 2) * MINUTE);
    const duration = 30 + i * 37;
    const isReplication = type === 'replication';
    const finished = status === 'completed' || status === 'failed' || status === 'cancelled';
    const job: RawUnifiedJob = {
      job_id: `m20-${String(i + 1).padStart(2, '0')}-${type}`,
      job_type: type,
      status,
      progress: status === 'completed' ? 100 : status === 'running' ? 42.5 : status === 'failed' ? 20 + i * 3 : 0,
      started_at: rfc3339(start),
      display_name: isReplication && status === 'completed' ? 'Replication Completed' : (MANY_NAMES[type] ?? 'Operation'),
      data_source: isReplication ? 'replication_jobs' : 'job_tracking',
    };
    if (!isReplication) job.external_job_id = `unified-${type.replace('_', '-')}-many20-${unixSeconds(start)}`;
    if (finished) {
      job.completed_at = rfc3339(after(start, duration * SECOND));
      job.duration_seconds = duration;
    }
    if (status === 'running') job.current_step = isReplication ? 'Transferring disk 1 of 1 via nbdkit' : 'Creating Destination VM';
    if (status === 'failed') {
      const category = MANY_CATEGORIES[i % MANY_CATEGORIES.length] ?? 'unknown';
      job.error_category = category;
      job.current_step = isReplication ? 'Transferring disk 1 of 1 via nbdkit' : 'Attaching Storage Volumes';
      job.error_message = isReplication
        ? 'nbdkit: vddk: VixDiskLib_Read: Cannot connect to host (at nbd.go:118)'
        : 'Volume attachment failed - storage volume is busy';
      job.actionable_steps = ['Check that the destination storage is available', 'Retry the operation'];
    }
    jobs.push(job);
  }
  return jobs;
}

const many20 = {
  name: 'many20',
  description: 'Exactly 20 jobs (the API maximum), mixed types and statuses, newest first',
  vmName: 'many20',
  contextId: contextIdFor('many20'),
  recentJobs: (now: Date): RawRecentJobsResponse => recentJobsOf(contextIdFor('many20'), many20Jobs(now)),
  vmContext: (now: Date): RawVmContextResponse => {
    const newest = many20Jobs(now)[0];
    const lastOperation: RawOperationSummary = {
      job_id: newest?.job_id,
      operation_type: newest?.job_type,
      status: newest?.status,
      progress: newest?.progress,
      timestamp: newest?.started_at,
    };
    return {
      context: contextOf({ vmName: 'many20', currentStatus: 'replicating', lastOperation, now }),
      job_history: many20Jobs(now)
        .filter((job) => job.job_type === 'replication')
        .map((job, index) => ({
          id: job.job_id ?? `many20-${index}`,
          status: job.status,
          replication_type: 'incremental',
          bytes_transferred: (index + 1) * 1_250_000_000,
          total_bytes: 64_424_509_440,
          created_at: job.started_at ?? ZERO_TIME,
        })),
      disks: disksOf('many20', [60]),
      cbt_history: [],
      last_operation: lastOperation,
    };
  },
} satisfies Scenario;

// ---- leaky01: a regressed server that leaks technical text everywhere -----------------------

export const LEAKY01_FAILED_JOB_ID = 'f0d1c2b3-a495-4867-8c9d-0e1f2a3b4c5d';
const LEAKY_ERROR =
  "virtio-driver-injection failed: virt-v2v-in-place could not install VirtIO drivers from virtio-win.iso, see /var/log/migratekit/failover-leaky01.log (UPDATE vm_replication_contexts SET current_status = 'failed' WHERE vm_name = 'leaky01')";
const LEAKY_STEPS = [
  'Check /var/log/migratekit/volume-daemon.log for /dev/vdb errors',
  'Re-run virtio-driver-injection after reattaching the volume',
  "Run SELECT * FROM failover_jobs WHERE vm_name = 'leaky01'; and send the output to support",
  'Contact your administrator',
];

function leakyStart(now: Date) {
  return before(now, 12 * MINUTE);
}

const leaky01 = {
  name: 'leaky01',
  description: 'Regressed server: failed live failover whose texts leak virtio, /var/log paths, step ids and SQL',
  vmName: 'leaky01',
  contextId: contextIdFor('leaky01'),
  recentJobs: (now: Date): RawRecentJobsResponse => {
    const start = leakyStart(now);
    return recentJobsOf(contextIdFor('leaky01'), [
      {
        job_id: LEAKY01_FAILED_JOB_ID,
        external_job_id: `unified-live-failover-leaky01-${unixSeconds(start)}`,
        job_type: 'live_failover',
        status: 'failed',
        progress: 40,
        started_at: rfc3339(start),
        completed_at: rfc3339(after(start, 97 * SECOND)),
        display_name: 'Live Failover',
        current_step: 'virtio-driver-injection',
        error_message: LEAKY_ERROR,
        error_category: 'storage',
        actionable_steps: LEAKY_STEPS,
        data_source: 'job_tracking',
        duration_seconds: 97,
      },
    ]);
  },
  vmContext: (now: Date): RawVmContextResponse => {
    const start = leakyStart(now);
    const lastOperation: RawOperationSummary = {
      job_id: LEAKY01_FAILED_JOB_ID,
      external_job_id: `unified-live-failover-leaky01-${unixSeconds(start)}`,
      operation_type: 'live_failover',
      status: 'failed',
      progress: 40,
      failed_step: 'virtio-driver-injection',
      failed_step_internal: 'virtio-driver-injection',
      error_message: LEAKY_ERROR,
      error_category: 'storage',
      error_severity: 'warning',
      actionable_steps: LEAKY_STEPS,
      timestamp: rfc3339(after(start, 97 * SECOND)),
      duration_seconds: 97,
      steps_completed: 2,
      steps_total: 5,
    };
    return {
      context: contextOf({ vmName: 'leaky01', currentStatus: 'failed', lastOperation, now }),
      job_history: null,
      disks: disksOf('leaky01', [80]),
      cbt_history: [],
      last_operation: lastOperation,
    };
  },
  failoverStatus: (now: Date): RawFailoverStatus[] => [
    {
      success: true,
      job_id: LEAKY01_FAILED_JOB_ID,
      status: 'failed',
      progress: 40,
      start_time: rfc3339(leakyStart(now)),
      duration: '1m37s',
      job_details: {
        total_steps: 5,
        completed_steps: 2,
        failed_steps: 1,
        error_message: 'virt-v2v-in-place: error: libguestfs error: /dev/vdb: Input/output error',
        operation: 'live_failover',
        vm_name: 'leaky01',
        failed_step: 'virtio-driver-injection',
      },
    },
  ],
} satisfies Scenario;

// ---- error scenarios --------------------------------------------------------------------------

function errorScenario(name: string, description: string, reply: (route: ScenarioRoute, now: Date) => RawHttpReply) {
  return { name, description, vmName: name, contextId: contextIdFor(name), reply } satisfies Scenario;
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n';

const err401 = errorScenario('err401', '401: the token was refused', (_route, now) =>
  jsonReply(401, 'Invalid or expired authorization token', now),
);
const err404 = errorScenario('err404', '404: no such VM context (same as any unknown name)', (route, now) =>
  jsonReply(404, `VM context not found for: ${route === 'vm-context' ? 'err404' : contextIdFor('err404')}`, now),
);
const err500 = errorScenario('err500', '500: the server failed', (_route, now) =>
  jsonReply(500, 'Failed to get VM context: pq: connection refused (database/sql)', now),
);
const err502 = errorScenario('err502', '502 from a proxy, with an HTML page', () => ({
  status: 502,
  contentType: 'text/html',
  body: BAD_GATEWAY_HTML,
}));
const notjson = errorScenario('notjson', '200 whose body is not JSON ("OK<html>")', () => ({
  status: 200,
  contentType: 'application/json',
  body: 'OK<html>',
}));
const badshape = errorScenario('badshape', '200 JSON of the wrong shape ({"jobs":"nope"} / {"context":5})', (route) => ({
  status: 200,
  contentType: 'application/json',
  body: route === 'recent-jobs' ? '{"jobs":"nope"}' : '{"context":5}',
}));

// ---- registry ---------------------------------------------------------------------------------

export const SCENARIOS = {
  pgtest1,
  pgtest3,
  web01,
  db02,
  empty01,
  quirks01,
  many20,
  leaky01,
  err401,
  err404,
  err500,
  err502,
  notjson,
  badshape,
  slow01,
} as const satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export const scenarioNames = Object.keys(SCENARIOS) as ScenarioName[];

/** The scenario whose VM name is `vmName`, if any. */
export function scenarioByVmName(vmName: string): Scenario | undefined {
  return Object.values(SCENARIOS).find((scenario: Scenario) => scenario.vmName === vmName);
}

/** The scenario whose context id is `contextId`, if any. */
export function scenarioByContextId(contextId: string): Scenario | undefined {
  return Object.values(SCENARIOS).find((scenario: Scenario) => scenario.contextId === contextId);
}

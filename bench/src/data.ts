/**
 * Benchmark data, made from the mock OMA's fixtures so it has the server's real shape:
 * `many20` (the API maximum: mixed types and statuses, failed rows with advice, a running and a
 * pending job) repeated for larger lists, `pgtest1` for the banner and modal, `web01` for polling
 * while a job runs.
 */
import { SCENARIOS, type RawRecentJobsResponse, type RawUnifiedJob } from '../../mock-oma/fixtures.js';
import { readRecentJobs, readVmContext } from '../../src/model/pipeline.js';
import type { Operation, RecentJobs, VmContext } from '../../src/model/operation.js';

const MINUTE = 60_000;
/** many20 spans 20 × 47 minutes: each further block of 20 starts right after the previous one. */
const BLOCK_MS = 20 * 47 * MINUTE;

export const LIST_CONTEXT_ID = SCENARIOS.many20.contextId;

/** `GET /vm-contexts/{id}/recent-jobs` with `count` jobs: many20's jobs, then older copies with their own ids. */
export function recentJobsBody(count: number, now = new Date()): RawRecentJobsResponse {
  const jobs: RawUnifiedJob[] = [];
  for (let block = 0; jobs.length < count; block += 1) {
    const blockNow = new Date(now.getTime() - block * BLOCK_MS);
    for (const job of SCENARIOS.many20.recentJobs(blockNow).jobs ?? []) {
      if (jobs.length >= count) break;
      jobs.push(block === 0 ? job : { ...job, job_id: `${job.job_id}-b${block}` });
    }
  }
  return { context_id: LIST_CONTEXT_ID, count: jobs.length, jobs };
}

/** The same response after one poll in which the newest running job moved from 42.5 % to 57 %. */
export function withProgressStep(body: RawRecentJobsResponse): { body: RawRecentJobsResponse; jobId: string } {
  const jobs = (body.jobs ?? []).map((job) => ({ ...job }));
  const running = jobs.find((job) => job.status === 'running');
  if (!running) throw new Error('bench data has no running job');
  running.progress = 57;
  return { body: { ...body, jobs }, jobId: String(running.job_id) };
}

/** What the widgets render from: the client's normalised model (schema check + leak guard done). */
export function normalizeJobs(body: RawRecentJobsResponse): RecentJobs {
  return readRecentJobs(JSON.parse(JSON.stringify(body)) as unknown, LIST_CONTEXT_ID).data;
}

export function pgtest1VmContext(now = new Date()): VmContext {
  return readVmContext(SCENARIOS.pgtest1.vmContext(now), SCENARIOS.pgtest1.vmName).data;
}

/** pgtest1's last operation (failed test failover, step 3 of 5) as the modal shows it. */
export function pgtest1LastOperation(now = new Date()): Operation {
  const operation = pgtest1VmContext(now).lastOperation;
  if (!operation) throw new Error('pgtest1 has no last operation');
  return operation;
}

/** Raw bodies of one VM, renamed from a scenario (`web01` runs a replication, `pgtest1` is idle). */
export function vmBodies(kind: 'active' | 'idle', vmName: string, now: Date): { vmContext: string; recentJobs: string; contextId: string } {
  const scenario = kind === 'active' ? SCENARIOS.web01 : SCENARIOS.pgtest1;
  // web01's replication runs for about a minute from the epoch: 10 s in, it is running.
  const elapsed = kind === 'active' ? 10_000 : 0;
  const rename = (json: string) => json.split(scenario.vmName).join(vmName);
  return {
    vmContext: rename(JSON.stringify(scenario.vmContext(now, elapsed))),
    recentJobs: rename(JSON.stringify(scenario.recentJobs(now, elapsed))),
    contextId: rename(scenario.contextId),
  };
}

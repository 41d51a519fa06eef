/**
 * Scenario 8's data: the JSON bodies the fake API serves to every cold-start page (bench/run.mjs
 * asks this page once for them, so all three pages get byte-identical answers). pgtest1's VM context
 * (its failed test failover) and 20 recent jobs: pgtest1's own three, then many20's to fill up.
 */
import { SCENARIOS } from '../../mock-oma/fixtures.js';
import { recentJobsBody } from './data.js';

export const COLD_VM = SCENARIOS.pgtest1.vmName;

function bodies(): { vmName: string; contextId: string; vmContext: string; recentJobs: string } {
  const now = new Date();
  const own = SCENARIOS.pgtest1.recentJobs?.(now).jobs ?? [];
  const fill = recentJobsBody(20 - own.length, now).jobs ?? [];
  const contextId = SCENARIOS.pgtest1.contextId;
  const jobs = [...own, ...fill];
  return {
    vmName: COLD_VM,
    contextId,
    vmContext: JSON.stringify(SCENARIOS.pgtest1.vmContext?.(now)),
    recentJobs: JSON.stringify({ context_id: contextId, count: jobs.length, jobs }),
  };
}

window.bench = { bodies: (() => Promise.resolve(bodies())) as (options: never) => Promise<unknown> };

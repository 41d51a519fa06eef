/**
 * Scenario 5: connect/disconnect cycles of `<mk-unified-job-list vm-name>` inside a provider with
 * the real OmaClient (in-memory fetch). The Node driver measures the heap after forced GC before
 * and after the cycles (CDP), the page counts live timers and listeners (instrument.ts).
 */
import { counts, trackListeners, type Counts } from './instrument.js';
import '../../src/index.js';
import { OmaClient } from '../../src/api/client.js';
import type { MkOmaProvider } from '../../src/elements/oma-provider/oma-provider.component.js';
import { SCENARIOS } from '../../mock-oma/fixtures.js';
import { memoryFetch, nextPaint, stage } from './lib.js';

const now = new Date();
const vmName = SCENARIOS.pgtest1.vmName;
const bodies = new Map<string, string>([
  [`/api/v1/vm-contexts/${vmName}`, JSON.stringify(SCENARIOS.pgtest1.vmContext(now))],
  [`/api/v1/vm-contexts/${SCENARIOS.pgtest1.contextId}/recent-jobs`, JSON.stringify(SCENARIOS.pgtest1.recentJobs(now))],
]);

let client: OmaClient | undefined;
let provider: MkOmaProvider | undefined;
let fetches = 0;

function setUp(): void {
  localStorage.clear();
  client = new OmaClient({ fetch: memoryFetch((path) => bodies.get(path), () => (fetches += 1)) });
  provider = document.createElement('mk-oma-provider');
  provider.client = client;
  const container = stage();
  trackListeners(window, document, document.documentElement, document.body, container, provider);
  container.append(provider);
}

/** One cycle; the three kinds alternate: removed before the first update, after it, after the rows. */
async function cycle(index: number): Promise<void> {
  const list = document.createElement('mk-unified-job-list');
  list.vmName = vmName;
  provider?.append(list);
  const kind = index % 3;
  if (kind >= 1) await list.updateComplete;
  if (kind === 2) {
    for (let i = 0; i < 1000 && !list.shadowRoot?.querySelector('ul.rows'); i += 1) {
      await Promise.resolve();
      await list.updateComplete;
    }
  }
  list.remove();
}

async function quiet(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await nextPaint();
}

export interface PhaseResult {
  counts: Counts;
  activeWatches: number;
  fetches: number;
  ms: number;
  cycles: number;
}

async function phase(options: { cycles: number }): Promise<PhaseResult> {
  if (!provider) setUp();
  const t0 = performance.now();
  for (let i = 0; i < options.cycles; i += 1) await cycle(i);
  const ms = performance.now() - t0;
  await quiet();
  return { counts: counts(), activeWatches: client?.activeWatchCount ?? -1, fetches, ms, cycles: options.cycles };
}

window.bench = { phase: phase as (options: never) => Promise<unknown> };

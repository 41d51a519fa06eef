/**
 * Scenarios 1–3, A/B interleaved: every round gives each contestant the same data, in an order
 * that rotates from round to round, and each timed step starts after two painted frames and a
 * forced GC.
 *
 *   1. first render of the list (timed to layout done);
 *   2. a poll that returns identical data (new, equal objects): DOM mutations and time;
 *   3. a poll where one running job's progress changes: mutations, and which rows they touched.
 *
 * Plus, outside the contest, an identical poll through the real OmaClient (what actually happens
 * in a page): renders and mutations of the element.
 */
import { OmaClient } from '../../src/api/client.js';
import type { MkUnifiedJobList } from '../../src/elements/unified-job-list/unified-job-list.component.js';
import { timeStyles, tokens } from '../../src/elements/shared/styles.js';
import { listStyles } from '../../src/elements/unified-job-list/unified-job-list.styles.js';
import { LIST_CONTEXT_ID, normalizeJobs, recentJobsBody, withProgressStep } from './data.js';
import { forceLayout, memoryFetch, MutationCounter, rotate, settle, stage, touchedRows } from './lib.js';
import { LitClientContestant, LitContestant } from './contestants/lit.js';
import { ReactContestant } from './contestants/react.js';
import { VanillaContestant } from './contestants/vanilla.js';
import { lightDomCss } from './contestants/row-view.js';
import type { Contestant } from './contestants/types.js';

// The element's CSS for the light-DOM baselines, once, before anything is timed.
const style = document.createElement('style');
style.textContent = lightDomCss([tokens.cssText, timeStyles.cssText, listStyles.cssText]);
document.head.append(style);

export interface SizeOptions {
  count: number;
  rounds: number;
  warmup: number;
}

export interface UpdateSample {
  ms: number;
  mutations: number;
}

export interface ChangeSample extends UpdateSample {
  /** Row indexes the mutations touched (-1: outside any row). */
  rows: number[];
  expectedRow: number;
}

export interface ContestantSamples {
  /** First render: DOM built and laid out. */
  mount: number[];
  /** The part of `mount` before the forced style and layout. */
  mountDom: number[];
  identical: UpdateSample[];
  change: ChangeSample[];
  /** Text and element count of the rows after the first mount (markup parity check). */
  text?: string;
  elements?: number;
}

export interface SizeResult {
  count: number;
  rounds: number;
  contestants: Record<string, ContestantSamples>;
}

function summaryOf(list: Element): { text: string; elements: number } {
  // Whitespace aside: Lit's templates keep the source's line breaks as (collapsed) text nodes.
  return { text: (list.textContent ?? '').replace(/\s+/g, ''), elements: list.querySelectorAll('*').length };
}

async function runSize({ count, rounds, warmup }: SizeOptions, log: (line: string) => void): Promise<SizeResult> {
  const lit = new LitContestant();
  const litClient = new LitClientContestant();
  const sheets = [tokens, timeStyles, listStyles].map((result) => result.styleSheet).filter((sheet): sheet is CSSStyleSheet => sheet !== undefined);
  const contestants: Contestant[] = [lit, new ReactContestant(), new VanillaContestant(), new VanillaContestant({ shadow: sheets }), litClient];
  const samples: Record<string, ContestantSamples> = {};
  for (const contestant of contestants) samples[contestant.name] = { mount: [], mountDom: [], identical: [], change: [] };

  for (let round = -warmup; round < rounds; round += 1) {
    const body = recentJobsBody(count, new Date());
    const first = normalizeJobs(body);
    const identical = normalizeJobs(body);
    const step = withProgressStep(body);
    const changed = normalizeJobs(step.body);
    const expectedRow = changed.operations.findIndex((operation) => operation.jobId === step.jobId);
    litClient.setBody(JSON.stringify(body));

    for (const contestant of rotate(contestants, round + warmup)) {
      const record = samples[contestant.name];
      if (!record) continue;
      const container = stage();
      contestant.prepare(container);
      await settle();

      let t0 = performance.now();
      await contestant.mount(first);
      const domMs = performance.now() - t0;
      forceLayout(container);
      const mountMs = performance.now() - t0;

      const list = contestant.rowList();
      if (!list || list.children.length !== count) {
        throw new Error(`${contestant.name}: ${list?.children.length ?? 'no'} rows on screen, expected ${count}`);
      }
      if (round >= 0) {
        record.mount.push(mountMs);
        record.mountDom.push(domMs);
      }
      if (round === 0) Object.assign(record, summaryOf(list));

      if (contestant !== litClient) {
        await settle();
        const counter = new MutationCounter(contestant.roots());
        t0 = performance.now();
        await contestant.update(identical);
        forceLayout(container);
        const identicalMs = performance.now() - t0;
        const identicalMutations = counter.take().length;

        await settle();
        t0 = performance.now();
        await contestant.update(changed);
        forceLayout(container);
        const changeMs = performance.now() - t0;
        const records = counter.take();
        counter.stop();
        const rowsTouched = [...touchedRows(records, contestant.rowList() ?? list)].sort((a, b) => a - b);
        if (round >= 0) {
          record.identical.push({ ms: identicalMs, mutations: identicalMutations });
          record.change.push({ ms: changeMs, mutations: records.length, rows: rowsTouched, expectedRow });
        }
      }
      contestant.teardown();
    }
    if (round >= 0 && (round + 1) % Math.max(1, Math.floor(rounds / 4)) === 0) log(`  ${count} jobs: round ${round + 1}/${rounds}`);
  }
  return { count, rounds, contestants: samples };
}

export interface PipelinePollResult {
  polls: number;
  fetches: number;
  renders: number;
  mutations: number;
  ms: number[];
}

/** Identical polls through the real client: the answer is compared as text and nothing re-renders. */
async function pipelineIdenticalPoll(count: number, polls: number): Promise<PipelinePollResult> {
  const body = JSON.stringify(recentJobsBody(count, new Date()));
  let fetches = 0;
  const client = new OmaClient({ fetch: memoryFetch(() => body, () => (fetches += 1)), cacheTtlMs: 0 });
  const container = stage();
  const provider = document.createElement('mk-oma-provider');
  provider.client = client;
  container.append(provider);
  const list = document.createElement('mk-unified-job-list') as MkUnifiedJobList;
  list.contextId = LIST_CONTEXT_ID;
  list.pollInterval = 0;
  provider.append(list);
  for (let i = 0; i < 10_000 && !list.shadowRoot?.querySelector('ul.rows'); i += 1) {
    await list.updateComplete;
    await Promise.resolve();
  }
  let renders = 0;
  const instance = list as unknown as { update: (changed: unknown) => void };
  const update = instance.update.bind(list);
  instance.update = (changed) => {
    renders += 1;
    update(changed);
  };
  await settle();
  const counter = new MutationCounter([container, ...(list.shadowRoot ? [list.shadowRoot] : [])]);
  const url = client.recentJobsUrl({ contextId: LIST_CONTEXT_ID });
  const ms: number[] = [];
  let mutations = 0;
  const fetchesBefore = fetches;
  for (let poll = 0; poll < polls; poll += 1) {
    await settle();
    const t0 = performance.now();
    // Settles once the list's subscription has seen the answer (for an identical body: nothing).
    await client.refresh(url);
    await list.updateComplete;
    ms.push(performance.now() - t0);
    mutations += counter.take().length;
  }
  counter.stop();
  container.replaceChildren();
  return { polls, fetches: fetches - fetchesBefore, renders, mutations, ms };
}

async function run(options: { sizes: SizeOptions[]; pipelinePolls: number }): Promise<{ sizes: SizeResult[]; pipeline: PipelinePollResult }> {
  const log = (line: string) => console.info(line);
  const sizes: SizeResult[] = [];
  for (const size of options.sizes) sizes.push(await runSize(size, log));
  const pipeline = await pipelineIdenticalPoll(20, options.pipelinePolls);
  return { sizes, pipeline };
}

/** Mounts one contestant again and again (for a CPU profile: bench/profile.mjs). */
async function mountOnly(options: { contestant: string; count: number; times: number }): Promise<number> {
  const sheets = [tokens, timeStyles, listStyles].map((result) => result.styleSheet).filter((sheet): sheet is CSSStyleSheet => sheet !== undefined);
  const all: Contestant[] = [new LitContestant(), new ReactContestant(), new VanillaContestant(), new VanillaContestant({ shadow: sheets }), new LitClientContestant()];
  const contestant = all.find((candidate) => candidate.name === options.contestant);
  if (!contestant) throw new Error(`no contestant ${options.contestant}`);
  const body = recentJobsBody(options.count, new Date());
  const jobs = normalizeJobs(body);
  if (contestant instanceof LitClientContestant) contestant.setBody(JSON.stringify(body));
  const t0 = performance.now();
  for (let i = 0; i < options.times; i += 1) {
    contestant.prepare(stage());
    await contestant.mount(jobs);
    forceLayout(stage());
    contestant.teardown();
  }
  return (performance.now() - t0) / options.times;
}

window.bench = { run: run as (options: never) => Promise<unknown>, mountOnly: mountOnly as (options: never) => Promise<unknown> };

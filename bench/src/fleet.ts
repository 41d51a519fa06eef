/**
 * The fleet scenario (issue 13): 500 `<mk-vm-status>` in a VM table, against the floor, hand-written
 * DOM of the same markup from the same view model (contestants/vm-status-floor.ts).
 *
 * The data is the mock OMA's generated fleet, asked from `createMockFetch` as
 * `GET /api/v1/vm-contexts?fleet=500` (mixed states, failed operations with advice, replications
 * running). The element asks `GET /api/v1/vm-contexts` without the query, so the pages' fetches
 * answer that URL with the fleet body.
 *
 * - First render (interleaved rounds, order rotating, two painted frames and a forced GC before each
 *   sample; timed from "data in hand" to all 500 laid out):
 *   - `element`: host-fed, the raw body handed to `<mk-oma-provider>.vmContexts` (no request);
 *   - `element+request`: through one mocked request (the real OmaClient: JSON.parse, zod/mini, the
 *     leak guard, then render);
 *   - `floor`: `readVmContexts(body)` (the same schema and guard), `vmStatusView` per VM, DOM by hand
 *     in the light DOM; `floor-shadow`: the same in one shadow root per VM with the element's sheets.
 * - Polls through the real client: an identical answer, and an answer where one VM's replication
 *   progress moved; DOM mutations per element (every shadow root observed), renders per element.
 * - Requests in one minute of fake time (sinon), 1 and 500 elements, page visible and hidden, and
 *   the per-VM fallback (list answering 404) for comparison.
 * - Heap per element: `mount`/`unmount` for run.mjs, which reads the heap through CDP around them.
 */
import sinon from 'sinon';
import '../../src/index.js';
import { OmaClient } from '../../src/api/client.js';
import type { MkOmaProvider } from '../../src/elements/oma-provider/oma-provider.component.js';
import type { MkVmStatus } from '../../src/elements/vm-status/vm-status.component.js';
import { tokens } from '../../src/elements/shared/styles.js';
import { vmStatusStyles } from '../../src/elements/vm-status/vm-status.styles.js';
import { readVmContexts } from '../../src/model/pipeline.js';
import { vmStatusView } from '../../src/model/view/vm-status-view.js';
import { ACTIVE_POLL_MS } from '../../src/controllers/vm-context-controller.js';
import { createMockFetch } from '../../mock-oma/handler.js';
import { fleetIndexOfVm, fleetVmContext } from '../../mock-oma/fleet.js';
import { forceLayout, memoryFetch, MutationCounter, rotate, settle, stage } from './lib.js';
import { lightDomCss } from './contestants/row-view.js';
import { buildStatusHost, updateStatusHost } from './contestants/vm-status-floor.js';
import type { VmStatusView } from '../../src/model/view/vm-status-view.js';

export const FLEET_SIZE = 500;
const LIST_PATH = '/api/v1/vm-contexts';

// The element's CSS for the light-DOM floor, once, before anything is timed.
const style = document.createElement('style');
style.textContent = lightDomCss([tokens.cssText, vmStatusStyles.cssText]);
document.head.append(style);
const SHEETS = [tokens, vmStatusStyles].map((result) => result.styleSheet).filter((sheet): sheet is CSSStyleSheet => sheet !== undefined);

// ---- data ---------------------------------------------------------------------------------------

interface RawListEntry {
  vm_name: string;
  current_status: string;
  last_operation_summary: string | null;
  [key: string]: unknown;
}

interface RawList {
  vm_contexts: RawListEntry[];
  count: number;
}

/** The mock OMA's fleet list, as text, made now (its relative times are "now"'s). */
async function fleetBody(size = FLEET_SIZE): Promise<string> {
  const response = await createMockFetch()(`${LIST_PATH}?fleet=${size}`);
  if (!response.ok) throw new Error(`mock OMA: fleet list answered ${response.status}`);
  return response.text();
}

/**
 * The same list where one replicating VM's progress moved to `progress`: what a poll brings when
 * one VM changed. Returns the body and the index of the changed VM.
 */
function withOneChange(body: string, progress: number): { body: string; index: number } {
  const list = JSON.parse(body) as RawList;
  const index = list.vm_contexts.findIndex((vm) => vm.current_status === 'replicating' && vm.last_operation_summary);
  const vm = list.vm_contexts[index];
  if (!vm?.last_operation_summary) throw new Error('the fleet has no replicating VM');
  const summary = JSON.parse(vm.last_operation_summary) as Record<string, unknown>;
  vm.last_operation_summary = JSON.stringify({ ...summary, progress });
  return { body: JSON.stringify(list), index };
}

function vmNames(body: string): string[] {
  return (JSON.parse(body) as RawList).vm_contexts.map((vm) => vm.vm_name);
}

// ---- contestants ----------------------------------------------------------------------------------

/** One way of putting the fleet on screen. `mount` is timed; everything else is not. */
interface FleetContestant {
  readonly name: string;
  /** First render: from data in hand to every VM's line in the DOM. */
  mount(container: HTMLElement, body: string, parsed: unknown): Promise<void>;
  /** Each VM's host and where its markup lives, in list order (for the parity check). */
  hosts(): { host: Element; root: ParentNode }[];
  /** Requests the contestant's client made (elements only). */
  requests(): number;
}

function fleetGrid(container: HTMLElement): HTMLElement {
  const grid = document.createElement('div');
  grid.className = 'fleet';
  container.append(grid);
  return grid;
}

function createElements(names: string[]): MkVmStatus[] {
  return names.map((name) => {
    const element = document.createElement('mk-vm-status');
    element.vmName = name;
    return element;
  });
}

/** Whether every element shows its VM (not the loading line). */
function allRendered(elements: MkVmStatus[]): boolean {
  return elements.every((element) => element.shadowRoot?.querySelector('.line:not(.loading)'));
}

/**
 * `<mk-vm-status>` inside `<mk-oma-provider>`. Host-fed: the provider gets the parsed body as
 * `vmContexts` (read through the schema and guard) and nothing is requested; otherwise the real
 * client asks the in-memory fetch for the list once.
 */
class ElementContestant implements FleetContestant {
  elements: MkVmStatus[] = [];
  provider?: MkOmaProvider;
  private fetches = 0;

  constructor(
    readonly name: string,
    private readonly hostFed: boolean,
  ) {}

  async mount(container: HTMLElement, body: string, parsed: unknown): Promise<void> {
    this.fetches = 0;
    const provider = document.createElement('mk-oma-provider');
    // A new client every sample: no cache, the fetch is really asked (and counted).
    provider.client = new OmaClient({ fetch: memoryFetch((path) => (path === LIST_PATH ? body : undefined), () => (this.fetches += 1)) });
    if (this.hostFed) provider.vmContexts = parsed as MkOmaProvider['vmContexts'];
    this.provider = provider;
    this.elements = createElements(vmNames(body));
    provider.append(...this.elements);
    fleetGrid(container).append(provider);
    // The list answer arrives through promises only (no timers): wait until every line is drawn.
    const last = this.elements[this.elements.length - 1];
    for (let i = 0; i < 10_000 && last && !last.shadowRoot?.querySelector('.line:not(.loading)'); i += 1) {
      await last.updateComplete;
      await Promise.resolve();
    }
    await Promise.all(this.elements.map((element) => element.updateComplete));
    if (!allRendered(this.elements)) throw new Error(`${this.name}: not every VM's status was rendered`);
  }

  hosts(): { host: Element; root: ParentNode }[] {
    return this.elements.map((element) => ({ host: element, root: element.shadowRoot as ParentNode }));
  }

  requests(): number {
    return this.fetches;
  }
}

/** The floor: the same schema and guard, the same view model, DOM by hand. */
class FloorContestant implements FleetContestant {
  private built: HTMLElement[] = [];

  constructor(
    readonly name: string,
    private readonly sheets?: CSSStyleSheet[],
  ) {}

  mount(container: HTMLElement, _body: string, parsed: unknown): Promise<void> {
    const list = readVmContexts(parsed).data;
    const now = Date.now();
    const fragment = document.createDocumentFragment();
    this.built = list.vms.map((vm) => buildStatusHost(vmStatusView(vm, now), this.sheets));
    fragment.append(...this.built);
    fleetGrid(container).append(fragment);
    return Promise.resolve();
  }

  hosts(): { host: Element; root: ParentNode }[] {
    return this.built.map((host) => ({ host, root: host.shadowRoot ?? host }));
  }

  requests(): number {
    return 0;
  }
}

function contestants(): FleetContestant[] {
  return [
    new ElementContestant('element', true),
    new ElementContestant('element+request', false),
    new FloorContestant('floor'),
    new FloorContestant('floor-shadow', SHEETS),
  ];
}

// ---- first render -----------------------------------------------------------------------------

export interface RenderSamples {
  /** From data in hand to all 500 laid out (ms). */
  mount: number[];
  /** The part of `mount` before the forced style and layout. */
  mountDom: number[];
  /** Requests made per sample (host-fed and floor: 0; one mocked request: 1). */
  requests: number[];
  /** Whitespace-free text and element count of all VMs' markup (parity with the floor). */
  text?: string;
  elements?: number;
}

function markupOf(contestant: FleetContestant): { text: string; elements: number } {
  let text = '';
  let elements = 0;
  for (const { root } of contestant.hosts()) {
    // The element's template keeps some source whitespace as text nodes: compare without it.
    text += (root.textContent ?? '').replace(/\s+/g, '');
    elements += root.querySelectorAll('*').length;
  }
  return { text, elements };
}

async function firstRender(rounds: number, warmup: number): Promise<Record<string, RenderSamples>> {
  const all = contestants();
  const samples: Record<string, RenderSamples> = {};
  for (const contestant of all) samples[contestant.name] = { mount: [], mountDom: [], requests: [] };
  for (let round = -warmup; round < rounds; round += 1) {
    const body = await fleetBody();
    for (const contestant of rotate(all, round + warmup)) {
      const record = samples[contestant.name]!;
      const container = stage();
      // Each contestant gets its own parsed copy (no identity cache can help one of them).
      const parsed: unknown = JSON.parse(body);
      await settle();
      const t0 = performance.now();
      await contestant.mount(container, body, parsed);
      const domMs = performance.now() - t0;
      forceLayout(container);
      const mountMs = performance.now() - t0;
      if (contestant.hosts().length !== FLEET_SIZE) throw new Error(`${contestant.name}: ${contestant.hosts().length} VMs on screen`);
      if (round >= 0) {
        record.mount.push(mountMs);
        record.mountDom.push(domMs);
        record.requests.push(contestant.requests());
      }
      if (round === 0) Object.assign(record, markupOf(contestant));
      container.replaceChildren();
    }
    if (round >= 0 && (round + 1) % Math.max(1, Math.floor(rounds / 3)) === 0) console.info(`  fleet first render: round ${round + 1}/${rounds}`);
  }
  return samples;
}

// ---- polls ------------------------------------------------------------------------------------

export interface PollSample {
  /** `element`: 500 `<mk-vm-status>` on one real client; `floor`: the hand-written DOM. */
  contestant: 'element' | 'floor';
  kind: 'identical' | 'change';
  /** refresh() → every element updated and laid out (ms). */
  ms: number;
  requests: number;
  mutations: number;
  /** Indexes of the elements whose DOM (shadow root or host) changed; -1 outside any element. */
  touched: number[];
  /** Indexes of the elements that re-rendered (Lit `update`). */
  rendered: number[];
  /** The element that should change (change polls), else -1. */
  expected: number;
}

/** The index of the element whose shadow root (or host) a mutation happened in. */
function elementIndexOf(node: Node, index: Map<Node, number>): number {
  let current: Node | null = node;
  while (current) {
    const found = index.get(current);
    if (found !== undefined) return found;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot && root !== current ? root.host : current.parentNode;
  }
  return -1;
}

/** The poll answers both contestants get, in order: identical and one-change alternate. */
function pollAnswers(first: string, count: number): { kind: 'identical' | 'change'; body: string; expected: number }[] {
  const answers: { kind: 'identical' | 'change'; body: string; expected: number }[] = [];
  let body = first;
  for (let poll = 0; poll < count * 2; poll += 1) {
    if (poll % 2 === 0) {
      // A new string with the same text: what an unchanged server answers.
      body = JSON.stringify(JSON.parse(body));
      answers.push({ kind: 'identical', body, expected: -1 });
    } else {
      const changed = withOneChange(body, 43 + (poll >> 1));
      body = changed.body;
      answers.push({ kind: 'change', body, expected: changed.index });
    }
  }
  return answers;
}

/** 500 elements on one real client, each answer through `client.refresh()`. */
async function elementPolls(first: string, answers: ReturnType<typeof pollAnswers>): Promise<PollSample[]> {
  let body = first;
  let requests = 0;
  const client = new OmaClient({ fetch: memoryFetch((path) => (path === LIST_PATH ? body : undefined), () => (requests += 1)) });
  const provider = document.createElement('mk-oma-provider');
  provider.client = client;
  const elements = createElements(vmNames(body));
  provider.append(...elements);
  const container = stage();
  fleetGrid(container).append(provider);
  const last = elements[elements.length - 1]!;
  for (let i = 0; i < 10_000 && !allRendered([last]); i += 1) {
    await last.updateComplete;
    await Promise.resolve();
  }
  if (!allRendered(elements)) throw new Error('polls: not every VM was rendered');

  // Renders per element: count calls of Lit's update().
  const renders = new Set<number>();
  elements.forEach((element, i) => {
    const instance = element as unknown as { update: (changed: unknown) => void };
    const update = instance.update.bind(element);
    instance.update = (changed) => {
      renders.add(i);
      update(changed);
    };
  });
  const index = new Map<Node, number>();
  elements.forEach((element, i) => index.set(element, i));
  const counter = new MutationCounter([container, ...elements.map((element) => element.shadowRoot as Node)]);
  const url = client.vmContextsUrl();
  if (!url) throw new Error('the client has no vmContexts URL');

  const samples: PollSample[] = [];
  for (const { kind, body: answer, expected } of answers) {
    body = answer;
    await settle();
    counter.take();
    renders.clear();
    const requestsBefore = requests;
    const t0 = performance.now();
    await client.refresh(url);
    await Promise.all(elements.map((element) => element.updateComplete));
    forceLayout(container);
    const ms = performance.now() - t0;
    const records = counter.take();
    const touched = [...new Set(records.map((record) => elementIndexOf(record.target, index)))].sort((a, b) => a - b);
    samples.push({ contestant: 'element', kind, ms, requests: requests - requestsBefore, mutations: records.length, touched, rendered: [...renders].sort((a, b) => a - b), expected });
  }
  counter.stop();
  container.replaceChildren();
  return samples;
}

/**
 * The floor's polls: the answer's text compared with the last (as the client does), then the same
 * schema and guard, `vmStatusView` for every VM, and only the changed lines patched.
 */
async function floorPolls(first: string, answers: ReturnType<typeof pollAnswers>): Promise<PollSample[]> {
  const container = stage();
  const list = readVmContexts(JSON.parse(first)).data;
  // One `now` for every poll: the element's relative times move with its 15 s clock tick, not with a
  // poll, so a floor that re-read the time each poll would also patch VMs whose "3 min ago" rolled over.
  const now = Date.now();
  let views: VmStatusView[] = list.vms.map((vm) => vmStatusView(vm, now));
  const hosts = views.map((view) => buildStatusHost(view));
  fleetGrid(container).append(...hosts);
  const index = new Map<Node, number>();
  hosts.forEach((host, i) => index.set(host, i));
  const counter = new MutationCounter([container]);
  let last = first;
  const samples: PollSample[] = [];
  for (const { kind, body, expected } of answers) {
    await settle();
    counter.take();
    const t0 = performance.now();
    if (body !== last) {
      last = body;
      const next = readVmContexts(JSON.parse(body)).data.vms;
      views = next.map((vm, i) => updateStatusHost(hosts[i]!, views[i]!, vmStatusView(vm, now)));
    }
    forceLayout(container);
    const ms = performance.now() - t0;
    const records = counter.take();
    const touched = [...new Set(records.map((record) => elementIndexOf(record.target, index)))].sort((a, b) => a - b);
    samples.push({ contestant: 'floor', kind, ms, requests: 0, mutations: records.length, touched, rendered: touched, expected });
  }
  counter.stop();
  container.replaceChildren();
  return samples;
}

/** The element's polls, then the floor's, with the same answers. */
async function polls(count: number): Promise<PollSample[]> {
  const first = await fleetBody();
  const answers = pollAnswers(first, count);
  return [...(await elementPolls(first, answers)), ...(await floorPolls(first, answers))];
}

// ---- requests per minute ------------------------------------------------------------------------

let hidden = false;
Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });

export interface RequestCase {
  elements: number;
  visibility: 'visible' | 'hidden';
  /** `list`: the VM list answers; `fallback`: it answers 404, each VM is asked for on its own. */
  route: 'list' | 'fallback';
}

export interface RequestResult extends RequestCase {
  requests: number;
  byRoute: Record<string, number>;
  /** When each request for the list was made (ms of fake time from the start): the cycle's length. */
  listAtMs: number[];
  /** Poll cycles in the minute at the fast interval (a replicating VM is watched): 1 + 60 s / 5 s. */
  cycles: number;
}

/**
 * One minute of fake time (sinon: setTimeout, setInterval and Date), counted at the fetch.
 *
 * The fetch answers from memory through promises only: `GET /api/v1/vm-contexts` with the mock
 * OMA's fleet list (or 404 for the fallback), `GET /api/v1/vm-contexts/{vm}` with the mock's fleet
 * VM. Not the mock's own fetch: a real `Response` body is read in real time (a task, not a
 * microtask) while the fake clock races on, which stretched the first cycles to 15–20 s.
 */
async function requestCase(test: RequestCase): Promise<RequestResult> {
  // Before the fake clock: the mock's fetch answers through a timer.
  const listBody = await fleetBody();
  const fleet = JSON.parse(listBody) as RawList;
  const names = fleet.vm_contexts.map((vm) => vm.vm_name);
  // The fleet's first replicating VM alone: one element polls at the same fast interval as 500.
  const busy = fleet.vm_contexts.find((vm) => vm.current_status === 'replicating')!.vm_name;
  const now = new Date();
  const answer = (path: string): string | undefined => {
    if (path === LIST_PATH) return test.route === 'list' ? listBody : undefined;
    const index = fleetIndexOfVm(decodeURIComponent(path.slice(LIST_PATH.length + 1)));
    return index === undefined ? undefined : JSON.stringify(fleetVmContext(index, now));
  };

  const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  hidden = test.visibility === 'hidden';
  document.dispatchEvent(new Event('visibilitychange'));
  const byRoute: Record<string, number> = {};
  let requests = 0;
  const start = Date.now();
  const listAt: number[] = [];
  const fetch = memoryFetch(answer, (path) => {
    requests += 1;
    const route = path === LIST_PATH ? 'vm-list' : 'vm-context';
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    if (path === LIST_PATH) listAt.push(Date.now() - start);
  });

  const provider = document.createElement('mk-oma-provider');
  provider.client = new OmaClient({ fetch });
  provider.append(...createElements(test.elements === 1 ? [busy] : names.slice(0, test.elements)));
  const container = stage();
  fleetGrid(container).append(provider);
  await clock.tickAsync(60_000);
  const result: RequestResult = { ...test, requests, byRoute, listAtMs: listAt, cycles: 1 + Math.floor(60_000 / ACTIVE_POLL_MS) };
  container.replaceChildren();
  await clock.tickAsync(1_000);
  clock.uninstall();
  hidden = false;
  document.dispatchEvent(new Event('visibilitychange'));
  return result;
}

async function requestsPerMinute(): Promise<RequestResult[]> {
  const results: RequestResult[] = [];
  for (const elements of [1, FLEET_SIZE]) {
    for (const visibility of ['visible', 'hidden'] as const) results.push(await requestCase({ elements, visibility, route: 'list' }));
  }
  results.push(await requestCase({ elements: FLEET_SIZE, visibility: 'visible', route: 'fallback' }));
  return results;
}

// ---- heap ------------------------------------------------------------------------------------------

/** Bodies made before the heap baseline, so no contestant's delta includes the raw data. */
let heapBody = '';
let heapParsed: unknown;
let mounted: FleetContestant | undefined;

/** Mounts one contestant and leaves it on screen (run.mjs reads the heap around this). */
async function mount(options: { contestant: string }): Promise<{ vms: number }> {
  if (!heapBody) heapBody = await fleetBody();
  const contestant = contestants().find((candidate) => candidate.name === options.contestant);
  if (!contestant) throw new Error(`no contestant ${options.contestant}`);
  // Host-fed: the host keeps its parsed body anyway, so the provider gets the one held here.
  heapParsed ??= JSON.parse(heapBody);
  await contestant.mount(stage(), heapBody, heapParsed);
  forceLayout(stage());
  mounted = contestant;
  return { vms: contestant.hosts().length };
}

async function unmount(): Promise<void> {
  stage().replaceChildren();
  mounted = undefined;
  await settle();
}

// ---- entry ----------------------------------------------------------------------------------------

export interface FleetResult {
  size: number;
  render: Record<string, RenderSamples>;
  polls: PollSample[];
  requests: RequestResult[];
}

async function run(options: { rounds: number; warmup: number; polls: number }): Promise<FleetResult> {
  localStorage.clear();
  const render = await firstRender(options.rounds, options.warmup);
  console.info('  fleet polls…');
  const pollSamples = await polls(options.polls);
  console.info('  fleet requests over a minute of fake time…');
  const requests = await requestsPerMinute();
  return { size: FLEET_SIZE, render, polls: pollSamples, requests };
}

window.bench = {
  run: run as (options: never) => Promise<unknown>,
  mount: mount as (options: never) => Promise<unknown>,
  unmount: unmount as (options: never) => Promise<unknown>,
  mounted: () => Promise.resolve(mounted?.name),
};

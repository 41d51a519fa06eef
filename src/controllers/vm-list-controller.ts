/**
 * The VM statuses of a page, from one request: every `<mk-vm-status>` sharing a client is served by
 * one `GET /vm-contexts` per poll cycle, whatever their number (the client runs one poller per URL;
 * `VmStatusSource` splits its answer by VM name and tells each element only when its own VM changed).
 *
 * Where the list is not exposed (404, a missing proxy route, forbidden, or no usable template), the
 * source says so once in the console and asks each VM's context instead: one request per VM name
 * per cycle however many elements show it, at most `MAX_PER_VM_IN_FLIGHT` at a time.
 *
 * A host that already has the list hands it to `<mk-oma-provider>` (`vmContexts`): the provider
 * offers it through `vmContextsContext`, and nothing is requested.
 */
import { createContext } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { OmaClient, ResourceState } from '../api/client.js';
import { OmaError, toOmaError, type OmaErrorKind } from '../api/errors.js';
import { warnOnce } from '../api/report.js';
import { readVmContexts } from '../model/pipeline.js';
import type { VmContexts, VmListEntry } from '../model/operation.js';
import { isActive } from '../model/view/rules.js';
import { ResourceController } from './resource-controller.js';
import { ACTIVE_POLL_MS, IDLE_POLL_MS } from './vm-context-controller.js';

/** The VM list a host handed to `<mk-oma-provider>` (read through the same schema and guard). */
export const vmContextsContext = createContext<VmContexts | undefined>(Symbol('mk-vm-contexts'));

/** The most per-VM requests the fallback has in flight at once. */
export const MAX_PER_VM_IN_FLIGHT = 6;

/** Answers that mean "this host does not expose the list": asking again will not help, each VM's own route may. */
const LIST_UNAVAILABLE = new Set<OmaErrorKind>(['not-found', 'route-missing', 'forbidden', 'configuration']);

const LOADING: ResourceState<never> = { status: 'loading' };
const MIN_RETRY_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;

type Listener = (state: ResourceState<VmListEntry>) => void;

/** Fast while the VM replicates or an operation runs on it. */
function isBusy(vm: VmListEntry | undefined): boolean {
  return vm?.currentStatus?.text === 'replicating' || (vm?.lastOperation !== undefined && isActive(vm.lastOperation));
}

/** Undefined outside a browser. */
const page = globalThis.document as Document | undefined;

/**
 * The fallback: each watched VM's own context, asked once per cycle, at most
 * `MAX_PER_VM_IN_FLIGHT` at a time; the next cycle counts from the end of the last one, waits
 * while the page is hidden, and backs off while requests fail.
 */
class PerVmPoller {
  readonly #client: OmaClient;
  readonly #names: () => Iterable<string>;
  readonly #send: (vmName: string, state: ResourceState<VmListEntry>) => void;
  readonly #interval: () => number;
  readonly #controller = new AbortController();
  /** Names waiting for a request, in order; the set keeps a name from being queued twice. */
  readonly #queue: string[] = [];
  readonly #queued = new Set<string>();
  readonly #inFlight = new Set<string>();
  #cycleFailed = false;
  #failures = 0;
  #timer?: ReturnType<typeof setTimeout>;
  readonly #onVisibilityChange = () => this.#schedule();

  constructor(
    client: OmaClient,
    names: () => Iterable<string>,
    send: (vmName: string, state: ResourceState<VmListEntry>) => void,
    interval: () => number,
  ) {
    this.#client = client;
    this.#names = names;
    this.#send = send;
    this.#interval = interval;
    page?.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  /** Ask for `vmName` in the current cycle (once, however often it is asked for). */
  request(vmName: string): void {
    if (this.#controller.signal.aborted || this.#queued.has(vmName) || this.#inFlight.has(vmName)) return;
    this.#queued.add(vmName);
    this.#queue.push(vmName);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pump();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#controller.abort();
    page?.removeEventListener('visibilitychange', this.#onVisibilityChange);
  }

  #pump(): void {
    while (this.#inFlight.size < MAX_PER_VM_IN_FLIGHT && this.#queue.length) {
      const vmName = this.#queue.shift()!;
      this.#queued.delete(vmName);
      this.#inFlight.add(vmName);
      void this.#fetch(vmName);
    }
    if (!this.#inFlight.size && !this.#queue.length) this.#endCycle();
  }

  async #fetch(vmName: string): Promise<void> {
    const { signal } = this.#controller;
    try {
      const vm = await this.#client.fetchVmContext(vmName, { signal });
      if (!signal.aborted) this.#send(vmName, { status: 'ready', data: vm, updatedAt: Date.now() });
    } catch (error) {
      if (signal.aborted) return;
      this.#cycleFailed = true;
      this.#send(vmName, { status: 'error', error: toOmaError(error) });
    } finally {
      this.#inFlight.delete(vmName);
      if (!signal.aborted) this.#pump();
    }
  }

  #endCycle(): void {
    this.#failures = this.#cycleFailed ? this.#failures + 1 : 0;
    this.#cycleFailed = false;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#controller.signal.aborted || this.#timer !== undefined || this.#inFlight.size || page?.hidden) return;
    const interval = this.#interval();
    const delay = this.#failures ? Math.min(MAX_BACKOFF_MS, Math.max(interval, MIN_RETRY_MS) * 2 ** (this.#failures - 1)) : interval;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      for (const vmName of this.#names()) this.request(vmName);
    }, delay);
  }
}

/** What was last sent for one VM name, and to whom. */
interface Watched {
  listeners: Set<Listener>;
  state: ResourceState<VmListEntry>;
  /** The state's content as text: an answer that changes nothing for this VM is not passed on. */
  signature: string;
}

function signatureOf(state: ResourceState<VmListEntry>): string {
  return JSON.stringify([state.status, state.error?.kind, state.data]);
}

/** Every VM status of one client: one list poller (or the per-VM fallback) for all its elements. */
export class VmStatusSource {
  readonly #client: OmaClient;
  readonly #watched = new Map<string, Watched>();
  /** Once the list proved unavailable, this client asks per VM for good. */
  #perVmOnly = false;
  #listState: ResourceState<VmContexts> = LOADING;
  #stopList?: () => void;
  #perVm?: PerVmPoller;

  constructor(client: OmaClient) {
    this.#client = client;
  }

  /** Whether the per-VM fallback is in use. */
  get fallingBack(): boolean {
    return this.#perVmOnly;
  }

  /** Calls `listener` with `vmName`'s state now and whenever it changes. Returns the unsubscribe function. */
  watch(vmName: string, listener: Listener): () => void {
    let watched = this.#watched.get(vmName);
    if (!watched) {
      const state = this.#perVmOnly ? LOADING : this.#entryState(vmName, this.#listState);
      watched = { listeners: new Set(), state, signature: signatureOf(state) };
      this.#watched.set(vmName, watched);
    }
    watched.listeners.add(listener);
    listener(watched.state);
    this.#start(vmName);
    return () => {
      if (!watched.listeners.delete(listener) || watched.listeners.size) return;
      this.#watched.delete(vmName);
      if (!this.#watched.size) this.#stop();
    };
  }

  /** Ask again now (nothing to do for the fallback, which asks every cycle). */
  refresh(): Promise<void> {
    return this.#perVmOnly ? Promise.resolve() : this.#client.refresh(this.#client.vmContextsUrl());
  }

  #start(vmName: string): void {
    if (this.#perVmOnly) {
      this.#perVm ??= this.#newPerVmPoller();
      this.#perVm.request(vmName);
      return;
    }
    if (this.#stopList) return;
    const stop = this.#client.watchVmContexts(readVmContexts, (state) => this.#onList(state), { interval: (data) => this.#interval(data) });
    // A configuration error is answered inside watchVmContexts: the fallback may have begun already.
    if (this.#perVmOnly) stop();
    else this.#stopList = stop;
  }

  #stop(): void {
    this.#stopList?.();
    this.#stopList = undefined;
    this.#perVm?.stop();
    this.#perVm = undefined;
  }

  #interval(list: VmContexts | undefined): number {
    for (const vmName of this.#watched.keys()) if (isBusy(list?.byName.get(vmName))) return ACTIVE_POLL_MS;
    return IDLE_POLL_MS;
  }

  #onList(state: ResourceState<VmContexts>): void {
    if (state.status === 'error' && !state.data && state.error && LIST_UNAVAILABLE.has(state.error.kind)) {
      this.#fallBack(state.error);
      return;
    }
    this.#listState = state;
    for (const vmName of this.#watched.keys()) this.#send(vmName, this.#entryState(vmName, state));
  }

  /** One VM's part of the list's state; a VM the list does not name is not found. */
  #entryState(vmName: string, list: ResourceState<VmContexts>): ResourceState<VmListEntry> {
    if (list.status === 'loading') return LOADING;
    const entry = list.data?.byName.get(vmName);
    if (entry) return { status: list.status, data: entry, error: list.error, updatedAt: list.updatedAt };
    if (list.status === 'error') return { status: 'error', error: list.error };
    return { status: 'error', error: new OmaError('not-found', { technicalDetail: `${vmName} is not in the VM list` }) };
  }

  #fallBack(error: OmaError): void {
    this.#perVmOnly = true;
    this.#stopList?.();
    this.#stopList = undefined;
    const url = this.#client.vmContextsUrl() ?? 'the vmContexts endpoint';
    warnOnce(
      `The VM list (${url}) is not available here (${error.kind}): each <mk-vm-status> VM is asked for on its own instead, at most ${MAX_PER_VM_IN_FLIGHT} requests at a time. Expose the list (or give <mk-oma-provider> a vmContexts template) for one request per poll.`,
    );
    this.#perVm ??= this.#newPerVmPoller();
    for (const vmName of this.#watched.keys()) this.#perVm.request(vmName);
  }

  #newPerVmPoller(): PerVmPoller {
    return new PerVmPoller(
      this.#client,
      () => this.#watched.keys(),
      (vmName, state) => this.#send(vmName, state),
      () => ([...this.#watched.values()].some((watched) => isBusy(watched.state.data)) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
    );
  }

  /** Passes a VM's new state to its elements, unless nothing they show changed; a failure keeps the last good data. */
  #send(vmName: string, state: ResourceState<VmListEntry>): void {
    const watched = this.#watched.get(vmName);
    if (!watched) return;
    const next = state.status === 'error' && !state.data && watched.state.data ? { ...state, data: watched.state.data, updatedAt: watched.state.updatedAt } : state;
    const signature = signatureOf(next);
    if (signature === watched.signature) return;
    watched.state = next;
    watched.signature = signature;
    for (const listener of [...watched.listeners]) listener(next);
  }
}

const sources = new WeakMap<OmaClient, VmStatusSource>();

/** The one source of VM statuses for `client`. */
export function vmStatusSource(client: OmaClient): VmStatusSource {
  let source = sources.get(client);
  if (!source) sources.set(client, (source = new VmStatusSource(client)));
  return source;
}

/** Keeps its host subscribed to one VM's entry of the shared VM list while connected. */
export class VmStatusController extends ResourceController<VmListEntry, [client: OmaClient, vmName: string]> {
  constructor(host: ReactiveControllerHost, args: () => [client: OmaClient, vmName: string] | undefined) {
    super(host, {
      args,
      subscribe: ([client, vmName], listener) => vmStatusSource(client).watch(vmName, listener),
      refresh: ([client]) => void vmStatusSource(client).refresh(),
    });
  }
}

/**
 * `OmaClient`: the one way the widgets talk to the OMA. It shares identical in-flight requests,
 * caches responses briefly, and runs one poll loop per resource for all its subscribers (paused
 * while the page is hidden, backing off on errors, stopped when the last subscriber leaves).
 *
 * The work is done by closures (`createEngine`, `createPoller`) rather than private methods and
 * fields: the minifier shortens local names but never property names.
 */
import { OmaError, errorKindForStatus, toOmaError } from './errors.js';
import { normalizeFailoverStatus, normalizeRecentJobs, normalizeVmContext, type Normalized } from './normalize.js';
import { reportDataIssues } from './report.js';
import type { FailoverStatus, RecentJobs, VmContext } from '../model/operation.js';

type Awaitable<T> = T | Promise<T>;

export interface OmaClientOptions {
  /** Origin or path prefix in front of `/api/v1`; empty for the same origin (a proxy). */
  apiBase?: string;
  /** Bearer token, or a function returning one (called for every request, so it may refresh). */
  token?: string | null | (() => Awaitable<string | null | undefined>);
  /** Extra request headers, or a function returning them. */
  headers?: HeadersInit | (() => Awaitable<HeadersInit>);
  /** `credentials` mode for cookie sessions. */
  credentials?: RequestCredentials;
  /** A custom fetch (tests, SSR, instrumented hosts). */
  fetch?: typeof fetch;
  /** Abort a request after this long. Default 15 s. */
  timeoutMs?: number;
  /** How long a response is reused without asking the server again. Default 2 s. */
  cacheTtlMs?: number;
  /** Longest wait between retries after errors. Default 5 min. */
  maxBackoffMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Ignore the cache. */
  fresh?: boolean;
}

/** What a subscriber sees of one resource. `data` is the last good data, kept through errors. */
export interface ResourceState<T> {
  status: 'loading' | 'ready' | 'error';
  data?: T;
  error?: OmaError;
  /** Epoch ms of the last successful response. */
  updatedAt?: number;
}

export interface WatchOptions<T> {
  /** Milliseconds until the next poll given the latest data; 0 or less means "do not poll". */
  interval: (data: T | undefined) => number;
}

/** Turns a response body into data; `id` is the context, VM or job the path names. */
type Normalize<T> = (body: unknown, id: string) => Normalized<T>;
type Listener<T> = (state: ResourceState<T>) => void;

interface CacheEntry {
  data: unknown;
  /** The raw body: an identical next answer keeps `data` (the same object, so nothing re-renders). */
  body: string;
  at: number;
}

/** One poll loop, shared by every subscriber of one path. */
interface Poller<T = unknown> {
  /** Whether a request is under way (the benchmark waits for this to turn false). */
  readonly running: boolean;
  subscribe(listener: Listener<T>, interval: WatchOptions<T>['interval']): () => void;
  /** Ask now, forgetting the backoff. */
  refresh(): void;
}

const MIN_RETRY_MS = 2_000;
const VISIBILITY_CHANGE = 'visibilitychange';
/** Undefined outside a browser (SSR, Node). */
const page = globalThis.document as Document | undefined;

const trimSlashes = (base: string): string => base.replace(/\/+$/, '');

export class OmaClient {
  readonly apiBase: string;
  /** One poll loop per path (the benchmark reads `running` of these). */
  private readonly pollers = new Map<string, Poller>();
  private readonly get: <T>(path: string, normalize: Normalize<T>, id: string, options?: RequestOptions) => Promise<T>;
  private readonly watch: <T>(path: string, normalize: Normalize<T>, id: string, listener: Listener<T>, options: WatchOptions<T>) => () => void;

  constructor(options: OmaClientOptions = {}) {
    this.apiBase = trimSlashes(options.apiBase ?? '');
    ({ get: this.get, watch: this.watch } = createEngine(this.apiBase, options, this.pollers));
  }

  vmContextPath(vmName: string): string {
    return `/vm-contexts/${encodeURIComponent(vmName)}`;
  }

  recentJobsPath(contextId: string): string {
    return `${this.vmContextPath(contextId)}/recent-jobs`;
  }

  failoverStatusPath(jobId: string): string {
    return `/failover/${encodeURIComponent(jobId)}/status`;
  }

  fetchRecentJobs(contextId: string, options?: RequestOptions): Promise<RecentJobs> {
    return this.get(this.recentJobsPath(contextId), normalizeRecentJobs, contextId, options);
  }

  fetchVmContext(vmName: string, options?: RequestOptions): Promise<VmContext> {
    return this.get(this.vmContextPath(vmName), normalizeVmContext, vmName, options);
  }

  fetchFailoverStatus(jobId: string, options?: RequestOptions): Promise<FailoverStatus> {
    return this.get(this.failoverStatusPath(jobId), normalizeFailoverStatus, jobId, options);
  }

  watchRecentJobs(contextId: string, listener: Listener<RecentJobs>, options: WatchOptions<RecentJobs>): () => void {
    return this.watch(this.recentJobsPath(contextId), normalizeRecentJobs, contextId, listener, options);
  }

  watchVmContext(vmName: string, listener: Listener<VmContext>, options: WatchOptions<VmContext>): () => void {
    return this.watch(this.vmContextPath(vmName), normalizeVmContext, vmName, listener, options);
  }

  /** Ask again now (the Retry button): resets the backoff of that resource. */
  refresh(path: string): void {
    this.pollers.get(path)?.refresh();
  }

  /** The number of resources being polled and their timers: for leak checks in tests and benchmarks. */
  get activeWatchCount(): number {
    return this.pollers.size;
  }
}

/** An option given as a value or as a function returning one (asked again for every request). */
function current<T>(option: T | (() => Awaitable<T>)): Awaitable<T> {
  return typeof option === 'function' ? (option as () => Awaitable<T>)() : option;
}

function createEngine(apiBase: string, options: OmaClientOptions, pollers: Map<string, Poller>) {
  const { token, headers, credentials } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const cacheTtlMs = options.cacheTtlMs ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  const cache = new Map<string, CacheEntry>();
  const inflight = new Map<string, { promise: Promise<CacheEntry>; controller: AbortController; waiters: number }>();

  /** One GET. Every failure becomes an OmaError naming the path. */
  async function request(path: string, normalize: Normalize<unknown>, id: string, controller: AbortController): Promise<CacheEntry> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const requestHeaders = new Headers(await current(headers));
      if (!requestHeaders.has('accept')) requestHeaders.set('accept', 'application/json');
      const bearer = await current(token);
      if (bearer) requestHeaders.set('authorization', `Bearer ${bearer}`);
      const response = await (options.fetch ?? fetch)(`${apiBase}/api/v1${path}`, {
        method: 'GET',
        headers: requestHeaders,
        credentials,
        signal: controller.signal,
      });
      const body = await response.text();
      const { ok, status } = response;
      // The start of the body, for logs: an HTML page from a proxy can be long.
      const start = body.slice(0, 200);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        if (ok) throw new OmaError('not-json', { status, technicalDetail: start, cause: error });
      }
      if (!ok) {
        const message = (json as { error?: unknown } | null)?.error;
        throw new OmaError(errorKindForStatus(status), { status, technicalDetail: typeof message === 'string' ? message : start || `HTTP ${status}` });
      }
      let entry = cache.get(path);
      if (entry?.body !== body) {
        const normalized = normalize(json, id);
        reportDataIssues(normalized.issues);
        entry = { data: normalized.data, body, at: 0 };
      }
      entry.at = Date.now();
      cache.set(path, entry);
      return entry;
    } catch (error) {
      // toOmaError adds the path to our own errors too.
      throw timedOut ? new OmaError('timeout', { path, technicalDetail: `no answer within ${timeoutMs} ms`, cause: error }) : toOmaError(error, path);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A fresh enough cached answer, or the shared request for it, which each caller may give up on alone. */
  async function load(path: string, normalize: Normalize<unknown>, id: string, { signal, fresh }: RequestOptions = {}): Promise<CacheEntry> {
    const cached = cache.get(path);
    if (!fresh && cached && Date.now() - cached.at < cacheTtlMs) return cached;
    if (signal?.aborted) throw new OmaError('aborted', { path });

    let shared = inflight.get(path);
    if (!shared) {
      const controller = new AbortController();
      const promise = request(path, normalize, id, controller).finally(() => {
        if (inflight.get(path)?.promise === promise) inflight.delete(path);
      });
      inflight.set(path, (shared = { promise, controller, waiters: 0 }));
    }
    const joined = shared;
    joined.waiters += 1;
    return new Promise<CacheEntry>((resolve, reject) => {
      let waiting = true;
      /** Stops waiting; false when this caller already had its answer (or gave up). */
      const leave = (): boolean => {
        if (!waiting) return false;
        waiting = false;
        joined.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        // The shared request is aborted when nobody waits for it any more.
        if (!joined.waiters) {
          joined.controller.abort();
          // A caller arriving right after (a moved element re-subscribing) must get a new request.
          if (inflight.get(path) === joined) inflight.delete(path);
        }
        reject(new OmaError('aborted', { path }));
      };
      signal?.addEventListener('abort', onAbort);
      joined.promise.then(resolve, reject).finally(leave);
    });
  }

  function createPoller<T>(path: string, normalize: Normalize<T>, id: string): Poller<T> {
    const subscribers = new Set<[listener: Listener<T>, interval: WatchOptions<T>['interval']]>();
    // Aborts the request in flight once the last subscriber has left (the poller is then done).
    const controller = new AbortController();
    const { signal } = controller;
    const cached = cache.get(path);
    let state: ResourceState<T> = cached ? { status: 'ready', data: cached.data as T, updatedAt: cached.at } : { status: 'loading' };
    let failures = 0;
    let running = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** When the last answer (or failure) arrived: the next poll counts from here. Undefined before the first. */
    let settledAt: number | undefined;

    const emit = (next: ResourceState<T>) => {
      const previous = state;
      state = next;
      if (previous.status === next.status && previous.data === next.data && previous.error === next.error) return;
      for (const [listener] of [...subscribers]) {
        try {
          listener(next);
        } catch (error) {
          // One broken listener must not turn a good answer into an error for the others.
          console.error('[mk-widgets] a state listener threw', error);
        }
      }
    };

    // Timers call it without an argument: only the first poll may answer from the cache.
    const run = async (fromCache = false) => {
      clearTimeout(timer);
      if (running) return;
      running = true;
      try {
        const entry = await load(path, normalize, id, { signal, fresh: !fromCache });
        failures = 0;
        emit({ status: 'ready', data: entry.data as T, updatedAt: entry.at });
      } catch (error) {
        failures += 1;
        emit({ status: 'error', data: state.data, error: toOmaError(error, path), updatedAt: state.updatedAt });
      } finally {
        settledAt = Date.now();
        running = false;
      }
      schedule();
    };

    /** Sets the timer for the next poll. Also the visibility listener: no timer while the page is hidden. */
    const schedule = () => {
      clearTimeout(timer);
      // Stopped, or a request under way (it schedules when done), or the first still to come.
      if (signal.aborted || running || settledAt === undefined || page?.hidden) return;
      let delay = Infinity;
      for (const [, interval] of subscribers) {
        const ms = interval(state.data);
        if (ms > 0 && ms < delay) delay = ms;
      }
      if (failures) {
        // Back off from the usual interval (at least 2 s), or from 30 s for a resource that is not polled.
        const base = delay < Infinity ? Math.max(delay, MIN_RETRY_MS) : 15 * MIN_RETRY_MS;
        delay = Math.min(maxBackoffMs, base * 2 ** (failures - 1));
      }
      if (delay < Infinity) timer = setTimeout(run, Math.max(0, settledAt + delay - Date.now()));
    };

    const stop = () => {
      clearTimeout(timer);
      controller.abort();
      pollers.delete(path);
      page?.removeEventListener(VISIBILITY_CHANGE, schedule);
    };

    page?.addEventListener(VISIBILITY_CHANGE, schedule);

    return {
      get running() {
        return running;
      },
      subscribe(listener, interval) {
        const subscriber: [Listener<T>, WatchOptions<T>['interval']] = [listener, interval];
        subscribers.add(subscriber);
        listener(state);
        if (settledAt === undefined) run(true); // the first subscriber starts the loop
        else schedule(); // a new subscriber may want a shorter interval than the current one
        return () => {
          if (subscribers.delete(subscriber) && !subscribers.size) stop();
        };
      },
      refresh() {
        failures = 0;
        run();
      },
    };
  }

  return {
    get: async <T>(path: string, normalize: Normalize<T>, id: string, requestOptions?: RequestOptions): Promise<T> =>
      (await load(path, normalize, id, requestOptions)).data as T,

    watch<T>(path: string, normalize: Normalize<T>, id: string, listener: Listener<T>, { interval }: WatchOptions<T>): () => void {
      let poller = pollers.get(path) as Poller<T> | undefined;
      if (!poller) {
        poller = createPoller(path, normalize, id);
        pollers.set(path, poller as Poller);
      }
      return poller.subscribe(listener, interval);
    },
  };
}

const defaultClients = new Map<string, OmaClient>();

/** The client widgets use without a provider: one per `apiBase`, so widgets for one VM share requests. */
export function getDefaultClient(apiBase = ''): OmaClient {
  const key = trimSlashes(apiBase);
  let client = defaultClients.get(key);
  if (!client) defaultClients.set(key, (client = new OmaClient({ apiBase: key })));
  return client;
}

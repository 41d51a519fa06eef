/**
 * `OmaClient`: the one way the widgets talk to the OMA. It shares identical in-flight requests,
 * caches responses briefly, and runs one poll loop per resource for all its subscribers (paused
 * while the page is hidden, backing off on errors, stopped when the last subscriber leaves).
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

interface CacheEntry {
  data: unknown;
  body: string;
  at: number;
}

interface Subscriber<T> {
  listener: (state: ResourceState<T>) => void;
  interval: (data: T | undefined) => number;
}

interface Poller<T> {
  key: string;
  path: string;
  normalize: (body: unknown) => Normalized<T>;
  subscribers: Set<Subscriber<T>>;
  state: ResourceState<T>;
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
  dueAt?: number;
  /** When the last answer (or failure) arrived: the next poll counts from here. */
  settledAt?: number;
  controller?: AbortController;
  running: boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CACHE_TTL_MS = 2_000;
const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;
const MIN_RETRY_MS = 2_000;

function isPageHidden(): boolean {
  return typeof document !== 'undefined' && document.hidden;
}

export class OmaClient {
  readonly apiBase: string;
  private readonly options: OmaClientOptions;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, { promise: Promise<CacheEntry>; controller: AbortController; waiters: number }>();
  private readonly pollers = new Map<string, Poller<unknown>>();
  private visibilityListening = false;

  constructor(options: OmaClientOptions = {}) {
    this.options = options;
    this.apiBase = (options.apiBase ?? '').replace(/\/+$/, '');
  }

  recentJobsPath(contextId: string): string {
    return `/vm-contexts/${encodeURIComponent(contextId)}/recent-jobs`;
  }

  vmContextPath(vmName: string): string {
    return `/vm-contexts/${encodeURIComponent(vmName)}`;
  }

  failoverStatusPath(jobId: string): string {
    return `/failover/${encodeURIComponent(jobId)}/status`;
  }

  fetchRecentJobs(contextId: string, options?: RequestOptions): Promise<RecentJobs> {
    return this.get(this.recentJobsPath(contextId), (body) => normalizeRecentJobs(body, contextId), options);
  }

  fetchVmContext(vmName: string, options?: RequestOptions): Promise<VmContext> {
    return this.get(this.vmContextPath(vmName), (body) => normalizeVmContext(body, vmName), options);
  }

  fetchFailoverStatus(jobId: string, options?: RequestOptions): Promise<FailoverStatus> {
    return this.get(this.failoverStatusPath(jobId), (body) => normalizeFailoverStatus(body, jobId), options);
  }

  watchRecentJobs(contextId: string, listener: (state: ResourceState<RecentJobs>) => void, options: WatchOptions<RecentJobs>): () => void {
    return this.watch(this.recentJobsPath(contextId), (body) => normalizeRecentJobs(body, contextId), listener, options);
  }

  watchVmContext(vmName: string, listener: (state: ResourceState<VmContext>) => void, options: WatchOptions<VmContext>): () => void {
    return this.watch(this.vmContextPath(vmName), (body) => normalizeVmContext(body, vmName), listener, options);
  }

  /** Ask again now (the Retry button): resets the backoff of that resource. */
  refresh(path: string): void {
    const poller = this.pollers.get(path);
    if (!poller) return;
    poller.failures = 0;
    this.runPoll(poller, true);
  }

  /** The number of resources being polled and their timers: for leak checks in tests and benchmarks. */
  get activeWatchCount(): number {
    return this.pollers.size;
  }

  // ---- requests ---------------------------------------------------------------------------

  private async get<T>(path: string, normalize: (body: unknown) => Normalized<T>, options: RequestOptions = {}): Promise<T> {
    const entry = await this.load(path, normalize, options);
    return entry.data as T;
  }

  private async load<T>(path: string, normalize: (body: unknown) => Normalized<T>, options: RequestOptions = {}): Promise<CacheEntry> {
    const ttl = this.options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    const cached = this.cache.get(path);
    if (!options.fresh && cached && Date.now() - cached.at < ttl) return cached;
    if (options.signal?.aborted) throw new OmaError('aborted', { path });

    let shared = this.inflight.get(path);
    if (!shared) {
      const controller = new AbortController();
      const promise = this.request(path, normalize, controller.signal).finally(() => {
        if (this.inflight.get(path)?.promise === promise) this.inflight.delete(path);
      });
      shared = { promise, controller, waiters: 0 };
      this.inflight.set(path, shared);
    }
    const request = shared;
    request.waiters += 1;
    const signal = options.signal;
    if (!signal) {
      return request.promise.finally(() => {
        request.waiters -= 1;
      });
    }
    // Each caller may give up on its own; the shared request is aborted when nobody waits.
    return new Promise<CacheEntry>((resolve, reject) => {
      let settled = false;
      const release = () => {
        if (settled) return;
        settled = true;
        request.waiters -= 1;
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        release();
        if (request.waiters === 0) {
          request.controller.abort();
          // A caller arriving right after (a moved element re-subscribing) must get a new request.
          if (this.inflight.get(path) === request) this.inflight.delete(path);
        }
        reject(new OmaError('aborted', { path }));
      };
      signal.addEventListener('abort', onAbort);
      request.promise.then(
        (value) => {
          release();
          resolve(value);
        },
        (error: unknown) => {
          release();
          reject(toOmaError(error, path));
        },
      );
    });
  }

  private async buildHeaders(): Promise<Headers> {
    const { token, headers } = this.options;
    const result = new Headers(typeof headers === 'function' ? await headers() : headers);
    if (!result.has('accept')) result.set('accept', 'application/json');
    const value = typeof token === 'function' ? await token() : token;
    if (value) result.set('authorization', `Bearer ${value}`);
    return result;
  }

  private async request<T>(path: string, normalize: (body: unknown) => Normalized<T>, signal: AbortSignal): Promise<CacheEntry> {
    const url = `${this.apiBase}/api/v1${path}`;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort);
    try {
      const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
      let response: Response;
      let body: string;
      try {
        response = await fetchImpl(url, {
          method: 'GET',
          headers: await this.buildHeaders(),
          credentials: this.options.credentials,
          signal: controller.signal,
        });
        body = await response.text();
      } catch (error) {
        if (timedOut) throw new OmaError('timeout', { path, technicalDetail: `no answer within ${timeoutMs} ms`, cause: error });
        throw toOmaError(error, path);
      }
      if (!response.ok) {
        throw new OmaError(errorKindForStatus(response.status), {
          status: response.status,
          path,
          technicalDetail: serverErrorText(body) ?? `HTTP ${response.status}`,
        });
      }
      const cached = this.cache.get(path);
      if (cached && cached.body === body) {
        // Identical response: keep the same data object so nothing downstream re-renders.
        const entry = { ...cached, at: Date.now() };
        this.cache.set(path, entry);
        return entry;
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        throw new OmaError('not-json', { status: response.status, path, technicalDetail: body.slice(0, 200), cause: error });
      }
      let normalized: Normalized<T>;
      try {
        normalized = normalize(json);
      } catch (error) {
        throw toOmaError(error, path);
      }
      reportDataIssues(normalized.issues);
      const entry: CacheEntry = { data: normalized.data, body, at: Date.now() };
      this.cache.set(path, entry);
      return entry;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  // ---- polling ----------------------------------------------------------------------------

  private watch<T>(
    path: string,
    normalize: (body: unknown) => Normalized<T>,
    listener: (state: ResourceState<T>) => void,
    options: WatchOptions<T>,
  ): () => void {
    let poller = this.pollers.get(path) as Poller<T> | undefined;
    const subscriber: Subscriber<T> = { listener, interval: options.interval };
    if (!poller) {
      const cached = this.cache.get(path);
      poller = {
        key: path,
        path,
        normalize,
        subscribers: new Set(),
        state: cached ? { status: 'ready', data: cached.data as T, updatedAt: cached.at } : { status: 'loading' },
        failures: 0,
        running: false,
      };
      this.pollers.set(path, poller as Poller<unknown>);
      poller.subscribers.add(subscriber);
      this.listenToVisibility();
      listener(poller.state);
      this.runPoll(poller, false);
    } else {
      poller.subscribers.add(subscriber);
      listener(poller.state);
      // A new subscriber may want a shorter interval than the current schedule.
      if (!poller.running) this.schedule(poller);
    }
    return () => {
      const current = this.pollers.get(path) as Poller<T> | undefined;
      if (!current) return;
      current.subscribers.delete(subscriber);
      if (current.subscribers.size === 0) this.stopPoller(current);
    };
  }

  private stopPoller<T>(poller: Poller<T>): void {
    clearTimeout(poller.timer);
    poller.timer = undefined;
    poller.controller?.abort();
    this.pollers.delete(poller.path);
    if (this.pollers.size === 0) this.stopListeningToVisibility();
  }

  private emit<T>(poller: Poller<T>, state: ResourceState<T>): void {
    const previous = poller.state;
    poller.state = state;
    if (previous.status === state.status && previous.data === state.data && previous.error === state.error) return;
    for (const subscriber of [...poller.subscribers]) {
      try {
        subscriber.listener(state);
      } catch (error) {
        // One broken listener must not turn a good answer into an error for the others.
        console.error('[mk-widgets] an OMA state listener threw', error);
      }
    }
  }

  private async runPoll<T>(poller: Poller<T>, fresh: boolean): Promise<void> {
    clearTimeout(poller.timer);
    poller.timer = undefined;
    if (poller.running) return;
    poller.running = true;
    const controller = new AbortController();
    poller.controller = controller;
    try {
      const entry = await this.load(poller.path, poller.normalize, { signal: controller.signal, fresh });
      poller.failures = 0;
      this.emit(poller, { status: 'ready', data: entry.data as T, updatedAt: entry.at });
    } catch (error) {
      const failure = toOmaError(error, poller.path);
      if (failure.kind === 'aborted' && controller.signal.aborted) return;
      poller.failures += 1;
      this.emit(poller, { status: 'error', data: poller.state.data, error: failure, updatedAt: poller.state.updatedAt });
    } finally {
      poller.settledAt = Date.now();
      poller.running = false;
      if (poller.controller === controller) poller.controller = undefined;
    }
    if (this.pollers.get(poller.path) === (poller as unknown)) this.schedule(poller);
  }

  private intervalOf<T>(poller: Poller<T>): number {
    let shortest = Infinity;
    for (const subscriber of poller.subscribers) {
      const ms = subscriber.interval(poller.state.data);
      if (ms > 0 && ms < shortest) shortest = ms;
    }
    return shortest;
  }

  private schedule<T>(poller: Poller<T>): void {
    clearTimeout(poller.timer);
    poller.timer = undefined;
    poller.dueAt = undefined;
    let delay = this.intervalOf(poller);
    if (poller.failures > 0) {
      const base = Number.isFinite(delay) ? Math.max(delay, MIN_RETRY_MS) : MIN_RETRY_MS * 15;
      delay = Math.min(this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS, base * 2 ** (poller.failures - 1));
    }
    if (!Number.isFinite(delay)) return;
    poller.dueAt = (poller.settledAt ?? Date.now()) + delay;
    if (isPageHidden()) return; // resumed by the visibility listener
    poller.timer = setTimeout(() => this.runPoll(poller, true), Math.max(0, poller.dueAt - Date.now()));
  }

  private readonly onVisibilityChange = (): void => {
    for (const poller of this.pollers.values()) {
      if (isPageHidden()) {
        clearTimeout(poller.timer);
        poller.timer = undefined;
      } else if (!poller.running && poller.dueAt !== undefined) {
        const wait = poller.dueAt - Date.now();
        if (wait <= 0) this.runPoll(poller, true);
        else poller.timer = setTimeout(() => this.runPoll(poller, true), wait);
      }
    }
  };

  private listenToVisibility(): void {
    if (this.visibilityListening || typeof document === 'undefined') return;
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.visibilityListening = true;
  }

  private stopListeningToVisibility(): void {
    if (!this.visibilityListening) return;
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.visibilityListening = false;
  }
}

function serverErrorText(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'error' in parsed && typeof parsed.error === 'string') return parsed.error;
  } catch {
    // An HTML page from a proxy: keep its start for logs.
  }
  return body ? body.slice(0, 200) : undefined;
}

const defaultClients = new Map<string, OmaClient>();

/** The client widgets use without a provider: one per `apiBase`, so widgets for one VM share requests. */
export function getDefaultClient(apiBase = ''): OmaClient {
  const key = apiBase.replace(/\/+$/, '');
  let client = defaultClients.get(key);
  if (!client) {
    client = new OmaClient({ apiBase: key });
    defaultClients.set(key, client);
  }
  return client;
}

/**
 * `OmaClient`: the one way the widgets talk to the OMA. It shares identical in-flight requests,
 * caches responses briefly, and runs one poll loop per resource for all its subscribers (paused
 * while the page is hidden, backing off on errors, stopped when the last subscriber leaves).
 *
 * Every resource is addressed by its URL, built from `apiBase` and the endpoint templates
 * (endpoints.ts); the cache, the shared requests and the pollers are keyed by that URL.
 */
import { OmaError, errorKindForStatus, retryAfterMs, toOmaError } from './errors.js';
import { Endpoints, type EndpointName, type EndpointTemplates } from './endpoints.js';
import { reportDataIssues, warnOnce } from './report.js';
import { ContextIdMemory } from './context-ids.js';
import { readFailoverStatus, readRecentJobs, readVmContext, type Normalized } from '../model/pipeline.js';
import type { FailoverStatus, RecentJobs, VmContext } from '../model/operation.js';

type Awaitable<T> = T | Promise<T>;

export type { EndpointTemplates } from './endpoints.js';

export interface OmaClientOptions {
  /** Origin or path prefix in front of the endpoint paths; empty for the same origin (a proxy). Only http(s) URLs and paths. */
  apiBase?: string;
  /**
   * URL templates for hosts whose routes are not the OMA's `/api/v1` paths, or their JSON text.
   * See endpoints.ts: a template starting with `/` goes behind `apiBase`; an http(s) URL is used as is.
   */
  endpoints?: EndpointTemplates | string | null;
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
  /** How many responses the cache keeps at most (resources being watched are always kept). Default 100. */
  cacheSize?: number;
  /** Longest wait between retries after errors, a server's Retry-After included. Default 5 min. */
  maxBackoffMs?: number;
  /**
   * Where the context id of each VM seen is remembered, so a returning page asks a list's recent
   * jobs together with the VM context (see context-ids.ts). Default: localStorage, shared by every
   * client of the page; `null` remembers nothing.
   */
  contextIds?: ContextIdMemory | null;
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

export interface VmContextWatchOptions extends WatchOptions<VmContext> {
  /**
   * The subscriber will watch this VM's recent jobs once it knows the context id (the job list):
   * the client asks for them the moment it has read the context, before any subscriber hears of
   * it, unless someone watches them already.
   */
  recentJobs?: boolean;
}

/** The VM whose recent jobs are asked for: by context id, by VM name, or both (the template decides which it needs). */
export interface RecentJobsTarget {
  contextId?: string | undefined;
  vmName?: string | undefined;
}

/** Turns a response body into data; `id` is the context, VM or job the URL names (for issue reports). */
export type BodyReader<T> = (body: unknown, id: string) => Normalized<T>;
export type StateListener<T> = (state: ResourceState<T>) => void;
type Interval<T> = WatchOptions<T>['interval'];

interface CacheEntry {
  data: unknown;
  /** The raw body: an identical next answer keeps `data` (the same object, so nothing re-renders). */
  body: string;
  /** When the body last came from the server. */
  at: number;
}

/** What one request is for: the URL to ask, how to read the answer, and what it names. */
interface Resource<T> {
  endpoint: EndpointName;
  url: string;
  read: BodyReader<T>;
  id: string;
}

const MIN_RETRY_MS = 2_000;
/** A resource nobody polls is retried after errors from here. */
const UNPOLLED_RETRY_MS = 30_000;
/** Cached answers older than this are dropped when the cache is next written (unless watched). */
const CACHE_MAX_AGE_MS = 5 * 60_000;
const VISIBILITY_CHANGE = 'visibilitychange';
/** Undefined outside a browser (SSR, Node). */
const page = globalThis.document as Document | undefined;
/** The context ids every client of the page remembers, unless given others. */
const rememberedContextIds = new ContextIdMemory();

/**
 * The last answers by URL, the least recently answered evicted first once there are more than
 * `maxEntries` or they are older than `maxAgeMs`. A pinned URL (one a poller watches) is never
 * evicted: its next identical poll must find the body to keep the same data object.
 */
class ResponseCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  readonly #isPinned: (url: string) => boolean;

  constructor(maxEntries: number, maxAgeMs: number, isPinned: (url: string) => boolean) {
    this.#maxEntries = maxEntries;
    this.#maxAgeMs = maxAgeMs;
    this.#isPinned = isPinned;
  }

  get(url: string): CacheEntry | undefined {
    return this.#entries.get(url);
  }

  set(url: string, entry: CacheEntry): void {
    // Re-inserted so the map's order stays "least recently answered first".
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    this.#evict();
  }

  #evict(): void {
    const now = Date.now();
    for (const [url, entry] of this.#entries) {
      const tooMany = this.#entries.size > this.#maxEntries;
      const tooOld = now - entry.at > this.#maxAgeMs;
      // In answer order: once one is young enough and the count fits, so are the rest.
      if (!tooMany && !tooOld) return;
      if (!this.#isPinned(url)) this.#entries.delete(url);
    }
  }
}

/** A request several callers wait for; aborted only when the last of them gives up. */
interface SharedRequest {
  promise: Promise<CacheEntry>;
  controller: AbortController;
  waiters: number;
}

/** One poll loop, shared by every subscriber of one URL. */
class Poller<T> {
  readonly #resource: Resource<T>;
  readonly #load: (resource: Resource<T>, options: RequestOptions) => Promise<CacheEntry>;
  readonly #maxBackoffMs: number;
  readonly #onStop: () => void;
  readonly #subscribers = new Set<{ listener: StateListener<T>; interval: Interval<T> }>();
  /** Aborts the request in flight once the last subscriber has left (the poller is then done). */
  readonly #controller = new AbortController();
  #state: ResourceState<T>;
  #failures = 0;
  /** The poll under way, if any. */
  #running?: Promise<void>;
  #timer?: ReturnType<typeof setTimeout>;
  /** When the last answer (or failure) arrived: the next poll counts from here. Undefined before the first. */
  #settledAt?: number;
  // Also the visibility listener: nothing is scheduled while the page is hidden.
  readonly #onVisibilityChange = () => this.#schedule();

  constructor(
    resource: Resource<T>,
    load: (resource: Resource<T>, options: RequestOptions) => Promise<CacheEntry>,
    settings: { cached?: CacheEntry | undefined; maxBackoffMs: number; onStop: () => void },
  ) {
    this.#resource = resource;
    this.#load = load;
    this.#maxBackoffMs = settings.maxBackoffMs;
    this.#onStop = settings.onStop;
    const { cached } = settings;
    this.#state = cached ? { status: 'ready', data: cached.data as T, updatedAt: cached.at } : { status: 'loading' };
    page?.addEventListener(VISIBILITY_CHANGE, this.#onVisibilityChange);
  }

  subscribe(listener: StateListener<T>, interval: Interval<T>): () => void {
    const subscriber = { listener, interval };
    this.#subscribers.add(subscriber);
    listener(this.#state);
    if (this.#settledAt === undefined) void this.#run(true); // the first subscriber starts the loop
    else this.#schedule(); // a new subscriber may want a shorter interval than the current one
    return () => {
      if (this.#subscribers.delete(subscriber) && !this.#subscribers.size) this.#stop();
    };
  }

  /** Ask now, forgetting the backoff; settles once the subscribers have seen the outcome. */
  refresh(): Promise<void> {
    this.#failures = 0;
    return this.#run();
  }

  /** Only the first poll may answer from the cache. */
  #run(fromCache = false): Promise<void> {
    clearTimeout(this.#timer);
    this.#running ??= this.#poll(fromCache).finally(() => {
      this.#running = undefined;
      this.#schedule();
    });
    return this.#running;
  }

  async #poll(fromCache: boolean): Promise<void> {
    try {
      const entry = await this.#load(this.#resource, { signal: this.#controller.signal, fresh: !fromCache });
      this.#failures = 0;
      this.#emit({ status: 'ready', data: entry.data as T, updatedAt: entry.at });
    } catch (error) {
      this.#failures += 1;
      const { data, updatedAt } = this.#state;
      this.#emit({ status: 'error', data, error: toOmaError(error, this.#resource.url), updatedAt });
    } finally {
      this.#settledAt = Date.now();
    }
  }

  /** Sets the timer for the next poll. */
  #schedule(): void {
    clearTimeout(this.#timer);
    // Stopped, or a poll under way (it schedules when done), or the first still to come.
    if (this.#controller.signal.aborted || this.#running || this.#settledAt === undefined || page?.hidden) return;
    const delay = this.#nextDelay();
    if (delay < Infinity) this.#timer = setTimeout(() => void this.#run(), Math.max(0, this.#settledAt + delay - Date.now()));
  }

  /** Milliseconds from the last answer to the next poll: the shortest interval, or the backoff after errors. */
  #nextDelay(): number {
    let delay = Infinity;
    for (const { interval } of this.#subscribers) {
      const ms = interval(this.#state.data);
      if (ms > 0 && ms < delay) delay = ms;
    }
    if (!this.#failures) return delay;
    const { error } = this.#state;
    // Back off from the usual interval (at least 2 s), or from 30 s for a resource that is not polled.
    const base = delay < Infinity ? Math.max(delay, MIN_RETRY_MS) : UNPOLLED_RETRY_MS;
    let backoff = base * 2 ** (this.#failures - 1);
    // Never sooner than the server's Retry-After (the client already capped it at maxBackoffMs).
    if (error?.retryAt !== undefined) backoff = Math.max(backoff, error.retryAt - this.#settledAt!);
    return Math.min(this.#maxBackoffMs, backoff);
  }

  #emit(next: ResourceState<T>): void {
    const previous = this.#state;
    this.#state = next;
    if (previous.status === next.status && previous.data === next.data && previous.error === next.error) return;
    for (const { listener } of [...this.#subscribers]) {
      try {
        listener(next);
      } catch (error) {
        // One broken listener must not turn a good answer into an error for the others.
        console.error('[mk-widgets] a state listener threw', error);
      }
    }
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#controller.abort();
    page?.removeEventListener(VISIBILITY_CHANGE, this.#onVisibilityChange);
    this.#onStop();
  }
}

/** An option given as a value or as a function returning one (asked again for every request). */
function current<T>(option: T | (() => Awaitable<T>)): Awaitable<T> {
  return typeof option === 'function' ? (option as () => Awaitable<T>)() : option;
}

export class OmaClient {
  /** The base in front of path templates, without trailing slashes. */
  readonly apiBase: string;
  readonly #endpoints: Endpoints;
  readonly #options: OmaClientOptions;
  readonly #timeoutMs: number;
  readonly #cacheTtlMs: number;
  readonly #maxBackoffMs: number;
  /** One poll loop per URL. */
  readonly #pollers = new Map<string, Poller<unknown>>();
  readonly #cache: ResponseCache;
  readonly #inflight = new Map<string, SharedRequest>();
  /** The last `busy` answer per URL whose Retry-After has not passed: no request goes out before it. */
  readonly #busy = new Map<string, OmaError>();
  /** One error object per misconfigured resource, so repeated failures are the same state. */
  readonly #configurationErrors = new Map<string, OmaError>();
  readonly #contextIds: ContextIdMemory | null;
  /** The subscribers of a VM's context that will watch its recent jobs next (by VM name). */
  readonly #jobsWanted = new Set<{ vmName: string }>();

  constructor(options: OmaClientOptions = {}) {
    this.#options = options;
    this.#endpoints = new Endpoints(options.apiBase ?? '', options.endpoints);
    this.apiBase = this.#endpoints.apiBase;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#cacheTtlMs = options.cacheTtlMs ?? 2_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.#contextIds = options.contextIds === undefined ? rememberedContextIds : options.contextIds;
    this.#cache = new ResponseCache(options.cacheSize ?? 100, Math.max(CACHE_MAX_AGE_MS, this.#cacheTtlMs), (url) => this.#pollers.has(url));
    for (const problem of this.#endpoints.problems) {
      const consequence = problem.affects.length ? `no ${problem.affects.join(', ')} request is sent` : 'it is ignored';
      warnOnce(`${problem.message}: ${consequence}.`);
    }
  }

  /** The VM context's URL (`GET /api/v1/vm-contexts/{vmName}` by default); undefined when it cannot be asked. */
  vmContextUrl(vmName: string): string | undefined {
    return this.#endpoints.url('vmContext', { vmName });
  }

  /**
   * The recent jobs' URL for a VM known by context id and/or name; undefined when the template
   * needs what the target lacks (by default `{contextId}`; a dashboard route may need `{vmName}`).
   * A widget that knows only the VM name asks this to learn whether it can fetch jobs at once.
   */
  recentJobsUrl(target: RecentJobsTarget): string | undefined {
    return this.#endpoints.url('recentJobs', { contextId: target.contextId, vmName: target.vmName });
  }

  /**
   * The context id this VM had when its context was last read (on this page or an earlier visit),
   * not yet confirmed by the server: ask with it, show what it brings once the context agrees.
   */
  rememberedContextId(vmName: string): string | undefined {
    return this.#contextIds?.recall(this.apiBase, vmName);
  }

  failoverStatusUrl(jobId: string): string | undefined {
    return this.#endpoints.url('failoverStatus', { jobId });
  }

  /** The VM list's URL (`GET /api/v1/vm-contexts` by default). */
  vmContextsUrl(): string | undefined {
    return this.#endpoints.url('vmContexts');
  }

  /** @deprecated Use `vmContextUrl` (it returns what `refresh` takes); this returns '' where that returns undefined. */
  vmContextPath(vmName: string): string {
    return this.vmContextUrl(vmName) ?? '';
  }

  /** @deprecated Use `recentJobsUrl({ contextId })`; this returns '' where that returns undefined. */
  recentJobsPath(contextId: string): string {
    return this.recentJobsUrl({ contextId }) ?? '';
  }

  /** @deprecated Use `failoverStatusUrl`; this returns '' where that returns undefined. */
  failoverStatusPath(jobId: string): string {
    return this.failoverStatusUrl(jobId) ?? '';
  }

  /** A VM's recent jobs; `target` may still be a bare context id (the former signature). */
  fetchRecentJobs(target: RecentJobsTarget | string, options?: RequestOptions): Promise<RecentJobs> {
    return this.#get(this.#recentJobs(target), options);
  }

  fetchVmContext(vmName: string, options?: RequestOptions): Promise<VmContext> {
    return this.#get(this.#resource('vmContext', this.vmContextUrl(vmName), readVmContext, vmName), options);
  }

  fetchFailoverStatus(jobId: string, options?: RequestOptions): Promise<FailoverStatus> {
    return this.#get(this.#resource('failoverStatus', this.failoverStatusUrl(jobId), readFailoverStatus, jobId), options);
  }

  /** The VM list (every VM's context in one request), read by `read`. */
  fetchVmContexts<T>(read: BodyReader<T>, options?: RequestOptions): Promise<T> {
    return this.#get(this.#resource('vmContexts', this.vmContextsUrl(), read, 'vm-contexts'), options);
  }

  /** Subscribes to a VM's recent jobs; `target` may still be a bare context id. Returns the unsubscribe function. */
  watchRecentJobs(target: RecentJobsTarget | string, listener: StateListener<RecentJobs>, options: WatchOptions<RecentJobs>): () => void {
    return this.#watch(this.#recentJobs(target), listener, options);
  }

  watchVmContext(vmName: string, listener: StateListener<VmContext>, options: VmContextWatchOptions): () => void {
    const stop = this.#watch(this.#resource('vmContext', this.vmContextUrl(vmName), readVmContext, vmName), listener, options);
    if (!options.recentJobs) return stop;
    const wanted = { vmName };
    this.#jobsWanted.add(wanted);
    return () => {
      this.#jobsWanted.delete(wanted);
      stop();
    };
  }

  watchVmContexts<T>(read: BodyReader<T>, listener: StateListener<T>, options: WatchOptions<T>): () => void {
    return this.#watch(this.#resource('vmContexts', this.vmContextsUrl(), read, 'vm-contexts'), listener, options);
  }

  /**
   * Ask again now (the Retry button) for the resource at `url`, as `vmContextUrl`, `recentJobsUrl`
   * and the others return it: resets its backoff. Settles when its subscribers have seen the
   * outcome (never rejects); at once when nobody watches `url`.
   */
  refresh(url: string | undefined): Promise<void> {
    return (url && this.#pollers.get(url)?.refresh()) || Promise.resolve();
  }

  /** The number of resources being polled and their timers: for leak checks in tests and benchmarks. */
  get activeWatchCount(): number {
    return this.#pollers.size;
  }

  #recentJobs(target: RecentJobsTarget | string): Resource<RecentJobs> | OmaError {
    const { contextId, vmName } = typeof target === 'string' ? { contextId: target, vmName: undefined } : target;
    // The id names the VM in data-issue reports (and is the context id when the body lacks one).
    return this.#resource('recentJobs', this.recentJobsUrl({ contextId, vmName }), readRecentJobs, contextId || vmName || '');
  }

  /** The resource, or the configuration error that keeps it from being asked. */
  #resource<T>(endpoint: EndpointName, url: string | undefined, read: BodyReader<T>, id: string): Resource<T> | OmaError {
    if (url !== undefined) return { endpoint, url, read, id };
    const problem = this.#endpoints.problemWith(endpoint);
    const placeholders = [...this.#endpoints.placeholders(endpoint)].map((name) => `{${name}}`).join(' and ');
    const detail =
      problem?.message ??
      (this.#endpoints.isExposed(endpoint)
        ? `the ${endpoint} URL needs ${placeholders}, which this widget does not have`
        : `the host does not expose ${endpoint} (endpoints.${endpoint} is null)`);
    let error = this.#configurationErrors.get(detail);
    if (!error) this.#configurationErrors.set(detail, (error = new OmaError('configuration', { technicalDetail: detail })));
    return error;
  }

  async #get<T>(resource: Resource<T> | OmaError, options?: RequestOptions): Promise<T> {
    if (resource instanceof OmaError) throw resource;
    return (await this.#load(resource, options)).data as T;
  }

  #watch<T>(resource: Resource<T> | OmaError, listener: StateListener<T>, { interval }: WatchOptions<T>): () => void {
    if (resource instanceof OmaError) {
      // Nothing to poll: asking again cannot help until the host fixes its configuration.
      listener({ status: 'error', error: resource });
      return () => undefined;
    }
    let poller = this.#pollers.get(resource.url) as Poller<T> | undefined;
    if (!poller) {
      const { url } = resource;
      poller = new Poller(resource, (target, options) => this.#load(target, options), {
        cached: this.#cache.get(url),
        maxBackoffMs: this.#maxBackoffMs,
        onStop: () => this.#pollers.delete(url),
      });
      this.#pollers.set(url, poller as Poller<unknown>);
    }
    return poller.subscribe(listener, interval);
  }

  /** A fresh enough cached answer, or the shared request for it, which each caller may give up on alone. */
  #load(resource: Resource<unknown>, { signal, fresh }: RequestOptions = {}): Promise<CacheEntry> {
    const { url } = resource;
    const cached = this.#cache.get(url);
    if (!fresh && cached && Date.now() - cached.at < this.#cacheTtlMs) return Promise.resolve(cached);
    if (signal?.aborted) return Promise.reject(new OmaError('aborted', { path: url }));
    const busy = this.#busy.get(url);
    if (busy && busy.retryAt! > Date.now()) return Promise.reject(busy);
    this.#busy.delete(url);

    let shared = this.#inflight.get(url);
    if (!shared) {
      const controller = new AbortController();
      const promise = this.#request(resource, controller).finally(() => {
        if (this.#inflight.get(url)?.promise === promise) this.#inflight.delete(url);
      });
      this.#inflight.set(url, (shared = { promise, controller, waiters: 0 }));
    }
    return this.#wait(url, shared, signal);
  }

  /** Joins a shared request until it settles or `signal` aborts. */
  #wait(url: string, shared: SharedRequest, signal: AbortSignal | undefined): Promise<CacheEntry> {
    shared.waiters += 1;
    return new Promise<CacheEntry>((resolve, reject) => {
      let waiting = true;
      /** Stops waiting; false when this caller already had its answer (or gave up). */
      const leave = (): boolean => {
        if (!waiting) return false;
        waiting = false;
        shared.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        // The shared request is aborted when nobody waits for it any more.
        if (!shared.waiters) {
          shared.controller.abort();
          // A caller arriving right after (a moved element re-subscribing) must get a new request.
          if (this.#inflight.get(url) === shared) this.#inflight.delete(url);
        }
        reject(new OmaError('aborted', { path: url }));
      };
      signal?.addEventListener('abort', onAbort);
      shared.promise.then(resolve, reject).finally(leave);
    });
  }

  /** One GET. Every failure becomes an OmaError naming the URL. */
  async #request({ endpoint, url, read, id }: Resource<unknown>, controller: AbortController): Promise<CacheEntry> {
    const { token, headers, credentials } = this.#options;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    try {
      // Awaited even when plain values: the few microtasks before fetch() let a framework that is
      // still setting the host's properties (React commits in microtasks) end this request before
      // it goes out, when they change what is asked.
      const requestHeaders = new Headers(await current(headers));
      if (!requestHeaders.has('accept')) requestHeaders.set('accept', 'application/json');
      const bearer = await current(token);
      if (bearer) requestHeaders.set('authorization', `Bearer ${bearer}`);
      const response = await (this.#options.fetch ?? fetch)(url, { method: 'GET', headers: requestHeaders, credentials, signal: controller.signal });
      const body = await response.text();
      const { ok, status } = response;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        // The start of the body, for logs: an HTML page from a proxy can be long.
        if (ok) throw new OmaError('not-json', { status, technicalDetail: body.slice(0, 200), cause: error });
      }
      if (!ok) throw this.#httpError(url, response, body, json);
      let entry = this.#cache.get(url);
      if (entry?.body !== body) {
        const { data, issues } = read(json, id);
        reportDataIssues(issues);
        entry = { data, body, at: 0 };
      }
      entry.at = Date.now();
      this.#cache.set(url, entry);
      if (endpoint === 'vmContext') this.#contextRead(id, entry.data as VmContext);
      return entry;
    } catch (error) {
      // toOmaError adds the URL to our own errors too.
      const failure = timedOut ? new OmaError('timeout', { path: url, technicalDetail: `no answer within ${this.#timeoutMs} ms`, cause: error }) : toOmaError(error, url);
      if (failure.retryAt !== undefined) this.#busy.set(url, failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A VM's context was just read: remember its context id, and ask its recent jobs now when a
   * subscriber waits for them and nobody watches them yet (the list then finds the request under
   * way, or its answer in the cache, instead of asking only after it has rendered the context).
   */
  #contextRead(vmName: string, vm: VmContext): void {
    this.#contextIds?.remember(this.apiBase, vmName, vm.contextId);
    if (![...this.#jobsWanted].some((wanted) => wanted.vmName === vmName)) return;
    const jobs = this.#recentJobs({ contextId: vm.contextId, vmName });
    if (jobs instanceof OmaError || this.#pollers.has(jobs.url)) return;
    // Its failure is the list's to report, when its own first poll asks again.
    this.#load(jobs).catch(() => undefined);
  }

  /** The error for a non-2xx answer: the OMA's own JSON error, a missing proxy route, or a busy server. */
  #httpError(url: string, response: Response, body: string, json: unknown): OmaError {
    const { status } = response;
    const message = (json as { error?: unknown } | null | undefined)?.error;
    const technicalDetail = typeof message === 'string' ? message : body.slice(0, 200) || `HTTP ${status}`;
    if (status === 404 && typeof message !== 'string') {
      // The OMA says "not found" in JSON; any other 404 page comes from the host's router.
      warnOnce(`${url} answered 404 with a page that is not the OMA's: is the proxy route missing? Add the route, or give the client (or <mk-oma-provider>) endpoints templates for the host's routes.`);
      return new OmaError('route-missing', { status, technicalDetail });
    }
    const retryAfter = status === 429 || status === 503 ? response.headers.get('retry-after') : null;
    const wait = retryAfterMs(retryAfter);
    const retryAt = wait === undefined ? undefined : Date.now() + Math.min(wait, this.#maxBackoffMs);
    return new OmaError(errorKindForStatus(status, retryAfter), { status, technicalDetail, ...(retryAt === undefined ? {} : { retryAt }) });
  }
}

/**
 * The clients widgets use without a provider: one per `apiBase`, so widgets for one VM share
 * requests. Held weakly: a client lives while a widget (its subscription or task) or a pending poll
 * holds it, and is collected with its cache once none does, so a page that shows and drops widgets
 * for many bases does not keep a client for each forever.
 */
export class DefaultClients {
  readonly #refs = new Map<string, { deref(): OmaClient | undefined }>();
  readonly #hold: (client: OmaClient) => { deref(): OmaClient | undefined };
  // Drops the map entry of a collected client (the key and the empty reference).
  readonly #forget = new FinalizationRegistry<string>((key) => {
    if (!this.#refs.get(key)?.deref()) this.#refs.delete(key);
  });

  /** `hold` makes the weak reference; tests pass one they can empty to stand for collection. */
  constructor(hold: (client: OmaClient) => { deref(): OmaClient | undefined } = (client) => new WeakRef(client)) {
    this.#hold = hold;
  }

  get(apiBase = ''): OmaClient {
    const key = apiBase.replace(/\/+$/, '');
    let client = this.#refs.get(key)?.deref();
    if (!client) {
      client = new OmaClient({ apiBase: key });
      this.#refs.set(key, this.#hold(client));
      this.#forget.register(client, key);
    }
    return client;
  }

  /** How many bases have a client that is still alive. */
  get size(): number {
    return [...this.#refs.values()].filter((ref) => ref.deref()).length;
  }
}

const defaultClients = new DefaultClients();

/** The client widgets use without a provider: one per `apiBase` while any widget holds it (see DefaultClients). */
export function getDefaultClient(apiBase = ''): OmaClient {
  return defaultClients.get(apiBase);
}

/**
 * Which failures the user dismissed from the error banner, in this browser.
 *
 * One versioned localStorage key holds every dismissal:
 * `{ "v": 1, "entries": { "<failure key>": { "at": <epoch ms> } } }`. Entries older than
 * `maxAgeMs` (30 days) are pruned. When localStorage is missing, throws (sandboxed iframe, private
 * mode), is full, or holds garbage, the store keeps working in memory and never throws or logs.
 * Changes made in another tab arrive through the `storage` event and are applied live.
 *
 * Nothing here touches `window` or `localStorage` at import time, so the module can be imported
 * during server-side rendering.
 */

export const DISMISSAL_STORAGE_KEY = 'mk-widgets:dismissals:v1';

const STORAGE_VERSION = 1;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Default age after which a dismissal is forgotten. */
export const DEFAULT_DISMISSAL_MAX_AGE_MS = 30 * DAY_MS;

export interface FailureKeyParts {
  contextId?: string;
  vmName?: string;
  jobId?: string;
  timestamp?: string;
}

/** Trimmed value, or undefined when absent or blank. */
function present(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Key of one failure: context id (or vm name when the context id is unknown) + job id, or +
 * timestamp when there is no job id. Parts are URI-encoded so no id can forge another key:
 * `ctx:<contextId>|job:<jobId>`, `vm:<vmName>|at:<timestamp>`, …
 */
export function failureKey(parts: FailureKeyParts): string {
  const contextId = present(parts.contextId);
  const vmName = present(parts.vmName);
  const jobId = present(parts.jobId);
  const timestamp = present(parts.timestamp);
  const scope =
    contextId !== undefined
      ? `ctx:${encodeURIComponent(contextId)}`
      : vmName !== undefined
        ? `vm:${encodeURIComponent(vmName)}`
        : 'ctx:';
  const id =
    jobId !== undefined
      ? `job:${encodeURIComponent(jobId)}`
      : timestamp !== undefined
        ? `at:${encodeURIComponent(timestamp)}`
        : 'at:';
  return `${scope}|${id}`;
}

export interface DismissalStoreOptions {
  /**
   * Storage to use; default: `globalThis.localStorage` if reachable. `null` keeps everything in
   * memory. Every access is wrapped in try/catch (a sandboxed iframe throws on mere access).
   */
  storage?: Storage | null;
  /** Clock, default `Date.now`. */
  now?: () => number;
  /** Entries older than this are pruned on load and on write. Default 30 days. */
  maxAgeMs?: number;
  /**
   * Where to listen for cross-tab `storage` events; default `globalThis` (window) if it has
   * `addEventListener`. `null` disables cross-tab updates.
   */
  eventTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

/** failure key → dismissed at (epoch ms). */
type Entries = Map<string, number>;

/** What storage held at the last successful read. */
interface Snapshot {
  raw: string | null;
  entries: Entries;
}

const EMPTY_SNAPSHOT: Snapshot = { raw: null, entries: new Map() };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a stored value. Anything unexpected is dropped, wholesale or entry by entry. */
function parseEntries(raw: string | null): Entries {
  const entries: Entries = new Map();
  if (raw === null) return entries;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return entries;
  }
  if (!isRecord(parsed) || parsed['v'] !== STORAGE_VERSION || !isRecord(parsed['entries'])) return entries;
  for (const [key, entry] of Object.entries(parsed['entries'])) {
    if (!isRecord(entry)) continue;
    const at = entry['at'];
    if (typeof at === 'number' && Number.isFinite(at)) entries.set(key, at);
  }
  return entries;
}

function serializeEntries(entries: Entries): string {
  // Object.fromEntries defines own properties, so a key like "__proto__" stays a plain entry.
  const obj = Object.fromEntries([...entries].map(([key, at]) => [key, { at }]));
  return JSON.stringify({ v: STORAGE_VERSION, entries: obj });
}

function sameKeys(a: Entries, b: Entries): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

/** `globalThis.localStorage`, or null when absent or when merely reading it throws. */
function defaultStorage(): Storage | null {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage;
    return storage && typeof storage.getItem === 'function' && typeof storage.setItem === 'function'
      ? storage
      : null;
  } catch {
    return null;
  }
}

function defaultEventTarget(): Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null {
  const target = globalThis as Partial<EventTarget>;
  return typeof target.addEventListener === 'function' && typeof target.removeEventListener === 'function'
    ? (target as EventTarget)
    : null;
}

/** Reports a subscriber's error without interrupting the caller or the other subscribers. */
function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof report === 'function') {
    report(error);
  } else {
    queueMicrotask(() => {
      throw error;
    });
  }
}

export class DismissalStore {
  private readonly storage: Storage | null;
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly eventTarget: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;

  /** Storage content at the last successful read or write. */
  private snapshot: Snapshot = EMPTY_SNAPSHOT;
  /** Local changes not yet saved (value `null` = restored). Empty whenever storage is healthy. */
  private readonly pending = new Map<string, number | null>();
  /** Effective dismissals: snapshot + pending, pruned. */
  private view: Entries = new Map();
  private healthy: boolean;

  private readonly listeners = new Set<{ fn: () => void }>();
  private listening = false;

  constructor(options: DismissalStoreOptions = {}) {
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.now = options.now ?? Date.now;
    const maxAge = options.maxAgeMs;
    this.maxAgeMs = typeof maxAge === 'number' && maxAge > 0 ? maxAge : DEFAULT_DISMISSAL_MAX_AGE_MS;
    this.eventTarget = options.eventTarget === undefined ? defaultEventTarget() : options.eventTarget;
    this.healthy = this.storage !== null;
    this.sync();
  }

  /**
   * True while dismissals are saved to storage; false when the store works in memory only
   * (storage missing, or its last read or write threw, e.g. sandboxed or full). It turns true
   * again once storage works again.
   */
  get persistent(): boolean {
    return this.healthy;
  }

  isDismissed(key: string): boolean {
    // Without subscribers the `storage` listener is detached, so catch up with other tabs here.
    if (!this.listening) this.sync();
    const at = this.view.get(key);
    return at !== undefined && this.isFresh(at, this.now());
  }

  /** Records `{ at: now }` for `key`, persists, notifies subscribers. */
  dismiss(key: string): void {
    this.change(key, this.now());
  }

  /** Undoes a dismissal. */
  restore(key: string): void {
    this.change(key, null);
  }

  /**
   * Listener runs after any change of the dismissed set: local, or from another tab through the
   * `storage` event. Returns unsubscribe. The `storage` listener is attached only while there is
   * at least one subscriber.
   */
  subscribe(listener: () => void): () => void {
    const entry = { fn: listener };
    this.listeners.add(entry);
    this.updateListening();
    return () => {
      if (this.listeners.delete(entry)) this.updateListening();
    };
  }

  private readonly onStorageEvent = (event: Event): void => {
    const { key, storageArea } = event as Partial<StorageEvent>;
    if (key !== null && key !== undefined && key !== DISMISSAL_STORAGE_KEY) return;
    if (storageArea && storageArea !== this.storage) return;
    if (this.sync()) this.notify();
  };

  private updateListening(): void {
    const want = this.listeners.size > 0 && this.storage !== null && this.eventTarget !== null;
    if (want === this.listening || !this.eventTarget) return;
    if (want) {
      this.sync();
      this.eventTarget.addEventListener('storage', this.onStorageEvent);
    } else {
      this.eventTarget.removeEventListener('storage', this.onStorageEvent);
    }
    this.listening = want;
  }

  private isFresh(at: number, now: number): boolean {
    // A date far in the future (corrupt value, wild clock) must not live forever either.
    return now - at <= this.maxAgeMs && at - now <= this.maxAgeMs;
  }

  /** Reads storage; undefined when there is none or it throws. Reparses only when the raw value changed. */
  private read(): Snapshot | undefined {
    if (!this.storage) return undefined;
    let raw: string | null;
    try {
      raw = this.storage.getItem(DISMISSAL_STORAGE_KEY);
    } catch {
      this.healthy = false;
      return undefined;
    }
    if (typeof raw !== 'string') raw = null;
    // Storage reads again; it is healthy unless a local change still waits for a successful write.
    if (this.pending.size === 0) this.healthy = true;
    if (raw === this.snapshot.raw) return this.snapshot;
    return { raw, entries: parseEntries(raw) };
  }

  /** Snapshot + pending local changes, pruned. */
  private compose(base: Entries): Entries {
    const now = this.now();
    const result: Entries = new Map();
    for (const [key, at] of base) if (this.isFresh(at, now)) result.set(key, at);
    for (const [key, at] of this.pending) {
      if (at === null || !this.isFresh(at, now)) result.delete(key);
      else result.set(key, at);
    }
    return result;
  }

  /** Re-reads storage into the view. Returns whether the dismissed set changed. */
  private sync(): boolean {
    const snapshot = this.read();
    if (snapshot) this.snapshot = snapshot;
    const before = this.view;
    this.view = this.compose(this.snapshot.entries);
    return !sameKeys(before, this.view);
  }

  private change(key: string, at: number | null): void {
    this.pending.set(key, at);
    // Merge with what is in storage now: another tab may have written since our last read.
    const fresh = this.read();
    if (fresh) this.snapshot = fresh;
    const before = this.view;
    this.view = this.compose(this.snapshot.entries);
    if (fresh) this.write(fresh, this.view);
    if (!sameKeys(before, this.view)) this.notify();
  }

  private write(current: Snapshot, entries: Entries): void {
    const raw = serializeEntries(entries);
    if (raw !== current.raw) {
      try {
        this.storage?.setItem(DISMISSAL_STORAGE_KEY, raw);
      } catch {
        // Quota or SecurityError: keep the change pending in memory and retry on the next write.
        this.healthy = false;
        return;
      }
    }
    this.snapshot = { raw, entries };
    this.pending.clear();
    this.healthy = true;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      // A listener that unsubscribed during this round is skipped.
      if (!this.listeners.has(listener)) continue;
      try {
        listener.fn();
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}

let defaultStore: DismissalStore | undefined;

/**
 * One shared store for all widgets in the page. Created on first call (never at import time), so
 * importing this module during server-side rendering is safe.
 */
export function getDefaultDismissalStore(): DismissalStore {
  defaultStore ??= new DismissalStore();
  return defaultStore;
}

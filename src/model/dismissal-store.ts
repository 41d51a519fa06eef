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
 *
 * Internals use `#private` members: the minifier shortens those, not ordinary property names.
 */

export const DISMISSAL_STORAGE_KEY = 'mk-widgets:dismissals:v1';

/** Default age after which a dismissal is forgotten. */
export const DEFAULT_DISMISSAL_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface FailureKeyParts {
  contextId?: string;
  vmName?: string;
  jobId?: string;
  timestamp?: string;
}

/** Trimmed value; '' when absent or not a string. */
const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Key of one failure: context id (or vm name when the context id is unknown) + job id, or +
 * timestamp when there is no job id. Parts are URI-encoded so no id can forge another key:
 * `ctx:<contextId>|job:<jobId>`, `vm:<vmName>|at:<timestamp>`, …
 */
export function failureKey(parts: FailureKeyParts): string {
  const contextId = trimmed(parts.contextId);
  const vmName = contextId ? '' : trimmed(parts.vmName);
  const jobId = trimmed(parts.jobId);
  const scope = `${vmName ? 'vm' : 'ctx'}:${encodeURIComponent(contextId || vmName)}`;
  return `${scope}|${jobId ? 'job' : 'at'}:${encodeURIComponent(jobId || trimmed(parts.timestamp))}`;
}

type StorageEventTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

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
  eventTarget?: StorageEventTarget | null;
}

/** failure key → dismissed at (epoch ms). */
type Entries = Map<string, number>;

/** Parses a stored value. Anything unexpected is dropped, wholesale or entry by entry. */
function parseEntries(raw: string | null): Entries {
  const entries: Entries = new Map();
  try {
    // Invalid JSON and `null` throw here; other non-objects have no `v`.
    const { v, entries: stored } = JSON.parse(raw ?? '') as { v?: unknown; entries?: Record<string, { at?: unknown } | null> };
    if (v === 1 && stored && !Array.isArray(stored)) {
      // A bad entry (array, number, string, {}) just has no finite numeric `at`.
      for (const [key, entry] of Object.entries(stored)) {
        const at = entry?.at;
        // Number.isFinite is true for finite numbers only (no coercion).
        if (Number.isFinite(at)) entries.set(key, at as number);
      }
    }
  } catch {
    // Garbage counts as empty.
  }
  return entries;
}

function serializeEntries(entries: Entries): string {
  // Object.fromEntries defines own properties, so a key like "__proto__" stays a plain entry.
  return JSON.stringify({ v: 1, entries: Object.fromEntries([...entries].map(([key, at]) => [key, { at }])) });
}

/** `globalThis.localStorage`, or null when absent or when merely reading it throws. */
function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Reports a subscriber's error without interrupting the caller or the other subscribers. */
function reportListenerError(error: unknown): void {
  if (typeof globalThis.reportError === 'function') reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

export class DismissalStore {
  readonly #storage: Storage | null;
  readonly #now: () => number;
  readonly #maxAgeMs: number;
  /** Where the `storage` listener goes; null without storage or event target. */
  readonly #eventTarget: StorageEventTarget | null;
  /** Effective dismissals: storage (or the last view when it cannot be read) + pending, pruned. */
  #view: Entries = new Map();
  /** Local changes not yet saved (value `null` = restored). Empty whenever storage is healthy. */
  readonly #pending = new Map<string, number | null>();
  /** Whether the last storage access (read, and write if any) worked. */
  #readable = false;
  /** One wrapper function per subscription, so subscribing the same function twice counts twice. */
  readonly #listeners = new Set<() => void>();

  constructor({
    storage = defaultStorage(),
    now = Date.now,
    maxAgeMs,
    eventTarget = typeof globalThis.addEventListener === 'function' ? globalThis : null,
  }: DismissalStoreOptions = {}) {
    this.#storage = storage;
    this.#now = now;
    this.#maxAgeMs = typeof maxAgeMs === 'number' && maxAgeMs > 0 ? maxAgeMs : DEFAULT_DISMISSAL_MAX_AGE_MS;
    // Without storage there is nothing to listen for.
    this.#eventTarget = storage && eventTarget;
    this.#sync();
  }

  /**
   * True while dismissals are saved to storage; false when the store works in memory only
   * (storage missing, or its last read or write threw, e.g. sandboxed or full). It turns true
   * again once storage works again.
   */
  get persistent(): boolean {
    // Pending changes are the ones a write failed to save (or that storage was unreadable for).
    return this.#readable && !this.#pending.size;
  }

  isDismissed(key: string): boolean {
    // Without a live `storage` listener, catch up with other tabs here.
    if (!this.#listeners.size || !this.#eventTarget) this.#sync();
    // Pruned again: a dismissal ages out while the page stays open.
    return this.#merge(this.#view).has(key);
  }

  /** Records `{ at: now }` for `key`, persists, notifies subscribers. */
  dismiss(key: string): void {
    this.#change(key, this.#now());
  }

  /** Undoes a dismissal. */
  restore(key: string): void {
    this.#change(key, null);
  }

  /**
   * Listener runs after any change of the dismissed set: local, or from another tab through the
   * `storage` event. Returns unsubscribe. The `storage` listener is attached only while there is
   * at least one subscriber.
   */
  subscribe(listener: () => void): () => void {
    const entry = () => listener();
    if (this.#listeners.add(entry).size === 1) {
      this.#sync();
      this.#eventTarget?.addEventListener('storage', this.#onStorage);
    }
    return () => {
      if (this.#listeners.delete(entry) && !this.#listeners.size) this.#eventTarget?.removeEventListener('storage', this.#onStorage);
    };
  }

  readonly #onStorage = (event: Event): void => {
    // key null = storage cleared.
    const { key, storageArea } = event as Partial<StorageEvent>;
    if ((key == null || key === DISMISSAL_STORAGE_KEY) && (!storageArea || storageArea === this.#storage) && this.#sync()) this.#notify();
  };

  /** Storage (or, when unreadable, the current view) + pending local changes, pruned. */
  #merge(base: Entries): Entries {
    const now = this.#now();
    const merged = new Map(base);
    for (const [key, at] of this.#pending) {
      if (at === null) merged.delete(key);
      else merged.set(key, at);
    }
    // A date far in the future (corrupt value, wild clock) must not live forever either.
    for (const [key, at] of merged) if (Math.abs(now - at) > this.#maxAgeMs) merged.delete(key);
    return merged;
  }

  /**
   * Re-reads storage into the view and, with `save`, writes the view back (so a write merges with
   * what another tab wrote since). Returns whether the dismissed set changed.
   */
  #sync(save = false): boolean {
    const before = this.#view;
    try {
      // No storage takes the same in-memory path as storage that throws.
      if (!this.#storage) throw new Error('no storage');
      this.#view = this.#merge(parseEntries(this.#storage.getItem(DISMISSAL_STORAGE_KEY)));
      this.#readable = true;
      if (save) {
        this.#storage.setItem(DISMISSAL_STORAGE_KEY, serializeEntries(this.#view));
        this.#pending.clear();
      }
    } catch {
      // Unreadable storage is never overwritten; a failed write stays pending and is retried on the next one.
      this.#readable = false;
      this.#view = this.#merge(this.#view);
    }
    const after = this.#view;
    return before.size !== after.size || [...before.keys()].some((key) => !after.has(key));
  }

  #change(key: string, at: number | null): void {
    this.#pending.set(key, at);
    if (this.#sync(true)) this.#notify();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) {
      // A listener that unsubscribed during this round is skipped.
      if (!this.#listeners.has(listener)) continue;
      try {
        listener();
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
  return (defaultStore ??= new DismissalStore());
}

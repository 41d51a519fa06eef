/**
 * Which failures the user dismissed from the error banner, in this browser.
 *
 * One versioned localStorage key holds every dismissal, and every recent restore:
 * `{ "v": 1, "entries": { "<failure key>": { "at": <epoch ms> } }, "restored": { "<failure key>": { "at": <epoch ms> } } }`
 * (`restored` only when not empty; readers that predate it ignore it). Entries older than
 * `maxAgeMs` (30 days) are pruned. When localStorage is missing, throws (sandboxed iframe, private
 * mode), is full, or holds garbage, the store keeps working in memory and never throws or logs.
 * Changes made in another tab arrive through the `storage` event and are applied live.
 *
 * Two tabs writing at the same moment: each tab's localStorage is a cache that learns of the other's
 * writes late, so one write can replace the other. Each store therefore remembers its own changes and
 * writes them back whenever storage lacks them; per failure the later change wins (a restore on a tie),
 * and the `restored` entries tell a deliberate restore in another tab from a dismissal lost in a race.
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

/** A failure's latest change: dismissed, or restored, at epoch ms. */
interface Change {
  at: number;
  dismissed: boolean;
}

/** failure key → its latest change. Restores are kept (as tombstones) so other tabs can tell them from lost writes. */
type Changes = Map<string, Change>;

/** Whether `a` wins over `b`: the later change; on a tie the restore, as showing an error is the safer mistake. */
function supersedes(a: Change, b: Change): boolean {
  return a.at > b.at || (a.at === b.at && !a.dismissed && b.dismissed);
}

function sameChange(a: Change | undefined, b: Change): boolean {
  return a?.at === b.at && a.dismissed === b.dismissed;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds each `{ at }` of `stored` as a change; a bad entry (array, number, string, {}) has no finite numeric `at`. */
function addChanges(changes: Changes, stored: Record<string, unknown>, dismissed: boolean): void {
  for (const [key, entry] of Object.entries(stored)) {
    const at = (entry as { at?: unknown } | null)?.at;
    // Number.isFinite is true for finite numbers only (no coercion).
    if (!Number.isFinite(at)) continue;
    const change = { at: at as number, dismissed };
    const other = changes.get(key);
    if (!other || supersedes(change, other)) changes.set(key, change);
  }
}

/** Parses a stored value; null when it is no v1 value at all. Bad entries are dropped one by one. */
function parseChanges(raw: string | null): Changes | null {
  try {
    // Invalid JSON and `null` throw here; other non-objects have no `v`.
    const { v, entries, restored } = JSON.parse(raw ?? '') as { v?: unknown; entries?: unknown; restored?: unknown };
    if (v !== 1 || !isRecord(entries)) return null;
    const changes: Changes = new Map();
    addChanges(changes, entries, true);
    if (isRecord(restored)) addChanges(changes, restored, false);
    return changes;
  } catch {
    return null;
  }
}

function serializeChanges(changes: Changes): string {
  // Object.fromEntries defines own properties, so a key like "__proto__" stays a plain entry.
  const pick = (dismissed: boolean) =>
    Object.fromEntries([...changes].filter(([, change]) => change.dismissed === dismissed).map(([key, { at }]) => [key, { at }]));
  const restored = pick(false);
  return JSON.stringify({ v: 1, entries: pick(true), ...(Object.keys(restored).length ? { restored } : {}) });
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
  /** Storage (or the last view when it cannot be read) + this store's own changes, pruned; restores included. */
  #view: Changes = new Map();
  /** This store's own changes, written back whenever storage lacks them: a concurrent write from another tab dropped them. */
  readonly #mine: Changes = new Map();
  /** Keys of `#mine` not saved yet (storage unreadable or full). Empty whenever storage is healthy. */
  readonly #unsaved = new Set<string>();
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
    // Unsaved changes are the ones a write failed to save (or that storage was unreadable for).
    return this.#readable && !this.#unsaved.size;
  }

  isDismissed(key: string): boolean {
    // Without a live `storage` listener, catch up with other tabs here.
    if (!this.#listeners.size || !this.#eventTarget) this.#sync();
    // Checked for age again: a dismissal ages out while the page stays open.
    const change = this.#view.get(key);
    return !!change?.dismissed && this.#fresh(change);
  }

  /** Records `{ at: now }` for `key`, persists, notifies subscribers. */
  dismiss(key: string): void {
    this.#change(key, true);
  }

  /** Undoes a dismissal. */
  restore(key: string): void {
    this.#change(key, false);
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

  /** Whether `change` is younger than `maxAgeMs` (a date far in the future, corrupt or from a wild clock, is not). */
  #fresh(change: Change): boolean {
    return Math.abs(this.#now() - change.at) <= this.#maxAgeMs;
  }

  /** Dismissed keys of `changes` that have not aged out. */
  #dismissedKeys(changes: Changes): Set<string> {
    return new Set([...changes].filter(([, change]) => change.dismissed && this.#fresh(change)).map(([key]) => key));
  }

  /**
   * `base` (storage, or the current view when unreadable) with this store's own changes on top, all
   * pruned. An own change that a later one from another tab superseded is dropped from `#mine`.
   */
  #merge(base: Changes): Changes {
    const merged = new Map(base);
    for (const [key, change] of this.#mine) {
      const theirs = merged.get(key);
      if (theirs && supersedes(theirs, change)) {
        this.#mine.delete(key);
        this.#unsaved.delete(key);
      } else merged.set(key, change);
    }
    for (const [key, change] of merged) if (!this.#fresh(change)) merged.delete(key);
    for (const [key, change] of this.#mine) if (!this.#fresh(change)) this.#mine.delete(key);
    return merged;
  }

  /**
   * Re-reads storage into the view and writes the view back when storage lacks one of this store's
   * own changes: a new one, or one that another tab's concurrent write dropped. Returns whether the
   * dismissed set changed.
   */
  #sync(): boolean {
    const before = this.#dismissedKeys(this.#view);
    try {
      // No storage takes the same in-memory path as storage that throws.
      if (!this.#storage) throw new Error('no storage');
      const stored = parseChanges(this.#storage.getItem(DISMISSAL_STORAGE_KEY));
      this.#readable = true;
      // Storage cleared, removed or garbage: a deliberate reset, so saved changes of ours are not re-asserted.
      if (!stored) for (const key of this.#mine.keys()) if (!this.#unsaved.has(key)) this.#mine.delete(key);
      const base = stored ?? new Map<string, Change>();
      this.#view = this.#merge(base);
      if ([...this.#mine].some(([key, change]) => !sameChange(base.get(key), change))) {
        this.#storage.setItem(DISMISSAL_STORAGE_KEY, serializeChanges(this.#view));
      }
      this.#unsaved.clear();
    } catch {
      // Unreadable storage is never overwritten; a failed write stays unsaved and is retried on the next sync.
      this.#readable = false;
      this.#view = this.#merge(this.#view);
    }
    const after = this.#dismissedKeys(this.#view);
    return before.size !== after.size || [...before].some((key) => !after.has(key));
  }

  #change(key: string, dismissed: boolean): void {
    // Catch up first, so the new change is dated after the one it replaces.
    const caughtUp = this.#sync();
    const change = { at: this.#now(), dismissed };
    const current = this.#view.get(key);
    // A local change must win over the one it replaces, even within the same millisecond or after the clock went back.
    if (current && supersedes(current, change)) change.at = current.at + 1;
    this.#mine.set(key, change);
    this.#unsaved.add(key);
    if (this.#sync() || caughtUp) this.#notify();
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

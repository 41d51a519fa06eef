/**
 * The context id of each VM the client has seen, kept in localStorage (so per page origin), by API
 * base and VM name. A list that knows only `vm-name` asks a returning page's recent jobs by the
 * remembered id together with the VM context, instead of after it; the context's answer then says
 * whether the id still holds (when it does not, the list asks again with the right one, and the
 * client remembers that one instead).
 *
 * One versioned key holds every id: `{ "v": 1, "ids": { "<api base> <vm name>": "<context id>" } }`,
 * at most MAX_IDS of them (the least recently seen go first). When localStorage is missing, throws
 * or holds garbage, the ids are kept in memory for the page's life; nothing here ever throws.
 * Nothing touches `localStorage` at import time (server-side rendering).
 */

export const CONTEXT_ID_STORAGE_KEY = 'mk-widgets:context-ids:v1';

/** More VMs than an operator opens; the oldest are forgotten first. */
const MAX_IDS = 200;

function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class ContextIdMemory {
  readonly #storage: Storage | null;
  /** In answer order, oldest first; read from storage once, on first use. */
  #ids?: Map<string, string>;

  /** `storage` default: `globalThis.localStorage` if reachable; `null` keeps the ids in memory. */
  constructor(storage: Storage | null = defaultStorage()) {
    this.#storage = storage;
  }

  /** The context id last seen for `vmName` behind `apiBase`, if any. */
  recall(apiBase: string, vmName: string): string | undefined {
    return this.#load().get(keyOf(apiBase, vmName));
  }

  /** Remembers the id the VM context just said (replacing a stale one); writes only when it changed. */
  remember(apiBase: string, vmName: string, contextId: string): void {
    const key = keyOf(apiBase, vmName);
    if (!contextId || this.#load().get(key) === contextId) return;
    // Read again before writing: another client (another API base) or tab may have written since.
    this.#ids = undefined;
    const ids = this.#load();
    ids.delete(key);
    ids.set(key, contextId);
    for (const old of ids.keys()) {
      if (ids.size <= MAX_IDS) break;
      ids.delete(old);
    }
    try {
      this.#storage?.setItem(CONTEXT_ID_STORAGE_KEY, JSON.stringify({ v: 1, ids: Object.fromEntries(ids) }));
    } catch {
      // Full or forbidden: remembered for this page only.
    }
  }

  #load(): Map<string, string> {
    if (this.#ids) return this.#ids;
    this.#ids = new Map();
    try {
      const stored = JSON.parse(this.#storage?.getItem(CONTEXT_ID_STORAGE_KEY) ?? 'null') as { v?: unknown; ids?: unknown } | null;
      if (stored?.v === 1 && typeof stored.ids === 'object' && stored.ids !== null) {
        for (const [key, id] of Object.entries(stored.ids)) if (typeof id === 'string' && id) this.#ids.set(key, id);
      }
    } catch {
      // Garbage or no access: start empty.
    }
    return this.#ids;
  }
}

const keyOf = (apiBase: string, vmName: string) => `${apiBase} ${vmName}`;

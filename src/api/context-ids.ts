/**
 * The context id of each VM the client has seen, kept in localStorage (so per page origin), by API
 * base and VM name. A list that knows only `vm-name` asks a returning page's recent jobs by the
 * remembered id together with the VM context, instead of after it; the context's answer then says
 * whether the id still holds (when it does not, the list asks again with the right one, and the
 * client remembers that one instead).
 *
 * One versioned key holds every id: `{ "v": 1, "ids": { "<api base> <vm name>": "<context id>" } }`,
 * at most MAX_IDS of them (then they start over). When localStorage is missing, throws
 * or holds garbage, the ids are kept in memory for the page's life; nothing here ever throws.
 * Nothing touches `localStorage` at import time (server-side rendering).
 */
import { z } from 'zod/mini';

export const CONTEXT_ID_STORAGE_KEY = 'mk-widgets:context-ids:v1';

/**
 * What the key holds: a format version (this code reads version 1 only) and the ids. An entry that
 * is not a string reads as '' and is dropped, so one bad entry does not cost the others.
 */
const StoredContextIds = z.looseObject({
  v: z.number(),
  ids: z.record(z.string(), z.catch(z.string(), '')),
});

/** More VMs than an operator opens: past this many, the ids start over. */
const MAX_IDS = 200;

export class ContextIdMemory {
  readonly #storage: Storage | null | undefined;
  /** Read from storage on first use, and again before each write. */
  #ids?: Record<string, string>;

  /** `storage` default: `localStorage` if reachable; `null` keeps the ids in memory. */
  constructor(storage?: Storage | null) {
    this.#storage = storage;
  }

  /** The context id last seen for `vmName` behind `apiBase`, if any. */
  recall(apiBase: string, vmName: string): string | undefined {
    return this.#read()[`${apiBase} ${vmName}`];
  }

  /** Remembers the id the VM context just said (replacing a stale one); writes only when it changed. */
  remember(apiBase: string, vmName: string, contextId: string): void {
    const key = `${apiBase} ${vmName}`;
    if (!contextId || this.#read()[key] === contextId) return;
    // Read again first: another client (another API base) or tab may have written since.
    this.#ids = undefined;
    let ids = this.#read();
    if (Object.keys(ids).length >= MAX_IDS) ids = {};
    ids[key] = contextId;
    this.#ids = ids;
    try {
      this.#reach()?.setItem(CONTEXT_ID_STORAGE_KEY, JSON.stringify({ v: 1, ids }));
    } catch {
      // Full or forbidden: remembered for this page only.
    }
  }

  /** The storage, or null when there is none or it throws on access (a sandboxed iframe). */
  #reach(): Storage | null {
    try {
      return this.#storage === undefined ? globalThis.localStorage : this.#storage;
    } catch {
      return null;
    }
  }

  #read(): Record<string, string> {
    if (!this.#ids) {
      this.#ids = {};
      let stored: unknown = null;
      try {
        stored = JSON.parse(this.#reach()?.getItem(CONTEXT_ID_STORAGE_KEY) ?? 'null');
      } catch {
        // Garbage or no access: start empty.
      }
      const read = StoredContextIds.safeParse(stored);
      if (read.success && read.data.v === 1) for (const [key, id] of Object.entries(read.data.ids)) if (id) this.#ids[key] = id;
    }
    return this.#ids;
  }
}

/** In-page helpers shared by the benchmark pages. */
import type { OmaClient, ResourceState } from '../../src/api/client.js';
import type { RecentJobs, VmContext } from '../../src/model/operation.js';

declare global {
  interface Window {
    /** Chromium's `--js-flags=--expose-gc`. */
    gc?: () => void;
    bench?: Record<string, (options: never) => Promise<unknown>>;
  }
}

/** Forced full GC before a sample, so no sample pays for the garbage of the one before. */
export function collectGarbage(): void {
  window.gc?.();
}

/** Waits for the next frame to be painted (rAF, then a task after it). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    });
  });
}

/** Lets pending rendering and paint finish, then collects garbage: the start line of every sample. */
export async function settle(): Promise<void> {
  await nextPaint();
  await nextPaint();
  collectGarbage();
}

/** Forces style and layout of the whole document, as the browser must before the next paint. */
export function forceLayout(element: HTMLElement): number {
  return element.offsetHeight;
}

export function stage(): HTMLElement {
  const element = document.getElementById('stage');
  if (!element) throw new Error('no #stage');
  return element;
}

/** Round-robin order that starts each round with another contestant (no contestant always goes first). */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Records every DOM mutation under the given roots (shadow roots must be observed one by one). */
export class MutationCounter {
  private pending: MutationRecord[] = [];
  // Records delivered to the callback (at a microtask checkpoint) are kept too, not only the queued ones.
  private readonly observer = new MutationObserver((records) => this.pending.push(...records));

  constructor(roots: Node[]) {
    for (const root of roots) {
      this.observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    }
  }

  /** The mutations since the last call (or since the start). */
  take(): MutationRecord[] {
    const records = [...this.pending, ...this.observer.takeRecords()];
    this.pending = [];
    return records;
  }

  stop(): void {
    this.take();
    this.observer.disconnect();
  }
}

/**
 * The rows a mutation touched: the index of the `ul.rows > li` it happened in, or `-1` for anything
 * outside the rows (the list's frame, the live region). A child-list change of the `ul` itself
 * counts against the rows it added or removed.
 */
export function touchedRows(records: MutationRecord[], list: Element): Set<number> {
  const rows = [...list.children];
  const rowOf = (node: Node | null): number => {
    let current: Node | null = node;
    while (current && current.parentNode !== list) current = current.parentNode;
    return current ? rows.indexOf(current as Element) : -1;
  };
  const touched = new Set<number>();
  for (const record of records) {
    if (record.target === list && record.type === 'childList') {
      for (const node of [...record.addedNodes, ...record.removedNodes]) {
        const index = rows.indexOf(node as Element);
        touched.add(index >= 0 ? index : -2);
      }
    } else {
      touched.add(rowOf(record.target));
    }
  }
  return touched;
}

/**
 * An `OmaClient` stand-in that answers synchronously with data already normalised: the list
 * renders in its first update, so a sample times rendering alone. `push()` is a poll's answer.
 */
export class StubClient {
  jobs?: RecentJobs;
  vm?: VmContext;
  private jobListeners = new Set<(state: ResourceState<RecentJobs>) => void>();
  private vmListeners = new Set<(state: ResourceState<VmContext>) => void>();

  watchRecentJobs(_target: unknown, listener: (state: ResourceState<RecentJobs>) => void): () => void {
    this.jobListeners.add(listener);
    listener(this.jobs ? { status: 'ready', data: this.jobs, updatedAt: Date.now() } : { status: 'loading' });
    return () => this.jobListeners.delete(listener);
  }

  watchVmContext(_vmName: string, listener: (state: ResourceState<VmContext>) => void): () => void {
    this.vmListeners.add(listener);
    listener(this.vm ? { status: 'ready', data: this.vm, updatedAt: Date.now() } : { status: 'loading' });
    return () => this.vmListeners.delete(listener);
  }

  push(jobs: RecentJobs): void {
    this.jobs = jobs;
    for (const listener of this.jobListeners) listener({ status: 'ready', data: jobs, updatedAt: Date.now() });
  }

  /** What the list asks to learn whether it can fetch (any non-empty string will do here). */
  recentJobsUrl(target: { contextId?: string; vmName?: string }): string | undefined {
    return target.contextId || target.vmName || undefined;
  }

  vmContextUrl(vmName: string): string | undefined {
    return vmName;
  }

  recentJobsPath(contextId: string): string {
    return contextId;
  }

  vmContextPath(vmName: string): string {
    return vmName;
  }

  refresh(): void {}

  fetchFailoverStatus(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  asClient(): OmaClient {
    return this as unknown as OmaClient;
  }
}

/** A fetch answered from memory, without timers: a plain object with what OmaClient reads. */
export function memoryFetch(answer: (path: string) => string | undefined, onRequest?: (path: string) => void): typeof fetch {
  return ((input: RequestInfo | URL) => {
    const path = new URL(String(input), 'http://oma.invalid').pathname;
    onRequest?.(path);
    const body = answer(path);
    const response = {
      ok: body !== undefined,
      status: body !== undefined ? 200 : 404,
      text: () => Promise.resolve(body ?? '{"error":"not found"}'),
    };
    return Promise.resolve(response as Response);
  }) as typeof fetch;
}

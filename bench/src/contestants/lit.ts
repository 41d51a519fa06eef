/**
 * The contestant: `<mk-unified-job-list>` itself, inside `<mk-oma-provider>`. Two ways to feed it:
 *
 * - `lit` (rendering only): a stub client answers synchronously with data already normalised, so
 *   the element renders the rows in its first update and the sample times what React and vanilla
 *   do too: turning the same `Operation[]` into DOM.
 * - `lit+client` (first render only): the real `OmaClient` with an in-memory fetch, so the sample
 *   also pays for JSON parsing, the zod/mini schema check and the leak guard: what the element
 *   costs from "answer arrived" to "rows laid out".
 */
import '../../../src/index.js';
import { OmaClient } from '../../../src/api/client.js';
import type { MkOmaProvider } from '../../../src/elements/oma-provider/oma-provider.component.js';
import type { MkUnifiedJobList } from '../../../src/elements/unified-job-list/unified-job-list.component.js';
import type { RecentJobs } from '../../../src/model/operation.js';
import { memoryFetch, StubClient } from '../lib.js';
import type { Contestant } from './types.js';

export class LitContestant implements Contestant {
  readonly name = 'lit';
  private readonly client = new StubClient();
  private provider?: MkOmaProvider;
  private list?: MkUnifiedJobList;

  prepare(container: HTMLElement): void {
    this.provider = document.createElement('mk-oma-provider');
    this.provider.client = this.client.asClient();
    container.append(this.provider);
  }

  async mount(jobs: RecentJobs): Promise<void> {
    this.client.jobs = jobs;
    const list = document.createElement('mk-unified-job-list');
    list.contextId = jobs.contextId;
    this.list = list;
    this.provider?.append(list);
    await list.updateComplete;
  }

  async update(jobs: RecentJobs): Promise<void> {
    this.client.push(jobs);
    await this.list?.updateComplete;
  }

  rowList(): Element | null {
    return this.list?.shadowRoot?.querySelector('ul.rows') ?? null;
  }

  roots(): Node[] {
    const roots: Node[] = [];
    if (this.provider?.parentNode) roots.push(this.provider.parentNode);
    if (this.list?.shadowRoot) roots.push(this.list.shadowRoot);
    return roots;
  }

  teardown(): void {
    this.provider?.parentElement?.replaceChildren();
    this.provider = undefined;
    this.list = undefined;
  }
}

/** The same element through the real client: first render includes parsing and normalising. */
export class LitClientContestant implements Contestant {
  readonly name = 'lit+client';
  private body = '';
  private provider?: MkOmaProvider;
  private list?: MkUnifiedJobList;

  /** The raw JSON the next mount's fetch answers with. */
  setBody(body: string): void {
    this.body = body;
  }

  prepare(container: HTMLElement): void {
    this.provider = document.createElement('mk-oma-provider');
    // A new client every sample: no cache, the fetch is really asked.
    this.provider.client = new OmaClient({ fetch: memoryFetch(() => this.body) });
    container.append(this.provider);
  }

  async mount(jobs: RecentJobs): Promise<void> {
    const list = document.createElement('mk-unified-job-list');
    list.contextId = jobs.contextId;
    // The client owns polling: none during the sample.
    list.pollInterval = 0;
    this.list = list;
    this.provider?.append(list);
    // The answer arrives through promises only (no timers): wait for the rows.
    for (let i = 0; i < 10_000 && !this.rowList(); i += 1) {
      await list.updateComplete;
      await Promise.resolve();
    }
    if (!this.rowList()) throw new Error('lit+client: the rows never appeared');
  }

  update(): void {
    throw new Error('lit+client is measured on first render only');
  }

  rowList(): Element | null {
    return this.list?.shadowRoot?.querySelector('ul.rows') ?? null;
  }

  roots(): Node[] {
    return this.list?.shadowRoot ? [this.list.shadowRoot] : [];
  }

  teardown(): void {
    this.provider?.parentElement?.replaceChildren();
    this.provider = undefined;
    this.list = undefined;
  }
}

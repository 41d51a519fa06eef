/**
 * The time to data on a VM page (issue 15), as the requests show it: which requests a banner and a
 * list for one VM send, and in what order, on a first visit, with `context-id`, with a recent-jobs
 * route by VM name, and on a returning visit (a remembered context id, right or stale). And the
 * details dialog a banner embeds is built only when it opens. Stubbed fetch, no timing.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { OmaClient, type OmaClientOptions } from '../../src/api/client.js';
import { ContextIdMemory } from '../../src/api/context-ids.js';
import type { MkJobErrorModal } from '../../src/elements/job-error-modal/job-error-modal.component.js';
import '../../src/index.js';
import { MemoryStorage } from '../memory-storage.js';
import { CTX, StubFetch, VM, deferred, json, rawJob, recentBody, vmBody, type Reply } from '../api/stub-fetch.js';
import { buttonByText, shadow, textOf } from '../harness.js';

const VM_PATH = `/api/v1/vm-contexts/${VM}`;
const jobsPath = (contextId: string) => `/api/v1/vm-contexts/${contextId}/recent-jobs`;

/** Answers each path when the test resolves it (paths not listed: 404). */
class Answers {
  readonly stub = new StubFetch();
  readonly pending = new Map<string, ReturnType<typeof deferred<Reply>>>();

  constructor(paths: string[]) {
    for (const path of paths) this.pending.set(path, deferred<Reply>());
    this.stub.answer = (call) => this.pending.get(new URL(call.url, location.href).pathname)?.promise ?? json({ error: 'not found' }, 404);
  }

  answer(path: string, reply: Reply): void {
    this.pending.get(path)!.resolve(reply);
  }

  get paths(): string[] {
    return this.stub.urls.map((url) => new URL(url, location.href).pathname);
  }
}

async function mountPage(answers: Answers, memory: ContextIdMemory, list = html`<mk-unified-job-list vm-name=${VM}></mk-unified-job-list>`, options: OmaClientOptions = {}) {
  const client = new OmaClient({ fetch: answers.stub.fetch, contextIds: memory, ...options });
  const provider = await fixture<HTMLElement>(
    html`<mk-oma-provider .client=${client}><mk-operation-error-banner vm-name=${VM}></mk-operation-error-banner>${list}</mk-oma-provider>`,
  );
  const [banner, element] = [...provider.children] as HTMLElement[];
  return { banner: banner!, list: element!, client };
}

const rowNames = (list: Element) => [...shadow(list).querySelectorAll('li.row .name')].map((name) => textOf(name));

describe('time to data: the requests of a VM page (banner + list by vm-name)', () => {
  let storage: MemoryStorage;
  let memory: ContextIdMemory;

  beforeEach(() => {
    storage = new MemoryStorage();
    memory = new ContextIdMemory(storage);
  });

  it('first visit: the jobs are asked the moment the context is read, before the banner has rendered it', async () => {
    const answers = new Answers([VM_PATH, jobsPath(CTX)]);
    let bannerShownWhenJobsAsked: boolean | undefined;
    const { banner, list } = await mountPage(answers, memory);
    const answer = answers.stub.answer;
    answers.stub.answer = (call) => {
      if (call.url.endsWith('/recent-jobs')) bannerShownWhenJobsAsked = !!shadow(banner).querySelector('.banner');
      return answer(call);
    };
    expect(answers.paths, 'only the context until it answers').to.deep.equal([VM_PATH]);

    answers.answer(VM_PATH, json(vmBody()));
    await waitUntil(() => answers.paths.length === 2, 'the jobs request');
    expect(answers.paths).to.deep.equal([VM_PATH, jobsPath(CTX)]);
    expect(bannerShownWhenJobsAsked, 'asked before any widget rendered the context').to.equal(false);

    answers.answer(jobsPath(CTX), json(recentBody([rawJob('j1', { display_name: 'Replication One' })])));
    await waitUntil(() => rowNames(list).length === 1, 'the row');
    expect(answers.paths, 'one request each').to.deep.equal([VM_PATH, jobsPath(CTX)]);
    expect(memory.recall('', VM), 'the id is remembered for the next visit').to.equal(CTX);
  });

  it('with context-id and vm-name: both at once', async () => {
    const answers = new Answers([VM_PATH, jobsPath(CTX)]);
    await mountPage(answers, memory, html`<mk-unified-job-list vm-name=${VM} context-id=${CTX}></mk-unified-job-list>`);
    await waitUntil(() => answers.paths.length === 2, 'two requests');
    expect([...answers.paths].sort()).to.deep.equal([VM_PATH, jobsPath(CTX)].sort());
  });

  it('with a recent-jobs route by VM name: both at once', async () => {
    const byName = `/api/dashboard/vms/${VM}/jobs`;
    const answers = new Answers([VM_PATH, byName]);
    await mountPage(answers, memory, undefined, { endpoints: { recentJobs: '/api/dashboard/vms/{vmName}/jobs' } });
    await waitUntil(() => answers.paths.length === 2, 'two requests');
    expect([...answers.paths].sort()).to.deep.equal([VM_PATH, byName].sort());
  });

  it('returning visit: both at once by the remembered id; the jobs show once the context confirms it', async () => {
    memory.remember('', VM, CTX);
    const answers = new Answers([VM_PATH, jobsPath(CTX)]);
    const { list } = await mountPage(answers, memory);
    await waitUntil(() => answers.paths.length === 2, 'two requests');
    expect([...answers.paths].sort()).to.deep.equal([VM_PATH, jobsPath(CTX)].sort());

    answers.answer(jobsPath(CTX), json(recentBody([rawJob('j1', { display_name: 'Replication One' })])));
    await new Promise((resolve) => setTimeout(resolve));
    await (list as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(rowNames(list), 'not before the context confirms the id').to.deep.equal([]);

    answers.answer(VM_PATH, json(vmBody()));
    await waitUntil(() => rowNames(list).length === 1, 'the row');
    expect(answers.paths, 'nothing asked twice').to.have.length(2);
  });

  it('returning visit with a stale id: asks again with the one the context says, never shows the stale answer, remembers the new id', async () => {
    memory.remember('', VM, 'ctx-pgtest1-old');
    const answers = new Answers([VM_PATH, jobsPath('ctx-pgtest1-old'), jobsPath(CTX)]);
    const { list } = await mountPage(answers, memory);
    await waitUntil(() => answers.paths.length === 2, 'two requests');
    expect([...answers.paths].sort()).to.deep.equal([VM_PATH, jobsPath('ctx-pgtest1-old')].sort());

    answers.answer(jobsPath('ctx-pgtest1-old'), json(recentBody([rawJob('old', { display_name: 'Stale Replication' })], 'ctx-pgtest1-old')));
    answers.answer(VM_PATH, json(vmBody()));
    await waitUntil(() => answers.paths.length === 3, 'the jobs asked again');
    expect(answers.paths[2]).to.equal(jobsPath(CTX));
    expect(memory.recall('', VM)).to.equal(CTX);
    expect(rowNames(list)).to.deep.equal([]);

    answers.answer(jobsPath(CTX), json(recentBody([rawJob('j1', { display_name: 'Replication One' })])));
    await waitUntil(() => rowNames(list).length === 1, 'the row');
    expect(rowNames(list)).to.deep.equal(['Replication One']);
  });
});

describe('time to data: the details dialog is built when it opens', () => {
  it("a banner's dialog is an empty <dialog> until View Details; then it shows the failure, focus inside", async () => {
    const answers = new Answers([VM_PATH]);
    const { banner } = await mountPage(answers, new ContextIdMemory(null), html``);
    answers.answer(VM_PATH, json(vmBody()));
    await waitUntil(() => shadow(banner).querySelector('.banner'), 'the banner');
    const modal = shadow(banner).querySelector<MkJobErrorModal>('mk-job-error-modal')!;
    await modal.updateComplete;
    const dialog = shadow(modal).querySelector('dialog')!;
    expect(dialog.childElementCount, 'nothing inside the closed dialog').to.equal(0);
    expect(dialog.open).to.equal(false);

    buttonByText(shadow(banner), 'View Details')!.click();
    await waitUntil(() => dialog.open, 'the dialog to open');
    expect(textOf(dialog)).to.contain('It failed');
    expect(shadow(modal).activeElement?.classList.contains('close'), 'focus on Close').to.equal(true);

    await modal.close();
    expect(dialog.open).to.equal(false);
    expect(dialog.childElementCount, 'kept once built').to.be.greaterThan(0);
  });
});

describe('time to data: a shut fold is built when it opens', () => {
  it('a compact list builds a failed row\'s "What you can do" content only when the user opens it', async () => {
    const answers = new Answers([jobsPath(CTX)]);
    const client = new OmaClient({ fetch: answers.stub.fetch, contextIds: new ContextIdMemory(null) });
    const provider = await fixture<HTMLElement>(
      html`<mk-oma-provider .client=${client}><mk-unified-job-list context-id=${CTX} density="compact"></mk-unified-job-list></mk-oma-provider>`,
    );
    const list = provider.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
    answers.answer(jobsPath(CTX), json(recentBody([rawJob('f1', { status: 'failed', display_name: 'Replication Failed', error_message: 'The disk is full' })])));
    await waitUntil(() => shadow(list).querySelector('.row .more'), 'the failed row');
    const row = shadow(list).querySelector('.row')!;
    expect(row.querySelector('.more')!.childElementCount, 'nothing built in the shut fold').to.equal(0);
    expect(textOf(row.querySelector('.issue'))).to.contain('The disk is full');

    buttonByText(row, 'What you can do')!.click();
    await list.updateComplete;
    expect(row.querySelector('.more-toggle')!.getAttribute('aria-expanded')).to.equal('true');
    expect(buttonByText(row, 'View details')!.checkVisibility(), 'View details shown').to.equal(true);
  });
});

/**
 * The time to data, in the client: a VM context watched for a job list asks the VM's recent jobs the
 * moment the context is read (not after a widget rendered it), and the context ids it read are
 * remembered for the next visit. Asserted on the requests a stubbed fetch receives, and when.
 */
import { expect } from '@open-wc/testing';
import type { ResourceState } from '../../src/api/client.js';
import { CONTEXT_ID_STORAGE_KEY, ContextIdMemory } from '../../src/api/context-ids.js';
import type { VmContext } from '../../src/model/operation.js';
import { MemoryStorage } from '../memory-storage.js';
import { CTX, RECENT_PATH, StubFetch, VM, deferred, flushMicrotasks, json, newClient, rawJob, recentBody, vmBody, type Reply } from './stub-fetch.js';

const VM_PATH = `/api/v1/vm-contexts/${VM}`;

describe('OmaClient: recent jobs chained to the VM context', () => {
  let stub: StubFetch;
  let memory: ContextIdMemory;

  beforeEach(() => {
    stub = new StubFetch();
    memory = new ContextIdMemory(new MemoryStorage());
  });

  /** Answers the VM context when `vm` resolves, the recent jobs at once. */
  function answerVmLater() {
    const vm = deferred<Reply>();
    stub.answer = (call) => (call.url === VM_PATH ? vm.promise : json(recentBody([rawJob('j1')])));
    return vm;
  }

  it('asks the recent jobs as soon as the context is read, before any subscriber hears of it', async () => {
    const vm = answerVmLater();
    const client = newClient(stub, { contextIds: memory });
    const seenAtReady: string[][] = [];
    const stop = client.watchVmContext(
      VM,
      (state: ResourceState<VmContext>) => {
        if (state.status === 'ready') seenAtReady.push([...stub.urls]);
      },
      { interval: () => 0, recentJobs: true },
    );
    await flushMicrotasks();
    expect(stub.urls, 'only the context before it answers').to.deep.equal([VM_PATH]);

    vm.resolve(json(vmBody()));
    await flushMicrotasks();
    expect(seenAtReady, 'the jobs request was out when the subscriber first saw the context').to.deep.equal([[VM_PATH, RECENT_PATH]]);
    stop();
  });

  it('the list watching the jobs next joins that request: one jobs request in all', async () => {
    const vm = answerVmLater();
    const client = newClient(stub, { contextIds: memory });
    let jobs: ResourceState<unknown> | undefined;
    const stopJobs: (() => void)[] = [];
    const stop = client.watchVmContext(
      VM,
      (state) => {
        // What the list does on the context's answer: watch the jobs by the id it just learnt.
        if (state.status === 'ready' && stopJobs.length === 0) {
          stopJobs.push(client.watchRecentJobs({ contextId: state.data!.contextId, vmName: VM }, (next) => (jobs = next), { interval: () => 0 }));
        }
      },
      { interval: () => 0, recentJobs: true },
    );
    vm.resolve(json(vmBody()));
    await flushMicrotasks();
    await flushMicrotasks();
    expect(jobs?.status).to.equal('ready');
    expect(stub.urls).to.deep.equal([VM_PATH, RECENT_PATH]);
    stop();
    stopJobs.forEach((stopOne) => stopOne());
  });

  it('without a subscriber that wants the jobs (a banner), reading the context asks nothing more', async () => {
    const vm = answerVmLater();
    const client = newClient(stub, { contextIds: memory });
    const stop = client.watchVmContext(VM, () => undefined, { interval: () => 0 });
    vm.resolve(json(vmBody()));
    await flushMicrotasks();
    expect(stub.urls).to.deep.equal([VM_PATH]);
    stop();
  });

  it('once that subscriber has left, nothing is chained either', async () => {
    const vm = answerVmLater();
    const client = newClient(stub, { contextIds: memory });
    const banner = client.watchVmContext(VM, () => undefined, { interval: () => 0 });
    const list = client.watchVmContext(VM, () => undefined, { interval: () => 0, recentJobs: true });
    list();
    vm.resolve(json(vmBody()));
    await flushMicrotasks();
    expect(stub.urls).to.deep.equal([VM_PATH]);
    banner();
  });

  it('does not ask again for jobs someone already watches', async () => {
    const vm = answerVmLater();
    const client = newClient(stub, { contextIds: memory });
    const jobs = client.watchRecentJobs({ contextId: CTX, vmName: VM }, () => undefined, { interval: () => 0 });
    const stop = client.watchVmContext(VM, () => undefined, { interval: () => 0, recentJobs: true });
    vm.resolve(json(vmBody()));
    await flushMicrotasks();
    expect(stub.urls.filter((url) => url === RECENT_PATH)).to.have.length(1);
    stop();
    jobs();
  });
});

describe('OmaClient: remembered context ids', () => {
  it('remembers the id a VM context said, per API base, and replaces a stale one', async () => {
    const storage = new MemoryStorage();
    const stub = new StubFetch();
    stub.answer = () => json(vmBody());
    const memory = new ContextIdMemory(storage);
    const client = newClient(stub, { contextIds: memory });
    expect(client.rememberedContextId(VM)).to.equal(undefined);
    await client.fetchVmContext(VM);
    expect(client.rememberedContextId(VM)).to.equal(CTX);
    // A later page (a new memory on the same storage) recalls it; another API base does not.
    expect(newClient(stub, { contextIds: new ContextIdMemory(storage) }).rememberedContextId(VM)).to.equal(CTX);
    expect(newClient(stub, { contextIds: new ContextIdMemory(storage), apiBase: 'http://other-oma:8082' }).rememberedContextId(VM)).to.equal(undefined);

    const moved = vmBody();
    (moved.context as Record<string, unknown>).context_id = 'ctx-pgtest1-new';
    stub.answer = () => json(moved);
    await client.fetchVmContext(VM, { fresh: true });
    expect(new ContextIdMemory(storage).recall('', VM)).to.equal('ctx-pgtest1-new');
  });

  it('writes storage only when an id changes', async () => {
    const storage = new MemoryStorage();
    const stub = new StubFetch();
    stub.answer = () => json(vmBody());
    const client = newClient(stub, { contextIds: new ContextIdMemory(storage) });
    await client.fetchVmContext(VM);
    await client.fetchVmContext(VM, { fresh: true });
    expect(storage.setCalls).to.equal(1);
  });

  it('`contextIds: null` remembers nothing', async () => {
    const stub = new StubFetch();
    stub.answer = () => json(vmBody());
    const client = newClient(stub, { contextIds: null });
    await client.fetchVmContext(VM);
    expect(client.rememberedContextId(VM)).to.equal(undefined);
  });

  it('garbage in storage, or storage that throws, is never fatal', () => {
    const garbage = new MemoryStorage();
    garbage.setItem(CONTEXT_ID_STORAGE_KEY, '{not json');
    expect(new ContextIdMemory(garbage).recall('', VM)).to.equal(undefined);
    const wrongShape = new MemoryStorage();
    wrongShape.setItem(CONTEXT_ID_STORAGE_KEY, JSON.stringify({ v: 1, ids: { [` ${VM}`]: 42 } }));
    expect(new ContextIdMemory(wrongShape).recall('', VM)).to.equal(undefined);
    const oneBad = new MemoryStorage();
    oneBad.setItem(CONTEXT_ID_STORAGE_KEY, JSON.stringify({ v: 1, ids: { ' other': ['x'], [` ${VM}`]: CTX } }));
    expect(new ContextIdMemory(oneBad).recall('', VM), 'a bad entry does not cost the good one').to.equal(CTX);
    const otherVersion = new MemoryStorage();
    otherVersion.setItem(CONTEXT_ID_STORAGE_KEY, JSON.stringify({ v: 2, ids: { [` ${VM}`]: CTX } }));
    expect(new ContextIdMemory(otherVersion).recall('', VM), 'another version is not read').to.equal(undefined);

    const throwing = new MemoryStorage();
    throwing.getItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    throwing.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const memory = new ContextIdMemory(throwing);
    memory.remember('', VM, CTX);
    expect(memory.recall('', VM), 'kept in memory for the page').to.equal(CTX);
  });
});

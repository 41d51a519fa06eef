/**
 * The response cache stays bounded (count and age) without costing a watched resource its data
 * identity, and refresh() settles once the subscribers have seen the answer.
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { ResourceState } from '../../src/api/client.js';
import { resetReportedDataIssues } from '../../src/api/report.js';
import type { RecentJobs } from '../../src/model/operation.js';
import { CTX, StubFetch, deferred, errorJson, json, newClient, rawJob, recentBody, useFakeTime, type FakeTime, type Reply } from './stub-fetch.js';

describe('OmaClient cache eviction', () => {
  let stub: StubFetch;
  let time: FakeTime;
  let stops: (() => void)[];

  beforeEach(() => {
    stub = new StubFetch();
    stub.answer = (call) => json(recentBody([rawJob('j1')], call.url.split('/')[4]));
    time = useFakeTime();
    stops = [];
    resetReportedDataIssues();
  });

  afterEach(() => {
    for (const stop of stops) stop();
    time.restore();
    sinon.restore();
  });

  async function fetchJobs(client: ReturnType<typeof newClient>, contextId: string): Promise<RecentJobs> {
    const promise = client.fetchRecentJobs(contextId);
    await time.settle();
    return promise;
  }

  it('keeps at most cacheSize answers, dropping the least recently answered', async () => {
    const client = newClient(stub, { cacheSize: 2, cacheTtlMs: 60_000 });
    const a = await fetchJobs(client, 'ctx-a');
    await fetchJobs(client, 'ctx-b');
    expect(await fetchJobs(client, 'ctx-a')).to.equal(a);
    expect(stub.calls).to.have.length(2);
    await fetchJobs(client, 'ctx-c'); // evicts ctx-a, the oldest answer
    await fetchJobs(client, 'ctx-b');
    expect(stub.calls).to.have.length(3);
    const again = await fetchJobs(client, 'ctx-a');
    expect(stub.calls).to.have.length(4);
    expect(again, 'parsed anew: the old entry is gone').not.to.equal(a);
  });

  it('drops answers older than 5 minutes when it is next written', async () => {
    const client = newClient(stub);
    const a = await fetchJobs(client, 'ctx-a');
    await time.clock.tickAsync(60_000);
    // Kept (past its 2 s of reuse) so that an identical answer keeps the same object.
    expect(await fetchJobs(client, 'ctx-a')).to.equal(a);
    await time.clock.tickAsync(5 * 60_000 + 1);
    await fetchJobs(client, 'ctx-b');
    expect(await fetchJobs(client, 'ctx-a')).not.to.equal(a);
    expect(stub.calls).to.have.length(4);
  });

  it('never evicts what a poller watches: an identical poll keeps the same data and re-renders nothing', async () => {
    const client = newClient(stub, { cacheSize: 1 });
    const states: ResourceState<RecentJobs>[] = [];
    stops.push(client.watchRecentJobs(CTX, (state) => states.push(state), { interval: () => 5_000 }));
    await time.settle();
    for (const id of ['ctx-a', 'ctx-b', 'ctx-c']) await fetchJobs(client, id);
    await time.clock.tickAsync(5 * 60_000 + 5_000);
    for (const id of ['ctx-d', 'ctx-e']) await fetchJobs(client, id);
    await time.clock.tickAsync(5_000);
    expect(stub.calls.filter((call) => call.url.includes(CTX)).length).to.be.greaterThan(60);
    expect(states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
  });
});

describe('OmaClient refresh()', () => {
  let stub: StubFetch;
  let time: FakeTime;

  beforeEach(() => {
    stub = new StubFetch();
    time = useFakeTime();
  });

  afterEach(() => {
    time.restore();
    sinon.restore();
  });

  it('settles after the subscribers have seen the answer, and never rejects', async () => {
    const client = newClient(stub);
    const states: ResourceState<RecentJobs>[] = [];
    const stop = client.watchRecentJobs(CTX, (state) => states.push(state), { interval: () => 0 });
    await time.settle();
    const gate = deferred<Reply>();
    stub.answer = () => gate.promise;
    let settled = false;
    const refreshed = client.refresh(client.recentJobsUrl({ contextId: CTX })).then(() => (settled = true));
    await time.settle();
    expect(settled).to.equal(false);
    gate.resolve(errorJson(500, 'boom'));
    await refreshed;
    expect(states.at(-1)!.status).to.equal('error');
    stop();
  });

  it('settles at once for a URL nobody watches, without a request', async () => {
    const client = newClient(stub);
    await client.refresh(client.recentJobsUrl({ contextId: CTX }));
    await client.refresh(undefined);
    expect(stub.calls).to.have.length(0);
  });
});

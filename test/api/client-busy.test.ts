/**
 * A server that answers "busy" (429, or 503 with Retry-After) is not unreachable: the error says so
 * (`busy`), and the client asks again no sooner than the server said, within maxBackoffMs.
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { ResourceState } from '../../src/api/client.js';
import { retryAfterMs } from '../../src/api/errors.js';
import { resetReportedDataIssues } from '../../src/api/report.js';
import type { RecentJobs } from '../../src/model/operation.js';
import { CTX, StubFetch, T0, expectKind, json, newClient, rawJob, recentBody, since, useFakeTime, type FakeTime, type Reply } from './stub-fetch.js';

function busy(status: 429 | 503, retryAfter?: string): Reply {
  return { status, body: '<html>Too busy</html>', headers: { 'content-type': 'text/html', ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }) } };
}

describe('Retry-After', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(retryAfterMs('120', T0)).to.equal(120_000);
    expect(retryAfterMs(' 0 ', T0)).to.equal(0);
    expect(retryAfterMs(new Date(T0 + 90_000).toUTCString(), T0)).to.equal(90_000);
    expect(retryAfterMs(new Date(T0 - 90_000).toUTCString(), T0)).to.equal(0);
    expect(retryAfterMs('soon', T0)).to.equal(undefined);
    expect(retryAfterMs(null, T0)).to.equal(undefined);
    expect(retryAfterMs('-5', T0)).to.equal(undefined);
  });
});

describe('OmaClient and a busy server', () => {
  let stub: StubFetch;
  let time: FakeTime;
  let stops: (() => void)[];

  beforeEach(() => {
    stub = new StubFetch();
    time = useFakeTime();
    stops = [];
    resetReportedDataIssues();
  });

  afterEach(() => {
    for (const stop of stops) stop();
    time.restore();
    sinon.restore();
  });

  function watchJobs(client: ReturnType<typeof newClient>, interval: number): ResourceState<RecentJobs>[] {
    const states: ResourceState<RecentJobs>[] = [];
    stops.push(client.watchRecentJobs(CTX, (state) => states.push(state), { interval: () => interval }));
    return states;
  }

  it("429 is 'busy' (retryable) with the time it may be asked again, not a network failure", async () => {
    stub.answer = () => busy(429, '120');
    const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'busy');
    expect(error.status).to.equal(429);
    expect(error.retryable).to.equal(true);
    expect(error.retryAt).to.equal(T0 + 120_000);
  });

  it("429 without Retry-After is 'busy' too, backing off as usual", async () => {
    stub.answer = () => busy(429);
    const client = newClient(stub);
    const states = watchJobs(client, 5_000);
    await time.settle();
    await time.clock.tickAsync(16_000);
    expect(states.at(-1)!.error!.kind).to.equal('busy');
    expect(states.at(-1)!.error!.retryAt).to.equal(undefined);
    expect(since(stub.times)).to.deep.equal([0, 5_000, 15_000]);
  });

  it("503 with Retry-After is 'busy'; without, it stays 'server'", async () => {
    stub.answer = () => busy(503, '30');
    await expectKind(newClient(stub).fetchRecentJobs(CTX), 'busy');
    stub.answer = () => busy(503);
    await expectKind(newClient(stub).fetchRecentJobs(CTX), 'server');
  });

  for (const status of [429, 503] as const) {
    it(`polls again after ${status}'s Retry-After in seconds, not sooner (interval 5 s), keeping the last good data`, async () => {
      let reply: Reply = json(recentBody([rawJob('j1')]));
      stub.answer = () => reply;
      const client = newClient(stub);
      const states = watchJobs(client, 5_000);
      await time.settle();
      const good = states.at(-1)!.data;
      reply = busy(status, '120');
      await time.clock.tickAsync(5_000); // the poll at 5 s answers busy
      expect(states.at(-1)).to.include({ status: 'error', data: good });
      expect(states.at(-1)!.error!.kind).to.equal('busy');
      reply = json(recentBody([rawJob('j1')]));
      await time.clock.tickAsync(119_999);
      expect(since(stub.times)).to.deep.equal([0, 5_000]);
      await time.clock.tickAsync(1);
      expect(since(stub.times)).to.deep.equal([0, 5_000, 125_000]);
      expect(states.at(-1)!.status).to.equal('ready');
      expect(states.at(-1)!.data).to.equal(good);
    });
  }

  it('honours an HTTP-date Retry-After', async () => {
    stub.answer = () => busy(429, new Date(T0 + 45_000).toUTCString());
    const client = newClient(stub);
    watchJobs(client, 5_000);
    await time.settle();
    await time.clock.tickAsync(44_999);
    expect(stub.calls).to.have.length(1);
    await time.clock.tickAsync(1);
    expect(since(stub.times)).to.deep.equal([0, 45_000]);
  });

  it('caps a long Retry-After at maxBackoffMs', async () => {
    stub.answer = () => busy(429, '86400');
    const client = newClient(stub, { maxBackoffMs: 60_000 });
    watchJobs(client, 5_000);
    await time.settle();
    await time.clock.tickAsync(130_000);
    expect(since(stub.times)).to.deep.equal([0, 60_000, 120_000]);
  });

  it('a Retry-After shorter than the backoff does not shorten it', async () => {
    stub.answer = () => busy(429, '1');
    const client = newClient(stub);
    watchJobs(client, 10_000);
    await time.settle();
    await time.clock.tickAsync(31_000);
    expect(since(stub.times)).to.deep.equal([0, 10_000, 30_000]);
  });

  it('sends nothing for that URL before Retry-After, even for Retry or a one-off fetch', async () => {
    stub.answer = () => busy(429, '60');
    const client = newClient(stub);
    const states = watchJobs(client, 5_000);
    await time.settle();
    const first = states.at(-1)!.error!;
    await time.clock.tickAsync(10_000);
    await client.refresh(client.recentJobsUrl({ contextId: CTX }));
    const again = await expectKind(client.fetchRecentJobs(CTX), 'busy');
    expect(again).to.equal(first);
    expect(stub.calls).to.have.length(1);
    // Another resource is not held back.
    stub.answer = () => json(recentBody([]));
    await client.fetchRecentJobs('ctx-other');
    expect(stub.calls).to.have.length(2);
    await time.clock.tickAsync(50_000);
    expect(since(stub.times)).to.deep.equal([0, 10_000, 60_000]);
  });
});

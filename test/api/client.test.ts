import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { OmaClient, getDefaultClient, type ResourceState } from '../../src/api/client.js';
import { OmaError } from '../../src/api/errors.js';
import type { DataIssue } from '../../src/model/pipeline.js';
import { DATA_ISSUE_EVENT, resetReportedDataIssues } from '../../src/api/report.js';
import type { RecentJobs, VmContext } from '../../src/model/operation.js';
import { createMockFetch } from '../../mock-oma/handler.js';
import { PGTEST1_FAILED_JOB_ID, contextIdFor } from '../../mock-oma/fixtures.js';
import {
  CTX,
  LEAKY,
  RECENT_PATH,
  StubFetch,
  T0,
  VM,
  deferred,
  errorJson,
  expectKind,
  failureOf,
  flushMicrotasks,
  html,
  json,
  never,
  newClient,
  rawJob,
  recentBody,
  vmBody,
  type Reply,
} from './stub-fetch.js';
// ---- requests (real timers) ----------------------------------------------------------------

describe('OmaClient requests', () => {
  let stub: StubFetch;

  beforeEach(() => {
    stub = new StubFetch();
    resetReportedDataIssues();
  });

  afterEach(() => {
    sinon.restore();
  });

  describe('URL building', () => {
    it('uses the same origin by default', async () => {
      await newClient(stub).fetchRecentJobs(CTX);
      expect(stub.urls).to.deep.equal([`/api/v1/vm-contexts/${CTX}/recent-jobs`]);
    });

    for (const base of ['http://oma:8082', 'http://oma:8082/', 'http://oma:8082///']) {
      it(`joins apiBase '${base}' without a double slash`, async () => {
        const client = newClient(stub, { apiBase: base });
        expect(client.apiBase).to.equal('http://oma:8082');
        await client.fetchRecentJobs(CTX);
        expect(stub.urls).to.deep.equal([`http://oma:8082/api/v1/vm-contexts/${CTX}/recent-jobs`]);
      });
    }

    it('supports a path prefix (a proxy route)', async () => {
      stub.answer = () => json(vmBody());
      await newClient(stub, { apiBase: '/proxy/oma/' }).fetchVmContext(VM);
      expect(stub.urls).to.deep.equal(['/proxy/oma/api/v1/vm-contexts/pgtest1']);
    });

    it('percent-encodes ids in every route', async () => {
      const client = newClient(stub);
      stub.answer = () => json(recentBody([]));
      await client.fetchRecentJobs('ctx/a b?#');
      stub.answer = () => json(vmBody());
      await client.fetchVmContext('vm a/b?c#d%');
      stub.answer = () => json({ job_id: 'x' });
      await client.fetchFailoverStatus('job 1/2');
      expect(stub.urls).to.deep.equal([
        '/api/v1/vm-contexts/ctx%2Fa%20b%3F%23/recent-jobs',
        '/api/v1/vm-contexts/vm%20a%2Fb%3Fc%23d%25',
        '/api/v1/failover/job%201%2F2/status',
      ]);
      expect(client.recentJobsUrl({ contextId: 'a/b' })).to.equal('/api/v1/vm-contexts/a%2Fb/recent-jobs');
      expect(client.vmContextUrl('a b')).to.equal('/api/v1/vm-contexts/a%20b');
      expect(client.failoverStatusUrl('j?')).to.equal('/api/v1/failover/j%3F/status');
      // The former names, kept until every caller has moved: the same URLs.
      expect(client.recentJobsPath('a/b')).to.equal('/api/v1/vm-contexts/a%2Fb/recent-jobs');
      expect(client.vmContextPath('a b')).to.equal('/api/v1/vm-contexts/a%20b');
      expect(client.failoverStatusPath('j?')).to.equal('/api/v1/failover/j%3F/status');
    });

    it('sends a GET asking for JSON with an AbortSignal', async () => {
      await newClient(stub).fetchRecentJobs(CTX);
      const call = stub.calls[0]!;
      expect(call.init.method).to.equal('GET');
      expect(call.headers.get('accept')).to.equal('application/json');
      expect(call.signal).to.be.instanceOf(AbortSignal);
      expect(call.signal!.aborted).to.equal(false);
    });
  });

  describe('auth, headers and credentials', () => {
    it('sends no Authorization header without a token', async () => {
      await newClient(stub).fetchRecentJobs(CTX);
      expect(stub.calls[0]!.headers.has('authorization')).to.equal(false);
    });

    it('sends a Bearer token given as a string', async () => {
      await newClient(stub, { token: 'abc.def' }).fetchRecentJobs(CTX);
      expect(stub.calls[0]!.headers.get('authorization')).to.equal('Bearer abc.def');
    });

    it('asks a token function for every request (so it may refresh), awaiting an async one', async () => {
      let n = 0;
      const token = sinon.spy(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        n += 1;
        return `t${n}`;
      });
      const client = newClient(stub, { token });
      await client.fetchRecentJobs(CTX);
      await client.fetchRecentJobs(CTX, { fresh: true });
      expect(token.callCount).to.equal(2);
      expect(stub.calls.map((call) => call.headers.get('authorization'))).to.deep.equal(['Bearer t1', 'Bearer t2']);
    });

    it('sends no Authorization header when the token function returns null or empty', async () => {
      await newClient(stub, { token: () => null }).fetchRecentJobs(CTX);
      await newClient(stub, { token: async () => '' }).fetchRecentJobs(CTX);
      await newClient(stub, { token: null }).fetchRecentJobs(CTX);
      expect(stub.calls.map((call) => call.headers.has('authorization'))).to.deep.equal([false, false, false]);
    });

    it('adds extra headers from an object, keeping the JSON Accept', async () => {
      await newClient(stub, { headers: { 'X-Tenant': 'acme' }, token: 'tok' }).fetchRecentJobs(CTX);
      const headers = stub.calls[0]!.headers;
      expect(headers.get('x-tenant')).to.equal('acme');
      expect(headers.get('accept')).to.equal('application/json');
      expect(headers.get('authorization')).to.equal('Bearer tok');
    });

    it('adds extra headers from a Headers object and from tuples', async () => {
      await newClient(stub, { headers: new Headers({ 'X-A': '1' }) }).fetchRecentJobs(CTX);
      await newClient(stub, { headers: [['X-B', '2']] }).fetchRecentJobs(CTX);
      expect(stub.calls[0]!.headers.get('x-a')).to.equal('1');
      expect(stub.calls[1]!.headers.get('x-b')).to.equal('2');
    });

    it('keeps an Accept header the host chose', async () => {
      await newClient(stub, { headers: { Accept: 'application/vnd.oma+json' } }).fetchRecentJobs(CTX);
      expect(stub.calls[0]!.headers.get('accept')).to.equal('application/vnd.oma+json');
    });

    it('calls a headers function (sync or async) for every request', async () => {
      let n = 0;
      const headers = sinon.spy(async () => ({ 'X-Request': String(++n) }));
      const client = newClient(stub, { headers });
      await client.fetchRecentJobs(CTX);
      await client.fetchRecentJobs(CTX, { fresh: true });
      expect(headers.callCount).to.equal(2);
      expect(stub.calls.map((call) => call.headers.get('x-request'))).to.deep.equal(['1', '2']);
      await newClient(stub, { headers: () => ({ 'X-Sync': 'yes' }) }).fetchRecentJobs(CTX);
      expect(stub.calls[2]!.headers.get('x-sync')).to.equal('yes');
    });

    it('passes the credentials mode', async () => {
      await newClient(stub, { credentials: 'include' }).fetchRecentJobs(CTX);
      await newClient(stub, { credentials: 'same-origin' }).fetchRecentJobs(CTX);
      expect(stub.calls.map((call) => call.init.credentials)).to.deep.equal(['include', 'same-origin']);
    });
  });

  describe('shared in-flight requests and the cache', () => {
    it('shares identical in-flight requests: two concurrent fetchRecentJobs → one fetch call, one data object', async () => {
      const gate = deferred<Reply>();
      stub.answer = () => gate.promise;
      const client = newClient(stub);
      const a = client.fetchRecentJobs(CTX);
      const b = client.fetchRecentJobs(CTX);
      await flushMicrotasks();
      gate.resolve(json(recentBody([rawJob('j1')])));
      const [ra, rb] = await Promise.all([a, b]);
      expect(stub.calls).to.have.length(1);
      expect(ra).to.equal(rb);
      expect(ra.operations.map((op) => op.jobId)).to.deep.equal(['j1']);
    });

    it('shares a request between callers with and without fresh', async () => {
      const gate = deferred<Reply>();
      stub.answer = () => gate.promise;
      const client = newClient(stub);
      const a = client.fetchRecentJobs(CTX);
      const b = client.fetchRecentJobs(CTX, { fresh: true });
      gate.resolve(json(recentBody([])));
      await Promise.all([a, b]);
      expect(stub.calls).to.have.length(1);
    });

    it('does not share different resources', async () => {
      const client = newClient(stub);
      stub.answer = (call) => (call.url.endsWith('/recent-jobs') ? json(recentBody([])) : json(vmBody()));
      await Promise.all([client.fetchRecentJobs(CTX), client.fetchRecentJobs('ctx-other'), client.fetchVmContext(VM)]);
      expect(stub.calls).to.have.length(3);
    });

    it('shares failures too, and does not cache them', async () => {
      const client = newClient(stub);
      stub.answer = () => errorJson(500, 'boom');
      const [a, b] = await Promise.all([failureOf(client.fetchRecentJobs(CTX)), failureOf(client.fetchRecentJobs(CTX))]);
      expect(a.kind).to.equal('server');
      expect(b.kind).to.equal('server');
      expect(stub.calls).to.have.length(1);
      stub.answer = () => json(recentBody([]));
      await client.fetchRecentJobs(CTX);
      expect(stub.calls).to.have.length(2);
    });

    it('keeps separate caches per client', async () => {
      await newClient(stub).fetchRecentJobs(CTX);
      await newClient(stub).fetchRecentJobs(CTX);
      expect(stub.calls).to.have.length(2);
    });

    it('getDefaultClient returns one client per apiBase', () => {
      expect(getDefaultClient()).to.equal(getDefaultClient(''));
      expect(getDefaultClient('http://oma-default-test:8082/')).to.equal(getDefaultClient('http://oma-default-test:8082'));
      expect(getDefaultClient('http://oma-default-test:8082').apiBase).to.equal('http://oma-default-test:8082');
      expect(getDefaultClient('http://oma-default-test:8082')).not.to.equal(getDefaultClient());
    });
  });

  describe('failures', () => {
    it("maps a rejected fetch (TypeError) to 'network' with the platform message as technical detail", async () => {
      const cause = new TypeError('Failed to fetch');
      stub.answer = () => cause;
      const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'network');
      expect(error.technicalDetail).to.equal('Failed to fetch');
      expect(error.path).to.equal(RECENT_PATH);
      expect(error.cause).to.equal(cause);
      expect(error.retryable).to.equal(true);
      expect(error.name).to.equal('OmaError');
    });

    it("maps 401 to 'unauthorized' with the JSON `error` field as technical detail", async () => {
      stub.answer = () => errorJson(401, 'Invalid or expired authorization token');
      const error = await expectKind(newClient(stub, { token: 'old' }).fetchRecentJobs(CTX), 'unauthorized');
      expect(error.status).to.equal(401);
      expect(error.technicalDetail).to.equal('Invalid or expired authorization token');
      expect(error.path).to.equal(RECENT_PATH);
      expect(error.retryable).to.equal(true);
      expect(error.message).not.to.contain('Invalid or expired');
    });

    it("maps 403 to 'forbidden' (not retryable)", async () => {
      stub.answer = () => errorJson(403, 'nope');
      const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'forbidden');
      expect(error.retryable).to.equal(false);
    });

    it("maps 404 to 'not-found' (not retryable)", async () => {
      stub.answer = () => errorJson(404, 'VM context not found for: ghost');
      const error = await expectKind(newClient(stub).fetchVmContext('ghost'), 'not-found');
      expect(error.status).to.equal(404);
      expect(error.technicalDetail).to.equal('VM context not found for: ghost');
      expect(error.path).to.equal('/api/v1/vm-contexts/ghost');
      expect(error.retryable).to.equal(false);
    });

    it("maps 500 with a JSON body to 'server'", async () => {
      stub.answer = () => errorJson(500, 'Failed to get VM context: pq: connection refused');
      const error = await expectKind(newClient(stub).fetchVmContext(VM), 'server');
      expect(error.status).to.equal(500);
      expect(error.technicalDetail).to.equal('Failed to get VM context: pq: connection refused');
    });

    for (const status of [500, 502, 503, 504]) {
      it(`maps ${status} with an HTML page from a proxy to 'server', keeping the page start for logs`, async () => {
        const page = `<html><head><title>${status} Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`;
        stub.answer = () => html(status, page);
        const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'server');
        expect(error.status).to.equal(status);
        expect(error.technicalDetail).to.equal(page.slice(0, 200));
        expect(error.retryable).to.equal(true);
      });
    }

    it("maps other 4xx to 'http'", async () => {
      stub.answer = () => errorJson(400, 'bad request');
      const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'http');
      expect(error.status).to.equal(400);
      expect(error.technicalDetail).to.equal('bad request');
    });

    it('describes an error response without a body by its status', async () => {
      stub.answer = () => ({ status: 500, body: '' });
      const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'server');
      expect(error.technicalDetail).to.equal('HTTP 500');
    });

    it("maps a 200 whose body is not JSON ('OK<html>') to 'not-json'", async () => {
      stub.answer = () => ({ status: 200, body: 'OK<html>', headers: { 'content-type': 'application/json' } });
      const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'not-json');
      expect(error.status).to.equal(200);
      expect(error.technicalDetail).to.equal('OK<html>');
      expect(error.path).to.equal(RECENT_PATH);
      stub.answer = () => ({ status: 200, body: '' });
      await expectKind(newClient(stub).fetchRecentJobs(CTX), 'not-json');
    });

    it("maps a 200 of the wrong shape to 'bad-shape'", async () => {
      stub.answer = () => json({ jobs: 'nope' });
      await expectKind(newClient(stub).fetchRecentJobs(CTX), 'bad-shape');
      stub.answer = () => json({ context: 5 });
      await expectKind(newClient(stub).fetchVmContext(VM), 'bad-shape');
      stub.answer = () => json(5);
      await expectKind(newClient(stub).fetchFailoverStatus('job-1'), 'bad-shape');
      stub.answer = () => json('null');
      await expectKind(newClient(stub).fetchRecentJobs(CTX), 'bad-shape');
    });

    it('a bad-shape error names the request path, like every other failure', async () => {
      stub.answer = () => json({ jobs: 'nope' });
      const error = await expectKind(newClient(stub).fetchRecentJobs(CTX), 'bad-shape');
      expect(error.path).to.equal(RECENT_PATH);
      expect(error.technicalDetail).to.be.a('string').and.not.equal('');
    });

    it('recovers after a bad body: the next good body is parsed', async () => {
      const client = newClient(stub);
      stub.answer = () => json({ jobs: 'nope' });
      await expectKind(client.fetchRecentJobs(CTX), 'bad-shape');
      stub.answer = () => json(recentBody([rawJob('j1')]));
      expect((await client.fetchRecentJobs(CTX)).operations).to.have.length(1);
    });
  });

  describe('caller AbortSignal', () => {
    it("rejects with 'aborted' and aborts the underlying fetch when nobody else waits", async () => {
      stub.answer = never;
      const controller = new AbortController();
      const promise = newClient(stub).fetchRecentJobs(CTX, { signal: controller.signal });
      await flushMicrotasks();
      expect(stub.calls).to.have.length(1);
      controller.abort();
      const error = await expectKind(promise, 'aborted');
      expect(error.retryable).to.equal(false);
      expect(stub.calls[0]!.signal!.aborted).to.equal(true);
    });

    it('aborts before the fetch starts when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expectKind(newClient(stub).fetchRecentJobs(CTX, { signal: controller.signal }), 'aborted');
      expect(stub.calls).to.have.length(0);
    });

    it('keeps the shared fetch alive for another waiter without a signal', async () => {
      const gate = deferred<Reply>();
      stub.answer = () => gate.promise;
      const client = newClient(stub);
      const controller = new AbortController();
      const a = client.fetchRecentJobs(CTX, { signal: controller.signal });
      const b = client.fetchRecentJobs(CTX);
      await flushMicrotasks();
      controller.abort();
      await expectKind(a, 'aborted');
      expect(stub.calls[0]!.signal!.aborted).to.equal(false);
      gate.resolve(json(recentBody([rawJob('j1')])));
      expect((await b).operations).to.have.length(1);
      expect(stub.calls).to.have.length(1);
    });

    it('aborts the shared fetch only when the last waiter with a signal gives up', async () => {
      stub.answer = never;
      const client = newClient(stub);
      const first = new AbortController();
      const second = new AbortController();
      const a = client.fetchRecentJobs(CTX, { signal: first.signal });
      const b = client.fetchRecentJobs(CTX, { signal: second.signal });
      await flushMicrotasks();
      first.abort();
      await expectKind(a, 'aborted');
      expect(stub.calls[0]!.signal!.aborted).to.equal(false);
      second.abort();
      await expectKind(b, 'aborted');
      expect(stub.calls[0]!.signal!.aborted).to.equal(true);
    });

    it('ignores an abort after the answer', async () => {
      const controller = new AbortController();
      const data = await newClient(stub).fetchRecentJobs(CTX, { signal: controller.signal });
      controller.abort();
      expect(data.operations).to.deep.equal([]);
    });

    it('a new caller right after an abort gets a new request, not the aborted one', async () => {
      stub.answer = never;
      const client = newClient(stub);
      const controller = new AbortController();
      const a = client.fetchRecentJobs(CTX, { signal: controller.signal });
      await flushMicrotasks();
      controller.abort();
      // Synchronously after the abort (as a re-rendered widget would):
      stub.answer = () => json(recentBody([rawJob('j1')]));
      const b = client.fetchRecentJobs(CTX);
      await expectKind(a, 'aborted');
      const data = await b;
      expect(data.operations).to.have.length(1);
      expect(stub.calls).to.have.length(2);
    });
  });

  describe('identical responses', () => {
    it('returns the same data object for an identical body, a new one for a changed body', async () => {
      const client = newClient(stub);
      stub.answer = () => json(recentBody([rawJob('j1')]));
      const first = await client.fetchRecentJobs(CTX);
      const second = await client.fetchRecentJobs(CTX, { fresh: true });
      expect(stub.calls).to.have.length(2);
      expect(second).to.equal(first);
      stub.answer = () => json(recentBody([rawJob('j1', { status: 'failed' })]));
      const third = await client.fetchRecentJobs(CTX, { fresh: true });
      expect(third).not.to.equal(first);
      expect(third.operations[0]!.status).to.equal('failed');
    });
  });

  describe('data issue reports', () => {
    let warn: sinon.SinonStub;
    let events: CustomEvent<DataIssue>[];
    const onIssue = (event: CustomEvent<DataIssue>) => events.push(event);

    beforeEach(() => {
      warn = sinon.stub(console, 'warn');
      events = [];
      window.addEventListener(DATA_ISSUE_EVENT, onIssue);
    });

    afterEach(() => {
      window.removeEventListener(DATA_ISSUE_EVENT, onIssue);
    });

    it('reports a leak once: one mk-data-issue event and one console warning', async () => {
      const client = newClient(stub);
      stub.answer = () => json(recentBody([rawJob('repl-9', { status: 'failed', error_message: LEAKY, display_name: 'Incremental Replication' })]));
      const data = await client.fetchRecentJobs(CTX);
      expect(data.operations[0]!.errorMessage?.text).not.to.contain('virt-v2v');
      expect(events).to.have.length(1);
      expect(events[0]!.detail).to.include({ kind: 'technical-leak', field: 'error_message', jobId: 'repl-9', resource: `recent-jobs:${CTX}` });
      expect(warn.callCount).to.equal(1);
      expect(String(warn.firstCall.args[0])).to.contain('[mk-widgets]');

      // The same response again (fresh request, identical body): nothing new.
      await client.fetchRecentJobs(CTX, { fresh: true });
      expect(stub.calls).to.have.length(2);
      // Another client, same problem: still reported only once per page.
      await newClient(stub).fetchRecentJobs(CTX);
      expect(events).to.have.length(1);
      expect(warn.callCount).to.equal(1);
    });

    it('reports again after resetReportedDataIssues, and reports invalid items', async () => {
      stub.answer = () => json(recentBody([rawJob('repl-9', { status: 'failed', error_message: LEAKY }), 42]));
      await newClient(stub).fetchRecentJobs(CTX);
      expect(events.map((event) => event.detail.kind).sort()).to.deep.equal(['invalid-item', 'technical-leak']);
      expect(warn.callCount).to.equal(2);
      resetReportedDataIssues();
      await newClient(stub).fetchRecentJobs(CTX);
      expect(events).to.have.length(4);
      expect(warn.callCount).to.equal(4);
    });

    it('reports nothing for clean data', async () => {
      stub.answer = () => json(recentBody([rawJob('j1'), rawJob('j2', { job_type: 'test_failover', display_name: 'Test Failover' })]));
      await newClient(stub).fetchRecentJobs(CTX);
      expect(events).to.have.length(0);
      expect(warn.callCount).to.equal(0);
    });
  });

  describe('with the mock OMA (createMockFetch)', () => {
    it('loads pgtest1 through the Bearer-protected routes', async () => {
      const seen: string[] = [];
      const fetchImpl = createMockFetch({ token: 'secret', onRequest: (req) => seen.push(`${req.path} ${req.headers['authorization'] ?? ''}`) });
      const client = new OmaClient({ apiBase: 'http://oma:8082/', token: async () => 'secret', fetch: fetchImpl });
      const [jobs, context] = await Promise.all([client.fetchRecentJobs(contextIdFor(VM)), client.fetchVmContext(VM)]);
      expect(jobs.contextId).to.equal(contextIdFor(VM));
      expect(jobs.operations.map((op) => op.jobId)).to.include(PGTEST1_FAILED_JOB_ID);
      const failed = jobs.operations.find((op) => op.jobId === PGTEST1_FAILED_JOB_ID)!;
      expect(failed).to.include({ type: 'test_failover', status: 'failed' });
      expect(context.contextId).to.equal(contextIdFor(VM));
      expect(context.lastOperation?.jobId).to.equal(PGTEST1_FAILED_JOB_ID);
      expect(seen).to.have.members([
        `/api/v1/vm-contexts/${contextIdFor(VM)}/recent-jobs Bearer secret`,
        `/api/v1/vm-contexts/${VM} Bearer secret`,
      ]);
    });

    it('maps the error scenarios to their kinds', async () => {
      sinon.stub(console, 'warn');
      const client = new OmaClient({ fetch: createMockFetch() });
      const wrongToken = new OmaClient({ fetch: createMockFetch({ token: 'secret' }), token: 'wrong' });
      await expectKind(wrongToken.fetchVmContext(VM), 'unauthorized');
      await expectKind(client.fetchVmContext('err401'), 'unauthorized');
      await expectKind(client.fetchVmContext('no-such-vm'), 'not-found');
      await expectKind(client.fetchVmContext('err500'), 'server');
      const gateway = await expectKind(client.fetchRecentJobs(contextIdFor('err502')), 'server');
      expect(gateway.status).to.equal(502);
      expect(gateway.technicalDetail).to.contain('502 Bad Gateway');
      await expectKind(client.fetchRecentJobs(contextIdFor('notjson')), 'not-json');
      await expectKind(client.fetchRecentJobs(contextIdFor('badshape')), 'bad-shape');
      await expectKind(client.fetchVmContext('badshape'), 'bad-shape');
    });
  });
});

// ---- timeout and polling (fake timers) -----------------------------------------------------

describe('OmaClient with fake timers', () => {
  let clock: sinon.SinonFakeTimers;
  let stub: StubFetch;
  let cleanups: (() => void)[];
  let hidden: boolean;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    stub = new StubFetch();
    cleanups = [];
    // Test pages may run in a background tab (document.hidden true): pin the page visible.
    hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    resetReportedDataIssues();
  });

  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    clock.restore();
    Reflect.deleteProperty(document, 'hidden');
    sinon.restore();
  });

  /** Lets the request chains run at the current fake time. */
  const settle = async () => {
    await clock.tickAsync(0);
    await flushMicrotasks();
  };

  function setHidden(value: boolean): void {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  }

  function watchJobs(
    client: OmaClient,
    interval: number | ((data: RecentJobs | undefined) => number),
    contextId = CTX,
  ): { states: ResourceState<RecentJobs>[]; stop: () => void } {
    const states: ResourceState<RecentJobs>[] = [];
    const stop = client.watchRecentJobs(contextId, (state) => states.push(state), {
      interval: typeof interval === 'number' ? () => interval : interval,
    });
    cleanups.push(stop);
    return { states, stop };
  }

  const since = (times: number[]) => times.map((time) => time - T0);
  const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);

  describe('timeout', () => {
    it("gives up after 15 s by default with 'timeout' and aborts the fetch", async () => {
      stub.answer = never;
      const client = newClient(stub);
      let settled: OmaError | undefined;
      const promise = client.fetchRecentJobs(CTX).catch((error: OmaError) => (settled = error));
      await settle();
      expect(stub.calls).to.have.length(1);
      await clock.tickAsync(14_999);
      expect(settled).to.equal(undefined);
      expect(stub.calls[0]!.signal!.aborted).to.equal(false);
      await clock.tickAsync(1);
      await promise;
      expect(settled).to.be.instanceOf(OmaError);
      expect(settled!.kind).to.equal('timeout');
      expect(settled!.path).to.equal(RECENT_PATH);
      expect(settled!.retryable).to.equal(true);
      expect(stub.calls[0]!.signal!.aborted).to.equal(true);
    });

    it('honours timeoutMs, also for a caller with a signal', async () => {
      stub.answer = never;
      const client = newClient(stub, { timeoutMs: 500 });
      const controller = new AbortController();
      const promise = failureOf(client.fetchRecentJobs(CTX, { signal: controller.signal }));
      await clock.tickAsync(500);
      expect((await promise).kind).to.equal('timeout');
    });

    it('clears its timer when the answer comes in time', async () => {
      const client = newClient(stub);
      await Promise.all([client.fetchRecentJobs(CTX), settle()]);
      expect(clock.countTimers()).to.equal(0);
    });
  });

  describe('cache', () => {
    it('reuses a response within cacheTtlMs (default 2 s) and asks again after', async () => {
      const client = newClient(stub);
      const first = client.fetchRecentJobs(CTX);
      await settle();
      const data = await first;
      await clock.tickAsync(1_999);
      expect(await client.fetchRecentJobs(CTX)).to.equal(data);
      expect(stub.calls).to.have.length(1);
      await clock.tickAsync(1);
      const again = client.fetchRecentJobs(CTX);
      await settle();
      await again;
      expect(stub.calls).to.have.length(2);
    });

    it('honours a custom cacheTtlMs', async () => {
      const client = newClient(stub, { cacheTtlMs: 10_000 });
      await Promise.all([client.fetchRecentJobs(CTX), settle()]);
      await clock.tickAsync(9_000);
      await client.fetchRecentJobs(CTX);
      expect(stub.calls).to.have.length(1);
    });

    it('`fresh: true` bypasses the cache', async () => {
      const client = newClient(stub);
      await Promise.all([client.fetchRecentJobs(CTX), settle()]);
      await Promise.all([client.fetchRecentJobs(CTX, { fresh: true }), settle()]);
      expect(stub.calls).to.have.length(2);
    });
  });

  describe('watching', () => {
    it("emits 'loading' at once, then 'ready' with the data", async () => {
      stub.answer = () => json(recentBody([rawJob('j1')]));
      const client = newClient(stub);
      const { states } = watchJobs(client, 5_000);
      expect(states.map((state) => state.status)).to.deep.equal(['loading']);
      expect(states[0]!.data).to.equal(undefined);
      await settle();
      expect(states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(states[1]!.data!.operations.map((op) => op.jobId)).to.deep.equal(['j1']);
      expect(states[1]!.updatedAt).to.equal(T0);
      expect(states[1]!.error).to.equal(undefined);
      expect(client.activeWatchCount).to.equal(1);
    });

    it('starts from cached data without asking again within the cache time', async () => {
      const client = newClient(stub);
      const data = await Promise.all([client.fetchRecentJobs(CTX), settle()]).then(([value]) => value);
      const { states } = watchJobs(client, 5_000);
      expect(states).to.have.length(1);
      expect(states[0]!.status).to.equal('ready');
      expect(states[0]!.data).to.equal(data);
      await settle();
      expect(stub.calls).to.have.length(1);
      expect(states).to.have.length(1);
    });

    it('asks again interval(data) ms after each answer', async () => {
      const client = newClient(stub);
      watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(4_999);
      expect(stub.calls).to.have.length(1);
      await clock.tickAsync(1);
      expect(stub.calls).to.have.length(2);
      await clock.tickAsync(10_000);
      expect(since(stub.times)).to.deep.equal([0, 5_000, 10_000, 15_000]);
    });

    it('passes the latest data to interval() and stops polling when it returns 0', async () => {
      const bodies = [
        recentBody([rawJob('j1', { status: 'running', progress: 10 })]),
        recentBody([rawJob('j1', { status: 'running', progress: 50 })]),
        recentBody([rawJob('j1', { status: 'completed', progress: 100 })]),
      ];
      stub.answer = () => json(bodies[Math.min(stub.calls.length - 1, bodies.length - 1)]!);
      const seen: (number | undefined)[] = [];
      const client = newClient(stub);
      watchJobs(client, (data) => {
        seen.push(data?.operations[0]?.progress);
        return data?.operations.some((op) => op.status === 'running') ? 1_000 : 0;
      });
      await settle();
      await clock.tickAsync(60_000);
      expect(since(stub.times)).to.deep.equal([0, 1_000, 2_000]);
      expect(seen).to.include.members([10, 50, 100]);
      expect(clock.countTimers()).to.equal(0);
    });

    it('does not poll with interval 0', async () => {
      const client = newClient(stub);
      const { states } = watchJobs(client, 0);
      await settle();
      await clock.tickAsync(10 * 60_000);
      expect(stub.calls).to.have.length(1);
      expect(states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(clock.countTimers()).to.equal(0);
    });

    it('shares one request per cycle between watchers of one resource; the shortest interval wins', async () => {
      const client = newClient(stub);
      const a = watchJobs(client, 10_000);
      const b = watchJobs(client, 3_000);
      const c = watchJobs(client, 7_000);
      await settle();
      await clock.tickAsync(9_000);
      expect(since(stub.times)).to.deep.equal([0, 3_000, 6_000, 9_000]);
      expect(client.activeWatchCount).to.equal(1);
      expect(a.states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(b.states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(c.states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(a.states[1]).to.equal(b.states[1]);
      expect(c.states[1]).to.equal(b.states[1]);
    });

    it('gives a watcher that joins later the current state at once, without another request', async () => {
      const client = newClient(stub);
      const a = watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(1_000);
      const b = watchJobs(client, 5_000);
      expect(b.states).to.have.length(1);
      expect(b.states[0]!.status).to.equal('ready');
      expect(b.states[0]!.data).to.equal(a.states[1]!.data);
      await settle();
      expect(stub.calls).to.have.length(1);
    });

    it('does not postpone the next poll when a watcher joins mid-cycle', async () => {
      const client = newClient(stub);
      watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(4_000);
      watchJobs(client, 5_000);
      await clock.tickAsync(1_000);
      // Due at 5 s since the last answer; joining at 4 s must not push it to 9 s.
      expect(since(stub.times)).to.deep.equal([0, 5_000]);
    });

    it('a watcher whose listener throws does not turn a good answer into an error for the others', async () => {
      sinon.stub(console, 'error'); // where a fixed client may log the listener's exception
      stub.answer = () => json(recentBody([rawJob('j1')]));
      const client = newClient(stub);
      const throwing: string[] = [];
      cleanups.push(
        client.watchRecentJobs(
          CTX,
          (state) => {
            throwing.push(state.status);
            if (state.status === 'ready') throw new Error('bug in the host page');
          },
          { interval: () => 5_000 },
        ),
      );
      const other = watchJobs(client, 5_000);
      await settle();
      expect(other.states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(throwing).to.deep.equal(['loading', 'ready']);
      await clock.tickAsync(5_000);
      expect(since(stub.times), 'no error backoff').to.deep.equal([0, 5_000]);
    });

    it('watches the VM context too, sharing its data between watchers', async () => {
      stub.answer = () => json(vmBody());
      const client = newClient(stub);
      const states: ResourceState<VmContext>[] = [];
      cleanups.push(client.watchVmContext(VM, (state) => states.push(state), { interval: () => 5_000 }));
      await settle();
      expect(stub.urls).to.deep.equal(['/api/v1/vm-contexts/pgtest1']);
      expect(states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(states[1]!.data!.lastOperation).to.include({ jobId: 'op-1', type: 'test_failover', status: 'failed' });
      expect(states[1]!.data!.replicationBytes.get('repl-1')).to.deep.equal({ bytesTransferred: 1000, totalBytes: 2000 });
      await clock.tickAsync(5_000);
      expect(stub.calls).to.have.length(2);
    });
  });

  describe('errors and backoff', () => {
    it('keeps the last good data through errors and backs off exponentially up to maxBackoffMs', async () => {
      let failing = false;
      stub.answer = () => (failing ? html(502, '<html>Bad Gateway</html>') : json(recentBody([rawJob('j1')])));
      const client = newClient(stub, { maxBackoffMs: 60_000 });
      const { states } = watchJobs(client, 5_000);
      await settle();
      const good = states[1]!.data!;
      expect(good).to.not.equal(undefined);
      failing = true;
      await clock.tickAsync(400_000);
      // success at 0; failures at 5 s, then gaps 5, 10, 20, 40, 60 (cap), 60 …
      expect(gaps(stub.times).slice(0, 7)).to.deep.equal([5_000, 5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
      const errors = states.filter((state) => state.status === 'error');
      expect(errors.length).to.be.greaterThan(3);
      for (const state of errors) {
        expect(state.data).to.equal(good);
        expect(state.error).to.be.instanceOf(OmaError);
        expect(state.error!.kind).to.equal('server');
        expect(state.updatedAt).to.equal(T0);
      }
      // Recovery resets the backoff: back to the normal interval.
      failing = false;
      const before = stub.calls.length;
      const nextAttempt = stub.times.at(-1)! + 60_000;
      await clock.tickAsync(nextAttempt - Date.now());
      expect(stub.calls.length).to.equal(before + 1);
      expect(states.at(-1)!.status).to.equal('ready');
      await clock.tickAsync(5_000);
      expect(stub.calls.length).to.equal(before + 2);
    });

    it('uses the default 5 min cap', async () => {
      stub.answer = () => errorJson(500, 'boom');
      const client = newClient(stub);
      watchJobs(client, 60_000);
      await settle();
      await clock.tickAsync(30 * 60_000);
      // failures: 1 → 60 s, 2 → 120 s, 3 → 240 s, 4+ → 300 s
      expect(gaps(stub.times).slice(0, 5)).to.deep.equal([60_000, 120_000, 240_000, 300_000, 300_000]);
    });

    it("reports a first failure with status 'error' and no data", async () => {
      stub.answer = () => new TypeError('Failed to fetch');
      const client = newClient(stub);
      const { states } = watchJobs(client, 5_000);
      await settle();
      expect(states.map((state) => state.status)).to.deep.equal(['loading', 'error']);
      expect(states[1]!.data).to.equal(undefined);
      expect(states[1]!.error!.kind).to.equal('network');
    });

    it('retries after an error even when not polling (interval 0), backing off from 30 s', async () => {
      stub.answer = () => errorJson(500, 'boom');
      const client = newClient(stub);
      watchJobs(client, 0);
      await settle();
      await clock.tickAsync(100_000);
      expect(since(stub.times)).to.deep.equal([0, 30_000, 90_000]);
    });

    it('times out a hanging poll and backs off', async () => {
      stub.answer = never;
      const client = newClient(stub, { timeoutMs: 1_000 });
      const { states } = watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(1_000);
      expect(states.at(-1)!.status).to.equal('error');
      expect(states.at(-1)!.error!.kind).to.equal('timeout');
      expect(stub.calls[0]!.signal!.aborted).to.equal(true);
      await clock.tickAsync(5_000);
      expect(since(stub.times)).to.deep.equal([0, 6_000]);
    });

    it('refresh() resets the backoff and asks at once', async () => {
      stub.answer = () => errorJson(500, 'boom');
      const client = newClient(stub);
      const { states } = watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(35_000); // calls at 0, 5, 15, 35 s: next would be at 75 s
      expect(since(stub.times)).to.deep.equal([0, 5_000, 15_000, 35_000]);
      await clock.tickAsync(1_000);
      client.refresh(client.recentJobsPath(CTX));
      await settle();
      expect(since(stub.times)).to.deep.equal([0, 5_000, 15_000, 35_000, 36_000]);
      await clock.tickAsync(5_000);
      expect(since(stub.times).at(-1)).to.equal(41_000);
      stub.answer = () => json(recentBody([rawJob('j1')]));
      client.refresh(client.recentJobsPath(CTX));
      await settle();
      expect(states.at(-1)!.status).to.equal('ready');
    });

    it('refresh() of a path nobody watches does nothing', () => {
      const client = newClient(stub);
      client.refresh('/vm-contexts/nobody/recent-jobs');
      expect(stub.calls).to.have.length(0);
    });
  });

  describe('stopping', () => {
    it('stops all timers when the last watcher leaves', async () => {
      const client = newClient(stub);
      const a = watchJobs(client, 5_000);
      const b = watchJobs(client, 2_000);
      await settle();
      await clock.tickAsync(4_000);
      const count = stub.calls.length;
      b.stop();
      await clock.tickAsync(20_000);
      expect(stub.calls.length, 'the remaining watcher keeps polling').to.be.greaterThan(count);
      expect(client.activeWatchCount).to.equal(1);
      a.stop();
      const after = stub.calls.length;
      await clock.tickAsync(60 * 60_000);
      expect(stub.calls.length).to.equal(after);
      expect(client.activeWatchCount).to.equal(0);
      expect(clock.countTimers()).to.equal(0);
    });

    it('stops a backing-off poller too', async () => {
      stub.answer = () => errorJson(500, 'boom');
      const client = newClient(stub);
      const { stop } = watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(6_000);
      stop();
      const after = stub.calls.length;
      await clock.tickAsync(60 * 60_000);
      expect(stub.calls.length).to.equal(after);
      expect(clock.countTimers()).to.equal(0);
    });

    it('aborts the request in flight and emits nothing more when the last watcher leaves', async () => {
      stub.answer = never;
      const client = newClient(stub);
      const { states, stop } = watchJobs(client, 5_000);
      await settle();
      stop();
      expect(stub.calls[0]!.signal!.aborted).to.equal(true);
      await settle();
      await clock.tickAsync(60_000);
      expect(states.map((state) => state.status)).to.deep.equal(['loading']);
      expect(client.activeWatchCount).to.equal(0);
      expect(clock.countTimers()).to.equal(0);
    });

    it('is harmless to unsubscribe twice', async () => {
      const client = newClient(stub);
      const a = watchJobs(client, 5_000);
      await settle();
      a.stop();
      a.stop();
      const b = watchJobs(client, 5_000);
      a.stop();
      await settle();
      expect(client.activeWatchCount).to.equal(1);
      await clock.tickAsync(5_000);
      expect(b.states.at(-1)!.status).to.equal('ready');
      expect(stub.calls.length).to.be.greaterThan(1);
    });

    it('a watcher that re-subscribes right after leaving (a moved element) loads normally, without an error', async () => {
      const gate = deferred<Reply>();
      stub.answer = () => gate.promise;
      const client = newClient(stub);
      const first = watchJobs(client, 5_000);
      await settle();
      expect(stub.calls).to.have.length(1);
      first.stop(); // disconnectedCallback …
      const second = watchJobs(client, 5_000); // … connectedCallback in the same task
      stub.answer = () => json(recentBody([rawJob('j1')]));
      gate.resolve(json(recentBody([rawJob('j1')])));
      await settle();
      expect(second.states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(second.states.at(-1)!.data!.operations).to.have.length(1);
    });
  });

  describe('page visibility', () => {
    it('pauses polling while the page is hidden and asks at once when visible again if overdue', async () => {
      const client = newClient(stub);
      watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(2_000);
      setHidden(true);
      await clock.tickAsync(60_000);
      expect(stub.calls, 'no request while hidden').to.have.length(1);
      setHidden(false);
      await settle();
      expect(since(stub.times)).to.deep.equal([0, 62_000]);
      await clock.tickAsync(5_000);
      expect(since(stub.times)).to.deep.equal([0, 62_000, 67_000]);
    });

    it('waits out the rest of the interval when visible again before it is due', async () => {
      const client = newClient(stub);
      watchJobs(client, 10_000);
      await settle();
      await clock.tickAsync(2_000);
      setHidden(true);
      await clock.tickAsync(3_000);
      setHidden(false);
      await settle();
      expect(stub.calls).to.have.length(1);
      await clock.tickAsync(4_999);
      expect(stub.calls).to.have.length(1);
      await clock.tickAsync(1);
      expect(since(stub.times)).to.deep.equal([0, 10_000]);
    });

    it('does not schedule the next poll when an answer arrives while hidden', async () => {
      const gate = deferred<Reply>();
      stub.answer = () => gate.promise;
      const client = newClient(stub);
      watchJobs(client, 5_000);
      await settle();
      setHidden(true);
      gate.resolve(json(recentBody([])));
      await settle();
      stub.answer = () => json(recentBody([]));
      await clock.tickAsync(30_000);
      expect(stub.calls).to.have.length(1);
      setHidden(false);
      await settle();
      expect(since(stub.times)).to.deep.equal([0, 30_000]);
    });

    it('stops listening to visibility when nothing is watched', async () => {
      const client = newClient(stub);
      const { stop } = watchJobs(client, 5_000);
      await settle();
      stop();
      setHidden(true);
      setHidden(false);
      await settle();
      expect(stub.calls).to.have.length(1);
      expect(clock.countTimers()).to.equal(0);
    });
  });

  describe('identical responses', () => {
    it('emits no new state for an identical body (same data object), and a new one when it changes', async () => {
      let body = recentBody([rawJob('j1', { status: 'running', progress: 10 })]);
      stub.answer = () => json(body);
      const client = newClient(stub);
      const { states } = watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(15_000);
      expect(stub.calls).to.have.length(4);
      expect(states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      const first = states[1]!.data;
      body = recentBody([rawJob('j1', { status: 'running', progress: 20 })]);
      await clock.tickAsync(5_000);
      expect(states).to.have.length(3);
      expect(states[2]!.data).not.to.equal(first);
      expect(states[2]!.data!.operations[0]!.progress).to.equal(20);
    });

    it('emits ready with the same data object after an error when the body did not change', async () => {
      let failing = false;
      stub.answer = () => (failing ? errorJson(500, 'boom') : json(recentBody([rawJob('j1')])));
      const client = newClient(stub);
      const { states } = watchJobs(client, 5_000);
      await settle();
      failing = true;
      await clock.tickAsync(5_000);
      failing = false;
      await clock.tickAsync(5_000);
      expect(states.map((state) => state.status)).to.deep.equal(['loading', 'ready', 'error', 'ready']);
      expect(states[3]!.data).to.equal(states[1]!.data);
    });
  });

  describe('data issue reports while polling', () => {
    it('reports a leak once per response, not on every poll', async () => {
      const warn = sinon.stub(console, 'warn');
      const events: Event[] = [];
      const onIssue = (event: Event) => events.push(event);
      window.addEventListener(DATA_ISSUE_EVENT, onIssue);
      cleanups.push(() => window.removeEventListener(DATA_ISSUE_EVENT, onIssue));
      stub.answer = () => json(recentBody([rawJob('repl-9', { status: 'failed', error_message: LEAKY })]));
      const client = newClient(stub);
      watchJobs(client, 5_000);
      await settle();
      await clock.tickAsync(20_000);
      expect(stub.calls.length).to.be.greaterThan(3);
      expect(events).to.have.length(1);
      expect(warn.callCount).to.equal(1);
    });
  });
});

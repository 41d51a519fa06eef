/**
 * What a host configures: api-base (http(s) or a path only), endpoint templates for its own proxy
 * routes, and what a missing route looks like. Asserted on the requests that go out, the states
 * subscribers see and the console.
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { ResourceState } from '../../src/api/client.js';
import { resetReportedDataIssues } from '../../src/api/report.js';
import type { RecentJobs } from '../../src/model/operation.js';
import {
  CTX,
  StubFetch,
  VM,
  errorJson,
  expectKind,
  html,
  json,
  newClient,
  rawJob,
  recentBody,
  since,
  useFakeTime,
  vmBody,
} from './stub-fetch.js';

/** The MigrateKit dashboard's Next.js routes (docs/oma-contract.md, "Routes as hosts proxy them"). */
const DASHBOARD = {
  vmContext: '/api/vm-contexts/{vmName}',
  recentJobs: '/api/vm-contexts/{vmName}/recent-jobs',
  failoverStatus: '/api/failover/progress/{jobId}',
  vmContexts: '/api/vm-contexts',
};

const NEXT_404 = '<!DOCTYPE html><html><head><title>404: This page could not be found.</title></head><body>404</body></html>';

let stub: StubFetch;
let warn: sinon.SinonStub;

beforeEach(() => {
  stub = new StubFetch();
  warn = sinon.stub(console, 'warn');
  resetReportedDataIssues();
});

afterEach(() => {
  sinon.restore();
});

const warnings = () => warn.getCalls().map((call) => String(call.args[0]));

describe('api-base', () => {
  for (const base of ['data:application/json,{"jobs":null}', 'javascript:alert(1)', 'blob:http://localhost/abc']) {
    it(`${base.split(':')[0]}: every request fails with 'configuration' and fetch is never called`, async () => {
      const client = newClient(stub, { apiBase: base });
      await expectKind(client.fetchRecentJobs(CTX), 'configuration');
      await expectKind(client.fetchVmContext(VM), 'configuration');
      await expectKind(client.fetchFailoverStatus('j1'), 'configuration');
      await expectKind(client.fetchVmContexts(() => ({ data: 1, issues: [] })), 'configuration');
      expect(stub.calls).to.have.length(0);
    });
  }

  it('is said once in the console, naming the base, however many requests and clients', async () => {
    const base = 'data:application/json,{}';
    const client = newClient(stub, { apiBase: base });
    for (let i = 0; i < 3; i += 1) await expectKind(client.fetchRecentJobs(CTX), 'configuration');
    await expectKind(newClient(stub, { apiBase: base }).fetchVmContext(VM), 'configuration');
    expect(warnings()).to.have.length(1);
    expect(warnings()[0]).to.contain('[mk-widgets]').and.contain(`'${base}'`);
    newClient(stub, { apiBase: 'javascript:void(0)' });
    expect(warnings()).to.have.length(2);
  });

  it('an error state for watchers, without polling or retrying', async () => {
    const time = useFakeTime();
    try {
      const client = newClient(stub, { apiBase: 'javascript:alert(1)' });
      const states: ResourceState<RecentJobs>[] = [];
      const stop = client.watchRecentJobs(CTX, (state) => states.push(state), { interval: () => 1_000 });
      await time.clock.tickAsync(60_000);
      expect(states.map((state) => [state.status, state.error?.kind])).to.deep.equal([['error', 'configuration']]);
      expect(states[0]!.error!.retryable).to.equal(false);
      expect(stub.calls).to.have.length(0);
      expect(time.clock.countTimers()).to.equal(0);
      expect(client.activeWatchCount).to.equal(0);
      stop();
    } finally {
      time.restore();
    }
  });

  it('http(s) URLs and paths work as before, without a warning', async () => {
    await newClient(stub, { apiBase: 'https://oma.example:8082/' }).fetchRecentJobs(CTX);
    await newClient(stub, { apiBase: 'proxy' }).fetchRecentJobs(CTX);
    expect(stub.urls).to.deep.equal([`https://oma.example:8082/api/v1/vm-contexts/${CTX}/recent-jobs`, `proxy/api/v1/vm-contexts/${CTX}/recent-jobs`]);
    expect(warn.callCount).to.equal(0);
  });
});

describe('endpoint templates', () => {
  it("asks the dashboard's routes, each value URL-encoded, with the usual headers", async () => {
    const client = newClient(stub, { endpoints: DASHBOARD, token: 'tok' });
    stub.answer = (call) => (call.url.includes('/progress/') ? json({ job_id: 'j 1' }) : call.url.endsWith('/recent-jobs') ? json(recentBody([])) : json(vmBody()));
    await client.fetchVmContext('vm a/b');
    await client.fetchRecentJobs({ vmName: 'vm a/b' });
    await client.fetchFailoverStatus('j 1');
    expect(stub.urls).to.deep.equal(['/api/vm-contexts/vm%20a%2Fb', '/api/vm-contexts/vm%20a%2Fb/recent-jobs', '/api/failover/progress/j%201']);
    expect(stub.calls.map((call) => call.headers.get('authorization'))).to.deep.equal(['Bearer tok', 'Bearer tok', 'Bearer tok']);
    expect(warn.callCount).to.equal(0);
  });

  it('recentJobsUrl says whether a VM known by name only can ask for its jobs at once', () => {
    const byName = newClient(stub, { endpoints: DASHBOARD });
    expect(byName.recentJobsUrl({ vmName: VM })).to.equal('/api/vm-contexts/pgtest1/recent-jobs');
    expect(byName.recentJobsUrl({ contextId: CTX })).to.equal(undefined);
    const byContext = newClient(stub);
    expect(byContext.recentJobsUrl({ vmName: VM })).to.equal(undefined);
    expect(byContext.recentJobsUrl({ contextId: CTX, vmName: VM })).to.equal(`/api/v1/vm-contexts/${CTX}/recent-jobs`);
  });

  it('watchRecentJobs by VM name polls the route at once, and refresh(url) asks again', async () => {
    const time = useFakeTime();
    try {
      stub.answer = () => json(recentBody([rawJob('j1')]));
      const client = newClient(stub, { endpoints: DASHBOARD });
      const states: ResourceState<RecentJobs>[] = [];
      const stop = client.watchRecentJobs({ vmName: VM }, (state) => states.push(state), { interval: () => 5_000 });
      await time.settle();
      expect(states.map((state) => state.status)).to.deep.equal(['loading', 'ready']);
      expect(states[1]!.data!.operations.map((op) => op.jobId)).to.deep.equal(['j1']);
      await time.clock.tickAsync(1_000);
      await client.refresh(client.recentJobsUrl({ vmName: VM }));
      expect(since(stub.times)).to.deep.equal([0, 1_000]);
      expect(new Set(stub.urls)).to.deep.equal(new Set(['/api/vm-contexts/pgtest1/recent-jobs']));
      stop();
    } finally {
      time.restore();
    }
  });

  it('a target the template cannot address fails with configuration, and nothing is sent', async () => {
    const client = newClient(stub, { endpoints: DASHBOARD });
    const error = await expectKind(client.fetchRecentJobs(CTX), 'configuration');
    expect(error.technicalDetail).to.contain('{vmName}');
    expect(stub.calls).to.have.length(0);
  });

  it('a template with an unknown placeholder is a configuration error said once; other resources still work', async () => {
    const client = newClient(stub, { endpoints: { vmContext: '/api/vm/{name}' } });
    newClient(stub, { endpoints: { vmContext: '/api/vm/{name}' } });
    await expectKind(client.fetchVmContext(VM), 'configuration');
    await expectKind(client.fetchVmContext('other'), 'configuration');
    expect(warnings()).to.have.length(1);
    expect(warnings()[0]).to.contain('{name}').and.contain('[mk-widgets]');
    await client.fetchRecentJobs(CTX);
    expect(stub.urls).to.deep.equal([`/api/v1/vm-contexts/${CTX}/recent-jobs`]);
  });

  it('endpoints given as JSON text work; bad JSON is a configuration error said once, never a throw', async () => {
    await newClient(stub, { endpoints: JSON.stringify(DASHBOARD) }).fetchVmContexts(() => ({ data: 'list', issues: [] }));
    expect(stub.urls).to.deep.equal(['/api/vm-contexts']);
    const broken = newClient(stub, { endpoints: '{vmContext: /api}' });
    await expectKind(broken.fetchVmContext(VM), 'configuration');
    newClient(stub, { endpoints: '{vmContext: /api}' });
    expect(warnings()).to.have.length(1);
    expect(warnings()[0]).to.contain('not valid JSON');
    expect(stub.calls).to.have.length(1);
  });

  it('fetchVmContexts / watchVmContexts read the VM list with the reader given, sharing one request', async () => {
    const time = useFakeTime();
    try {
      const body = { vm_contexts: [{ vm_name: VM }], count: 1 };
      stub.answer = () => json(body);
      const read = sinon.spy((raw: unknown, id: string) => ({ data: { raw, id }, issues: [] }));
      const client = newClient(stub, { apiBase: 'http://oma:8082' });
      const states: ResourceState<{ raw: unknown; id: string }>[] = [];
      const stop = client.watchVmContexts(read, (state) => states.push(state), { interval: () => 10_000 });
      const fetched = client.fetchVmContexts(read);
      await time.settle();
      expect(stub.urls).to.deep.equal(['http://oma:8082/api/v1/vm-contexts']);
      expect((await fetched).raw).to.deep.equal(body);
      expect(states.at(-1)!.data).to.equal(await fetched);
      expect(read.callCount).to.equal(1);
      await time.clock.tickAsync(10_000);
      // An identical body is not read again.
      expect(stub.calls).to.have.length(2);
      expect(read.callCount).to.equal(1);
      stop();
    } finally {
      time.restore();
    }
  });
});

describe('a 404 that is not the OMA', () => {
  it("is 'route-missing' (not retryable) and warns once per URL, naming it", async () => {
    stub.answer = () => html(404, NEXT_404);
    const client = newClient(stub, { endpoints: DASHBOARD });
    const error = await expectKind(client.fetchVmContext(VM), 'route-missing');
    expect(error.status).to.equal(404);
    expect(error.retryable).to.equal(false);
    expect(error.path).to.equal('/api/vm-contexts/pgtest1');
    await expectKind(client.fetchVmContext(VM), 'route-missing');
    expect(warnings()).to.deep.equal([
      "[mk-widgets] /api/vm-contexts/pgtest1 answered 404 with a page that is not the OMA's: is the proxy route missing? Add the route, or give the client (or <mk-oma-provider>) endpoints templates for the host's routes.",
    ]);
    await expectKind(client.fetchVmContext('other'), 'route-missing');
    expect(warnings()).to.have.length(2);
    expect(warnings()[1]).to.contain('/api/vm-contexts/other answered 404');
  });

  it('counts an empty body or JSON without an `error` text as a missing route too', async () => {
    stub.answer = () => ({ status: 404, body: '' });
    await expectKind(newClient(stub).fetchVmContext(VM), 'route-missing');
    stub.answer = () => json({ message: 'Not Found' }, 404);
    await expectKind(newClient(stub).fetchVmContext(VM), 'route-missing');
  });

  it("keeps the OMA's own JSON 404 as 'not-found', without a warning", async () => {
    stub.answer = () => errorJson(404, 'VM context not found for: ghost');
    const error = await expectKind(newClient(stub).fetchVmContext('ghost'), 'not-found');
    expect(error.technicalDetail).to.equal('VM context not found for: ghost');
    expect(warn.callCount).to.equal(0);
  });
});

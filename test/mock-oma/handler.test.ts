import { expect } from '@open-wc/testing';
import { createMockFetch, createMockOma, type MockRequest, type MockResponse } from '../../mock-oma/handler.js';
import {
  LEAKY01_FAILED_JOB_ID,
  PGTEST1_FAILED_JOB_ID,
  PGTEST1_INCREMENTAL_BYTES,
  PGTEST1_INCREMENTAL_JOB_ID,
  QUIRKS01_RAW_REPLICATION_ERROR,
  QUIRKS01_VALID_JOB_IDS,
  SCENARIOS,
  ZERO_TIME,
  contextIdFor,
  scenarioNames,
  type RawFailoverStatus,
  type RawOperationSummary,
  type RawRecentJobsResponse,
  type RawUnifiedJob,
  type RawVmContext,
  type RawVmContextResponse,
} from '../../mock-oma/fixtures.js';

const EPOCH = new Date('2025-10-03T16:50:00.000Z');
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function setup(options: { token?: string } = {}) {
  let current = EPOCH;
  const mock = createMockOma({ now: () => current, epoch: EPOCH, ...options });
  return {
    mock,
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    get(path: string, headers: Record<string, string> = {}): MockResponse {
      return mock.handle({ method: 'GET', path: `/api/v1${path}`, headers });
    },
  };
}

function json<T>(response: MockResponse): T {
  expect(response.headers['content-type']).to.equal('application/json');
  return JSON.parse(response.body) as T;
}

function vmContext(api: ReturnType<typeof setup>, vmName: string): RawVmContextResponse {
  const response = api.get(`/vm-contexts/${vmName}`);
  expect(response.status, vmName).to.equal(200);
  return json<RawVmContextResponse>(response);
}

function recentJobs(api: ReturnType<typeof setup>, vmName: string): RawRecentJobsResponse {
  const response = api.get(`/vm-contexts/${contextIdFor(vmName)}/recent-jobs`);
  expect(response.status, vmName).to.equal(200);
  return json<RawRecentJobsResponse>(response);
}

const minutesBefore = (iso: string | undefined) => (EPOCH.getTime() - Date.parse(iso ?? '')) / 60_000;

describe('mock OMA fixtures', () => {
  it('lists every scenario by name with a ctx-<vm>-… context id', () => {
    expect(scenarioNames).to.have.members([
      'pgtest1', 'pgtest3', 'web01', 'db02', 'empty01', 'quirks01', 'many20', 'leaky01',
      'err401', 'err404', 'err500', 'err502', 'notjson', 'badshape', 'slow01',
    ]);
    for (const name of scenarioNames) {
      expect(SCENARIOS[name].vmName).to.equal(name);
      expect(SCENARIOS[name].contextId).to.match(/^ctx-[a-z0-9]+-\d{8}-\d{6}$/);
    }
  });

  it('are functions of now: the same now gives the same JSON', () => {
    const a = JSON.stringify(SCENARIOS.pgtest1.recentJobs(EPOCH));
    const b = JSON.stringify(SCENARIOS.pgtest1.recentJobs(new Date(EPOCH)));
    const later = JSON.stringify(SCENARIOS.pgtest1.recentJobs(new Date(EPOCH.getTime() + 3_600_000)));
    expect(a).to.equal(b);
    expect(a).not.to.equal(later);
  });

  it('uses RFC 3339 timestamps everywhere', () => {
    for (const name of ['pgtest1', 'pgtest3', 'web01', 'db02', 'quirks01', 'many20', 'leaky01'] as const) {
      for (const job of SCENARIOS[name].recentJobs(EPOCH).jobs ?? []) {
        if (job.started_at !== undefined) expect(job.started_at, `${name} ${job.job_id}`).to.match(RFC3339);
        if (job.completed_at !== undefined) expect(job.completed_at, `${name} ${job.job_id}`).to.match(RFC3339);
      }
    }
  });
});

describe('mock OMA handler', () => {
  describe('pgtest1', () => {
    it('recent jobs: the contract failed test failover 3 min ago and two completed replications', () => {
      const body = recentJobs(setup(), 'pgtest1');
      expect(body.context_id).to.equal('ctx-pgtest1-20251003-140708');
      expect(body.count).to.equal(3);
      const [failed, incremental, initial] = body.jobs ?? [];
      expect(failed).to.deep.include({
        job_id: PGTEST1_FAILED_JOB_ID,
        job_type: 'test_failover',
        status: 'failed',
        progress: 60,
        display_name: 'Test Failover',
        current_step: 'Preparing Drivers for Compatibility',
        error_message: 'KVM driver installation failed - compatibility issue',
        error_category: 'compatibility',
        data_source: 'job_tracking',
        duration_seconds: 25,
      });
      expect(failed?.actionable_steps).to.include('Try live failover (no driver modification)');
      expect(failed?.external_job_id).to.match(/^unified-test-failover-pgtest1-\d+$/);
      expect(failed?.started_at).to.match(/\+01:00$/);
      expect(minutesBefore(failed?.started_at)).to.equal(3);
      expect(incremental).to.deep.include({ job_id: PGTEST1_INCREMENTAL_JOB_ID, job_type: 'replication', status: 'completed', duration_seconds: 1999 });
      expect(minutesBefore(incremental?.started_at)).to.equal(180);
      expect(initial).to.deep.include({ job_type: 'replication', status: 'completed', display_name: 'Initial Replication' });
      expect(minutesBefore(initial?.started_at)).to.be.greaterThan(24 * 60);
    });

    it('vm context: last_operation, the same summary as a JSON string, 26.4 GB in job_history', () => {
      const body = vmContext(setup(), 'pgtest1');
      expect(body.context.vm_name).to.equal('pgtest1');
      expect(body.context.context_id).to.equal(contextIdFor('pgtest1'));
      expect(body.last_operation).to.deep.include({
        job_id: PGTEST1_FAILED_JOB_ID,
        operation_type: 'test_failover',
        status: 'failed',
        failed_step: 'Preparing Drivers for Compatibility',
        failed_step_internal: 'virtio-driver-injection',
        error_severity: 'error',
        steps_completed: 3,
        steps_total: 5,
      });
      expect(JSON.parse(body.context.last_operation_summary ?? 'null')).to.deep.equal(body.last_operation);
      const history = body.job_history?.find((item) => item.id === PGTEST1_INCREMENTAL_JOB_ID);
      expect(history?.bytes_transferred).to.equal(PGTEST1_INCREMENTAL_BYTES);
      expect((PGTEST1_INCREMENTAL_BYTES / 1e9).toFixed(1)).to.equal('26.4');
    });

    it('failover status: the raw libguestfs error, without a token', () => {
      const api = setup({ token: 'secret' });
      const body = json<RawFailoverStatus>(api.get(`/failover/${PGTEST1_FAILED_JOB_ID}/status`));
      expect(body).to.deep.include({ success: true, job_id: PGTEST1_FAILED_JOB_ID, status: 'failed', progress: 60 });
      expect(body.job_details?.error_message).to.equal('virt-v2v-in-place: error: libguestfs error: /dev/vdc: no such device');
      expect(body.job_details).to.deep.include({ total_steps: 5, completed_steps: 3, failed_steps: 1 });
    });

    it('answers the same bytes on every poll (timestamps anchored at the epoch)', () => {
      const api = setup();
      const first = api.get('/vm-contexts/pgtest1').body;
      api.advance(90_000);
      expect(api.get('/vm-contexts/pgtest1').body).to.equal(first);
    });
  });

  it('pgtest3: no last_operation key, a legacy summary string that parses; jobs without progress/current_step', () => {
    const api = setup();
    const body = vmContext(api, 'pgtest3');
    expect(body).not.to.have.property('last_operation');
    const summary = JSON.parse(body.context.last_operation_summary ?? 'null') as RawOperationSummary;
    expect(summary).to.deep.include({ operation_type: 'live', status: 'failed', error_category: 'network', error_severity: 'critical' });
    expect(summary.actionable_steps).to.include('Do not attempt further operations on this VM');
    expect(summary.actionable_steps?.some((step) => /live failover/i.test(String(step)))).to.equal(true);
    expect(summary).not.to.have.property('steps_completed');
    expect(summary).not.to.have.property('steps_total');
    for (const job of recentJobs(api, 'pgtest3').jobs ?? []) {
      expect(job).not.to.have.property('progress');
      expect(job).not.to.have.property('current_step');
    }
  });

  it('web01: progress rises with time, then the replication completes', () => {
    const api = setup();
    const progressAt = () => {
      const job = recentJobs(api, 'web01').jobs?.[0];
      return job;
    };
    const start = progressAt();
    expect(start).to.deep.include({ status: 'running', progress: 0, job_type: 'replication' });
    expect(start?.started_at).to.equal(EPOCH.toISOString().replace('.000', ''));
    api.advance(20_000);
    const third = progressAt();
    expect(third?.status).to.equal('running');
    expect(third?.progress).to.be.closeTo(33.3, 0.1);
    expect(third?.current_step).to.equal('Transferring disk 1 of 2 via nbdkit');
    expect(vmContext(api, 'web01').last_operation).to.deep.include({ operation_type: 'replication', status: 'running' });
    expect(vmContext(api, 'web01').current_job?.progress_percent).to.be.closeTo(33.3, 0.1);
    api.advance(20_000);
    const later = progressAt();
    expect(later?.progress).to.be.greaterThan(Number(third?.progress ?? 100));
    expect(later?.current_step).to.equal('Transferring disk 2 of 2 via nbdkit');
    api.advance(25_000);
    const done = progressAt();
    expect(done).to.deep.include({ status: 'completed', progress: 100, duration_seconds: 60 });
    expect(done).not.to.have.property('current_step');
    expect(Date.parse(done?.completed_at ?? '') - EPOCH.getTime()).to.equal(60_000);
    const context = vmContext(api, 'web01');
    expect(context.last_operation).to.deep.include({ status: 'completed', duration_seconds: 60 });
    expect(context).not.to.have.property('current_job');
    expect(context.context.current_status).to.equal('ready_for_failover');

    api.mock.reset();
    expect(progressAt()).to.deep.include({ status: 'running', progress: 0 });
  });

  it('db02: clean history ending with a completed rollback', () => {
    const api = setup();
    const body = vmContext(api, 'db02');
    expect(body.last_operation).to.deep.include({ operation_type: 'rollback', status: 'completed' });
    const jobs = recentJobs(api, 'db02').jobs ?? [];
    expect(jobs.map((job) => job.job_type)).to.deep.equal(['rollback', 'test_failover', 'replication', 'replication']);
    expect(jobs.every((job) => job.status === 'completed')).to.equal(true);
  });

  it('empty01: jobs null, count 0, no last_operation, job_history null', () => {
    const api = setup();
    const response = api.get(`/vm-contexts/${contextIdFor('empty01')}/recent-jobs`);
    expect(response.body).to.contain('"jobs":null');
    expect(json<RawRecentJobsResponse>(response)).to.deep.equal({ context_id: contextIdFor('empty01'), count: 0, jobs: null });
    const context = vmContext(api, 'empty01');
    expect(context).not.to.have.property('last_operation');
    expect(context.job_history).to.equal(null);
    expect(context.context.last_operation_summary).to.equal(null);
  });

  it('quirks01: every quirk is there', () => {
    const api = setup();
    const body = recentJobs(api, 'quirks01');
    const jobs = body.jobs ?? [];
    expect(body.count).to.equal(jobs.length);
    const byId = new Map(jobs.map((job) => [job.job_id, job] as const));
    expect(jobs.some((job) => job.progress === undefined && typeof job.job_id === 'string')).to.equal(true);
    expect(jobs.map((job) => job.progress)).to.include.members([59.99, 140, -5]);
    expect(byId.get('q-zero-time')?.started_at).to.equal(ZERO_TIME);
    expect(jobs.some((job) => job.started_at?.endsWith('+01:00'))).to.equal(true);
    expect(jobs.some((job) => job.started_at?.endsWith('Z') && job.started_at !== ZERO_TIME)).to.equal(true);
    expect(jobs.map((job) => job.job_type)).to.include.members(['unknown', 'cleanup_task']);
    expect(jobs.map((job) => job.status)).to.include.members(['paused', 'CANCELLED']);
    const failed = byId.get('q-failed-replication');
    expect(failed?.error_message).to.equal(QUIRKS01_RAW_REPLICATION_ERROR);
    expect(failed?.current_step).to.match(/nbdkit|qemu-img|\/dev\//);
    // Not newest first.
    const times = jobs.map((job) => Date.parse(job.started_at ?? '')).filter((time) => time > 0);
    expect([...times].sort((a, b) => b - a)).not.to.deep.equal(times);
    // Invalid items: job_id missing, status a number.
    const raw = jobs as unknown as Record<string, unknown>[];
    expect(raw.some((item) => !('job_id' in item))).to.equal(true);
    expect(raw.some((item) => typeof item['status'] === 'number')).to.equal(true);
    const valid = raw.filter((item) => typeof item['job_id'] === 'string' && typeof item['status'] === 'string');
    expect(valid.map((item) => item['job_id'])).to.deep.equal([...QUIRKS01_VALID_JOB_IDS]);
    expect(jobs.some((job) => typeof job.job_id === 'string' && job.duration_seconds === undefined)).to.equal(true);

    const context = vmContext(api, 'quirks01');
    expect(context).not.to.have.property('last_operation');
    const legacy = JSON.parse(context.context.last_operation_summary ?? 'null') as RawOperationSummary;
    expect(legacy.operation_type).to.equal('cleanup');
    expect(legacy).not.to.have.property('job_id');
  });

  it('many20: exactly 20 jobs, mixed, newest first', () => {
    const body = recentJobs(setup(), 'many20');
    const jobs = body.jobs ?? [];
    expect(jobs).to.have.length(20);
    expect(body.count).to.equal(20);
    expect(new Set(jobs.map((job) => job.job_type)).size).to.be.greaterThan(3);
    expect(new Set(jobs.map((job) => job.status)).size).to.be.greaterThan(4);
    expect(new Set(jobs.map((job) => job.job_id)).size).to.equal(20);
    const times = jobs.map((job) => Date.parse(job.started_at ?? ''));
    expect([...times].sort((a, b) => b - a)).to.deep.equal(times);
  });

  it('leaky01: a failed live failover that leaks technical text', () => {
    const api = setup();
    const job = recentJobs(api, 'leaky01').jobs?.[0] as RawUnifiedJob;
    expect(job).to.deep.include({ job_type: 'live_failover', status: 'failed', error_category: 'storage' });
    const text = [job.error_message, job.current_step, ...(job.actionable_steps ?? [])].join('\n');
    expect(text).to.match(/virtio/i);
    expect(text).to.match(/\/var\/log\//);
    expect(text).to.contain('virtio-driver-injection');
    expect(text).to.match(/\bSELECT\b|\bUPDATE\b/);
    expect(vmContext(api, 'leaky01').last_operation).to.deep.include({ error_severity: 'warning', error_category: 'storage' });
    expect(api.get(`/failover/${LEAKY01_FAILED_JOB_ID}/status`).status).to.equal(200);
  });

  describe('VM list (GET /vm-contexts) and by-id', () => {
    interface ListEntry extends RawVmContext {
      groups: unknown[];
      group_count: number;
    }
    interface VmList {
      vm_contexts: ListEntry[];
      count: number;
    }
    const list = (api: ReturnType<typeof setup>, query = '') => {
      const response = api.mock.handle({ method: 'GET', path: '/api/v1/vm-contexts', query, headers: {} });
      expect(response.status, query).to.equal(200);
      return json<VmList>(response);
    };
    const summaryOf = (entry: RawVmContext) =>
      entry.last_operation_summary === null ? null : (JSON.parse(String(entry.last_operation_summary)) as RawOperationSummary);

    it('lists every scenario that has a VM context: the same context as the per-VM call, plus groups', () => {
      const api = setup();
      const body = list(api);
      const dataScenarios = scenarioNames.filter((name) => 'vmContext' in SCENARIOS[name]);
      expect(body.vm_contexts.map((entry) => entry.vm_name)).to.have.members(dataScenarios);
      expect(body.vm_contexts.map((entry) => entry.vm_name)).not.to.include('err500');
      expect(body.count).to.equal(body.vm_contexts.length);
      for (const entry of body.vm_contexts) {
        const { groups, group_count, ...context } = entry;
        expect(groups, entry.vm_name).to.deep.equal([]);
        expect(group_count).to.equal(0);
        expect(context, entry.vm_name).to.deep.equal(vmContext(api, entry.vm_name ?? '').context);
        expect(entry).not.to.have.any.keys('last_operation', 'job_history');
      }
      const pgtest1 = body.vm_contexts.find((entry) => entry.vm_name === 'pgtest1');
      expect(pgtest1?.current_status).to.equal('failed');
      // The summary is a JSON string, as the Go server sends it; null where there is none.
      expect(pgtest1?.last_operation_summary).to.be.a('string');
      expect(summaryOf(pgtest1!)).to.deep.equal(vmContext(api, 'pgtest1').last_operation);
      expect(body.vm_contexts.find((entry) => entry.vm_name === 'empty01')?.last_operation_summary).to.equal(null);
    });

    it('?fleet=500: 500 VMs in mixed states and outcomes, the same on every call', () => {
      const api = setup();
      const fleet = list(api, '?fleet=500');
      expect(fleet.count).to.equal(500);
      const names = fleet.vm_contexts.map((entry) => entry.vm_name);
      expect(new Set(names).size).to.equal(500);
      expect(names[0]).to.equal('fleet-0001');
      expect(names[499]).to.equal('fleet-0500');

      const statuses = new Set(fleet.vm_contexts.map((entry) => entry.current_status));
      expect([...statuses]).to.include.members(['discovered', 'replicating', 'ready_for_failover', 'failed', 'failed_over_test', 'completed']);
      const outcomes = fleet.vm_contexts.map((entry) => {
        const summary = summaryOf(entry);
        return summary ? `${summary.operation_type} ${summary.status}${summary.error_severity ? ` ${summary.error_severity}` : ''}` : 'none';
      });
      expect(new Set(outcomes)).to.include.keys(
        'none',
        'replication running',
        'replication completed',
        'test_failover failed error',
        'live_failover failed critical',
        'rollback completed',
      );
      const failed = outcomes.filter((outcome) => outcome.includes('failed')).length;
      expect(failed, 'failed VMs').to.be.within(50, 150);

      // Deterministic: another mock, another day, a smaller fleet: the same VMs in the same states.
      const other = setup();
      other.advance(86_400_000);
      const again = list(other, 'fleet=10').vm_contexts;
      expect(again.map((entry) => [entry.vm_name, entry.current_status, summaryOf(entry)?.status])).to.deep.equal(
        fleet.vm_contexts.slice(0, 10).map((entry) => [entry.vm_name, entry.current_status, summaryOf(entry)?.status]),
      );
    });

    it('each fleet VM answers the per-VM, by-id and recent-jobs routes with the listed context', () => {
      const api = setup();
      for (const entry of list(api, '?fleet=40').vm_contexts) {
        const { groups: _groups, group_count: _count, ...context } = entry;
        const byName = vmContext(api, entry.vm_name ?? '');
        expect(byName.context, entry.vm_name).to.deep.equal(context);
        expect(byName.last_operation ?? null).to.deep.equal(summaryOf(entry));
        expect(json<RawVmContextResponse>(api.get(`/vm-contexts/by-id/${entry.context_id}`))).to.deep.equal(byName);
        const jobs = json<RawRecentJobsResponse>(api.get(`/vm-contexts/${entry.context_id}/recent-jobs`));
        expect(jobs.context_id).to.equal(entry.context_id);
        expect(jobs.jobs?.[0]?.job_id ?? null).to.equal(byName.last_operation?.job_id ?? null);
        expect(jobs.jobs?.[0]?.status ?? null).to.equal(byName.last_operation?.status ?? null);
      }
      expect(api.get('/vm-contexts/fleet-9999').status).to.equal(200);
      expect(api.get('/vm-contexts/fleet-10001').status).to.equal(404);
      expect(api.get('/vm-contexts/fleet-0000').status).to.equal(404);
    });

    it('rejects a fleet size that is not a whole number up to 10000; ?fleet=0 is an empty list', () => {
      const api = setup();
      for (const query of ['?fleet=abc', '?fleet=-1', '?fleet=2.5', '?fleet=10001']) {
        const response = api.mock.handle({ method: 'GET', path: '/api/v1/vm-contexts', query, headers: {} });
        expect(response.status, query).to.equal(400);
        expect(json<{ error: string }>(response).error).to.be.a('string');
      }
      expect(list(api, '?fleet=0')).to.deep.equal({ vm_contexts: [], count: 0 });
    });

    it('by-id answers like the per-VM call; unknown ids 404; the list and by-id need the token when one is set', () => {
      const api = setup();
      expect(json<RawVmContextResponse>(api.get(`/vm-contexts/by-id/${contextIdFor('pgtest1')}`))).to.deep.equal(vmContext(api, 'pgtest1'));
      const missing = api.get('/vm-contexts/by-id/ctx-nope-20251003-140708');
      expect(missing.status).to.equal(404);
      expect(json<{ error: string }>(missing).error).to.equal('VM context not found for: ctx-nope-20251003-140708');
      expect(api.get('/vm-contexts/by-id/').status).to.equal(404);

      const guarded = setup({ token: 'secret' });
      expect(guarded.get('/vm-contexts').status).to.equal(401);
      expect(guarded.get(`/vm-contexts/by-id/${contextIdFor('pgtest1')}`).status).to.equal(401);
      expect(guarded.get('/vm-contexts', { authorization: 'Bearer secret' }).status).to.equal(200);
    });
  });

  describe('errors', () => {
    it('token: 401 without or with a wrong token, 200 with the right one', () => {
      const api = setup({ token: 'secret' });
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { authorization: 'secret' }];
      for (const headers of attempts) {
        const response = api.get('/vm-contexts/pgtest1', headers);
        expect(response.status).to.equal(401);
        const body = json<{ error: string; timestamp: string }>(response);
        expect(body.error).to.equal('Missing or invalid authorization token');
        expect(body.timestamp).to.match(RFC3339);
      }
      expect(api.get(`/vm-contexts/${contextIdFor('pgtest1')}/recent-jobs`).status).to.equal(401);
      expect(api.get('/vm-contexts/pgtest1', { authorization: 'Bearer secret' }).status).to.equal(200);
      expect(api.get(`/vm-contexts/${contextIdFor('pgtest1')}/recent-jobs`, { authorization: 'Bearer secret' }).status).to.equal(200);
    });

    it('err401 answers 401 JSON', () => {
      const response = setup().get('/vm-contexts/err401');
      expect(response.status).to.equal(401);
      expect(json<{ error: string }>(response).error).to.be.a('string');
    });

    it('err404 and unknown VMs / context ids answer 404 with the server message', () => {
      const api = setup();
      for (const name of ['err404', 'nosuchvm']) {
        const response = api.get(`/vm-contexts/${name}`);
        expect(response.status).to.equal(404);
        const body = json<{ error: string; timestamp: string }>(response);
        expect(body.error).to.equal(`VM context not found for: ${name}`);
        expect(body.timestamp).to.equal('2025-10-03T16:50:00Z');
      }
      expect(api.get('/vm-contexts/ctx-nosuchvm-20251003-140708/recent-jobs').status).to.equal(404);
      expect(api.get('/failover/no-such-job/status').status).to.equal(404);
    });

    it('err500 JSON, err502 HTML', () => {
      const api = setup();
      const e500 = api.get('/vm-contexts/err500');
      expect(e500.status).to.equal(500);
      expect(json<{ error: string }>(e500).error).to.be.a('string');
      const e502 = api.get('/vm-contexts/err502');
      expect(e502.status).to.equal(502);
      expect(e502.headers['content-type']).to.equal('text/html');
      expect(e502.body).to.contain('<html>');
      expect(api.get(`/vm-contexts/${contextIdFor('err502')}/recent-jobs`).status).to.equal(502);
    });

    it('notjson and badshape answer 200 with bodies the client must reject', () => {
      const api = setup();
      const notJson = api.get('/vm-contexts/notjson');
      expect(notJson.status).to.equal(200);
      expect(notJson.body).to.equal('OK<html>');
      expect(() => JSON.parse(notJson.body)).to.throw();
      expect(api.get('/vm-contexts/badshape').body).to.equal('{"context":5}');
      expect(api.get(`/vm-contexts/${contextIdFor('badshape')}/recent-jobs`).body).to.equal('{"jobs":"nope"}');
    });

    it('slow01 is pgtest1 with a 4 s delay', () => {
      const api = setup();
      const response = api.get('/vm-contexts/slow01');
      expect(response.delayMs).to.equal(4000);
      expect(json<RawVmContextResponse>(response).last_operation).to.deep.include({ status: 'failed', steps_completed: 3 });
      expect(api.get('/vm-contexts/pgtest1').delayMs).to.equal(undefined);
    });

    it('unknown routes 404, non-GET 405, encoded segments decode', () => {
      const api = setup();
      expect(api.get('/nothing/here').status).to.equal(404);
      expect(json<{ error: string }>(api.get('/vm-contexts/pgtest1/whatever')).error).to.be.a('string');
      expect(api.mock.handle({ method: 'GET', path: '/elsewhere', headers: {} }).status).to.equal(404);
      const post = api.mock.handle({ method: 'POST', path: '/api/v1/vm-contexts/pgtest1', headers: {} });
      expect(post.status).to.equal(405);
      expect(post.headers['allow']).to.equal('GET');
      expect(api.get('/vm-contexts/pg%74est1').status).to.equal(200);
    });
  });
});

describe('createMockFetch', () => {
  it('answers relative and absolute URLs (query ignored) and reports each request', async () => {
    const seen: MockRequest[] = [];
    const mockFetch = createMockFetch({ now: () => EPOCH, epoch: EPOCH, onRequest: (req) => seen.push(req) });
    const relative = await mockFetch('/api/v1/vm-contexts/pgtest1');
    expect(relative.status).to.equal(200);
    expect(relative.headers.get('content-type')).to.equal('application/json');
    expect(((await relative.json()) as RawVmContextResponse).context.vm_name).to.equal('pgtest1');
    const absolute = await mockFetch(`http://oma:8082/api/v1/vm-contexts/${contextIdFor('empty01')}/recent-jobs?x=1`);
    expect(((await absolute.json()) as RawRecentJobsResponse).jobs).to.equal(null);
    const request = await mockFetch(new Request('http://example.test/api/v1/vm-contexts/err502'));
    expect(request.status).to.equal(502);
    expect(seen.map((req) => req.path)).to.deep.equal([
      '/api/v1/vm-contexts/pgtest1',
      `/api/v1/vm-contexts/${contextIdFor('empty01')}/recent-jobs`,
      '/api/v1/vm-contexts/err502',
    ]);
    expect(seen.every((req) => req.method === 'GET')).to.equal(true);
  });

  it('passes the query on: ?fleet=3 lists three VMs', async () => {
    const mockFetch = createMockFetch();
    const body = (await (await mockFetch('http://oma:8082/api/v1/vm-contexts?fleet=3')).json()) as { count: number };
    expect(body.count).to.equal(3);
  });

  it('passes headers through (lower-case) for the token check', async () => {
    const seen: MockRequest[] = [];
    const mockFetch = createMockFetch({ token: 't0k', onRequest: (req) => seen.push(req) });
    expect((await mockFetch('/api/v1/vm-contexts/db02')).status).to.equal(401);
    const ok = await mockFetch('/api/v1/vm-contexts/db02', { headers: new Headers({ Authorization: 'Bearer t0k', Accept: 'application/json' }) });
    expect(ok.status).to.equal(200);
    expect(seen[1]?.headers['authorization']).to.equal('Bearer t0k');
    expect(seen[1]?.headers['accept']).to.equal('application/json');
  });

  it('rejects with an AbortError when aborted during the delay or before the call', async () => {
    const seen: MockRequest[] = [];
    const mockFetch = createMockFetch({ onRequest: (req) => seen.push(req) });
    const controller = new AbortController();
    const pending = mockFetch('/api/v1/vm-contexts/slow01', { signal: controller.signal });
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).to.equal(false);
    controller.abort();
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(seen).to.have.length(1);

    const aborted = new AbortController();
    aborted.abort();
    const early = await mockFetch('/api/v1/vm-contexts/pgtest1', { signal: aborted.signal }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect((early as DOMException).name).to.equal('AbortError');
  });
});

import { expect } from '@open-wc/testing';
import { OmaError } from '../../src/api/errors.js';
import { clampProgress, parseServerTime } from '../../src/api/wire.js';
import { MAX_SHOWN_LENGTH } from '../../src/model/guard/guard-operation.js';
import { sortNewestFirst } from '../../src/model/normalize-recent-jobs.js';
import { normalizeCategory, normalizeOperationType, normalizeSeverity, normalizeStatus } from '../../src/model/normalize-words.js';
import { readFailoverStatus, readJob, readRecentJobs, readVmContext, type DataIssue } from '../../src/model/pipeline.js';
import { joinVmContext } from '../../src/model/view/job-list-view.js';
import { guardedText, statusWord } from '../../src/model/view/words.js';
import { PGTEST1_EXAMPLE_JOB, PGTEST1_EXAMPLE_SUMMARY } from '../../mock-oma/fixtures.js';
import type { Operation } from '../../src/model/operation.js';

// ---- helpers -------------------------------------------------------------------------------

const CTX = 'ctx-pgtest1-20251003-140708';
const VM = 'pgtest1';

/** Anything a person must never see outside the admin section (see the contract). */
const FORBIDDEN =
  /virt-v2v|virtio|libguestfs|nbdkit|qemu-img|\/dev\/|\/var\/|[A-Za-z]:\\|\w+\.(?:sh|go|py|log)\b|handler\.go|\.go:\d+|cloudstack-snapshot|driver-injection|failed_step_internal|external_job_id|vm_path|\/api\/v1/i;

/** The failed test failover on pgtest1, straight from the contract (the shared fixture). */
function pgtest1Job(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...PGTEST1_EXAMPLE_JOB, ...overrides };
}

/** A minimal job with only the fields the current server always sends. */
function job(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_id: id,
    job_type: 'replication',
    status: 'completed',
    display_name: 'Incremental Replication',
    data_source: 'replication_jobs',
    ...overrides,
  };
}

function recent(jobs: unknown[] | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { context_id: CTX, count: jobs?.length ?? 0, jobs, ...extra };
}

function one(raw: Record<string, unknown>): { op: Operation; issues: DataIssue[] } {
  const { data, issues } = readRecentJobs(recent([raw]), CTX);
  expect(data.operations, 'exactly one operation survives').to.have.length(1);
  return { op: data.operations[0]!, issues };
}

function summary(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...PGTEST1_EXAMPLE_SUMMARY, ...overrides };
}

function vmBody(overrides: Record<string, unknown> = {}, contextOverrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    context: {
      context_id: CTX,
      vm_name: VM,
      vmware_vm_id: '420570c7-f61f-a930-77c5-1e876786cb3c',
      vm_path: '/DatabanxDC/vm/secret-folder/pgtest1',
      current_status: 'ready_for_failover',
      last_operation_summary: null,
      ...contextOverrides,
    },
    current_job: null,
    job_history: null,
    disks: [],
    cbt_history: [],
    ...overrides,
  };
}

function lastOp(body: unknown): { op: Operation | undefined; issues: DataIssue[] } {
  const { data, issues } = readVmContext(body, VM);
  return { op: data.lastOperation, issues };
}

/** Every string a person can see on an operation (not `technical`). */
function userFacingTexts(op: Operation): string[] {
  return [
    op.displayName?.text,
    op.statusWord?.text,
    op.currentStep?.text,
    op.failedStep?.text,
    op.errorMessage?.text,
    ...op.actionableSteps.map((step) => step.text),
  ].filter((text): text is string => typeof text === 'string');
}

/** The operation without its admin-only part, serialised. */
function publicJson(op: Operation): string {
  const { technical: _technical, ...rest } = op;
  return JSON.stringify(rest);
}

function expectBadShape(run: () => unknown): OmaError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'throws').to.be.instanceOf(OmaError);
  const error = caught as OmaError;
  expect(error.kind).to.equal('bad-shape');
  expect(error.technicalDetail).to.be.a('string').and.not.equal('');
  return error;
}

function leakIssues(issues: DataIssue[]): Extract<DataIssue, { kind: 'technical-leak' }>[] {
  return issues.filter((issue): issue is Extract<DataIssue, { kind: 'technical-leak' }> => issue.kind === 'technical-leak');
}

// ---- recent jobs -----------------------------------------------------------------------------

describe('readRecentJobs', () => {
  describe('envelope', () => {
    it('turns `jobs: null` (Go empty slice) into an empty list without issues', () => {
      const { data, issues } = readRecentJobs({ context_id: CTX, count: 0, jobs: null }, CTX);
      expect(data.operations).to.deep.equal([]);
      expect(data.contextId).to.equal(CTX);
      expect(issues).to.deep.equal([]);
    });

    it('accepts a missing `jobs` field as an empty list', () => {
      const { data, issues } = readRecentJobs({ context_id: CTX }, CTX);
      expect(data.operations).to.deep.equal([]);
      expect(issues).to.deep.equal([]);
    });

    it('falls back to the requested context id when the body has none', () => {
      expect(readRecentJobs({ jobs: [] }, 'ctx-asked').data.contextId).to.equal('ctx-asked');
      expect(readRecentJobs({ context_id: '  ', jobs: [] }, 'ctx-asked').data.contextId).to.equal('ctx-asked');
      expect(readRecentJobs({ context_id: 'ctx-server', jobs: [] }, 'ctx-asked').data.contextId).to.equal('ctx-server');
    });

    for (const [label, body] of [
      ["{ jobs: 'nope' }", { jobs: 'nope' }],
      ['{ jobs: {} }', { jobs: {} }],
      ['{ jobs: 5 }', { jobs: 5 }],
      ['5', 5],
      ['null', null],
      ['undefined', undefined],
      ["'text'", 'text'],
      ['a bare array', [job('a')]],
    ] as const) {
      it(`throws OmaError 'bad-shape' for an envelope of ${label}`, () => {
        expectBadShape(() => readRecentJobs(body, CTX));
      });
    }
  });

  describe('the pgtest1 example from the contract', () => {
    it('maps every field', () => {
      const { op, issues } = one(pgtest1Job());
      expect(issues).to.deep.equal([]);
      expect(op.key).to.equal('e5de9b1b-5159-49e2-95e5-be644da2b7fb');
      expect(op.jobId).to.equal('e5de9b1b-5159-49e2-95e5-be644da2b7fb');
      expect(op.type).to.equal('test_failover');
      expect(op.status).to.equal('failed');
      expect(op.statusWord).to.equal(undefined);
      expect(op.displayName).to.deep.equal({ text: 'Test Failover' });
      expect(op.progress).to.equal(60);
      expect(op.startedAt?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57));
      expect(op.completedAt?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 47, 22));
      expect(op.durationSeconds).to.equal(25);
      expect(op.currentStep).to.deep.equal({ text: 'Preparing Drivers for Compatibility' });
      expect(op.errorMessage).to.deep.equal({ text: 'KVM driver installation failed - compatibility issue' });
      expect(op.errorCategory).to.equal('compatibility');
      expect(op.actionableSteps).to.deep.equal([
        { text: 'Try live failover (no driver modification)' },
        { text: 'Verify VM is Windows-based' },
      ]);
      expect(op.origin).to.equal('recent-jobs');
      expect(op.failedStep).to.equal(undefined);
    });

    it('keeps technical fields only under `technical`', () => {
      const { op } = one(pgtest1Job());
      expect(op.technical).to.deep.equal({
        jobId: 'e5de9b1b-5159-49e2-95e5-be644da2b7fb',
        externalJobId: 'unified-test-failover-pgtest1-1759510017',
        rawJobType: 'test_failover',
        rawStatus: 'failed',
        currentStepRaw: 'Preparing Drivers for Compatibility',
        errorMessageRaw: 'KVM driver installation failed - compatibility issue',
        dataSource: 'job_tracking',
      });
      const json = publicJson(op);
      expect(json).not.to.contain('unified-test-failover');
      expect(json).not.to.contain('job_tracking');
      expect(json).not.to.contain('external');
    });
  });

  describe('progress', () => {
    it('is undefined when missing', () => {
      expect(one(job('a')).op.progress).to.equal(undefined);
    });
    it('keeps a float like 59.99', () => {
      expect(one(job('a', { progress: 59.99 })).op.progress).to.equal(59.99);
    });
    it('clamps 140 to 100', () => {
      expect(one(job('a', { progress: 140 })).op.progress).to.equal(100);
    });
    it('clamps -5 to 0', () => {
      expect(one(job('a', { progress: -5 })).op.progress).to.equal(0);
    });
    it('keeps the bounds 0 and 100', () => {
      expect(one(job('a', { progress: 0 })).op.progress).to.equal(0);
      expect(one(job('a', { progress: 100 })).op.progress).to.equal(100);
    });
    it('parses a numeric string from older servers', () => {
      expect(one(job('a', { progress: '59.99' })).op.progress).to.equal(59.99);
      expect(one(job('a', { progress: '250' })).op.progress).to.equal(100);
    });
    it('drops a non-numeric string, null, NaN-ish values and objects without dropping the job', () => {
      for (const progress of ['abc', '', null, {}, [], true]) {
        const { op, issues } = one(job('a', { progress }));
        expect(op.progress, JSON.stringify(progress)).to.equal(undefined);
        expect(issues).to.deep.equal([]);
      }
    });
    it('clampProgress rejects infinities', () => {
      expect(clampProgress(Number.POSITIVE_INFINITY)).to.equal(undefined);
      expect(clampProgress(Number.NaN)).to.equal(undefined);
      expect(clampProgress(undefined)).to.equal(undefined);
      expect(clampProgress(42.5)).to.equal(42.5);
    });
  });

  describe('times', () => {
    it("treats Go's zero time '0001-01-01T00:00:00Z' as unknown", () => {
      const { op } = one(job('a', { started_at: '0001-01-01T00:00:00Z', completed_at: '0001-01-01T00:00:00Z' }));
      expect(op.startedAt).to.equal(undefined);
      expect(op.completedAt).to.equal(undefined);
    });

    it("parses '+01:00' and 'Z' to the same instant", () => {
      const a = one(job('a', { started_at: '2025-10-03T17:46:57+01:00' })).op.startedAt;
      const b = one(job('a', { started_at: '2025-10-03T16:46:57Z' })).op.startedAt;
      expect(a).to.be.instanceOf(Date);
      expect(a!.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57));
      expect(b!.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57));
    });

    it('handles negative offsets', () => {
      expect(parseServerTime('2025-10-03T11:46:57-05:00')?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57));
    });

    it('accepts nanosecond fractions (Go RFC3339Nano) and keeps the milliseconds', () => {
      expect(parseServerTime('2025-10-03T16:46:57.123456789Z')?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57, 123));
      expect(parseServerTime('2025-10-03T17:46:57.987654321+01:00')?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57, 987));
      expect(parseServerTime('2025-10-03T16:46:57.1234Z')?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57, 123));
      expect(parseServerTime('2025-10-03T16:46:57.5Z')?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57, 500));
      const { op } = one(job('a', { started_at: '2025-10-03T16:46:57.000000001Z' }));
      expect(op.startedAt?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 46, 57));
    });

    it('treats empty, garbage and non-string times as unknown without dropping the job', () => {
      for (const started_at of ['', '   ', 'yesterday', 'not-a-date', 12345, null, {}]) {
        const { op, issues } = one(job('a', { started_at }));
        expect(op.startedAt, JSON.stringify(started_at)).to.equal(undefined);
        expect(issues).to.deep.equal([]);
      }
      expect(parseServerTime(undefined)).to.equal(undefined);
      expect(parseServerTime('0001-01-01T00:00:00Z')).to.equal(undefined);
    });
  });

  describe('job type', () => {
    for (const [raw, type] of [
      ['replication', 'replication'],
      ['test_failover', 'test_failover'],
      ['live_failover', 'live_failover'],
      ['rollback', 'rollback'],
      ['unknown', 'other'],
      ['cleanup_task', 'other'],
      ['something_new', 'other'],
      ['', 'other'],
    ] as const) {
      it(`maps job_type '${raw}' to '${type}'`, () => {
        const { op } = one(job('a', { job_type: raw }));
        expect(op.type).to.equal(type);
        // The wire schema reads blank text as missing, in the admin section too.
        expect(op.technical.rawJobType).to.equal(raw.trim() || undefined);
      });
    }

    it("maps a missing or non-string job_type to 'other'", () => {
      expect(one(job('a', { job_type: undefined })).op.type).to.equal('other');
      expect(one(job('a', { job_type: 7 })).op.type).to.equal('other');
    });

    it('is case and whitespace tolerant', () => {
      expect(normalizeOperationType(' Test_Failover ')).to.equal('test_failover');
      expect(normalizeOperationType('REPLICATION')).to.equal('replication');
      expect(normalizeOperationType(undefined)).to.equal('other');
    });
  });

  describe('status', () => {
    for (const status of ['pending', 'running', 'completed', 'failed', 'cancelled', 'skipped'] as const) {
      it(`keeps the known status '${status}' without a statusWord`, () => {
        const { op } = one(job('a', { status }));
        expect(op.status).to.equal(status);
        expect(op.statusWord).to.equal(undefined);
      });
    }

    // Redesign: statusWord holds the server's word as guarded text; the view title-cases it.
    it("maps 'paused' to status 'other' with the server's word, which the view shows as 'Paused'", () => {
      const { op } = one(job('a', { status: 'paused' }));
      expect(op.status).to.equal('other');
      expect(op.statusWord).to.deep.equal({ text: 'paused' });
      expect(statusWord(op)).to.equal('Paused');
      expect(op.technical.rawStatus).to.equal('paused');
      expect(one(job('a', { status: ' Paused ' })).op.statusWord).to.deep.equal({ text: 'Paused' });
    });

    it("lower-cases known words: 'CANCELLED' → 'cancelled', ' Running ' → 'running'", () => {
      expect(one(job('a', { status: 'CANCELLED' })).op.status).to.equal('cancelled');
      expect(one(job('a', { status: 'CANCELLED' })).op.statusWord).to.equal(undefined);
      expect(one(job('a', { status: ' Running ' })).op.status).to.equal('running');
    });

    it('keeps an unknown status word as the server sent it (trimmed), for the guard and the view', () => {
      expect(normalizeStatus('in_progress')).to.deep.equal({ status: 'other', statusWord: 'in_progress' });
      expect(normalizeStatus(' WAITING-FOR-user ')).to.deep.equal({ status: 'other', statusWord: 'WAITING-FOR-user' });
      expect(normalizeStatus('')).to.deep.equal({ status: 'other' });
      expect(normalizeStatus('   ')).to.deep.equal({ status: 'other' });
      expect(normalizeStatus(undefined)).to.deep.equal({ status: 'other' });
    });

    it('title-cases multi-word unknown statuses in the view', () => {
      expect(statusWord(one(job('a', { status: 'in_progress' })).op)).to.equal('In Progress');
      expect(statusWord(one(job('a', { status: 'WAITING-FOR-user' })).op)).to.equal('Waiting For User');
      expect(statusWord(one(job('a', { status: 'paused_by_user' })).op)).to.equal('Paused By User');
      expect(statusWord({ status: 'other', statusWord: { text: 'in_progress' } })).to.equal('In Progress');
      expect(statusWord({ status: 'other' })).to.equal('Unknown');
      expect(statusWord(one(job('a', { status: 'CANCELLED' })).op)).to.equal('Cancelled');
    });

    it('guards a leaky status word and reports it as a technical-leak of the status field', () => {
      const raw = 'virt-v2v: error: /dev/vdc';
      const { op, issues } = one(job('leaky-status', { status: raw }));
      expect(op.status).to.equal('other');
      expect(op.technical.rawStatus).to.equal(raw);
      expect(op.statusWord).to.deep.equal({ text: '', fallback: 'unknown' });
      expect(publicJson(op)).not.to.match(FORBIDDEN);
      const leaks = leakIssues(issues);
      expect(leaks).to.have.length(1);
      expect(leaks[0]).to.include({ kind: 'technical-leak', resource: `recent-jobs:${CTX}`, field: 'status', jobId: 'leaky-status' });
      // The view never title-cases technical text: a word the guard replaced reads "Unknown".
      expect(statusWord(op)).to.equal('Unknown');
    });
  });

  describe('error category', () => {
    it('normalises known categories, maps unknown words to unknown and absence to undefined', () => {
      expect(one(job('a', { error_category: 'COMPATIBILITY' })).op.errorCategory).to.equal('compatibility');
      expect(one(job('a', { error_category: 'disk-full' })).op.errorCategory).to.equal('unknown');
      expect(one(job('a')).op.errorCategory).to.equal(undefined);
      expect(normalizeCategory('  network ')).to.equal('network');
      expect(normalizeCategory('')).to.equal(undefined);
      expect(normalizeSeverity('Critical')).to.equal('critical');
      expect(normalizeSeverity('fatal')).to.equal(undefined);
    });
  });

  describe('invalid items', () => {
    // Redesign: every object the server sends is a row (an id or a known status is no longer
    // required); only non-objects and duplicate ids are dropped and reported.
    it('makes every object item a row, drops only non-objects, reports each as invalid-item with its index', () => {
      const jobs = [
        job('good-1', { started_at: '2025-10-03T10:00:00Z' }),
        { job_type: 'replication', status: 'running' }, // no job_id
        job('bad-status-number', { status: 3 }),
        job('bad-status-object', { status: { code: 'failed' } }),
        job('no-status', { status: undefined }),
        null,
        'a string',
        job('   '), // blank id
        job('good-2', { started_at: '2025-10-03T09:00:00Z' }),
      ];
      const { data, issues } = readRecentJobs(recent(jobs), CTX);
      // Known times first (newest first), then unknown times in server order.
      expect(data.operations.map((op) => op.jobId)).to.deep.equal([
        'good-1',
        'good-2',
        undefined,
        'bad-status-number',
        'bad-status-object',
        'no-status',
        undefined,
      ]);
      expect(data.operations.map((op) => op.key)).to.deep.equal([
        'good-1',
        'good-2',
        'at:1:',
        'bad-status-number',
        'bad-status-object',
        'no-status',
        'at:7:',
      ]);
      expect(data.operations.map((op) => op.status)).to.deep.equal(['completed', 'completed', 'running', 'other', 'other', 'other', 'completed']);
      for (const op of data.operations.slice(3, 6)) {
        expect(op.statusWord, op.jobId).to.equal(undefined);
        expect(statusWord(op), op.jobId).to.equal('Unknown');
      }
      const invalid = issues.filter((issue) => issue.kind === 'invalid-item');
      expect(invalid.map((issue) => (issue as { index: number }).index)).to.deep.equal([5, 6]);
      for (const issue of invalid) {
        expect(issue).to.include({ kind: 'invalid-item', resource: `recent-jobs:${CTX}` });
        expect((issue as { detail: string }).detail).to.be.a('string').and.not.equal('');
      }
      expect(issues).to.have.length(2);
    });

    it('keys a row without an id by its position and ISO start time', () => {
      const { data, issues } = readRecentJobs(
        recent([
          { job_type: 'replication', status: 'running', started_at: '2025-10-03T12:00:00+02:00' },
          { job_type: 'replication', status: 'completed', started_at: '2025-10-03T10:00:00Z' },
          { job_type: 'replication', status: 'completed' },
        ]),
        CTX,
      );
      expect(issues).to.deep.equal([]);
      expect(data.operations.map((op) => op.key)).to.deep.equal(['at:0:2025-10-03T10:00:00.000Z', 'at:1:2025-10-03T10:00:00.000Z', 'at:2:']);
      expect(new Set(data.operations.map((op) => op.key)).size).to.equal(3);
      for (const op of data.operations) expect(op.technical.jobId).to.equal(undefined);
    });

    it("makes the contract's published item with only job_type, status and display_name a row without a job id", () => {
      const { op, issues } = one({ job_type: 'replication', status: 'completed', display_name: 'Replication Completed' });
      expect(issues).to.deep.equal([]);
      expect(op.jobId).to.equal(undefined);
      expect(op.key).to.equal('at:0:');
      expect(op.type).to.equal('replication');
      expect(op.status).to.equal('completed');
      expect(op.statusWord).to.equal(undefined);
      expect(op.displayName).to.deep.equal({ text: 'Replication Completed' });
      expect(op.progress).to.equal(undefined);
      expect(op.startedAt).to.equal(undefined);
      expect(op.actionableSteps).to.deep.equal([]);
      expect(op.origin).to.equal('recent-jobs');
    });

    it('accepts a numeric job id as text', () => {
      const { op } = one(job('x', { job_id: 42 }));
      expect(op.jobId).to.equal('42');
      expect(op.key).to.equal('42');
    });

    it('keeps the first of duplicate job ids and reports the others', () => {
      const jobs = [
        job('dup', { status: 'running', started_at: '2025-10-03T10:00:00Z' }),
        job('other', { started_at: '2025-10-03T09:00:00Z' }),
        job('dup', { status: 'failed', started_at: '2025-10-03T08:00:00Z' }),
      ];
      const { data, issues } = readRecentJobs(recent(jobs), CTX);
      expect(data.operations.map((op) => `${op.jobId}:${op.status}`)).to.deep.equal(['dup:running', 'other:completed']);
      expect(issues).to.have.length(1);
      expect(issues[0]).to.include({ kind: 'invalid-item', resource: `recent-jobs:${CTX}`, index: 2 });
      expect((issues[0] as { detail: string }).detail).to.contain('dup');
    });

    it('tolerates wrongly typed optional fields without dropping the item', () => {
      const { op, issues } = one(
        job('a', {
          display_name: 17,
          current_step: ['x'],
          error_message: { text: 'x' },
          actionable_steps: 'Retry',
          duration_seconds: 'long',
          external_job_id: 5,
        }),
      );
      expect(op.displayName).to.equal(undefined);
      expect(op.currentStep).to.equal(undefined);
      expect(op.errorMessage).to.equal(undefined);
      expect(op.actionableSteps).to.deep.equal([]);
      expect(op.durationSeconds).to.equal(undefined);
      expect(op.technical.externalJobId).to.equal(undefined);
      expect(issues).to.deep.equal([]);
    });

    it('keeps only the string entries of actionable_steps and drops blank ones', () => {
      const { op } = one(job('a', { status: 'failed', actionable_steps: ['Check the network', 3, null, '  ', 'Retry the job'] }));
      expect(op.actionableSteps.map((step) => step.text)).to.deep.equal(['Check the network', 'Retry the job']);
      expect(one(job('a', { actionable_steps: null })).op.actionableSteps).to.deep.equal([]);
      expect(one(job('a')).op.actionableSteps).to.deep.equal([]);
    });
  });

  describe('order', () => {
    it('sorts newest first, stable for equal times, unknown times last in server order', () => {
      const jobs = [
        job('unknown-1'),
        job('old', { started_at: '2025-10-01T10:00:00Z' }),
        job('zero', { started_at: '0001-01-01T00:00:00Z' }),
        job('tie-a', { started_at: '2025-10-02T10:00:00Z' }),
        job('newest', { started_at: '2025-10-03T12:00:00+02:00' }), // 10:00Z
        job('tie-b', { started_at: '2025-10-02T11:00:00+01:00' }), // same instant as tie-a
        job('unknown-2', { started_at: 'garbage' }),
      ];
      const { data } = readRecentJobs(recent(jobs), CTX);
      expect(data.operations.map((op) => op.jobId)).to.deep.equal(['newest', 'tie-a', 'tie-b', 'old', 'unknown-1', 'zero', 'unknown-2']);
    });

    it('re-sorts a server list that is oldest first', () => {
      const jobs = [1, 2, 3, 4, 5].map((day) => job(`d${day}`, { started_at: `2025-10-0${day}T00:00:00Z` }));
      const { data } = readRecentJobs(recent(jobs), CTX);
      expect(data.operations.map((op) => op.jobId)).to.deep.equal(['d5', 'd4', 'd3', 'd2', 'd1']);
    });

    it('sortNewestFirst does not mutate its input', () => {
      const { data } = readRecentJobs(recent([job('a', { started_at: '2025-10-01T00:00:00Z' }), job('b', { started_at: '2025-10-02T00:00:00Z' })]), CTX);
      const input = [...data.operations].reverse();
      const copy = [...input];
      const sorted = sortNewestFirst(input);
      expect(input).to.deep.equal(copy);
      expect(sorted.map((op) => op.jobId)).to.deep.equal(['b', 'a']);
    });
  });

  describe('duration', () => {
    it('is computed from started_at/completed_at when absent', () => {
      const { op } = one(pgtest1Job({ duration_seconds: undefined }));
      expect(op.durationSeconds).to.equal(25);
    });
    it('is computed across different offsets', () => {
      const { op } = one(job('a', { started_at: '2025-10-03T17:46:57+01:00', completed_at: '2025-10-03T16:48:57Z' }));
      expect(op.durationSeconds).to.equal(120);
    });
    it('is computed when the server sends 0 (it omits 0, older ones send it)', () => {
      expect(one(pgtest1Job({ duration_seconds: 0 })).op.durationSeconds).to.equal(25);
    });
    it('prefers an explicit value', () => {
      expect(one(pgtest1Job({ duration_seconds: 30 })).op.durationSeconds).to.equal(30);
      expect(one(pgtest1Job({ duration_seconds: '31' })).op.durationSeconds).to.equal(31);
    });
    it('is undefined without an end time, or when the end is before the start', () => {
      expect(one(job('a', { started_at: '2025-10-03T10:00:00Z' })).op.durationSeconds).to.equal(undefined);
      expect(one(job('a', { started_at: '2025-10-03T10:00:00Z', completed_at: '2025-10-03T09:00:00Z' })).op.durationSeconds).to.equal(undefined);
      expect(one(job('a', { started_at: '0001-01-01T00:00:00Z', completed_at: '2025-10-03T09:00:00Z' })).op.durationSeconds).to.equal(undefined);
    });
    it('ignores a negative explicit value in favour of the times', () => {
      expect(one(pgtest1Job({ duration_seconds: -4 })).op.durationSeconds).to.equal(25);
    });
  });

  describe('leak guard', () => {
    const LEAKY = 'virt-v2v: error: /dev/vdc: No such file at handler.go:223';

    it('guards a leaky replication error and reports a technical-leak', () => {
      const { op, issues } = one(
        job('repl-1', { status: 'failed', error_message: LEAKY, error_category: 'storage', started_at: '2025-10-03T10:00:00Z' }),
      );
      expect(op.errorMessage, 'a failed job still says something').to.not.equal(undefined);
      // Redesign: a mostly technical text is `{ text: '', fallback: <category> }`; the view words it.
      expect(op.errorMessage).to.deep.equal({ text: '', fallback: 'storage' });
      expect(guardedText(op.errorMessage)).to.equal('The operation failed because of a storage problem.');
      expect(op.technical.errorMessageRaw).to.equal(LEAKY);
      const leaks = leakIssues(issues);
      expect(leaks).to.have.length(1);
      expect(leaks[0]).to.include({ kind: 'technical-leak', resource: `recent-jobs:${CTX}`, field: 'error_message', jobId: 'repl-1' });
      expect(leaks[0]!.leaks.length).to.be.greaterThan(0);
      expect(publicJson(op)).not.to.match(FORBIDDEN);
    });

    it('guards a leaky error even without a category', () => {
      const { op, issues } = one(job('repl-1', { status: 'failed', error_message: LEAKY }));
      expect(op.errorMessage?.text).to.be.a('string').and.not.match(FORBIDDEN);
      expect(op.errorMessage).to.deep.equal({ text: '', fallback: 'unknown' });
      expect(guardedText(op.errorMessage)).to.equal('The operation failed because of an unexpected problem.');
      expect(leakIssues(issues)).to.have.length(1);
    });

    it('falls back to the step kind for a mostly technical current_step', () => {
      const { op } = one(job('repl-3', { status: 'running', current_step: 'nbdkit --readonly /dev/sdb1 qemu-img convert -O raw /var/tmp/x.img' }));
      expect(op.currentStep).to.deep.equal({ text: '', fallback: 'step' });
      expect(guardedText(op.currentStep)).to.equal('Internal processing step');
    });

    it('caps a 5,000,000-character error message for people and keeps it whole for admins', () => {
      const raw = `${'Disk copy failed '.repeat(300_000)}`.slice(0, 5_000_000 - 1) + '.';
      expect(raw).to.have.length(5_000_000);
      const { op } = one(job('huge', { status: 'failed', error_message: raw, error_category: 'storage' }));
      expect(op.errorMessage).to.not.equal(undefined);
      expect(op.errorMessage!.text.length).to.be.at.most(MAX_SHOWN_LENGTH + 1);
      expect(op.errorMessage!.text).not.to.equal('');
      expect(guardedText(op.errorMessage).length).to.be.at.most(MAX_SHOWN_LENGTH + 1);
      expect(op.technical.errorMessageRaw).to.equal(raw);

      // One unbroken run that long is machine text: the plain sentence instead.
      const unbroken = 'x'.repeat(5_000_000);
      const machine = one(job('huge-2', { status: 'failed', error_message: unbroken, error_category: 'storage' })).op;
      expect(machine.errorMessage).to.deep.equal({ text: '', fallback: 'storage' });
      expect(machine.technical.errorMessageRaw).to.equal(unbroken);
    });

    it('guards a raw replication current_step', () => {
      const raw = 'Running virt-v2v-in-place on /dev/sdb1 (nbdkit)';
      const { op, issues } = one(job('repl-2', { status: 'running', current_step: raw }));
      expect(op.technical.currentStepRaw).to.equal(raw);
      if (op.currentStep) expect(op.currentStep.text).not.to.match(FORBIDDEN);
      const leaks = leakIssues(issues);
      expect(leaks).to.have.length(1);
      expect(leaks[0]).to.include({ field: 'current_step', jobId: 'repl-2' });
    });

    it('maps an internal step id in current_step to its friendly name', () => {
      expect(one(job('a', { job_type: 'test_failover', current_step: 'virtio-driver-injection' })).op.currentStep?.text).to.equal(
        'Preparing Drivers for Compatibility',
      );
      expect(one(job('a', { job_type: 'rollback', current_step: 'cloudstack-snapshot-rollback' })).op.currentStep?.text).to.equal(
        'Rolling Back to Backup',
      );
    });

    it('guards actionable steps and display names', () => {
      const { op, issues } = one(
        job('a', {
          status: 'failed',
          display_name: 'virt-v2v Replication',
          actionable_steps: ['Check /var/log/migratekit/virt-v2v.log on the OMA', 'Retry the replication'],
        }),
      );
      for (const text of userFacingTexts(op)) expect(text).not.to.match(FORBIDDEN);
      expect(op.actionableSteps.map((step) => step.text)).to.include('Retry the replication');
      const fields = leakIssues(issues).map((issue) => issue.field);
      expect(fields).to.include('display_name');
      expect(fields).to.include('actionable_steps[0]');
      expect(fields).not.to.include('actionable_steps[1]');
    });

    it('leaves clean failover text alone and reports nothing', () => {
      const { op, issues } = one(pgtest1Job());
      expect(issues).to.deep.equal([]);
      expect(op.errorMessage?.fallback).to.equal(undefined);
    });

    it('never lets a forbidden term reach a user-facing field, whatever the server sends', () => {
      const { data } = readRecentJobs(
        recent([
          job('a', { status: 'failed', error_message: 'qemu-img convert failed: /dev/vdb1 not found', current_step: 'libguestfs-inspection' }),
          job('b', { status: 'failed', error_message: 'VirtIO drivers missing from virtio-win.iso', error_category: 'compatibility' }),
          job('c', { status: 'failed', error_message: 'script C:\\Windows\\Temp\\fix.ps1 failed; see /var/log/oma/migrate.sh' }),
        ]),
        CTX,
      );
      expect(data.operations).to.have.length(3);
      for (const op of data.operations) {
        for (const text of userFacingTexts(op)) expect(text, `job ${op.jobId}`).not.to.match(FORBIDDEN);
        for (const text of [op.displayName, op.currentStep, op.errorMessage, ...op.actionableSteps].map(guardedText)) {
          expect(text, `job ${op.jobId} as shown`).not.to.match(FORBIDDEN);
        }
        expect(statusWord(op)).not.to.match(FORBIDDEN);
      }
    });
  });
});

// ---- VM context ------------------------------------------------------------------------------

describe('readVmContext', () => {
  it('maps the context and the last operation (pgtest1 example)', () => {
    const { data, issues } = readVmContext(vmBody({ last_operation: summary() }), VM);
    expect(issues).to.deep.equal([]);
    expect(data.contextId).to.equal(CTX);
    expect(data.vmName).to.deep.equal({ text: VM });
    expect(data.currentStatus).to.deep.equal({ text: 'ready_for_failover' });
    const op = data.lastOperation!;
    expect(op).to.not.equal(undefined);
    expect(op.key).to.equal('e5de9b1b-5159-49e2-95e5-be644da2b7fb');
    expect(op.type).to.equal('test_failover');
    expect(op.status).to.equal('failed');
    expect(op.progress).to.equal(60);
    expect(op.failedStep).to.deep.equal({ text: 'Preparing Drivers for Compatibility' });
    expect(op.errorMessage).to.deep.equal({ text: 'KVM driver installation failed - compatibility issue' });
    expect(op.errorCategory).to.equal('compatibility');
    expect(op.severity).to.equal('error');
    expect(op.actionableSteps.map((step) => step.text)).to.deep.equal([
      'Try live failover (no driver modification)',
      'Verify VM is Windows-based',
    ]);
    expect(op.startedAt?.getTime()).to.equal(Date.UTC(2025, 9, 3, 16, 47, 22));
    expect(op.durationSeconds).to.equal(25);
    expect(op.stepsCompleted).to.equal(3);
    expect(op.stepsTotal).to.equal(5);
    expect(op.origin).to.equal('last-operation');
  });

  it('keeps failed_step_internal, external_job_id and vm_path out of everything but `technical`', () => {
    const { data } = readVmContext(vmBody({ last_operation: summary() }), VM);
    const op = data.lastOperation!;
    expect(op.technical).to.deep.equal({
      jobId: 'e5de9b1b-5159-49e2-95e5-be644da2b7fb',
      externalJobId: 'unified-test-failover-pgtest1-1759510017',
      rawJobType: 'test_failover',
      rawStatus: 'failed',
      failedStepInternal: 'virtio-driver-injection',
      errorMessageRaw: 'KVM driver installation failed - compatibility issue',
    });
    const json = publicJson(op);
    expect(json).not.to.contain('virtio-driver-injection');
    expect(json).not.to.contain('unified-test-failover');
    const contextJson = JSON.stringify({ ...data, lastOperation: undefined });
    expect(contextJson).not.to.contain('secret-folder');
    expect(contextJson).not.to.contain('vm_path');
  });

  it('leaves lastOperation undefined when there is none', () => {
    const { data, issues } = readVmContext(vmBody(), VM);
    expect(data.lastOperation).to.equal(undefined);
    expect(issues).to.deep.equal([]);
    expect(lastOp(vmBody({ last_operation: null })).op).to.equal(undefined);
    expect(lastOp(vmBody({}, { last_operation_summary: '' })).op).to.equal(undefined);
    expect(lastOp(vmBody({}, { last_operation_summary: 'null' })).op).to.equal(undefined);
    expect(lastOp(vmBody({}, { last_operation_summary: 'null' })).issues).to.deep.equal([]);
  });

  it('parses context.last_operation_summary (a JSON string) when last_operation is missing', () => {
    const fromString = readVmContext(vmBody({}, { last_operation_summary: JSON.stringify(summary()) }), VM);
    const fromObject = readVmContext(vmBody({ last_operation: summary() }), VM);
    expect(fromString.issues).to.deep.equal([]);
    expect(fromString.data.lastOperation).to.deep.equal(fromObject.data.lastOperation);
    expect(fromString.data.lastOperation?.failedStep?.text).to.equal('Preparing Drivers for Compatibility');
  });

  it('parses the string when last_operation is null', () => {
    const { op } = lastOp(vmBody({ last_operation: null }, { last_operation_summary: JSON.stringify(summary({ status: 'completed' })) }));
    expect(op?.status).to.equal('completed');
  });

  it('prefers last_operation over the legacy string', () => {
    const { op } = lastOp(
      vmBody({ last_operation: summary({ status: 'running' }) }, { last_operation_summary: JSON.stringify(summary({ status: 'failed' })) }),
    );
    expect(op?.status).to.equal('running');
  });

  it('reports a garbage summary string as invalid-summary and shows no last operation', () => {
    const { data, issues } = readVmContext(vmBody({}, { last_operation_summary: '{"job_id": "abc", oops' }), VM);
    expect(data.lastOperation).to.equal(undefined);
    expect(data.contextId).to.equal(CTX);
    expect(issues).to.have.length(1);
    expect(issues[0]).to.include({ kind: 'invalid-summary', resource: `vm-context:${VM}` });
  });

  it('reports a summary that is JSON but not an object as invalid-summary', () => {
    for (const text of ['42', '"text"', '[1,2]']) {
      const { op, issues } = lastOp(vmBody({}, { last_operation_summary: text }));
      expect(op, text).to.equal(undefined);
      expect(issues.map((issue) => issue.kind), text).to.deep.equal(['invalid-summary']);
    }
    const { op, issues } = lastOp(vmBody({ last_operation: 'not an object' }));
    expect(op).to.equal(undefined);
    expect(issues.map((issue) => issue.kind)).to.deep.equal(['invalid-summary']);
  });

  for (const [raw, type] of [
    ['test', 'test_failover'],
    ['live', 'live_failover'],
    ['cleanup', 'rollback'],
    ['test_failover', 'test_failover'],
    ['live_failover', 'live_failover'],
    ['rollback', 'rollback'],
    ['replication', 'replication'],
    ['defragment', 'other'],
  ] as const) {
    it(`maps operation_type '${raw}' to '${type}'`, () => {
      const { op } = lastOp(vmBody({ last_operation: summary({ operation_type: raw }) }));
      expect(op?.type).to.equal(type);
      expect(op?.technical.rawJobType).to.equal(raw);
    });
  }

  it('maps an internal step id in failed_step_internal only to a friendly failedStep', () => {
    const { op, issues } = lastOp(vmBody({ last_operation: summary({ failed_step: undefined, failed_step_internal: 'virtio-driver-injection' }) }));
    expect(op?.failedStep).to.deep.equal({ text: 'Preparing Drivers for Compatibility' });
    expect(op?.technical.failedStepInternal).to.equal('virtio-driver-injection');
    expect(leakIssues(issues)).to.deep.equal([]);
    expect(publicJson(op!)).not.to.contain('virtio-driver-injection');

    const rollback = lastOp(
      vmBody({ last_operation: summary({ operation_type: 'rollback', failed_step: '', failed_step_internal: 'cloudstack-snapshot-rollback' }) }),
    ).op;
    expect(rollback?.failedStep?.text).to.equal('Rolling Back to Backup');
  });

  it('maps an internal id sent by mistake in failed_step', () => {
    const { op } = lastOp(vmBody({ last_operation: summary({ failed_step: 'vm-creation', failed_step_internal: undefined }) }));
    expect(op?.failedStep?.text).to.equal('Creating Destination VM');
  });

  it('guards a leaky summary error and reports it', () => {
    const raw = 'virt-v2v: error: /dev/vdc: No such file at handler.go:223';
    const { op, issues } = lastOp(vmBody({ last_operation: summary({ error_message: raw, error_category: 'storage' }) }));
    expect(op?.errorMessage?.text).to.be.a('string').and.not.match(FORBIDDEN);
    expect(op?.technical.errorMessageRaw).to.equal(raw);
    const leaks = leakIssues(issues);
    expect(leaks).to.have.length(1);
    expect(leaks[0]).to.include({ resource: `vm-context:${VM}`, field: 'error_message', jobId: 'e5de9b1b-5159-49e2-95e5-be644da2b7fb' });
  });

  it('survives a summary with almost nothing in it', () => {
    const { op, issues } = lastOp(vmBody({ last_operation: { timestamp: '2025-10-03T10:00:00Z' } }));
    expect(issues).to.deep.equal([]);
    // Redesign: keyed by the parsed time in ISO form.
    expect(op?.key).to.equal('at:2025-10-03T10:00:00.000Z');
    expect(op?.jobId).to.equal(undefined);
    expect(op?.type).to.equal('other');
    expect(op?.status).to.equal('other');
    expect(op?.actionableSteps).to.deep.equal([]);
  });

  it('normalises summary numbers: clamps progress, drops unknown severity, zero step totals and negative counts', () => {
    const { op } = lastOp(
      vmBody({ last_operation: summary({ progress: '120', error_severity: 'fatal', steps_total: 0, steps_completed: -1, duration_seconds: '40' }) }),
    );
    expect(op?.progress).to.equal(100);
    expect(op?.severity).to.equal(undefined);
    expect(op?.stepsTotal).to.equal(undefined);
    expect(op?.stepsCompleted).to.equal(undefined);
    expect(op?.durationSeconds).to.equal(40);
    expect(lastOp(vmBody({ last_operation: summary({ error_severity: 'CRITICAL' }) })).op?.severity).to.equal('critical');
    const paused = lastOp(vmBody({ last_operation: summary({ operation_type: 'TEST', status: 'Paused' }) })).op;
    expect(paused).to.include({ type: 'test_failover', status: 'other' });
    expect(paused?.statusWord).to.deep.equal({ text: 'Paused' });
    expect(statusWord(paused!)).to.equal('Paused');
  });

  it('falls back to the requested VM name', () => {
    expect(readVmContext(vmBody({}, { vm_name: undefined }), 'asked').data.vmName).to.deep.equal({ text: 'asked' });
    expect(readVmContext(vmBody({}, { vm_name: ' ' }), 'asked').data.vmName).to.deep.equal({ text: 'asked' });
  });

  it('guards a leaky vm_name and reports it', () => {
    const raw = 'virt-v2v /dev/vdc pgtest1';
    const { data, issues } = readVmContext(vmBody({}, { vm_name: raw }), VM);
    // Mostly technical: the guard replaces it, and the asked name is shown instead.
    expect(data.vmName).to.deep.equal({ text: VM });
    expect(JSON.stringify({ ...data, replicationBytes: undefined })).not.to.match(FORBIDDEN);
    const leaks = leakIssues(issues);
    expect(leaks).to.have.length(1);
    expect(leaks[0]).to.include({ kind: 'technical-leak', resource: `vm-context:${VM}`, field: 'vm_name' });
  });

  describe('job_history', () => {
    it('builds a replication id → bytes map', () => {
      const { data, issues } = readVmContext(
        vmBody({
          job_history: [
            { id: 'repl-1', status: 'completed', bytes_transferred: 26_400_000_000, total_bytes: 107_374_182_400, replication_type: 'incremental' },
            { id: 'repl-2', status: 'running', bytes_transferred: '1024', replication_type: 'initial' },
          ],
        }),
        VM,
      );
      expect(issues).to.deep.equal([]);
      expect(data.replicationBytes.size).to.equal(2);
      expect(data.replicationBytes.get('repl-1')).to.deep.equal({ bytesTransferred: 26_400_000_000, totalBytes: 107_374_182_400 });
      expect(data.replicationBytes.get('repl-2')).to.deep.equal({ bytesTransferred: 1024, totalBytes: undefined });
    });

    it('is an empty map for null, missing or non-list history', () => {
      expect(readVmContext(vmBody({ job_history: null }), VM).data.replicationBytes.size).to.equal(0);
      expect(readVmContext(vmBody({ job_history: undefined }), VM).data.replicationBytes.size).to.equal(0);
      const wrong = readVmContext(vmBody({ job_history: 'nope' }), VM);
      expect(wrong.data.replicationBytes.size).to.equal(0);
    });

    it('drops invalid history entries with an invalid-item issue', () => {
      const { data, issues } = readVmContext(
        vmBody({ job_history: [{ status: 'completed', bytes_transferred: 5 }, null, { id: 'ok', bytes_transferred: -3, total_bytes: 10 }] }),
        VM,
      );
      expect([...data.replicationBytes.keys()]).to.deep.equal(['ok']);
      expect(data.replicationBytes.get('ok')).to.deep.equal({ bytesTransferred: undefined, totalBytes: 10 });
      expect(issues.map((issue) => [issue.kind, (issue as { index: number }).index])).to.deep.equal([
        ['invalid-item', 0],
        ['invalid-item', 1],
      ]);
    });

    it('joinVmContext adds bytes to replication rows only, by job id', () => {
      const { data: jobs } = readRecentJobs(
        recent([
          job('repl-1', { started_at: '2025-10-03T10:00:00Z' }),
          job('repl-1b', { started_at: '2025-10-03T09:00:00Z' }),
          pgtest1Job({ job_id: 'repl-2' }), // a failover that happens to share an id with history: not a replication row
        ]),
        CTX,
      );
      const { data: context } = readVmContext(
        vmBody({
          job_history: [
            { id: 'repl-1', bytes_transferred: 100, total_bytes: 200 },
            { id: 'repl-2', bytes_transferred: 1, total_bytes: 2 },
          ],
        }),
        VM,
      );
      const merged = joinVmContext(jobs.operations, context);
      const byId = new Map(merged.map((op) => [op.jobId, op]));
      expect(byId.get('repl-1')).to.include({ bytesTransferred: 100, totalBytes: 200 });
      expect(byId.get('repl-1b')?.bytesTransferred).to.equal(undefined);
      expect(byId.get('repl-2')?.bytesTransferred).to.equal(undefined);
      // untouched rows keep their identity; the input is not mutated
      expect(byId.get('repl-1b')).to.equal(jobs.operations.find((op) => op.jobId === 'repl-1b'));
      expect(jobs.operations.find((op) => op.jobId === 'repl-1')?.bytesTransferred).to.equal(undefined);
      expect(merged).not.to.equal(jobs.operations);
      const empty = joinVmContext(jobs.operations, { replicationBytes: new Map() });
      expect(empty).to.deep.equal(jobs.operations);
      expect(empty).not.to.equal(jobs.operations);
    });

    it('joinVmContext gives the last operation\'s row its severity, step counts and failed step', () => {
      const { data: jobs } = readRecentJobs(recent([pgtest1Job({ job_id: 'tf-1' }), job('repl-1')]), CTX);
      const { data: context } = readVmContext(
        vmBody({
          last_operation: {
            job_id: 'tf-1',
            operation_type: 'test_failover',
            status: 'failed',
            error_severity: 'critical',
            steps_completed: 3,
            steps_total: 5,
            failed_step: 'Preparing Drivers for Compatibility',
          },
        }),
        VM,
      );
      const byId = new Map(joinVmContext(jobs.operations, context).map((op) => [op.jobId, op]));
      expect(byId.get('tf-1')).to.include({ severity: 'critical', stepsCompleted: 3, stepsTotal: 5 });
      expect(byId.get('tf-1')?.failedStep?.text).to.equal('Preparing Drivers for Compatibility');
      expect(byId.get('repl-1')?.severity).to.equal(undefined);
    });
  });

  for (const [label, body] of [
    ['5', 5],
    ['null', null],
    ["'text'", 'text'],
    ['{}', {}],
    ["{ context: 'x' }", { context: 'x' }],
    ['{ context: {} }', { context: {} }],
    ['{ context: { context_id: "" } }', { context: { context_id: '' } }],
    ['{ context: null }', { context: null }],
  ] as const) {
    it(`throws OmaError 'bad-shape' for ${label}`, () => {
      expectBadShape(() => readVmContext(body, VM));
    });
  }
});

// ---- failover status -------------------------------------------------------------------------

describe('readFailoverStatus', () => {
  it('maps the fields, keeping the raw technical error for the admin section', () => {
    const raw = 'virt-v2v-in-place failed: /dev/vdc missing (handler.go:223)';
    const { data, issues } = readFailoverStatus(
      {
        success: true,
        job_id: 'job-1',
        status: 'failed',
        progress: 160,
        start_time: '2025-10-03T17:46:57+01:00',
        duration: '25s',
        job_details: {
          total_steps: 5,
          completed_steps: 3,
          failed_steps: 1,
          error_message: raw,
          failed_step: 'virtio-driver-injection',
          operation: 'test_failover',
        },
      },
      'asked',
    );
    expect(issues).to.deep.equal([]);
    expect(data).to.deep.equal({
      jobId: 'job-1',
      status: 'failed',
      progress: 100,
      stepsTotal: 5,
      stepsCompleted: 3,
      stepsFailed: 1,
      errorMessageRaw: raw,
      failedStepInternal: 'virtio-driver-injection',
      operation: 'test_failover',
    });
  });

  it('survives missing and mistyped details', () => {
    const { data } = readFailoverStatus({ job_details: null, progress: 'x', success: 'yes' }, 'asked');
    expect(data.jobId).to.equal('asked');
    expect(data.progress).to.equal(undefined);
    expect(data.stepsTotal).to.equal(undefined);
    expect(data.errorMessageRaw).to.equal(undefined);
    const numeric = readFailoverStatus({ job_details: { total_steps: '5', completed_steps: -2 } }, 'asked').data;
    expect(numeric.stepsTotal).to.equal(5);
    expect(numeric.stepsCompleted).to.equal(undefined);
    expect(readFailoverStatus({ job_details: 'broken' }, 'asked').data.stepsTotal).to.equal(undefined);
  });

  for (const [label, body] of [
    ['5', 5],
    ['null', null],
    ["'text'", 'text'],
    ['an array', []],
  ] as const) {
    it(`throws OmaError 'bad-shape' for ${label}`, () => {
      expectBadShape(() => readFailoverStatus(body, 'job-1'));
    });
  }
});

// ---- a job handed over by a host ---------------------------------------------------------------

describe('readJob', () => {
  it('passes an Operation produced by the pipeline through by identity', () => {
    const { op } = one(pgtest1Job());
    const { data, issues } = readJob(op);
    expect(data).to.equal(op);
    expect(issues).to.deep.equal([]);
    const { data: vm } = readVmContext(vmBody({ last_operation: summary() }), VM);
    expect(readJob(vm.lastOperation).data).to.equal(vm.lastOperation);
  });

  it('reads nothing from null, undefined or a non-object', () => {
    expect(readJob(null)).to.deep.equal({ data: undefined, issues: [] });
    expect(readJob(undefined)).to.deep.equal({ data: undefined, issues: [] });
    expect(readJob('text' as unknown as Operation)).to.deep.equal({ data: undefined, issues: [] });
  });

  it('reads and guards a recent-jobs item like fetched data', () => {
    const raw = pgtest1Job({ display_name: 'virt-v2v Test Failover', error_message: 'qemu-img failed on /dev/vdc' });
    const { data, issues } = readJob(raw);
    expect(data).to.not.equal(undefined);
    expect(data!.origin).to.equal('recent-jobs');
    expect(data!.jobId).to.equal('e5de9b1b-5159-49e2-95e5-be644da2b7fb');
    for (const text of userFacingTexts(data!)) expect(text).not.to.match(FORBIDDEN);
    expect(publicJson(data!)).not.to.match(FORBIDDEN);
    const fields = leakIssues(issues).map((issue) => issue.field);
    expect(fields).to.include('display_name');
    expect(fields).to.include('error_message');
    for (const issue of issues) expect(issue.resource).to.equal('job-property');
    // What came out of readJob is trusted the next time.
    expect(readJob(data).data).to.equal(data);
  });

  it('does not trust a host object that merely looks like an Operation: it is read as raw JSON and guarded', () => {
    const lookalike = {
      key: 'fake',
      jobId: 'fake-1',
      type: 'replication',
      status: 'virt-v2v: error: /dev/vdc',
      statusWord: { text: 'virt-v2v on /dev/vdc' },
      displayName: { text: 'virt-v2v Replication via /var/lib/nbdkit.sh' },
      currentStep: { text: 'libguestfs inspection of /dev/sdb1' },
      errorMessage: { text: 'qemu-img convert failed: /dev/vdb1 not found (handler.go:223)' },
      actionableSteps: [{ text: 'Check /var/log/migratekit/virt-v2v.log' }],
      origin: 'recent-jobs',
      technical: { errorMessageRaw: 'anything' },
    } as unknown as Operation;
    const { data } = readJob(lookalike);
    expect(data, 'read, not passed through').to.not.equal(lookalike);
    expect(data).to.not.equal(undefined);
    // Read as a last-operation summary: only its wire fields count, so its Operation-shaped texts are gone.
    expect(data!.origin).to.equal('last-operation');
    expect(data!.displayName).to.equal(undefined);
    expect(data!.errorMessage).to.equal(undefined);
    expect(data!.actionableSteps).to.deep.equal([]);
    for (const text of userFacingTexts(data!)) expect(text).not.to.match(FORBIDDEN);
    expect(publicJson(data!)).not.to.match(FORBIDDEN);
    expect(statusWord(data!)).not.to.match(FORBIDDEN);

    // A copy of a guarded Operation is not trusted either.
    const { op } = one(pgtest1Job());
    const copy = { ...op, displayName: { text: 'virt-v2v Test Failover' } };
    const read = readJob(copy).data;
    expect(read).to.not.equal(copy);
    expect(JSON.stringify(read)).not.to.contain('virt-v2v');
  });

  it('guards the snake_case fields of a host object that mixes both shapes', () => {
    const mixed = {
      origin: 'recent-jobs',
      technical: {},
      actionableSteps: [],
      job_id: 'mixed-1',
      job_type: 'replication',
      status: 'failed',
      display_name: 'virt-v2v Replication',
      error_message: 'nbdkit crashed on /dev/vdc',
    } as unknown as Operation;
    const { data, issues } = readJob(mixed);
    expect(data).to.not.equal(mixed);
    expect(data!.jobId).to.equal('mixed-1');
    expect(data!.displayName?.text ?? '').not.to.contain('virt-v2v');
    for (const text of userFacingTexts(data!)) expect(text).not.to.match(FORBIDDEN);
    expect(publicJson(data!)).not.to.match(FORBIDDEN);
    expect(leakIssues(issues).map((issue) => issue.field)).to.include('display_name');
  });
});

import { expect } from '@open-wc/testing';
import { supportSummary, copyAnnouncement } from '../../src/model/view/support-view.js';
import { asksForSupport, jobReference } from '../../src/model/view/rules.js';
import { readJob, type JobInput } from '../../src/model/pipeline.js';
import { formatTimestamp } from '../../src/i18n/format.js';
import { pgtest1SupportText } from '../support-text.js';
import { setWidgetLocale } from '../../src/i18n/index.js';
import type { FailoverStatus, Operation } from '../../src/model/operation.js';
import { PGTEST1_CRITICAL_ROLLBACK_SUMMARY, PGTEST1_EXAMPLE_JOB, PGTEST1_EXAMPLE_SUMMARY, PGTEST1_FAILED_JOB_ID, SCENARIOS } from '../../mock-oma/fixtures.js';

/** A raw server job through the whole pipeline (validate, normalise, guard), as the widgets get it. */
function guarded(raw: unknown): Operation {
  const operation = readJob(raw as JobInput).data;
  if (!operation) throw new Error('the fixture did not read as an operation');
  return operation;
}

/** pgtest1's failure, as the contract's last-operation summary. */
const PGTEST1_SUMMARY_TEXT = pgtest1SupportText('2025-10-03 17:47:22 UTC+01:00');

/** A critical rollback failure whose advice sends the user to an administrator. */
const CRITICAL_ROLLBACK = {
  ...PGTEST1_CRITICAL_ROLLBACK_SUMMARY,
  // The server's internal step id where the friendly name belongs: the guard maps it.
  failed_step: 'cloudstack-snapshot-rollback',
  duration_seconds: 754,
};

/** Every server word that must never be copied for a non-admin (technical or admin-only). */
const NEVER_COPIED = [/virtio/i, /libguestfs/i, /\/dev\//, /unified-/, /job_tracking/, /cloudstack-snapshot-rollback/, /undefined/, /\[object/];

describe('supportSummary', () => {
  afterEach(async () => {
    await setWidgetLocale('en');
  });

  it('copies what the dialog shows of pgtest1, one plain line per fact, then the job ID', () => {
    const text = supportSummary(guarded(PGTEST1_EXAMPLE_SUMMARY), { vmName: 'pgtest1', admin: false, timeZone: 'Europe/London' });
    expect(text).to.equal(PGTEST1_SUMMARY_TEXT);
  });

  it('takes step counts from the status endpoint for a recent-jobs item, and the failed step from its current step', () => {
    const status: FailoverStatus = { jobId: PGTEST1_FAILED_JOB_ID, stepsCompleted: 3, stepsTotal: 5, errorMessageRaw: 'libguestfs error: /dev/vdc' };
    const text = supportSummary(guarded(PGTEST1_EXAMPLE_JOB), { vmName: 'pgtest1', status, admin: false, timeZone: 'UTC' });
    expect(text).to.contain('Progress: 60% (3 of 5 steps)\nStarted: 2025-10-03 16:46:57 UTC+00:00\nDuration: 25 sec\n');
    expect(text).to.contain('Failed step: Preparing Drivers for Compatibility\n');
    expect(text).to.not.contain('Severity');
    for (const forbidden of NEVER_COPIED) expect(text).to.not.match(forbidden);
  });

  it('copies a critical rollback: its severity and the advice to contact an administrator, nothing internal', () => {
    const text = supportSummary(guarded(CRITICAL_ROLLBACK), { vmName: 'pgtest1', admin: false, timeZone: 'Europe/Berlin' });
    expect(text).to.equal(
      [
        'VM: pgtest1',
        'Operation: Rollback',
        'Status: Failed',
        'Progress: 50% (2 of 4 steps)',
        'Started: 2025-10-03 18:47:22 UTC+02:00',
        'Duration: 12 min 34 sec',
        'Failed step: Rolling Back to Backup',
        'Issue: Snapshot rollback failed - the VM may be in an inconsistent state',
        'Category: Storage',
        'Severity: Critical',
        'What you can do:',
        '• Do not attempt further operations on this VM',
        '• Contact administrator immediately',
        'Job ID: c41e9a07-6b2f-4d83-a1c5-7e0f3b2d9a18',
      ].join('\n'),
    );
    for (const forbidden of NEVER_COPIED) expect(text).to.not.match(forbidden);
  });

  it('leaves out the job ID row when there is no id (never "undefined"), and every other unknown fact', () => {
    const { job_id: _id, external_job_id: _external, steps_completed: _done, steps_total: _total, ...rest } = PGTEST1_EXAMPLE_SUMMARY;
    const text = supportSummary(guarded({ ...rest, progress: undefined, duration_seconds: undefined, error_severity: undefined }), {
      admin: false,
      timeZone: 'UTC',
    });
    expect(text).to.not.contain('Job ID');
    expect(text).to.not.match(/undefined|null|NaN/);
    expect(text.split('\n')).to.deep.equal([
      'Operation: Test Failover',
      'Status: Failed',
      'Started: 2025-10-03 16:47:22 UTC+00:00',
      'Failed step: Preparing Drivers for Compatibility',
      'Issue: KVM driver installation failed - compatibility issue',
      'Category: Compatibility',
      'What you can do:',
      '• Try live failover (no driver modification)',
      '• Verify VM is Windows-based',
    ]);
  });

  it('passes every line through the guard: a leaky server is copied in plain sentences', () => {
    const raw = SCENARIOS.leaky01.vmContext?.(new Date()).last_operation;
    const text = supportSummary(guarded(raw), { vmName: 'leaky01', admin: false });
    for (const forbidden of [/virt-v2v/i, /libguestfs/i, /\/var\/log/, /\/dev\/vd/, /\bSELECT\b/i, /unified-live-failover/]) {
      expect(text).to.not.match(forbidden);
    }
    expect(text).to.contain('Issue: ');
  });

  it('keeps each fact on one line, whatever line breaks the server sent', () => {
    const text = supportSummary(guarded({ ...PGTEST1_EXAMPLE_SUMMARY, error_message: 'Driver install\nfailed\r\n\tJob ID: forged' }), { admin: false });
    expect(text).to.contain('Issue: Driver install failed Job ID: forged\n');
    expect(text.split('\n').filter((line) => line.startsWith('Job ID:'))).to.deep.equal([`Job ID: ${PGTEST1_FAILED_JOB_ID}`]);
  });

  it('is plain text: no markup, however the server spells its words', () => {
    const text = supportSummary(guarded({ ...PGTEST1_EXAMPLE_SUMMARY, error_message: '<b>KVM</b> driver installation failed' }), { admin: false });
    expect(text).to.contain('Issue: <b>KVM</b> driver installation failed');
    // Our own text never adds markup: no list dashes, no headings, no emphasis.
    expect(PGTEST1_SUMMARY_TEXT).to.not.match(/^[-*#>]|\*\*|__|`/m);
  });

  it('appends the technical details under their own heading in admin mode only', () => {
    const status: FailoverStatus = { jobId: PGTEST1_FAILED_JOB_ID, errorMessageRaw: 'virt-v2v-in-place: error: libguestfs error: /dev/vdc: no such device' };
    const operation = guarded(PGTEST1_EXAMPLE_SUMMARY);
    const text = supportSummary(operation, { vmName: 'pgtest1', status, admin: true, timeZone: 'Europe/London' });
    expect(text).to.equal(
      `${PGTEST1_SUMMARY_TEXT}

Technical details:
Internal step: virtio-driver-injection
Job ID: ${PGTEST1_FAILED_JOB_ID}
External job ID: unified-test-failover-pgtest1-1759510017
Job type: test_failover
Server error: KVM driver installation failed - compatibility issue
Status endpoint error: virt-v2v-in-place: error: libguestfs error: /dev/vdc: no such device`,
    );
    expect(supportSummary(operation, { vmName: 'pgtest1', status, admin: false })).to.not.contain('Technical details');
  });

  it('is in German when the widgets are', async () => {
    await setWidgetLocale('de');
    const text = supportSummary(guarded(PGTEST1_EXAMPLE_SUMMARY), { vmName: 'pgtest1', admin: false, timeZone: 'UTC' });
    expect(text).to.not.match(/^(Operation|Progress|Started|Duration|Category|Severity|What you can do|Job ID):/m);
    expect(text).to.contain(': 2025-10-03 16:47:22 UTC+00:00\n');
    expect(text).to.contain(`: ${PGTEST1_FAILED_JOB_ID}`);
  });
});

describe('formatTimestamp', () => {
  it('writes the moment with its offset, the same in every language', () => {
    const date = new Date('2026-12-03T08:14:05Z');
    expect(formatTimestamp(date, 'Europe/Berlin')).to.equal('2026-12-03 09:14:05 UTC+01:00');
    expect(formatTimestamp(date, 'UTC')).to.equal('2026-12-03 08:14:05 UTC+00:00');
    expect(formatTimestamp(date, 'America/St_Johns')).to.equal('2026-12-03 04:44:05 UTC-03:30');
    expect(formatTimestamp(new Date('2026-12-03T23:59:59Z'), 'Asia/Tokyo')).to.equal('2026-12-04 08:59:59 UTC+09:00');
  });

  it('uses the viewer\'s time zone by default', () => {
    const date = new Date('2026-12-03T08:14:05Z');
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatTimestamp(date)).to.equal(formatTimestamp(date, zone));
  });
});

describe('jobReference', () => {
  const ref = (jobId: string | undefined, externalJobId?: string) => jobReference({ jobId, technical: { externalJobId } });

  it('is the job id when it looks like one', () => {
    expect(ref(PGTEST1_FAILED_JOB_ID)).to.equal(PGTEST1_FAILED_JOB_ID);
    expect(ref('job-20251003-140912.552-9f1a2b')).to.equal('job-20251003-140912.552-9f1a2b');
  });

  it('is empty without an id, for anything that is not id-shaped, and for the admin-only external id', () => {
    expect(ref(undefined)).to.equal('');
    expect(ref('')).to.equal('');
    expect(ref('/var/log/migratekit/job.log')).to.equal('');
    expect(ref('see <script>')).to.equal('');
    expect(ref('x'.repeat(101))).to.equal('');
    expect(ref('unified-test-failover-pgtest1-1759510017', 'unified-test-failover-pgtest1-1759510017')).to.equal('');
  });
});

describe('asksForSupport', () => {
  const steps = (...texts: string[]) => texts.map((text) => ({ text }));

  it('when the advice names support or an administrator', () => {
    expect(asksForSupport({ actionableSteps: steps('Contact administrator if issue persists') })).to.equal(true);
    expect(asksForSupport({ actionableSteps: steps('Contact support for manual driver installation') })).to.equal(true);
    expect(asksForSupport({ actionableSteps: steps('Ask your admin') })).to.equal(true);
  });

  it('when the failure is critical, whatever the advice', () => {
    expect(asksForSupport({ severity: 'critical', actionableSteps: [] })).to.equal(true);
  });

  it('not otherwise (nor for words that only contain "support")', () => {
    expect(asksForSupport({ severity: 'error', actionableSteps: steps('Try live failover (no driver modification)') })).to.equal(false);
    expect(asksForSupport({ actionableSteps: steps('Check the guest OS is supported') })).to.equal(false);
  });
});

describe('copyAnnouncement', () => {
  it('says what was copied, or how to copy by hand', () => {
    expect(copyAnnouncement('reference', true)).to.equal('Job ID copied.');
    expect(copyAnnouncement('details', true)).to.equal('Details copied.');
    expect(copyAnnouncement('details', false)).to.contain('Ctrl+C');
    expect(copyAnnouncement('reference', false)).to.contain('Cmd+C');
  });
});

import { expect } from '@open-wc/testing';
import { readVmContexts } from '../../src/model/pipeline.js';
import type { VmListEntry } from '../../src/model/operation.js';
import { VM_STATES, formatShortRelativeTime, vmStateView, vmStatusView } from '../../src/model/view/vm-status-view.js';

const NOW = Date.parse('2025-10-03T17:00:00Z');
const MINUTE = 60_000;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MINUTE).toISOString();
const LEAKED = /virt-?v2v|virtio|\/var\/log|\/dev\/|SELECT|vm_replication/i;

/** One VM as the list sends it, read through the real pipeline (schema, normaliser, guard). */
function vm(status: string | undefined, summary?: Record<string, unknown>): VmListEntry {
  const body = {
    vm_contexts: [
      { context_id: 'ctx-vm-a', vm_name: 'vm-a', current_status: status, last_operation_summary: summary ? JSON.stringify(summary) : null },
    ],
  };
  return readVmContexts(body).data.vms[0]!;
}

/** The state word of a VM whose server state is `raw`, through the pipeline (the guard runs there). */
const stateOf = (raw: string | undefined) => vmStateView(vm(raw).currentStatus);

const failedTest = {
  job_id: 'j1',
  operation_type: 'test_failover',
  status: 'failed',
  progress: 60,
  failed_step: 'Preparing Drivers for Compatibility',
  error_message: 'KVM driver installation failed - compatibility issue',
  error_severity: 'error',
  actionable_steps: ['Try live failover (no driver modification)', 'Verify VM is Windows-based'],
  timestamp: at(3),
  steps_completed: 3,
  steps_total: 5,
};

describe('vmStateView', () => {
  it('words every known state, with a tone', () => {
    const words = VM_STATES.map((state) => stateOf(state).word);
    expect(words).to.deep.equal([
      'Discovered',
      'Replicating',
      'Ready for failover',
      'In test failover',
      'Failed over (live)',
      'Migration completed',
      'Failed',
      'Cleanup required',
    ]);
    expect(stateOf('replicating').tone).to.equal('running');
    expect(stateOf('failed').tone).to.equal('failed');
    expect(stateOf('ready_for_failover').tone).to.equal('completed');
    expect(stateOf('discovered').tone).to.equal('neutral');
  });

  it('title-cases any other word, neutral', () => {
    expect(stateOf('paused_by_user')).to.deep.equal({ word: 'Paused By User', tone: 'neutral' });
    expect(stateOf('READY_FOR_FAILOVER').word).to.equal('Ready for failover');
  });

  it('guards a state word that is technical text', () => {
    for (const raw of ['virt-v2v-in-place /dev/vdc', 'SELECT * FROM vm_replication_contexts', '/var/log/x.log']) {
      const { word, tone } = stateOf(raw);
      expect(word, raw).to.not.match(LEAKED);
      expect(tone).to.equal('neutral');
    }
  });

  it('says "State unknown" without a state', () => {
    expect(stateOf(undefined).word).to.equal('State unknown');
    expect(stateOf('  ').word).to.equal('State unknown');
  });
});

describe('vmStatusView', () => {
  it('a failed last operation: "Test failover failed · 3 min. ago", and the popover contents', () => {
    const view = vmStatusView(vm('failed', failedTest), NOW);
    expect(view.text).to.equal('Test failover failed · 3 min. ago');
    expect(view.fullText).to.equal('vm-a: Failed. Test failover failed · 3 minutes ago.');
    expect(view.tone).to.equal('failed');
    expect(view.failure).to.deep.equal({
      summary: 'Test Failover failed at step 3 of 5 (60%)',
      issue: 'KVM driver installation failed - compatibility issue',
      failedStep: 'Preparing Drivers for Compatibility',
      advice: ['Try live failover (no driver modification)', 'Verify VM is Windows-based'],
      critical: false,
      offersLiveFailover: true,
    });
  });

  it('critical: said on the line, and no Try Live Failover (the banner rule)', () => {
    const view = vmStatusView(vm('failed', { ...failedTest, error_severity: 'critical' }), NOW);
    expect(view.text).to.equal('Test failover failed (critical) · 3 min. ago');
    expect(view.failure?.critical).to.equal(true);
    expect(view.failure?.offersLiveFailover).to.equal(false);
  });

  it('"Replicating" with its progress while the replication runs', () => {
    const view = vmStatusView(vm('replicating', { operation_type: 'replication', status: 'running', progress: 42.7, timestamp: at(1) }), NOW);
    expect(view.text).to.equal('Replicating · 42%');
    expect(view.tone).to.equal('running');
    expect(view.failure).to.equal(undefined);
  });

  it('"Replicating" alone without a last operation', () => {
    expect(vmStatusView(vm('replicating'), NOW).text).to.equal('Replicating');
  });

  it('a finished operation after the state: "Ready for failover · last rollback completed 2 hr. ago"', () => {
    const view = vmStatusView(vm('ready_for_failover', { operation_type: 'rollback', status: 'completed', timestamp: at(120) }), NOW);
    expect(view.text).to.equal('Ready for failover · last rollback completed 2 hr. ago');
    expect(view.fullText).to.equal('vm-a: Ready for failover · last rollback completed 2 hours ago');
    expect(view.tone).to.equal('completed');
  });

  it('legacy operation types read as today\'s', () => {
    expect(vmStatusView(vm('failed', { ...failedTest, operation_type: 'live' }), NOW).text).to.equal('Live failover failed · 3 min. ago');
  });

  it('every outcome of the last operation', () => {
    const line = (status: string) => vmStatusView(vm('failed_over_test', { operation_type: 'test_failover', status, progress: 80, timestamp: at(10) }), NOW).text;
    expect(line('completed')).to.equal('In test failover · last test failover completed 10 min. ago');
    expect(line('failed')).to.equal('Test failover failed · 10 min. ago');
    expect(line('running')).to.equal('In test failover · Test failover running (80%)');
    expect(line('pending')).to.equal('In test failover · Test failover pending');
    expect(line('cancelled')).to.equal('In test failover · last test failover cancelled 10 min. ago');
    expect(line('skipped')).to.equal('In test failover · last test failover skipped 10 min. ago');
  });

  it('guards every text of a failure', () => {
    const leaky = {
      ...failedTest,
      failed_step: 'virtio-driver-injection',
      error_message: 'virt-v2v: cannot open /dev/vdc (see /var/log/migratekit/x.log)',
      actionable_steps: ['Check /var/log/migratekit/x.log', 'SELECT * FROM vm_replication_contexts'],
    };
    const view = vmStatusView(vm('virt-v2v_failed', leaky), NOW);
    const shown = [view.text, view.fullText, view.state.word, ...Object.values(view.failure ?? {}).flat()].join(' | ');
    expect(shown).to.not.match(LEAKED);
    expect(view.failure?.failedStep).to.equal('Preparing Drivers for Compatibility');
  });
});

describe('formatShortRelativeTime', () => {
  it('short units', () => {
    expect(formatShortRelativeTime(new Date(NOW - 10_000), NOW)).to.equal('just now');
    expect(formatShortRelativeTime(new Date(NOW - 3 * MINUTE), NOW)).to.equal('3 min. ago');
    expect(formatShortRelativeTime(new Date(NOW - 2 * 60 * MINUTE), NOW)).to.equal('2 hr. ago');
    expect(formatShortRelativeTime(new Date(NOW - 2 * 24 * 60 * MINUTE), NOW)).to.equal('2 days ago');
  });
});

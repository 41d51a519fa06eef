/** The text "Copy details for support" holds for the contract's pgtest1 failure, for the model and element tests. */
import { PGTEST1_FAILED_JOB_ID } from '../mock-oma/fixtures.js';

/** pgtest1's summary, with its start time as `started` (it depends on the time zone). */
export function pgtest1SupportText(started: string): string {
  return [
    'VM: pgtest1',
    'Operation: Test Failover',
    'Status: Failed',
    'Progress: 60% (3 of 5 steps)',
    `Started: ${started}`,
    'Duration: 25 sec',
    'Failed step: Preparing Drivers for Compatibility',
    'Issue: KVM driver installation failed - compatibility issue',
    'Category: Compatibility',
    'Severity: Error',
    'What you can do:',
    '• Try live failover (no driver modification)',
    '• Verify VM is Windows-based',
    `Job ID: ${PGTEST1_FAILED_JOB_ID}`,
  ].join('\n');
}

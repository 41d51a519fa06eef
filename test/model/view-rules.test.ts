import { expect } from '@open-wc/testing';
import { finishedSince, stepCounts, suggestsLiveFailover } from '../../src/model/view/rules.js';
import { withStepCounts } from '../../src/model/view/modal-view.js';
import type { Operation } from '../../src/model/operation.js';

function operation(overrides: Partial<Operation> = {}): Operation {
  return {
    key: 'job-1',
    jobId: 'job-1',
    type: 'test_failover',
    status: 'failed',
    actionableSteps: [{ text: 'Try live failover (no driver modification)' }, { text: 'Verify VM is Windows-based' }],
    origin: 'recent-jobs',
    technical: {},
    ...overrides,
  };
}

describe('suggestsLiveFailover', () => {
  it('offers live failover when a step of a failed operation suggests it', () => {
    expect(suggestsLiveFailover(operation())).to.equal(true);
  });

  it('never for critical severity', () => {
    expect(suggestsLiveFailover(operation({ severity: 'critical' }))).to.equal(false);
  });

  it('never when the advice says to stop touching the VM (rows without a severity)', () => {
    const steps = [{ text: 'Do not attempt further operations on this VM' }, { text: 'Try live failover again once the network is reachable' }];
    expect(suggestsLiveFailover(operation({ actionableSteps: steps }))).to.equal(false);
  });

  it('not for a step that advises against live failover, nor without any hint', () => {
    expect(suggestsLiveFailover(operation({ actionableSteps: [{ text: 'Do not use live failover for this VM' }] }))).to.equal(false);
    expect(suggestsLiveFailover(operation({ actionableSteps: [{ text: 'Verify VM is Windows-based' }] }))).to.equal(false);
  });

  it('not for operations that did not fail', () => {
    expect(suggestsLiveFailover(operation({ status: 'completed' }))).to.equal(false);
    expect(suggestsLiveFailover(operation({ status: 'running' }))).to.equal(false);
  });

  it('not from a stock sentence that replaced leaked text', () => {
    expect(suggestsLiveFailover(operation({ actionableSteps: [{ text: 'live failover', fallback: 'unknown' }] }))).to.equal(false);
  });
});

describe('stepCounts and withStepCounts', () => {
  it('says "3 of 5" only when both counts are known and sane', () => {
    expect(stepCounts(operation({ stepsCompleted: 3, stepsTotal: 5 }))).to.deep.equal({ done: 3, total: 5 });
    expect(stepCounts(operation({ stepsCompleted: 7, stepsTotal: 5 }))).to.deep.equal({ done: 5, total: 5 });
    expect(stepCounts(operation({ stepsCompleted: 3 }))).to.equal(undefined);
    expect(stepCounts(operation({ stepsCompleted: 0, stepsTotal: 0 }))).to.equal(undefined);
  });

  it('fills missing counts from the failover status endpoint without overriding known ones', () => {
    const base = operation();
    expect(withStepCounts(base, { stepsCompleted: 3, stepsTotal: 5 })).to.include({ stepsCompleted: 3, stepsTotal: 5 });
    const known = operation({ stepsCompleted: 2, stepsTotal: 4 });
    expect(withStepCounts(known, { stepsCompleted: 3, stepsTotal: 5 })).to.equal(known);
  });
});

describe('finishedSince', () => {
  it('lists the operations that went from running or pending to completed or failed', () => {
    const previous = new Map<string, Operation['status']>([
      ['a', 'running'],
      ['b', 'pending'],
      ['c', 'running'],
      ['d', 'completed'],
    ]);
    const now = [
      operation({ key: 'a', status: 'completed' }),
      operation({ key: 'b', status: 'failed' }),
      operation({ key: 'c', status: 'running' }),
      operation({ key: 'd', status: 'completed' }),
      operation({ key: 'e', status: 'failed' }),
    ];
    expect(finishedSince(previous, now).map((op) => op.key)).to.deep.equal(['a', 'b']);
  });
});

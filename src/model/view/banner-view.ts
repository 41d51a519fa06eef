/** What `<mk-operation-error-banner>` shows for a VM whose last operation failed. */
import { msg, str } from '@lit/localize';
import type { Operation, VmContext } from '../operation.js';
import { failureKey } from '../dismissal-store.js';
import { formatDuration, formatRelativeTime } from '../../i18n/format.js';
import { asksForSupport, suggestsLiveFailover } from './rules.js';
import { failureSummary } from './operation-view.js';
import { categoryName, guardedText } from './words.js';

export interface BannerView {
  operation: Operation;
  contextId: string;
  vmName: string;
  /** Dismissals are kept per failure: by job id, or by start time when the server sent no id. */
  dismissalKey: string;
  critical: boolean;
  /** "Test Failover failed at step 3 of 5 (60%)". */
  summary: string;
  failedStep: string;
  issue: string;
  advice: string[];
  /** "Category: Compatibility · 3 minutes ago · ran 25 sec". */
  meta: string;
  offersLiveFailover: boolean;
  /** "Copy details for support" is offered: the advice names support or an administrator, or the failure is critical. */
  offersSupportCopy: boolean;
}

/** The dismissal key of a VM's failed last operation. */
function bannerDismissalKey(vm: Pick<VmContext, 'contextId' | 'vmName'>, operation: Operation): string {
  return failureKey({
    contextId: vm.contextId,
    vmName: vm.vmName.text,
    jobId: operation.jobId,
    timestamp: operation.startedAt?.toISOString() ?? operation.key,
  });
}

/** The banner for `vm`, or undefined when there is nothing to show (no failure, or it was dismissed). */
export function bannerView(vm: VmContext | undefined, now: number, isDismissed: (key: string) => boolean): BannerView | undefined {
  const operation = vm?.lastOperation;
  if (!vm || operation?.status !== 'failed') return undefined;
  const dismissalKey = bannerDismissalKey(vm, operation);
  if (isDismissed(dismissalKey)) return undefined;
  const meta: string[] = [];
  if (operation.errorCategory) meta.push(msg(str`Category: ${categoryName(operation.errorCategory)}`));
  if (operation.startedAt) meta.push(formatRelativeTime(operation.startedAt, now));
  if (operation.durationSeconds) meta.push(msg(str`ran ${formatDuration(operation.durationSeconds)}`));
  return {
    operation,
    contextId: vm.contextId,
    vmName: vm.vmName.text,
    dismissalKey,
    critical: operation.severity === 'critical',
    summary: failureSummary(operation),
    failedStep: guardedText(operation.failedStep),
    issue: guardedText(operation.errorMessage),
    advice: operation.actionableSteps.map(guardedText),
    meta: meta.join(' · '),
    offersLiveFailover: suggestsLiveFailover(operation),
    offersSupportCopy: asksForSupport(operation),
  };
}

/** Localized words for the model's enums and for request failures: the only place they are chosen. */
import { msg, str } from '@lit/localize';
import type { OmaError } from '../../api/errors.js';
import type { ErrorCategory, FallbackKind, GuardedText, Operation, OperationType, Severity } from '../../model/operation.js';
import { formatBytes, formatDuration, formatPercent } from '../../i18n/format.js';
import { isActive } from '../../model/display.js';

export function typeName(type: OperationType): string {
  switch (type) {
    case 'replication':
      return msg('Replication');
    case 'test_failover':
      return msg('Test Failover');
    case 'live_failover':
      return msg('Live Failover');
    case 'rollback':
      return msg('Rollback');
    default:
      return msg('Operation');
  }
}

export function operationTitle(operation: Operation): string {
  return operation.displayName?.text ?? typeName(operation.type);
}

export function statusWord(operation: Pick<Operation, 'status' | 'statusWord'>): string {
  switch (operation.status) {
    case 'pending':
      return msg('Pending');
    case 'running':
      return msg('Running');
    case 'completed':
      return msg('Completed');
    case 'failed':
      return msg('Failed');
    case 'cancelled':
      return msg('Cancelled');
    case 'skipped':
      return msg('Skipped');
    default:
      return operation.statusWord ?? msg('Unknown');
  }
}

/** "Failed (60%)", "Running (42%)", "Completed". */
export function statusWithProgress(operation: Operation): string {
  const word = statusWord(operation);
  if (operation.progress === undefined || operation.status === 'completed') return word;
  if (operation.status !== 'failed' && operation.status !== 'running') return word;
  const percent = formatPercent(operation.progress);
  return msg(str`${word} (${percent})`);
}

export function categoryName(category: ErrorCategory): string {
  switch (category) {
    case 'compatibility':
      return msg('Compatibility');
    case 'network':
      return msg('Network');
    case 'storage':
      return msg('Storage');
    case 'platform':
      return msg('Platform');
    case 'connectivity':
      return msg('Connectivity');
    case 'configuration':
      return msg('Configuration');
    default:
      return msg('Other');
  }
}

export function severityName(severity: Severity): string {
  switch (severity) {
    case 'info':
      return msg('Information');
    case 'warning':
      return msg('Warning');
    case 'critical':
      return msg('Critical');
    default:
      return msg('Error');
  }
}

function fallbackSentence(kind: FallbackKind): string {
  switch (kind) {
    case 'compatibility':
      return msg('The operation failed because of a compatibility problem with this VM.');
    case 'network':
      return msg('The operation failed because of a network problem.');
    case 'storage':
      return msg('The operation failed because of a storage problem.');
    case 'platform':
      return msg('The operation failed because of a problem on the destination platform.');
    case 'connectivity':
      return msg('The operation failed because a system could not be reached.');
    case 'configuration':
      return msg('The operation failed because of a configuration problem.');
    case 'step':
      return msg('Internal processing step');
    default:
      return msg('The operation failed because of an unexpected problem.');
  }
}

/** Server text after the guard; a replaced text is said in the active language. */
export function guarded(text: GuardedText | undefined): string {
  if (!text) return '';
  return text.fallback ? fallbackSentence(text.fallback) : text.text;
}

/** The plain sentence for a failed request. */
export function requestErrorSentence(error: OmaError | undefined): string {
  switch (error?.kind) {
    case 'unauthorized':
    case 'forbidden':
      return msg('You are not signed in to the migration server, or your session has expired.');
    case 'not-found':
      return msg('This VM was not found on the migration server.');
    case 'timeout':
      return msg('The migration server took too long to answer.');
    case 'server':
      return msg('The migration server had a problem answering.');
    case 'not-json':
    case 'bad-shape':
      return msg('The migration server sent an answer we could not read.');
    default:
      return msg("We couldn't reach the migration server.");
  }
}

/** A row's small print: "Failed at: <step> · 26.4 GB transferred · ran 25 sec" (empty when none applies). */
export function operationMetaLine(row: Operation): string {
  const parts: string[] = [];
  if (row.status === 'failed') {
    const failedStep = guarded(row.failedStep ?? row.currentStep);
    if (failedStep) parts.push(msg(str`Failed at: ${failedStep}`));
  }
  if (row.type === 'replication' && row.bytesTransferred !== undefined && row.bytesTransferred > 0) {
    const size = formatBytes(row.bytesTransferred);
    parts.push(msg(str`${size} transferred`));
  }
  if (row.durationSeconds !== undefined && row.durationSeconds > 0 && !isActive(row)) {
    const duration = formatDuration(row.durationSeconds);
    parts.push(msg(str`ran ${duration}`));
  }
  return parts.join(' · ');
}

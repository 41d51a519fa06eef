/**
 * Localized words for the model's enums and for request failures: the only place they are chosen.
 * Each lookup builds its table at call time, so the words follow the active locale; msg() calls
 * stay literal so the localize tooling finds them.
 */
import { msg, str } from '@lit/localize';
import type { OmaError } from '../../api/errors.js';
import type { ErrorCategory, FallbackKind, GuardedText, Operation, OperationType, Severity } from '../../model/operation.js';
import { formatBytes, formatDuration, formatPercent } from '../../i18n/format.js';
import { isActive } from '../../model/display.js';

/** `key`'s entry in `table`, or `fallback` for keys the table does not know. */
const pick = <T extends string>(table: Partial<Record<T, string>>, key: T | undefined, fallback: string): string =>
  (key && table[key]) || fallback;

export const typeName = (type: OperationType): string =>
  pick(
    {
      replication: msg('Replication'),
      test_failover: msg('Test Failover'),
      live_failover: msg('Live Failover'),
      rollback: msg('Rollback'),
    },
    type,
    msg('Operation'),
  );

export const operationTitle = (operation: Operation): string => operation.displayName?.text ?? typeName(operation.type);

export const statusWord = (operation: Pick<Operation, 'status' | 'statusWord'>): string =>
  pick(
    {
      pending: msg('Pending'),
      running: msg('Running'),
      completed: msg('Completed'),
      failed: msg('Failed'),
      cancelled: msg('Cancelled'),
      skipped: msg('Skipped'),
    },
    operation.status,
    operation.statusWord ?? msg('Unknown'),
  );

/** "Failed (60%)", "Running (42%)", "Completed". */
export function statusWithProgress(operation: Operation): string {
  const word = statusWord(operation);
  if (operation.progress === undefined || (operation.status !== 'failed' && operation.status !== 'running')) return word;
  const percent = formatPercent(operation.progress);
  return msg(str`${word} (${percent})`);
}

export const categoryName = (category: ErrorCategory): string =>
  pick(
    {
      compatibility: msg('Compatibility'),
      network: msg('Network'),
      storage: msg('Storage'),
      platform: msg('Platform'),
      connectivity: msg('Connectivity'),
      configuration: msg('Configuration'),
    },
    category,
    msg('Other'),
  );

export const severityName = (severity: Severity): string =>
  pick({ info: msg('Information'), warning: msg('Warning'), critical: msg('Critical') }, severity, msg('Error'));

const fallbackSentence = (kind: FallbackKind): string =>
  pick(
    {
      compatibility: msg('The operation failed because of a compatibility problem with this VM.'),
      network: msg('The operation failed because of a network problem.'),
      storage: msg('The operation failed because of a storage problem.'),
      platform: msg('The operation failed because of a problem on the destination platform.'),
      connectivity: msg('The operation failed because a system could not be reached.'),
      configuration: msg('The operation failed because of a configuration problem.'),
      step: msg('Internal processing step'),
    },
    kind,
    msg('The operation failed because of an unexpected problem.'),
  );

/** Server text after the guard; a replaced text is said in the active language. */
export function guarded(text: GuardedText | undefined): string {
  if (!text) return '';
  return text.fallback ? fallbackSentence(text.fallback) : text.text;
}

/** The plain sentence for a failed request. */
export function requestErrorSentence(error: OmaError | undefined): string {
  const signIn = msg('You are not signed in to the migration server, or your session has expired.');
  const unreadable = msg('The migration server sent an answer we could not read.');
  return pick(
    {
      unauthorized: signIn,
      forbidden: signIn,
      'not-found': msg('This VM was not found on the migration server.'),
      timeout: msg('The migration server took too long to answer.'),
      server: msg('The migration server had a problem answering.'),
      'not-json': unreadable,
      'bad-shape': unreadable,
    },
    error?.kind,
    msg("We couldn't reach the migration server."),
  );
}

/** A row's small print: "Failed at: <step> · 26.4 GB transferred · ran 25 sec" (empty when none applies). */
export function operationMetaLine(row: Operation): string {
  const parts: string[] = [];
  const failedStep = row.status === 'failed' && guarded(row.failedStep ?? row.currentStep);
  if (failedStep) parts.push(msg(str`Failed at: ${failedStep}`));
  if (row.type === 'replication' && (row.bytesTransferred ?? 0) > 0) {
    const size = formatBytes(row.bytesTransferred!);
    parts.push(msg(str`${size} transferred`));
  }
  if ((row.durationSeconds ?? 0) > 0 && !isActive(row)) {
    const duration = formatDuration(row.durationSeconds!);
    parts.push(msg(str`ran ${duration}`));
  }
  return parts.join(' · ');
}

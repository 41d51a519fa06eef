/**
 * The words for the model's enums, plain sentences and request failures: the only place they are
 * chosen. Each lookup builds its table at call time, so the words follow the active locale; msg()
 * calls stay literal so the localize tooling finds them.
 */
import { msg } from '@lit/localize';
import type { OmaError } from '../../api/errors.js';
import type { ErrorCategory, FallbackKind, GuardedText, Operation, OperationType, Severity } from '../operation.js';

/** `key`'s entry in `table`, or `otherwise` for keys the table does not know. */
function lookUp<T extends string>(table: Partial<Record<T, string>>, key: T | undefined, otherwise: string): string {
  return (key !== undefined && Object.hasOwn(table, key) && table[key]) || otherwise;
}

export function typeName(type: OperationType): string {
  return lookUp(
    {
      replication: msg('Replication'),
      test_failover: msg('Test Failover'),
      live_failover: msg('Live Failover'),
      rollback: msg('Rollback'),
    },
    type,
    msg('Operation'),
  );
}

/** "Test Failover": the server's friendly name, or the type's (also when the guard had to replace the server's). */
export function operationTitle(operation: Pick<Operation, 'displayName' | 'type'>): string {
  const name = operation.displayName;
  return name && !name.fallback ? name.text : typeName(operation.type);
}

/** "paused_by_user" → "Paused By User": how an unknown server word is shown. */
export function titleCase(word: string): string {
  return word
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/(^|\s)\p{L}/gu, (letter) => letter.toUpperCase());
}

/** The status as a word: a known one in the active language, another server word title-cased (after the guard). */
export function statusWord(operation: Pick<Operation, 'status' | 'statusWord'>): string {
  const serverWord = operation.statusWord && !operation.statusWord.fallback ? titleCase(operation.statusWord.text) : '';
  return lookUp(
    {
      pending: msg('Pending'),
      running: msg('Running'),
      completed: msg('Completed'),
      failed: msg('Failed'),
      cancelled: msg('Cancelled'),
      skipped: msg('Skipped'),
    },
    operation.status,
    serverWord || msg('Unknown'),
  );
}

export function categoryName(category: ErrorCategory): string {
  return lookUp(
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
}

export function severityName(severity: Severity): string {
  return lookUp({ info: msg('Information'), warning: msg('Warning'), critical: msg('Critical') }, severity, msg('Error'));
}

/** The one wording of a server text the guard replaced because it was mostly technical. */
function fallbackSentence(kind: FallbackKind): string {
  return lookUp(
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
}

/** Server text after the guard, as shown: a replaced text is said in the active language. */
export function guardedText(text: GuardedText | undefined): string {
  if (!text) return '';
  return text.fallback ? fallbackSentence(text.fallback) : text.text;
}

/** The plain sentence for a failed request: it names the right cause, never a technical one. */
export function requestErrorSentence(error: Pick<OmaError, 'kind'> | undefined): string {
  const signIn = msg('You are not signed in to the migration server, or your session has expired.');
  const unreadable = msg('The migration server sent an answer we could not read.');
  return lookUp<string>(
    {
      unauthorized: signIn,
      forbidden: signIn,
      'not-found': msg('This VM was not found on the migration server.'),
      'route-missing': msg('This page cannot reach the migration server: the connection to it is not set up here.'),
      busy: msg('The migration server is busy. We will try again shortly.'),
      configuration: msg('The widget is not set up correctly to reach the migration server.'),
      timeout: msg('The migration server took too long to answer.'),
      server: msg('The migration server had a problem answering.'),
      'not-json': unreadable,
      'bad-shape': unreadable,
    },
    error?.kind,
    msg("We couldn't reach the migration server."),
  );
}

/**
 * The server's enum words and numbers, read into the model's: shared by the normalisers of every
 * source. Unknown words never fail: they become `other` (type, status) or `unknown` (category).
 */
import {
  ERROR_CATEGORIES,
  KNOWN_STATUSES,
  OPERATION_TYPES,
  SEVERITIES,
  type ErrorCategory,
  type OperationStatus,
  type OperationType,
  type Severity,
} from './operation.js';

/** Names older summaries use for the operation type. */
const LEGACY_TYPES: Readonly<Record<string, OperationType>> = {
  test: 'test_failover',
  live: 'live_failover',
  cleanup: 'rollback',
};

/** `raw` lower-cased, when that is one of `allowed`. */
function knownWord<T extends string>(allowed: readonly T[], raw: string | undefined): T | undefined {
  const word = raw?.trim().toLowerCase() as T;
  return allowed.includes(word) ? word : undefined;
}

export function normalizeOperationType(raw: string | undefined): OperationType {
  const word = raw?.trim().toLowerCase() ?? '';
  return knownWord(OPERATION_TYPES, word) ?? (Object.hasOwn(LEGACY_TYPES, word) ? LEGACY_TYPES[word]! : 'other');
}

/** A known status, or `other` with the server's own word kept for the guard and the view. */
export function normalizeStatus(raw: string | undefined): { status: OperationStatus; statusWord?: string } {
  const status = knownWord(KNOWN_STATUSES, raw);
  if (status) return { status };
  const statusWord = raw?.trim();
  return statusWord ? { status: 'other', statusWord } : { status: 'other' };
}

export function normalizeCategory(raw: string | undefined): ErrorCategory | undefined {
  return raw?.trim() ? (knownWord(ERROR_CATEGORIES, raw) ?? 'unknown') : undefined;
}

export function normalizeSeverity(raw: string | undefined): Severity | undefined {
  return knownWord(SEVERITIES, raw);
}

/** The server omits a duration of 0 (older ones send it): then the times tell, when there are both. */
export function durationOf(seconds: number | undefined, startedAt?: Date, completedAt?: Date): number | undefined {
  if (seconds) return seconds;
  return startedAt && completedAt && completedAt >= startedAt
    ? Math.round((completedAt.getTime() - startedAt.getTime()) / 1000)
    : seconds;
}

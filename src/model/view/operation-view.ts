/**
 * What a person sees of one operation, worded: the pieces the list row, the banner and the dialog
 * share. Pure functions of the guarded model, the active locale and the time.
 */
import { msg, str } from '@lit/localize';
import type { Operation, OperationType } from '../operation.js';
import { formatBytes, formatDateTime, formatDuration, formatPercent, formatRelativeTime } from '../../i18n/format.js';
import { isActive, statusTone, stepCounts, suggestsLiveFailover, type StatusTone } from './rules.js';
import { guardedText, operationTitle, statusWord } from './words.js';

/** A moment, relative ("3 minutes ago") and absolute (for the tooltip and assistive technology). */
export interface TimeView {
  iso: string;
  relative: string;
  absolute: string;
}

export function timeView(date: Date | undefined, now: number): TimeView | undefined {
  return date && { iso: date.toISOString(), relative: formatRelativeTime(date, now), absolute: formatDateTime(date) };
}

/** A status as shown: its tone (colour and icon) and its words. */
export interface StatusView {
  tone: StatusTone;
  text: string;
}

/** "Failed (60%)", "Running (42%)", "Completed". */
export function statusView(operation: Operation): StatusView {
  const word = statusWord(operation);
  const tone = statusTone(operation);
  if (operation.progress === undefined || (operation.status !== 'failed' && operation.status !== 'running')) return { tone, text: word };
  const percent = formatPercent(operation.progress);
  return { tone, text: msg(str`${word} (${percent})`) };
}

export interface OperationView {
  /** Stable identity for keyed rendering. */
  key: string;
  /** The model behind it: for events and the details dialog. */
  operation: Operation;
  type: OperationType;
  title: string;
  status: StatusView;
  failed: boolean;
  /** Running or pending: a progress bar and the current step are shown. */
  active: boolean;
  progress?: number;
  progressLabel: string;
  /** The step under way, while active. */
  currentStep: string;
  /** The sanitized problem ('' when none). */
  issue: string;
  /** "What you can do". */
  advice: string[];
  /** "Preparing Drivers for Compatibility" for a failure ('' when unknown). */
  failedStep: string;
  /** "Failed at: <step> · 26.4 GB transferred · ran 25 sec" ('' when none applies). */
  meta: string;
  startedAt?: TimeView;
  /** Try Live Failover is offered (a failure whose advice suggests it, never a critical one). */
  offersLiveFailover: boolean;
}

/** The small print of a row. */
function metaLine(operation: Operation, failedStep: string): string {
  const parts: string[] = [];
  if (failedStep) parts.push(msg(str`Failed at: ${failedStep}`));
  if (operation.type === 'replication' && (operation.bytesTransferred ?? 0) > 0) {
    const size = formatBytes(operation.bytesTransferred!);
    parts.push(msg(str`${size} transferred`));
  }
  if ((operation.durationSeconds ?? 0) > 0 && !isActive(operation)) {
    const duration = formatDuration(operation.durationSeconds!);
    parts.push(msg(str`ran ${duration}`));
  }
  return parts.join(' · ');
}

export function operationView(operation: Operation, now: number): OperationView {
  const failed = operation.status === 'failed';
  const title = operationTitle(operation);
  // A recent-jobs row names the step it was at; a summary names the step it failed at.
  const failedStep = failed ? guardedText(operation.failedStep ?? operation.currentStep) : '';
  return {
    key: operation.key,
    operation,
    type: operation.type,
    title,
    status: statusView(operation),
    failed,
    active: isActive(operation),
    progress: operation.progress,
    progressLabel: msg(str`${title} progress`),
    currentStep: guardedText(operation.currentStep),
    issue: guardedText(operation.errorMessage),
    advice: operation.actionableSteps.map(guardedText),
    failedStep,
    meta: metaLine(operation, failedStep),
    startedAt: timeView(operation.startedAt, now),
    offersLiveFailover: suggestsLiveFailover(operation),
  };
}

/** "3 of 5 steps" with the percentage when known, or the percentage alone ('' when neither). */
export function progressText(operation: Operation): string {
  const counts = stepCounts(operation);
  const percent = operation.progress === undefined ? undefined : formatPercent(operation.progress);
  if (counts && percent) return msg(str`${percent} (${counts.done} of ${counts.total} steps)`);
  if (counts) return msg(str`${counts.done} of ${counts.total} steps`);
  return percent ?? '';
}

/** "Test Failover failed at step 3 of 5 (60%)", saying less when counts or progress are missing. */
export function failureSummary(operation: Operation): string {
  const name = operationTitle(operation);
  const counts = stepCounts(operation);
  const percent = operation.progress !== undefined ? formatPercent(operation.progress) : undefined;
  if (counts && percent) return msg(str`${name} failed at step ${counts.done} of ${counts.total} (${percent})`);
  if (counts) return msg(str`${name} failed at step ${counts.done} of ${counts.total}`);
  if (percent) return msg(str`${name} failed at ${percent}`);
  return msg(str`${name} failed`);
}

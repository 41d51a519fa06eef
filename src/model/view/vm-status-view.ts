/**
 * What `<mk-vm-status>` shows for one VM: its state in plain words and its last operation on one
 * line ("Test failover failed · 3 min ago", "Replicating", "Ready for failover · last rollback
 * completed 2 hr ago"), and what the popover of a failed last operation says. Pure: the guarded
 * model, the active locale and the time in, words out.
 */
import { msg, str } from '@lit/localize';
import { VM_STATES, type GuardedText, type Operation, type OperationType, type VmListEntry, type VmState } from '../operation.js';
import { formatPercent } from '../../i18n/format.js';
import { getWidgetLocale } from '../../i18n/index.js';
import { isActive, statusTone, suggestsLiveFailover, type StatusTone } from './rules.js';
import { failureSummary, timeView, type TimeView } from './operation-view.js';
import { guardedText, statusWord, titleCase } from './words.js';

/** The VM states the OMA knows (`context.current_status`). */
export { VM_STATES, type VmState } from '../operation.js';

/** The VM's state as shown: its word and the tone of its icon. */
export interface VmStateView {
  word: string;
  tone: StatusTone;
}

/** A failed last operation, as the popover shows it. */
export interface VmFailureView {
  /** "Test Failover failed at step 3 of 5 (60%)". */
  summary: string;
  issue: string;
  failedStep: string;
  advice: string[];
  critical: boolean;
  /** Try Live Failover is offered: the same rule as the banner's. */
  offersLiveFailover: boolean;
}

export interface VmStatusView {
  vmName: string;
  contextId: string;
  state: VmStateView;
  /** The last operation, when the VM has one. */
  operation?: Operation;
  /** The tone of the line's icon: the failure, the operation under way, or else the state. */
  tone: StatusTone;
  /** The one line: "Test failover failed · 3 min ago". */
  text: string;
  /** The same, said in full for the tooltip and assistive technology: "pgtest1: Failed. Test failover failed 3 minutes ago." */
  fullText: string;
  when?: TimeView;
  /** Set when the last operation failed: the line is then a button that opens these details. */
  failure?: VmFailureView;
}

const STATE_TONES: Record<VmState, StatusTone> = {
  discovered: 'neutral',
  replicating: 'running',
  ready_for_failover: 'completed',
  failed_over_test: 'completed',
  failed_over_live: 'completed',
  completed: 'completed',
  failed: 'failed',
  cleanup_required: 'failed',
};

function isKnownState(state: string): state is VmState {
  return (VM_STATES as readonly string[]).includes(state);
}

function knownStateWord(state: VmState): string {
  switch (state) {
    case 'discovered':
      return msg('Discovered');
    case 'replicating':
      return msg('Replicating');
    case 'ready_for_failover':
      return msg('Ready for failover');
    case 'failed_over_test':
      return msg('In test failover');
    case 'failed_over_live':
      return msg('Failed over (live)');
    case 'completed':
      return msg('Migration completed');
    case 'failed':
      return msg('Failed');
    case 'cleanup_required':
      return msg('Cleanup required');
  }
}

/**
 * The state in words: a known one in the active language, any other word (after the guard)
 * title-cased in a neutral tone; a word the guard replaced reads "State unknown".
 */
export function vmStateView(currentStatus: GuardedText | undefined): VmStateView {
  const state = currentStatus?.text.trim().toLowerCase() ?? '';
  if (isKnownState(state)) return { word: knownStateWord(state), tone: STATE_TONES[state] };
  const word = currentStatus && !currentStatus.fallback && state ? titleCase(currentStatus.text) : msg('State unknown');
  return { word, tone: 'neutral' };
}

/** The operation as the subject of a sentence: "Test failover". */
function operationNoun(type: OperationType): string {
  switch (type) {
    case 'replication':
      return msg('Replication');
    case 'test_failover':
      return msg('Test failover');
    case 'live_failover':
      return msg('Live failover');
    case 'rollback':
      return msg('Rollback');
    default:
      return msg('Operation');
  }
}

/** "last rollback completed": a finished operation after the state. */
function lastOperationPhrase(operation: Operation): string {
  switch (operation.type) {
    case 'replication':
      return lastPhraseFor(operation, msg('last replication'));
    case 'test_failover':
      return lastPhraseFor(operation, msg('last test failover'));
    case 'live_failover':
      return lastPhraseFor(operation, msg('last live failover'));
    case 'rollback':
      return lastPhraseFor(operation, msg('last rollback'));
    default:
      return lastPhraseFor(operation, msg('last operation'));
  }
}

function lastPhraseFor(operation: Operation, subject: string): string {
  switch (operation.status) {
    case 'completed':
      return msg(str`${subject} completed`);
    case 'cancelled':
      return msg(str`${subject} cancelled`);
    case 'skipped':
      return msg(str`${subject} skipped`);
    default: {
      const word = statusWord(operation);
      return msg(str`${subject}: ${word}`);
    }
  }
}

/** "Test failover running (80%)" / "Replication pending". */
function activePhrase(operation: Operation): string {
  const noun = operationNoun(operation.type);
  if (operation.status === 'pending') return msg(str`${noun} pending`);
  if (operation.progress === undefined) return msg(str`${noun} running`);
  const percent = formatPercent(operation.progress);
  return msg(str`${noun} running (${percent})`);
}

const shortRelativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "3 min. ago", "2 hr. ago": the short form, for a line that must fit a table cell. */
export function formatShortRelativeTime(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return msg('just now');
  const locale = getWidgetLocale();
  let format = shortRelativeFormats.get(locale);
  if (!format) shortRelativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })));
  const [size, unit] =
    abs < 3600 ? [60, 'minute' as const] : abs < 86_400 ? [3600, 'hour' as const] : abs < 30 * 86_400 ? [86_400, 'day' as const] : [30 * 86_400, 'month' as const];
  return format.format(Math.round(seconds / size), unit);
}

/** Joins the pieces of a line with the middle dot the other widgets use. */
function line(...parts: (string | undefined)[]): string {
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}

/** What one `<mk-vm-status>` shows for `vm` at `now`. */
export function vmStatusView(vm: VmListEntry, now: number): VmStatusView {
  const vmName = vm.vmName.text;
  const state = vmStateView(vm.currentStatus);
  const operation = vm.lastOperation;
  const base = { vmName, contextId: vm.contextId, state, operation };
  if (!operation) return { ...base, tone: state.tone, text: state.word, fullText: msg(str`${vmName}: ${state.word}`) };

  const when = timeView(operation.startedAt, now);
  const shortWhen = operation.startedAt && formatShortRelativeTime(operation.startedAt, now);
  if (operation.status === 'failed') {
    const noun = operationNoun(operation.type);
    const critical = operation.severity === 'critical';
    const failed = critical ? msg(str`${noun} failed (critical)`) : msg(str`${noun} failed`);
    const failure: VmFailureView = {
      summary: failureSummary(operation),
      issue: guardedText(operation.errorMessage),
      failedStep: guardedText(operation.failedStep ?? operation.currentStep),
      advice: operation.actionableSteps.map(guardedText),
      critical,
      offersLiveFailover: suggestsLiveFailover(operation),
    };
    return {
      ...base,
      tone: 'failed',
      text: line(failed, shortWhen),
      fullText: msg(str`${vmName}: ${state.word}. ${line(failed, when?.relative)}.`),
      when,
      failure,
    };
  }
  if (isActive(operation)) {
    // "Replicating" already says that a replication runs: only its progress is added.
    const replicating = vm.currentStatus?.text === 'replicating' && operation.type === 'replication';
    const progress = operation.progress === undefined ? undefined : formatPercent(operation.progress);
    const detail = replicating ? progress : activePhrase(operation);
    return { ...base, tone: 'running', text: line(state.word, detail), fullText: msg(str`${vmName}: ${line(state.word, detail)}`), when };
  }
  const last = lastOperationPhrase(operation);
  const tone = statusTone(operation) === 'completed' ? state.tone : 'neutral';
  return {
    ...base,
    tone,
    text: line(state.word, shortWhen ? `${last} ${shortWhen}` : last),
    fullText: msg(str`${vmName}: ${line(state.word, when ? `${last} ${when.relative}` : last)}`),
    when,
  };
}

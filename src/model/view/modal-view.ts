/** What `<mk-job-error-modal>` shows of one operation. */
import { msg, str } from '@lit/localize';
import type { FailoverStatus, Operation, Severity } from '../operation.js';
import { formatDuration } from '../../i18n/format.js';
import { jobReference, stepCounts, statusTone, type StatusTone } from './rules.js';
import { operationView, progressText, statusView, timeView, type StatusView, type TimeView } from './operation-view.js';
import { categoryName, guardedText, operationTitle, severityName, statusWord } from './words.js';

/** Job types whose steps and raw error the failover status endpoint knows. */
const STATUS_ENDPOINT_TYPES = new Set<Operation['type']>(['test_failover', 'live_failover', 'rollback']);

/** Whether the dialog asks the failover status endpoint: for step counts it lacks, or the raw error for admins. */
export function needsFailoverStatus(operation: Operation | undefined, admin: boolean): operation is Operation & { jobId: string } {
  return !!operation?.jobId && STATUS_ENDPOINT_TYPES.has(operation.type) && (admin || operation.stepsTotal === undefined);
}

/** Merges step counts learned from the failover status endpoint into an operation. */
export function withStepCounts(operation: Operation, status: Pick<FailoverStatus, 'stepsCompleted' | 'stepsTotal'> | undefined): Operation {
  if (!status || (operation.stepsCompleted !== undefined && operation.stepsTotal !== undefined)) return operation;
  return {
    ...operation,
    stepsCompleted: operation.stepsCompleted ?? status.stepsCompleted,
    stepsTotal: operation.stepsTotal ?? (status.stepsTotal || undefined),
  };
}

/** One row of the facts grid; `status`, `time` and `severity` rows are drawn richer than text. */
export type Fact =
  | { label: string; kind: 'text'; text: string }
  | { label: string; kind: 'status'; status: StatusView }
  | { label: string; kind: 'time'; time: TimeView }
  | { label: string; kind: 'severity'; severity: Severity; text: string };

/** One mark of the step track. */
export type StepMark = 'done' | 'failed' | 'todo';

export interface ModalView {
  operation: Operation;
  title: string;
  tone: StatusTone;
  facts: Fact[];
  track: StepMark[];
  failedStep: string;
  issue: string;
  advice: string[];
  /** Admin only: label and raw value. Never built without `admin`. */
  technical: [label: string, value: string][];
  offersLiveFailover: boolean;
  /** The job id a person may quote to support ('' when there is none to show). */
  reference: string;
}

/** The step track: one mark per step (at most 50), `done` of them filled, the failure marked. */
function stepTrack(operation: Operation): StepMark[] {
  const counts = stepCounts(operation);
  if (!counts) return [];
  const failed = operation.status === 'failed';
  return Array.from({ length: Math.min(counts.total, 50) }, (_, i) =>
    failed && i + 1 === counts.done ? 'failed' : i < counts.done ? 'done' : 'todo',
  );
}

/** The admin "Technical details" rows: label and raw value, the empty ones left out. Admin only. */
export function technicalDetails(operation: Operation, status?: FailoverStatus): [label: string, value: string][] {
  const { technical } = operation;
  const rows: [string, string | undefined][] = [
    [msg('Internal step'), technical.failedStepInternal ?? status?.failedStepInternal ?? technical.currentStepRaw],
    [msg('Job ID'), technical.jobId],
    [msg('External job ID'), technical.externalJobId],
    [msg('Job type'), technical.rawJobType],
    [msg('Data source'), technical.dataSource],
    [msg('Server error'), technical.errorMessageRaw],
    [msg('Status endpoint error'), status?.errorMessageRaw],
  ];
  return rows.filter((entry): entry is [string, string] => !!entry[1]);
}

/** The dialog's title when there is no operation to show. */
export const noOperationTitle = (): string => msg('Operation details');

export function modalView(
  base: Operation,
  { status, vmName, admin, now }: { status?: FailoverStatus; vmName?: string; admin: boolean; now: number },
): ModalView {
  const operation = withStepCounts(base, status);
  const row = operationView(operation, now);
  const { startedAt, durationSeconds, errorCategory, severity } = operation;
  const facts: Fact[] = [];
  const text = (label: string, value: string | undefined) => value && facts.push({ label, kind: 'text', text: value });
  text(msg('VM'), vmName);
  facts.push({ label: msg('Status'), kind: 'status', status: statusView(operation) });
  const started = timeView(startedAt, now);
  if (started) facts.push({ label: msg('Started'), kind: 'time', time: started });
  text(msg('Duration'), durationSeconds ? formatDuration(durationSeconds) : undefined);
  text(msg('Progress'), progressText(operation));
  text(msg('Category'), errorCategory && categoryName(errorCategory));
  if (severity) facts.push({ label: msg('Severity'), kind: 'severity', severity, text: severityName(severity) });

  const failed = operation.status === 'failed';
  return {
    operation,
    title: failed ? msg(str`${operationTitle(operation)} Failed`) : `${operationTitle(operation)}: ${statusWord(operation)}`,
    tone: statusTone(operation),
    facts,
    track: stepTrack(operation),
    failedStep: failed ? guardedText(operation.failedStep ?? operation.currentStep) : guardedText(operation.failedStep),
    issue: row.issue,
    advice: row.advice,
    technical: admin ? technicalDetails(operation, status) : [],
    reference: jobReference(operation),
    offersLiveFailover: row.offersLiveFailover,
  };
}

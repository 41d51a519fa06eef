/**
 * "Copy details for support": the plain text a person pastes into a ticket or a chat, and the
 * sentences the live region says after a copy. Pure functions of the guarded operation, the
 * active locale and the time zone: never of raw server data.
 *
 * Only what the dialog shows everyone is copied (every server text is the guard's), plus the job
 * id, which the server's advice asks for. The admin "Technical details" rows are appended under
 * their own heading in admin mode only.
 */
import { msg } from '@lit/localize';
import type { FailoverStatus, Operation } from '../operation.js';
import { formatDuration, formatTimestamp } from '../../i18n/format.js';
import { jobReference } from './rules.js';
import { progressText } from './operation-view.js';
import { technicalDetails, withStepCounts } from './modal-view.js';
import { categoryName, guardedText, operationTitle, severityName, statusWord } from './words.js';

export interface SupportSummaryOptions {
  /** The VM, as the widget shows it. */
  vmName?: string;
  /** The failover status endpoint's answer for this job, when the dialog has one (step counts, raw error). */
  status?: FailoverStatus;
  /** Appends the "Technical details" rows. */
  admin: boolean;
  /** An IANA time zone for the start time; the viewer's by default. */
  timeZone?: string;
}

/** One line: a value on a single line, whatever line breaks the server put in it. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * The text "Copy details for support" copies: one `Label: value` line per known fact (an unknown
 * one is left out, never "undefined"), the advice one per line, then the job id. Plain text: no
 * markup a ticket tool would render.
 */
export function supportSummary(base: Operation, { vmName, status, admin, timeZone }: SupportSummaryOptions): string {
  const operation = withStepCounts(base, status);
  const lines: string[] = [];
  const line = (label: string, value: string | undefined) => {
    const text = value && oneLine(value);
    if (text) lines.push(`${label} ${text}`);
  };
  const { startedAt, durationSeconds, errorCategory, severity } = operation;
  const failed = operation.status === 'failed';
  line(`${msg('VM')}:`, vmName);
  line(`${msg('Operation')}:`, operationTitle(operation));
  line(`${msg('Status')}:`, statusWord(operation));
  line(`${msg('Progress')}:`, progressText(operation));
  line(`${msg('Started')}:`, startedAt && formatTimestamp(startedAt, timeZone));
  line(`${msg('Duration')}:`, durationSeconds ? formatDuration(durationSeconds) : undefined);
  line(msg('Failed step:'), guardedText(failed ? (operation.failedStep ?? operation.currentStep) : operation.failedStep));
  line(msg('Issue:'), guardedText(operation.errorMessage));
  line(`${msg('Category')}:`, errorCategory && categoryName(errorCategory));
  line(`${msg('Severity')}:`, severity && severityName(severity));
  const advice = operation.actionableSteps.map((step) => oneLine(guardedText(step))).filter(Boolean);
  if (advice.length > 0) lines.push(msg('What you can do:'), ...advice.map((step) => `• ${step}`));
  line(`${msg('Job ID')}:`, jobReference(operation));
  const technical = admin ? technicalDetails(operation, status) : [];
  if (technical.length > 0) {
    lines.push('', `${msg('Technical details')}:`);
    for (const [label, value] of technical) line(`${label}:`, value);
  }
  return lines.join('\n');
}

/** What was copied: the job id alone, or the whole summary. */
export type CopiedThing = 'reference' | 'details';

/**
 * What the live region says after a copy: that it worked, or, where the page may not write to the
 * clipboard, how to copy the selected text by hand.
 */
export function copyAnnouncement(what: CopiedThing, copied: boolean): string {
  if (!copied) return msg('Copying is not allowed here. The text is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.');
  return what === 'reference' ? msg('Job ID copied.') : msg('Details copied.');
}

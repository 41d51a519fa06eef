/**
 * The guard pass: every user-facing server string of an operation or a VM, whatever field it came
 * in, goes through the leak guard here, once, before anything can show it. Leaks are logged as data
 * issues (a server bug worth filing); the raw values stay only under `technical`, for admins.
 */
import type { IssueLog } from '../data-issue.js';
import { markGuarded, VM_STATES, type ErrorCategory, type GuardedText, type Operation, type RecentJobs, type VmContext } from '../operation.js';
import { friendlyStepName, redactTechnicalTerms, type RedactionField } from './redact-technical-terms.js';

/** The longest server text a person is shown (a 5 MB error must not fill the page); admins see it whole. */
export const MAX_SHOWN_LENGTH = 1_000;

/**
 * `text` cut to `MAX_SHOWN_LENGTH` at a space, with an ellipsis; undefined when there is no space
 * to cut at (one unbroken run that long is machine text, shown as the plain sentence instead).
 */
function capped(text: string): string | undefined {
  if (text.length <= MAX_SHOWN_LENGTH) return text;
  const cut = text.lastIndexOf(' ', MAX_SHOWN_LENGTH);
  return cut > 0 ? `${text.slice(0, cut).trimEnd()}…` : undefined;
}

interface TextOptions {
  /** The server's field name, for the report. */
  field: string;
  kind: RedactionField;
  jobId?: string;
  category?: ErrorCategory;
}

/** One server string: the friendly or redacted text, or the category's plain sentence (`fallback`). */
function guardText(raw: string | undefined, log: IssueLog, { field, kind, jobId, category }: TextOptions): GuardedText | undefined {
  if (!raw) return undefined;
  // Steps may arrive as internal ids: the contract's table names them before the generic guard runs.
  const friendly = kind === 'step' ? friendlyStepName(raw) : undefined;
  if (friendly) return { text: friendly };
  const fallbackKind = kind === 'step' ? 'step' : (category ?? 'unknown');
  const shown = capped(raw);
  if (shown === undefined) return { text: '', fallback: fallbackKind };
  const { text, fallback, leaks } = redactTechnicalTerms(shown, { field: kind, category });
  if (leaks.length > 0) log.technicalLeak(field, jobId, leaks);
  if (fallback) return { text: '', fallback };
  return text ? { text } : undefined;
}

/** Every user-facing field of one operation, in the order a person reads them. */
export function guardOperation(operation: Operation<string>, log: IssueLog): Operation {
  const { jobId, errorCategory: category } = operation;
  const guard = (raw: string | undefined, field: string, kind: RedactionField, withCategory?: ErrorCategory) =>
    guardText(raw, log, { field, kind, jobId, category: withCategory });
  return markGuarded({
    ...operation,
    displayName: guard(operation.displayName, 'display_name', 'name'),
    statusWord: guard(operation.statusWord, 'status', 'name'),
    currentStep: guard(operation.currentStep, 'current_step', 'step'),
    failedStep: guard(operation.failedStep, 'failed_step', 'step'),
    // A message always has a category for its plain sentence: `unknown` when the server sent none.
    errorMessage: guard(operation.errorMessage, 'error_message', 'message', category ?? 'unknown'),
    actionableSteps: operation.actionableSteps.flatMap((step, index) => guard(step, `actionable_steps[${index}]`, 'action', category) ?? []),
  });
}

export function guardRecentJobs(jobs: RecentJobs<string>, log: IssueLog): RecentJobs {
  return { ...jobs, operations: jobs.operations.map((operation) => guardOperation(operation, log)) };
}

/** One of the contract's state words (in any case) is that word; any other is server text like the rest. */
function guardVmState(word: string | undefined, log: IssueLog): GuardedText | undefined {
  const lower = word?.trim().toLowerCase();
  if ((VM_STATES as readonly (string | undefined)[]).includes(lower)) return { text: lower! };
  return guardText(word, log, { field: 'current_status', kind: 'name' });
}

/** The VM's name and state word are server text too; a name the guard has to replace is shown as the asked one. */
export function guardVmContext<T extends Omit<VmContext<string>, 'replicationBytes'>>(
  vm: T,
  log: IssueLog,
): Omit<T, 'vmName' | 'currentStatus' | 'lastOperation'> & Pick<VmContext, 'vmName' | 'currentStatus' | 'lastOperation'> {
  return {
    ...vm,
    vmName: guardText(vm.vmName, log, { field: 'vm_name', kind: 'name' }) ?? { text: '' },
    currentStatus: guardVmState(vm.currentStatus, log),
    lastOperation: vm.lastOperation && guardOperation(vm.lastOperation, log),
  };
}

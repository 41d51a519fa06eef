/**
 * The OMA as the stories see it: MSW handlers answering from mock-oma/fixtures.ts, the one source
 * of truth. Nothing here is a copied fixture: every story-only VM below is built at run time by
 * taking fixture output (raw server JSON) and changing a few fields.
 *
 * - The fixture scenarios (pgtest1, web01, err500, slow01, …) are answered by `omaHandlers()`.
 * - Story-only VMs ("sb-…") answer first: one job of each type × status, a long-text job, a mixed
 *   history, banners per error category and severity, a refresh that fails after the first answer,
 *   a request that never answers (loading). Unknown ids fall through to `omaHandlers()`.
 *
 * Every story uses the same handler list (set once in preview.ts), so a docs page that renders many
 * stories at once gets the same answers as each story alone.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { omaHandlers } from '../../mock-oma/msw.js';
import {
  contextIdFor,
  SCENARIOS,
  type RawFailoverStatus,
  type RawOperationSummary,
  type RawRecentJobsResponse,
  type RawUnifiedJob,
  type RawVmContextResponse,
  type Scenario,
  type ScenarioName,
} from '../../mock-oma/fixtures.js';
import { normalizeOperationType } from '../../src/model/normalize-words.js';
import { ERROR_CATEGORIES, SEVERITIES, type ErrorCategory, type Severity } from '../../src/model/operation.js';

/** The "present" of every story's data: when the preview loaded (as `omaHandlers()` anchors its own). */
export const EPOCH = new Date();

const SECOND = 1000;

/** How far web01's replication has run in the stories that show it running (0 → 100 % in 60 s). */
const WEB01_RUNNING_ELAPSED_MS = 25 * SECOND;

// ---- reading the fixtures ----------------------------------------------------------------------

function scenario(name: ScenarioName): Scenario {
  return SCENARIOS[name];
}

/** A deep copy, so a story's change never reaches the fixture's (or another story's) object. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The recent-jobs items of a fixture scenario, as the server would send them now. */
export function fixtureJobs(name: ScenarioName, elapsedMs?: number): RawUnifiedJob[] {
  return copy(scenario(name).recentJobs?.(EPOCH, elapsedMs).jobs ?? []);
}

export function fixtureVmContext(name: ScenarioName): RawVmContextResponse {
  const build = scenario(name).vmContext;
  if (!build) throw new Error(`Fixture scenario ${name} has no VM context`);
  return copy(build(EPOCH));
}

/** `last_operation`, or the legacy `context.last_operation_summary` string parsed (older servers). */
export function fixtureLastOperation(name: ScenarioName): RawOperationSummary {
  const context = fixtureVmContext(name);
  if (context.last_operation) return context.last_operation;
  const legacy = context.context.last_operation_summary;
  if (typeof legacy !== 'string') throw new Error(`Fixture scenario ${name} has no last operation`);
  return JSON.parse(legacy) as RawOperationSummary;
}

export function fixtureFailoverStatuses(name: ScenarioName): RawFailoverStatus[] {
  return copy(scenario(name).failoverStatus?.(EPOCH) ?? []);
}

/** Fixture scenarios whose texts are clean (leaky01 is the one that leaks on purpose). */
const CLEAN_SCENARIOS: ScenarioName[] = ['pgtest1', 'pgtest3', 'db02', 'web01', 'many20', 'quirks01'];

/** Every valid recent-jobs item of the clean scenarios (web01 caught while its replication runs). */
function allCleanJobs(): RawUnifiedJob[] {
  return CLEAN_SCENARIOS.flatMap((name) => fixtureJobs(name, name === 'web01' ? WEB01_RUNNING_ELAPSED_MS : undefined)).filter(
    (job) => typeof job.job_id === 'string' && typeof job.status === 'string',
  );
}

/** Every clean last-operation summary (including the legacy strings of pgtest3 and quirks01). */
function allCleanSummaries(): RawOperationSummary[] {
  return CLEAN_SCENARIOS.map((name) => fixtureLastOperation(name));
}

function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

const unique = <T>(values: T[]) => [...new Set(values)];

// ---- one job of each type × status --------------------------------------------------------------

export const JOB_TYPES = ['replication', 'test_failover', 'live_failover', 'rollback'] as const;
export type JobType = (typeof JOB_TYPES)[number];
export const JOB_STATUSES = ['completed', 'running', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

interface FailureText {
  progress?: number | string;
  step?: string;
  message?: string;
  category?: string;
  steps?: string[];
  severity?: string;
}

/** The sentences of a fixture's `actionable_steps` (the wire type allows anything in the list). */
function textsOf(steps: readonly unknown[] | null | undefined): string[] | undefined {
  return steps?.filter((step): step is string => typeof step === 'string');
}

/** The failure the fixtures tell for a job type: a failed recent-jobs item, else a failed summary. */
function failureFor(type: JobType): FailureText | undefined {
  const job = allCleanJobs().find((item) => item.job_type === type && item.status === 'failed' && hasText(item.error_message));
  if (job) {
    return {
      progress: job.progress,
      step: job.current_step,
      message: job.error_message,
      category: job.error_category,
      steps: textsOf(job.actionable_steps),
    };
  }
  const summary = allCleanSummaries().find(
    (item) => normalizeOperationType(item.operation_type) === type && item.status === 'failed' && hasText(item.error_message),
  );
  if (!summary) return undefined;
  return {
    progress: summary.progress,
    step: summary.failed_step,
    message: summary.error_message,
    category: summary.error_category,
    steps: textsOf(summary.actionable_steps),
    severity: summary.error_severity,
  };
}

/** A step name the fixtures use for this type, preferring one from a running job. */
function stepFor(type: JobType): string | undefined {
  const jobs = allCleanJobs().filter((job) => job.job_type === type && hasText(job.current_step));
  return (jobs.find((job) => job.status === 'running') ?? jobs[0])?.current_step;
}

/** The display name the fixtures give this type while not completed ("Incremental Replication"). */
function activeNameFor(type: JobType, fallback: string): string {
  return allCleanJobs().find((job) => job.job_type === type && job.status !== 'completed')?.display_name ?? fallback;
}

/** The first fixture job of a type, the base of every variant of it. */
function baseJobFor(type: JobType): RawUnifiedJob {
  const job = allCleanJobs().find((item) => item.job_type === type && hasText(item.started_at) && item.duration_seconds);
  if (!job) throw new Error(`No fixture job of type ${type}`);
  return job;
}

/** The job id of the story-only variant (the failover status handler answers for these too). */
export function variantJobId(type: JobType, status: JobStatus): string {
  return `sb-${type.replace('_', '-')}-${status}`;
}

export function variantContextId(type: JobType, status: JobStatus): string {
  return `ctx-${variantJobId(type, status)}`;
}

/** One fixture job of `type`, changed to `status` with texts the fixtures use for it. */
export function jobVariant(type: JobType, status: JobStatus): RawUnifiedJob {
  const base = baseJobFor(type);
  const job: RawUnifiedJob = {
    job_id: variantJobId(type, status),
    job_type: type,
    status,
    started_at: base.started_at,
    display_name: status === 'completed' ? base.display_name : activeNameFor(type, base.display_name ?? ''),
    data_source: base.data_source,
  };
  if (base.external_job_id) job.external_job_id = base.external_job_id;
  const duration = Number(base.duration_seconds ?? 60);
  const finishedAt = (seconds: number) => new Date(Date.parse(base.started_at ?? '') + seconds * SECOND).toISOString();
  switch (status) {
    case 'completed':
      job.progress = 100;
      job.completed_at = finishedAt(duration);
      job.duration_seconds = duration;
      if (type !== 'replication') job.current_step = stepFor(type);
      break;
    case 'running': {
      // Started a minute ago, so its relative time and progress read like a job in flight.
      job.started_at = new Date(EPOCH.getTime() - 60 * SECOND).toISOString();
      job.progress = 42.5;
      job.current_step = stepFor(type);
      break;
    }
    case 'failed': {
      const failure = failureFor(type);
      job.progress = failure?.progress ?? 60;
      job.completed_at = finishedAt(duration);
      job.duration_seconds = duration;
      job.current_step = failure?.step ?? stepFor(type);
      if (failure?.message) job.error_message = failure.message;
      if (failure?.category) job.error_category = failure.category;
      job.actionable_steps = failure?.steps ?? [];
      break;
    }
    case 'cancelled':
      job.progress = 35;
      job.completed_at = finishedAt(Math.round(duration / 3));
      job.duration_seconds = Math.round(duration / 3);
      job.current_step = stepFor(type);
      break;
  }
  return job;
}

/** The failover status endpoint's answer for a story-only job: pgtest1's, re-labelled. */
function variantFailoverStatus(jobId: string): RawFailoverStatus | undefined {
  const [template] = fixtureFailoverStatuses('pgtest1');
  if (!template) return undefined;
  const match = JOB_TYPES.flatMap((type) => JOB_STATUSES.map((status) => ({ type, status }))).find(
    ({ type, status }) => variantJobId(type, status) === jobId,
  );
  if (!match) return undefined;
  const total = template.job_details?.total_steps;
  const done = match.status === 'completed' ? total : match.status === 'failed' ? template.job_details?.completed_steps : 2;
  return {
    ...template,
    job_id: jobId,
    status: match.status,
    progress: match.status === 'completed' ? 100 : template.progress,
    job_details: {
      ...template.job_details,
      operation: match.type,
      completed_steps: done,
      failed_steps: match.status === 'failed' ? 1 : 0,
      ...(match.status === 'failed' ? {} : { error_message: undefined, failed_step: undefined }),
    },
  };
}

// ---- other story-only lists ---------------------------------------------------------------------

const byStartDesc = (a: RawUnifiedJob, b: RawUnifiedJob) => Date.parse(b.started_at ?? '') - Date.parse(a.started_at ?? '');

/** Every sanitized (server-side friendly) text the clean fixtures have, for the long-text story. */
function allFriendlyTexts() {
  const failures = [
    ...allCleanJobs().filter((job) => job.data_source === 'job_tracking' && job.status === 'failed'),
  ];
  const summaries = allCleanSummaries().filter((summary) => summary.status === 'failed');
  return {
    messages: unique([...failures.map((job) => job.error_message), ...summaries.map((s) => s.error_message)].filter(hasText)),
    steps: unique([...failures.flatMap((job) => job.actionable_steps ?? []), ...summaries.flatMap((s) => s.actionable_steps ?? [])]),
    stepNames: unique([...failures.map((job) => job.current_step), ...summaries.map((s) => s.failed_step)].filter(hasText)),
  };
}

/** pgtest1's failed test failover with every friendly message, step and advice of the fixtures at once. */
export function longTextJobs(): RawUnifiedJob[] {
  const jobs = fixtureJobs('pgtest1');
  const texts = allFriendlyTexts();
  const failed = jobs.find((job) => job.status === 'failed');
  if (failed) {
    failed.error_message = texts.messages.join('. ');
    failed.current_step = texts.stepNames.join(', then ');
    failed.actionable_steps = texts.steps;
  }
  return jobs;
}

/** A history of every kind at once: running, failed, completed, cancelled, from several fixture VMs. */
export function mixedHistoryJobs(): RawUnifiedJob[] {
  const web01 = fixtureJobs('web01', WEB01_RUNNING_ELAPSED_MS).slice(0, 1);
  const pgtest1 = fixtureJobs('pgtest1');
  const db02 = fixtureJobs('db02').slice(0, 2);
  const pgtest3 = fixtureJobs('pgtest3').slice(0, 1);
  const cancelled = fixtureJobs('many20').filter((job) => job.status === 'cancelled').slice(0, 1);
  return [...web01, ...pgtest1, ...db02, ...pgtest3, ...cancelled].sort(byStartDesc);
}

// ---- banners: one per error category and per severity --------------------------------------------

/** The category names the banner stories show (the model's list; `unknown` reads "Other"). */
export const CATEGORIES: readonly ErrorCategory[] = ERROR_CATEGORIES;
export const SEVERITY_LEVELS: readonly Severity[] = SEVERITIES;

/** A failure the fixtures tell for this category (message and advice), if any. */
function failureForCategory(category: ErrorCategory): Pick<RawOperationSummary, 'error_message' | 'actionable_steps'> | undefined {
  const summary = allCleanSummaries().find((item) => item.error_category === category && hasText(item.error_message));
  if (summary) return { error_message: summary.error_message, actionable_steps: summary.actionable_steps ?? [] };
  const job = [...allCleanJobs(), ...fixtureJobs('quirks01')].find((item) => item.error_category === category && hasText(item.error_message));
  if (job) return { error_message: job.error_message, actionable_steps: job.actionable_steps ?? [] };
  return undefined;
}

export const bannerVmName = (variant: string) => `sb-banner-${variant}`;

/** pgtest1's VM context under another name, with its last operation changed by `change`. */
function bannerContext(vmName: string, change: (operation: RawOperationSummary) => RawOperationSummary): RawVmContextResponse {
  const context = fixtureVmContext('pgtest1');
  const operation = change(fixtureLastOperation('pgtest1'));
  context.context.vm_name = vmName;
  context.context.context_id = contextIdFor(vmName);
  context.context.last_operation_summary = JSON.stringify(operation);
  context.last_operation = operation;
  return context;
}

function categoryBanner(category: ErrorCategory): RawVmContextResponse {
  return bannerContext(bannerVmName(`category-${category}`), (operation) => {
    const failure = failureForCategory(category);
    // No fixture failure of this category: the server's raw replication error stands in, and the
    // leak guard shows the category's plain sentence instead.
    const raw = fixtureJobs('quirks01').find((job) => job.job_type === 'replication' && job.status === 'failed')?.error_message;
    return {
      ...operation,
      error_category: category,
      error_message: failure?.error_message ?? raw,
      actionable_steps: failure ? (failure.actionable_steps ?? []) : operation.actionable_steps,
    };
  });
}

function severityBanner(severity: Severity): RawVmContextResponse {
  return bannerContext(bannerVmName(`severity-${severity}`), (operation) => ({ ...operation, error_severity: severity }));
}

// ---- the registry of story-only VMs --------------------------------------------------------------

interface StoryVm {
  vmName: string;
  contextId: string;
  recentJobs?: () => Response | Promise<Response>;
  vmContext?: () => Response | Promise<Response>;
}

const storyVms = new Map<string, StoryVm>();
const storyContexts = new Map<string, StoryVm>();

function register(vm: StoryVm): void {
  storyVms.set(vm.vmName, vm);
  storyContexts.set(vm.contextId, vm);
}

function jobsResponse(contextId: string, jobs: RawUnifiedJob[]): Response {
  const body: RawRecentJobsResponse = { context_id: contextId, count: jobs.length, jobs };
  return HttpResponse.json(body);
}

/** A recent-jobs-only VM (stories address it by `context-id`). */
function registerJobs(contextId: string, jobs: () => RawUnifiedJob[]): void {
  register({ vmName: contextId, contextId, recentJobs: () => jobsResponse(contextId, jobs()) });
}

function registerVmContext(body: RawVmContextResponse): void {
  register({ vmName: body.context.vm_name ?? '', contextId: String(body.context.context_id), vmContext: () => HttpResponse.json(body) });
}

for (const type of JOB_TYPES) {
  for (const status of JOB_STATUSES) registerJobs(variantContextId(type, status), () => [jobVariant(type, status)]);
}
export const LONG_TEXT_CONTEXT_ID = 'ctx-sb-long-text';
registerJobs(LONG_TEXT_CONTEXT_ID, longTextJobs);
export const MIXED_HISTORY_CONTEXT_ID = 'ctx-sb-mixed-history';
registerJobs(MIXED_HISTORY_CONTEXT_ID, mixedHistoryJobs);

for (const category of CATEGORIES) registerVmContext(categoryBanner(category));
for (const severity of SEVERITY_LEVELS) registerVmContext(severityBanner(severity));
export const NO_STEP_COUNTS_VM = bannerVmName('no-step-counts');
registerVmContext(
  bannerContext(NO_STEP_COUNTS_VM, ({ steps_completed: _done, steps_total: _total, ...operation }) => operation),
);
export const NO_COUNTS_NO_PROGRESS_VM = bannerVmName('no-counts-no-progress');
registerVmContext(
  bannerContext(NO_COUNTS_NO_PROGRESS_VM, ({ steps_completed: _done, steps_total: _total, progress: _progress, ...operation }) => operation),
);
export const NO_ADVICE_VM = bannerVmName('no-advice');
registerVmContext(bannerContext(NO_ADVICE_VM, (operation) => ({ ...operation, actionable_steps: [] })));

/** A request that never answers: the loading state stays on screen. */
export const LOADING_VM = 'sb-loading';
register({
  vmName: LOADING_VM,
  contextId: contextIdFor(LOADING_VM),
  recentJobs: () => delay('infinite').then(() => HttpResponse.error()),
  vmContext: () => delay('infinite').then(() => HttpResponse.error()),
});

/** Answers pgtest1's jobs once, then the server fails (err500's answer): stale rows stay on screen. */
export const STALE_CONTEXT_ID = 'ctx-sb-refresh-fails';
let staleRequests = 0;
/** Call before the stale-rows story renders, so its first request succeeds again. */
export function resetRefreshFailure(): void {
  staleRequests = 0;
}
register({
  vmName: STALE_CONTEXT_ID,
  contextId: STALE_CONTEXT_ID,
  recentJobs: () => {
    staleRequests += 1;
    if (staleRequests === 1) return jobsResponse(STALE_CONTEXT_ID, fixtureJobs('pgtest1'));
    const failure = scenario('err500').reply?.('recent-jobs', new Date());
    if (!failure) return HttpResponse.error();
    return new HttpResponse(failure.body, { status: failure.status, headers: { 'content-type': failure.contentType } });
  },
});

/** Handlers for the story-only VMs; anything else falls through (return undefined) to the next handler. */
export function storyHandlers(): HttpHandler[] {
  return [
    http.get('*/api/v1/vm-contexts/:id/recent-jobs', ({ params }) => storyContexts.get(String(params['id']))?.recentJobs?.()),
    http.get('*/api/v1/vm-contexts/:name', ({ params }) => storyVms.get(String(params['name']))?.vmContext?.()),
    http.get('*/api/v1/failover/:jobId/status', ({ params }) => {
      const status = variantFailoverStatus(String(params['jobId']));
      return status ? HttpResponse.json(status) : undefined;
    }),
  ];
}

/** The handler list of every story: story-only VMs first, then the fixture scenarios. */
export function mockOma(): HttpHandler[] {
  return [...storyHandlers(), ...omaHandlers()];
}

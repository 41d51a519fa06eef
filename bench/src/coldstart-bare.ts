/**
 * Scenario 8, the bare floor: what someone without this library would write for the VM page, the
 * kind of page issue 15 measured its floor with ("fetch, JSON.parse, DOM calls"). Asks the VM
 * context, asks the recent jobs the moment the context id is read, reads the fields it shows
 * straight from the JSON (no schema, no leak guard, no view models, no msg()), and builds the
 * banner and the list with DOM calls and a plain stylesheet (in coldstart-bare.html), in the light
 * DOM. It shows the same things: the banner's title, summary, failed step, issue, advice and
 * actions; each row's title, status, time and, when it failed, its issue. Its class names
 * `banner`, `issue` and `rows` are what the probe (coldstart-probe.js) looks for.
 */

const VM = 'pgtest1';

/** The fields this page reads; everything else in the answers is ignored. */
interface LastOperation {
  operation_type?: string;
  status?: string;
  progress?: number;
  failed_step?: string;
  error_message?: string;
  actionable_steps?: string[];
  steps_completed?: number;
  steps_total?: number;
}

interface VmContextAnswer {
  context: { context_id: string };
  last_operation?: LastOperation;
}

interface Job {
  job_type?: string;
  display_name?: string;
  status?: string;
  progress?: number;
  started_at?: string;
  error_message?: string;
}

interface RecentJobsAnswer {
  jobs: Job[] | null;
}

const TYPE_NAMES: Record<string, string> = {
  replication: 'Replication',
  test_failover: 'Test Failover',
  live_failover: 'Live Failover',
  rollback: 'Rollback',
};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  return JSON.parse(await response.text()) as T;
}

function element(tag: string, className?: string, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function typeName(type: string | undefined): string {
  return (type && TYPE_NAMES[type]) ?? type ?? 'Operation';
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "Failed (60%)", "Running (42%)", "Completed". */
function statusText(job: Job): string {
  const word = capitalize(job.status ?? 'unknown');
  const showsProgress = (job.status === 'failed' || job.status === 'running') && job.progress !== undefined;
  return showsProgress ? `${word} (${Math.round(job.progress!)}%)` : word;
}

/** The list's time formats, made when the list is built. */
interface Formats {
  relative: Intl.RelativeTimeFormat;
  absolute: Intl.DateTimeFormat;
}

/** "3 minutes ago", "yesterday". */
function ago(date: Date, relativeTime: Intl.RelativeTimeFormat): string {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  if (Math.abs(seconds) < 60) return relativeTime.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relativeTime.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relativeTime.format(hours, 'hour');
  return relativeTime.format(Math.round(hours / 24), 'day');
}

function timeElement(iso: string, formats: Formats): HTMLElement {
  const date = new Date(iso);
  const time = element('time', undefined, ago(date, formats.relative));
  time.setAttribute('datetime', iso);
  time.title = formats.absolute.format(date);
  return time;
}

function renderBanner(host: HTMLElement, operation: LastOperation | undefined): void {
  if (operation?.status !== 'failed') return;
  const name = typeName(operation.operation_type);
  let summary = `${name} failed`;
  if (operation.steps_completed !== undefined && operation.steps_total) summary += ` at step ${operation.steps_completed} of ${operation.steps_total}`;
  if (operation.progress !== undefined) summary += ` (${Math.round(operation.progress)}%)`;

  const banner = element('div', 'banner', element('h2', undefined, 'Last Operation Failed'), element('p', 'summary', summary));
  banner.setAttribute('role', 'alert');
  if (operation.failed_step) banner.append(element('p', 'step', element('span', 'label', 'Failed step:'), ' ', operation.failed_step));
  if (operation.error_message) banner.append(element('p', 'issue', element('span', 'label', 'Issue:'), ' ', operation.error_message));
  const steps = operation.actionable_steps ?? [];
  if (steps.length > 0) {
    banner.append(element('p', 'label', 'What you can do:'), element('ul', undefined, ...steps.map((step) => element('li', undefined, step))));
  }
  const actions = element('div', 'actions');
  if (operation.operation_type === 'test_failover') actions.append(element('button', undefined, 'Try Live Failover'));
  actions.append(element('button', undefined, 'View Details'), element('button', undefined, 'Dismiss'));
  banner.append(actions);
  host.append(banner);
}

function jobRow(job: Job, formats: Formats): HTMLElement {
  const head = element('div', 'row-head', element('span', 'title', job.display_name || typeName(job.job_type)), element('span', `status ${job.status ?? ''}`, statusText(job)));
  if (job.started_at) head.append(timeElement(job.started_at, formats));
  const row = element('li', undefined, head);
  if (job.status === 'failed' && job.error_message) row.append(element('p', 'issue', element('span', 'label', 'Issue:'), ' ', job.error_message));
  return row;
}

function renderList(host: HTMLElement, jobs: Job[]): void {
  const formats: Formats = {
    relative: new Intl.RelativeTimeFormat('en', { numeric: 'auto' }),
    absolute: new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }),
  };
  const list = element('ul', 'rows', ...jobs.map((job) => jobRow(job, formats)));
  host.append(element('section', undefined, element('h2', undefined, 'Recent Operations'), list));
}

async function main(): Promise<void> {
  const context = await getJson<VmContextAnswer>(`/api/v1/vm-contexts/${VM}`);
  const jobsAnswer = getJson<RecentJobsAnswer>(`/api/v1/vm-contexts/${encodeURIComponent(context.context.context_id)}/recent-jobs`);
  renderBanner(document.getElementById('banner')!, context.last_operation);
  renderList(document.getElementById('list')!, (await jobsAnswer).jobs ?? []);
}

void main();

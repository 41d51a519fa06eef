/**
 * Scenario 8, the floor: what a careful hand-writer ships for the VM page. Asks the VM context,
 * asks the recent jobs the moment the context id is read (no framework in between), and builds
 * the banner and the list with DOM calls, in the light DOM. It reads the answers through the same
 * pipeline (schema, leak guard) and view models as the widgets, so the text and the markup are the
 * widgets' own and the difference is the delivery: Lit, shadow DOM, the client, the waterfall.
 */
import { msg } from '@lit/localize';
import { readRecentJobs, readVmContext } from '../../src/model/pipeline.js';
import { joinVmContext } from '../../src/model/view/job-list-view.js';
import { bannerView } from '../../src/model/view/banner-view.js';
import { VanillaContestant } from './contestants/vanilla.js';
import { addWidgetStyles, getJson } from './coldstart-page.js';
import { STATUS_SHAPES, SVG_ATTRIBUTES } from './contestants/icons.js';

const VM = 'pgtest1';

addWidgetStyles();

function element(tag: string, className?: string, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function warningIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [name, value] of Object.entries(SVG_ATTRIBUTES)) svg.setAttribute(name, value);
  for (const [tag, attributes] of STATUS_SHAPES.failed) {
    const shape = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
    svg.append(shape);
  }
  return svg;
}

/** The banner's markup (operation-error-banner.component.ts), by hand. */
function banner(host: HTMLElement, vm: ReturnType<typeof readVmContext>['data']): void {
  const view = bannerView(vm, Date.now(), () => false);
  if (!view) return;
  const box = element('div', 'banner');
  box.setAttribute('role', 'alert');
  box.append(element('div', 'head', warningIcon(), element('h2', undefined, msg('Last Operation Failed'))));
  box.append(element('p', 'summary', view.summary));
  if (view.failedStep) box.append(element('p', 'more', element('span', 'issue-label', msg('Failed step:')), ' ', view.failedStep));
  if (view.issue) box.append(element('p', 'issue', element('span', 'issue-label', msg('Issue:')), ' ', view.issue));
  const more = element('div', 'more');
  if (view.advice.length > 0) {
    more.append(
      element('div', 'advice', element('span', 'issue-label', msg('What you can do:')), element('ul', 'steps', ...view.advice.map((step) => element('li', undefined, step)))),
    );
  }
  if (view.meta) more.append(element('p', 'meta', view.meta));
  box.append(more);
  const buttons = element('span', 'more-actions');
  if (view.offersLiveFailover) buttons.append(element('button', 'primary', msg('Try Live Failover')));
  buttons.append(element('button', undefined, msg('View Details')));
  box.append(element('div', 'actions', element('button', 'more-toggle', msg('What you can do')), element('button', undefined, msg('Dismiss')), buttons));
  host.append(box);
}

async function main(): Promise<void> {
  const bannerHost = document.getElementById('banner')!;
  const listHost = document.getElementById('list')!;
  const vm = readVmContext(await getJson(`/api/v1/vm-contexts/${VM}`), VM).data;
  const jobsBody = getJson(`/api/v1/vm-contexts/${encodeURIComponent(vm.contextId)}/recent-jobs`);
  banner(bannerHost, vm);
  const jobs = readRecentJobs(await jobsBody, vm.contextId).data;
  const list = new VanillaContestant();
  list.prepare(listHost);
  list.mount({ ...jobs, operations: joinVmContext(jobs.operations, vm) });
}

void main();

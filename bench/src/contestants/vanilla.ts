/**
 * The floor: the same markup as `<mk-unified-job-list>` built by hand with the DOM API, in the
 * light DOM with the element's CSS added to the document once (untimed). Icons are parsed once and
 * cloned. Updates are keyed and minimal, as a careful hand-writer would do them: a row whose
 * strings did not change is left alone, a row of the same shape gets only its changed texts and
 * attributes patched, anything else is rebuilt.
 */
import { msg } from '@lit/localize';
import type { StatusTone } from '../../../src/model/view/rules.js';
import type { Operation, OperationType, RecentJobs } from '../../../src/model/operation.js';
import { announce, rowView, type RowView } from './row-view.js';
import { STATUS_SHAPES, SVG_ATTRIBUTES, TYPE_SHAPES, type Shape } from './icons.js';
import type { Contestant } from './types.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function iconTemplate(shapes: readonly Shape[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of Object.entries(SVG_ATTRIBUTES)) svg.setAttribute(name, value);
  for (const [tag, attributes] of shapes) {
    const shape = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
    svg.append(shape);
  }
  return svg;
}

const typeIcons = new Map<OperationType, SVGSVGElement>();
const statusIcons = new Map<StatusTone, SVGSVGElement>();

function typeIcon(type: OperationType): Node {
  let icon = typeIcons.get(type);
  if (!icon) typeIcons.set(type, (icon = iconTemplate(TYPE_SHAPES[type])));
  return icon.cloneNode(true);
}

function statusIcon(tone: StatusTone): Node {
  let icon = statusIcons.get(tone);
  if (!icon) statusIcons.set(tone, (icon = iconTemplate(STATUS_SHAPES[tone])));
  return icon.cloneNode(true);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (children.length > 0) node.append(...children);
  return node;
}

interface Row {
  li: HTMLLIElement;
  view: RowView;
  signature: string;
  shape: string;
  name: Text;
  status: Text;
  when?: { time: HTMLTimeElement; relative: Text; absolute: Text; tooltip: Text };
  progress?: { bar: HTMLProgressElement; step?: Text };
  issue?: Text;
  steps: Text[];
  meta?: Text;
  actionTitle?: Text;
  toggleTitle?: Text;
}

function signatureOf(view: RowView): string {
  return JSON.stringify(view);
}

/** Everything that decides which nodes a row has (not their texts). */
function shapeOf(view: RowView): string {
  return [
    view.type,
    view.tone,
    view.failed,
    view.when !== undefined,
    view.progress !== undefined,
    view.progress?.value !== undefined,
    Boolean(view.progress?.step),
    view.issue !== undefined,
    view.steps.length,
    Boolean(view.meta),
    view.suggestLive,
  ].join('|');
}

export interface VanillaOptions {
  /**
   * Build into an open shadow root with the element's constructed style sheets adopted, as Lit
   * does: the difference to plain `vanilla` is the price of shadow DOM, the rest is Lit's own.
   */
  shadow?: CSSStyleSheet[];
}

export class VanillaContestant implements Contestant {
  readonly name: string;
  private host?: HTMLElement;
  private shadowRoot?: ShadowRoot;
  private list?: HTMLUListElement;
  private live?: HTMLElement;
  private rows = new Map<string, Row>();
  private operations = new Map<string, Operation>();
  private previous = new Map<string, Operation['status']>();

  constructor(private readonly options: VanillaOptions = {}) {
    this.name = options.shadow ? 'vanilla-shadow' : 'vanilla';
  }

  prepare(container: HTMLElement): void {
    this.host = element('div', this.options.shadow ? undefined : 'mk-host');
    container.append(this.host);
  }

  /** Where the markup goes: the host, or a shadow root made on first render (timed, as Lit's is). */
  private target(): ParentNode | undefined {
    if (!this.options.shadow || !this.host) return this.host;
    this.shadowRoot = this.host.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = this.options.shadow;
    return this.shadowRoot;
  }

  mount(jobs: RecentJobs): void {
    const now = Date.now();
    const section = element('section', 'list');
    section.setAttribute('part', 'base');
    section.setAttribute('aria-labelledby', 'heading');
    section.setAttribute('aria-busy', 'false');
    const heading = element('h2', undefined, msg('Recent Operations'));
    heading.id = 'heading';
    const header = element('header', undefined, heading);
    header.setAttribute('part', 'header');
    const live = element('div', 'visually-hidden', this.announce(jobs.operations));
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    const list = element('ul', 'rows');
    list.setAttribute('role', 'list');
    for (const operation of jobs.operations) list.append(this.buildRow(operation, rowView(operation, now)).li);
    section.append(header, live, list);
    this.list = list;
    this.live = live;
    this.target()?.append(section);
  }

  update(jobs: RecentJobs): void {
    const list = this.list;
    if (!list) return;
    const now = Date.now();
    const news = this.announce(jobs.operations);
    if (news && this.live) this.live.textContent = news;
    const seen = new Set<string>();
    let index = 0;
    for (const operation of jobs.operations) {
      seen.add(operation.key);
      const view = rowView(operation, now);
      let row = this.rows.get(operation.key);
      if (!row || row.shape !== shapeOf(view)) {
        const fresh = this.buildRow(operation, view);
        if (row) row.li.replaceWith(fresh.li);
        row = fresh;
      } else if (row.signature !== signatureOf(view)) {
        this.patch(row, view);
      }
      this.operations.set(operation.key, operation);
      if (list.children[index] !== row.li) list.insertBefore(row.li, list.children[index] ?? null);
      index += 1;
    }
    for (const [key, row] of this.rows) {
      if (seen.has(key)) continue;
      row.li.remove();
      this.rows.delete(key);
      this.operations.delete(key);
    }
  }

  rowList(): Element | null {
    return this.list ?? null;
  }

  roots(): Node[] {
    return [this.host, this.shadowRoot].filter((node): node is HTMLElement | ShadowRoot => node !== undefined);
  }

  teardown(): void {
    this.host?.parentElement?.replaceChildren();
    this.host = undefined;
    this.shadowRoot = undefined;
    this.list = undefined;
    this.live = undefined;
    this.rows = new Map();
    this.operations = new Map();
    this.previous = new Map();
  }

  private announce(operations: readonly Operation[]): string {
    const news = announce(this.previous, operations);
    this.previous = new Map(operations.map((row) => [row.key, row.status]));
    return news;
  }

  private buildRow(operation: Operation, view: RowView): Row {
    this.operations.set(operation.key, operation);
    const key = operation.key;
    const name = document.createTextNode(view.title);
    const status = document.createTextNode(view.status);
    const statusBadge = element('span', `status tone-${view.tone}`, statusIcon(view.tone), status);
    statusBadge.setAttribute('part', 'status');
    const main = element(
      'div',
      'row-main',
      element('span', 'type', typeIcon(view.type)),
      element('div', 'title', element('span', 'name', name), statusBadge),
    );
    const li = element('li', `row tone-${view.tone}`, main);
    li.setAttribute('part', view.failed ? 'row row-failed' : 'row');
    const row: Row = { li, view, signature: signatureOf(view), shape: shapeOf(view), name, status, steps: [] };

    if (view.when) {
      const relative = document.createTextNode(view.when.relative);
      const absolute = document.createTextNode(view.when.absolute);
      const tooltip = document.createTextNode(view.when.absolute);
      const shown = element('span', undefined, relative);
      shown.setAttribute('aria-hidden', 'true');
      const tip = element('span', 'tooltip', tooltip);
      tip.setAttribute('aria-hidden', 'true');
      const time = element('time', 'when', shown, element('span', 'visually-hidden', absolute), tip);
      time.dateTime = view.when.iso;
      time.title = view.when.absolute;
      time.tabIndex = 0;
      main.append(time);
      row.when = { time, relative, absolute, tooltip };
    }
    if (view.progress) {
      const bar = element('progress');
      bar.max = 100;
      if (view.progress.value !== undefined) bar.setAttribute('value', view.progress.value);
      bar.setAttribute('aria-label', view.progress.label);
      const box = element('div', 'progress', bar);
      row.progress = { bar };
      if (view.progress.step) {
        row.progress.step = document.createTextNode(view.progress.step);
        box.append(element('span', 'meta', row.progress.step));
      }
      li.append(box);
    }
    if (view.issue !== undefined) {
      row.issue = document.createTextNode(view.issue);
      const issue = element('p', 'issue', element('span', 'issue-label', msg('Issue:')), ' ', row.issue);
      issue.setAttribute('part', 'issue');
      li.append(issue);
    }
    // A failed row's advice, meta and actions sit in a fold ("What you can do" toggles it in a narrow
    // container; in a wide one CSS shows it open): the element's markup since it learnt to fold.
    const rest = view.failed ? element('div', 'more') : li;
    if (view.failed) {
      rest.id = `more-${key}`;
      row.toggleTitle = document.createTextNode(view.title);
      const toggle = element('button', 'more-toggle', msg('What you can do'), element('span', 'visually-hidden', ': ', row.toggleTitle));
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-controls', rest.id);
      li.append(toggle, rest);
    }
    if (view.steps.length > 0) {
      const steps = element('ul', 'steps');
      for (const text of view.steps) {
        const node = document.createTextNode(text);
        row.steps.push(node);
        steps.append(element('li', undefined, node));
      }
      const advice = element('div', 'advice', element('span', 'issue-label', msg('What you can do:')), steps);
      advice.setAttribute('part', 'advice');
      rest.append(advice);
    }
    if (view.meta) {
      row.meta = document.createTextNode(view.meta);
      rest.append(element('p', 'meta', row.meta));
    }
    if (view.failed) {
      const actions = element('div', 'actions');
      actions.setAttribute('part', 'actions');
      if (view.suggestLive) {
        const tryLive = element('button', 'primary', msg('Try Live Failover'));
        tryLive.addEventListener('click', () => this.tryLiveFailover(key));
        actions.append(tryLive);
      }
      row.actionTitle = document.createTextNode(view.title);
      const details = element('button', undefined, msg('View details'), element('span', 'visually-hidden', ': ', row.actionTitle));
      details.addEventListener('click', () => this.openDetails(key));
      actions.append(details);
      rest.append(actions);
    }
    this.rows.set(key, row);
    return row;
  }

  /** Same shape: set only the texts and attributes that changed. */
  private patch(row: Row, view: RowView): void {
    const old = row.view;
    if (old.title !== view.title) {
      row.name.data = view.title;
      if (row.actionTitle) row.actionTitle.data = view.title;
      if (row.toggleTitle) row.toggleTitle.data = view.title;
    }
    if (old.status !== view.status) row.status.data = view.status;
    if (row.when && view.when && old.when) {
      if (old.when.iso !== view.when.iso) row.when.time.dateTime = view.when.iso;
      if (old.when.absolute !== view.when.absolute) {
        row.when.time.title = view.when.absolute;
        row.when.absolute.data = view.when.absolute;
        row.when.tooltip.data = view.when.absolute;
      }
      if (old.when.relative !== view.when.relative) row.when.relative.data = view.when.relative;
    }
    if (row.progress && view.progress && old.progress) {
      if (old.progress.value !== view.progress.value && view.progress.value !== undefined) row.progress.bar.setAttribute('value', view.progress.value);
      if (old.progress.label !== view.progress.label) row.progress.bar.setAttribute('aria-label', view.progress.label);
      if (row.progress.step && old.progress.step !== view.progress.step) row.progress.step.data = view.progress.step;
    }
    if (row.issue && view.issue !== undefined && old.issue !== view.issue) row.issue.data = view.issue;
    view.steps.forEach((text, index) => {
      const node = row.steps[index];
      if (node && old.steps[index] !== text) node.data = text;
    });
    if (row.meta && old.meta !== view.meta) row.meta.data = view.meta;
    row.view = view;
    row.signature = signatureOf(view);
  }

  private openDetails(key: string): void {
    document.dispatchEvent(new CustomEvent('open-details', { detail: this.operations.get(key) }));
  }

  private tryLiveFailover(key: string): void {
    document.dispatchEvent(new CustomEvent('try-live-failover', { detail: { jobId: this.operations.get(key)?.jobId } }));
  }
}

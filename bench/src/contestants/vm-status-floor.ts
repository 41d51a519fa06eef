/**
 * The floor of the fleet benchmark: what `<mk-vm-status>` renders for one VM, built by hand with
 * the DOM API from the same view model (`vmStatusView`), so both sides do the same text work.
 * Icons are built once per tone and cloned. Each VM gets a `<span class="mk-host">` standing in for
 * the element's host: in the light DOM (the document carries the element's CSS with `:host`
 * rewritten to `.mk-host`, added once, untimed), or, for the price of shadow DOM alone, with the
 * same markup in a shadow root that adopts the element's style sheets.
 *
 * The markup is the element's (src/elements/vm-status/vm-status.component.ts, closed popover):
 *   <span|button class="line tone-…" part="base" title="full text" [aria-haspopup aria-expanded]>
 *     <svg class="icon">…</svg><span class="text" aria-hidden="true">text</span>
 *     <span class="visually-hidden">full text</span>
 *   </span|button>
 */
import type { StatusTone } from '../../../src/model/view/rules.js';
import type { VmStatusView } from '../../../src/model/view/vm-status-view.js';
import { STATUS_SHAPES, SVG_ATTRIBUTES } from './icons.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const statusIcons = new Map<StatusTone, SVGSVGElement>();

function statusIcon(tone: StatusTone): Node {
  let icon = statusIcons.get(tone);
  if (!icon) {
    icon = document.createElementNS(SVG_NS, 'svg');
    for (const [name, value] of Object.entries(SVG_ATTRIBUTES)) icon.setAttribute(name, value);
    for (const [tag, attributes] of STATUS_SHAPES[tone]) {
      const shape = document.createElementNS(SVG_NS, tag);
      for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
      icon.append(shape);
    }
    statusIcons.set(tone, icon);
  }
  return icon.cloneNode(true);
}

function span(className: string, text: string): HTMLSpanElement {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}

/** The one line of a VM's status: a plain line, or a button when the last operation failed. */
export function buildStatusLine(view: VmStatusView): HTMLElement {
  let line: HTMLElement;
  if (view.failure) {
    line = document.createElement('button');
    line.className = `line tone-failed${view.failure.critical ? ' critical' : ''}`;
    line.setAttribute('aria-haspopup', 'dialog');
    line.setAttribute('aria-expanded', 'false');
  } else {
    line = document.createElement('span');
    line.className = `line tone-${view.tone}`;
  }
  line.setAttribute('part', 'base');
  line.title = view.fullText;
  const text = span('text', view.text);
  text.setAttribute('aria-hidden', 'true');
  line.append(statusIcon(view.failure ? 'failed' : view.tone), text, span('visually-hidden', view.fullText));
  return line;
}

/** One VM's host with its line, in the light DOM or in a shadow root adopting `sheets`. */
export function buildStatusHost(view: VmStatusView, sheets?: CSSStyleSheet[]): HTMLElement {
  const host = document.createElement('span');
  if (sheets) {
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = sheets;
    root.append(buildStatusLine(view));
  } else {
    host.className = 'mk-host';
    host.append(buildStatusLine(view));
  }
  return host;
}

/** Whether two views draw the same nodes (only texts and attributes may differ). */
function sameShape(a: VmStatusView, b: VmStatusView): boolean {
  return Boolean(a.failure) === Boolean(b.failure) && a.failure?.critical === b.failure?.critical && a.tone === b.tone;
}

/**
 * A poll's answer for one VM, as a careful hand-writer does it: nothing when the line reads the
 * same, the changed texts and title patched in place when the shape is the same, else a new line.
 * Returns the view now on screen.
 */
export function updateStatusHost(host: HTMLElement, before: VmStatusView, after: VmStatusView): VmStatusView {
  if (before.text === after.text && before.fullText === after.fullText && sameShape(before, after)) return before;
  const root: ParentNode = host.shadowRoot ?? host;
  const line = root.firstElementChild as HTMLElement;
  if (!sameShape(before, after)) {
    line.replaceWith(buildStatusLine(after));
    return after;
  }
  if (before.fullText !== after.fullText) {
    line.title = after.fullText;
    line.lastChild!.firstChild!.nodeValue = after.fullText;
  }
  if (before.text !== after.text) line.querySelector('.text')!.firstChild!.nodeValue = after.text;
  return after;
}

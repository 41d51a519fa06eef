/**
 * Test harness for the elements: mounts them inside a provider whose client answers from the mock
 * OMA (the same fixtures as Storybook and the demo), and records every request that goes out.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { OmaClient, type OmaClientOptions } from '../src/api/client.js';
import { createMockFetch, type MockRequest } from '../mock-oma/handler.js';
import type { MockOmaOptions } from '../mock-oma/handler.js';
import '../src/index.js';

export interface MockedWidgets<T extends Element> {
  /** The first widget inside the provider. */
  element: T;
  provider: HTMLElement;
  client: OmaClient;
  /** Every request the widgets made, in order. */
  requests: MockRequest[];
}

export async function mountWithMockOma<T extends Element>(
  template: TemplateResult,
  options: { mock?: MockOmaOptions; client?: Omit<OmaClientOptions, 'fetch'> } = {},
): Promise<MockedWidgets<T>> {
  const requests: MockRequest[] = [];
  const client = new OmaClient({ ...options.client, fetch: createMockFetch({ ...options.mock, onRequest: (req) => requests.push(req) }) });
  const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${client}>${template}</mk-oma-provider>`);
  const element = provider.firstElementChild as T;
  return { element, provider, client, requests };
}

/** The element's shadow root (they all have one). */
export function shadow(element: Element): ShadowRoot {
  if (!element.shadowRoot) throw new Error(`${element.localName} has no shadow root`);
  return element.shadowRoot;
}

/** Visible text of a shadow root or element, whitespace folded. */
export function textOf(node: Element | ShadowRoot | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits for a selector inside an element's shadow root. */
export async function waitForShadow<E extends Element = Element>(element: Element, selector: string, message = selector): Promise<E> {
  await waitUntil(() => shadow(element).querySelector(selector), `waiting for ${message}`, { timeout: 4000 });
  return shadow(element).querySelector(selector) as E;
}

/** A button in a shadow root by its visible text. */
export function buttonByText(root: Element | ShadowRoot, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((button) => textOf(button).startsWith(text));
}

/** A DOM node as short markup: live nodes must not be assertion values (the runner hangs serializing them). */
export function tag(node: Element | null | undefined): string | null {
  return node ? node.outerHTML.slice(0, 120) : null;
}

/** Asserts two nodes are the same one (focus checks), with readable messages. */
export function expectSame(actual: Element | null | undefined, expected: Element | null | undefined, what: string): void {
  expect(actual === expected, `${what}: expected ${tag(expected)}, got ${tag(actual)}`).to.equal(true);
}

/** What a narrowScreen() frame's own module copies offer (its window's `mk`). */
interface NarrowScreenModules {
  OmaClient: typeof OmaClient;
  createMockFetch: typeof createMockFetch;
}

/**
 * A small screen in every engine: a same-origin iframe of `width` × `height` CSS pixels (its
 * viewport, so 100vw and modal dialogs follow it) with the widgets defined in it from its own module
 * copies. WebKit's window cannot be made narrower than 447 px, so narrow layouts are tested this way
 * everywhere. `mount` puts `element` (made with the frame's document) in a provider whose client
 * answers from the mock OMA; the frame goes away with the fixtures.
 */
export async function narrowScreen(width: number, height: number) {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe title="narrow screen" style="border: 0; display: block; width: ${width}px; height: ${height}px"></iframe>`);
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Narrow screen</title><style>html, body { margin: 0; }</style></head><body>
    <script type="module">
      import '/src/index.ts';
      import { OmaClient } from '/src/api/client.ts';
      import { createMockFetch } from '/mock-oma/handler.ts';
      window.mk = { OmaClient, createMockFetch };
    </script>
  </body></html>`;
  const modules = () => (frame.contentWindow as (Window & { mk?: NarrowScreenModules }) | null)?.mk;
  await waitUntil(() => modules(), 'the narrow frame loads the widgets', { timeout: 10_000 });
  const win = frame.contentWindow!;
  const doc = frame.contentDocument!;
  return {
    frame,
    window: win,
    document: doc,
    /** Makes data from this page into the frame's own objects (schemas there see their own realm's objects). */
    adopt<T>(value: T): T {
      return (win as Window & typeof globalThis).JSON.parse(JSON.stringify(value)) as T;
    },
    mount<T extends Element>(element: T): T {
      const { OmaClient: FrameClient, createMockFetch: frameMockFetch } = modules()!;
      const provider = doc.createElement('mk-oma-provider') as HTMLElement & { client: OmaClient };
      provider.client = new FrameClient({ fetch: frameMockFetch() });
      provider.append(element);
      doc.body.append(provider);
      return element;
    },
  };
}

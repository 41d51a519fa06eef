/**
 * `<mk-unified-job-list>` as a person meets it: what the rows say, what the buttons do, how the
 * list behaves while loading, failing, polling and ageing. Every assertion is about the DOM, the
 * events a host receives, or the requests that go out.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { TemplateResult } from 'lit';
import { OmaClient } from '../../src/api/client.js';
import type { MkUnifiedJobList } from '../../src/elements/unified-job-list/unified-job-list.js';
import type { TryLiveFailoverEvent } from '../../src/events.js';
import { setWidgetLocale } from '../../src/i18n/index.js';
import { DismissalStore } from '../../src/model/dismissal-store.js';
import { createMockFetch, createMockOma, type MockOmaOptions, type MockRequest, type MockResponse } from '../../mock-oma/handler.js';
import {
  PGTEST1_FAILED_JOB_ID,
  SLOW01_FAILED_JOB_ID,
  contextIdFor,
  errorBody,
  rfc3339,
} from '../../mock-oma/fixtures.js';
import { engineCapabilities, matchesAny, rulesUnderMedia } from '../engine.js';
import { buttonByText, mountWithMockOma, shadow, textOf, waitForShadow } from '../harness.js';

// ---- helpers ---------------------------------------------------------------------------------

type List = MkUnifiedJobList;

const PGTEST1_CTX = contextIdFor('pgtest1');

function rows(list: Element): HTMLLIElement[] {
  return [...shadow(list).querySelectorAll<HTMLLIElement>('li.row')];
}

function rowTitles(list: Element): string[] {
  return rows(list).map((row) => textOf(row.querySelector('.name')));
}

function rowByTitle(list: Element, title: string): HTMLLIElement {
  const row = rows(list).find((candidate) => textOf(candidate.querySelector('.name')) === title);
  if (!row) throw new Error(`no row titled "${title}" in: ${rowTitles(list).join(' | ')}`);
  return row;
}

async function waitForRows(list: Element, count = 1): Promise<void> {
  await waitUntil(() => rows(list).length >= count, `waiting for ${count} rows`, { timeout: 4000 });
}

/** The focused element, through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until `match` holds for the focused element (or gives up). */
async function tabTo(match: (element: Element | null) => boolean, maxPresses = 25): Promise<Element> {
  for (let i = 0; i < maxPresses; i += 1) {
    await sendKeys({ press: 'Tab' });
    const active = deepActiveElement();
    if (match(active)) return active as Element;
  }
  throw new Error('Tab never reached the element');
}

/** Starts keyboard navigation from the top of the page. */
function resetFocus(): void {
  (deepActiveElement() as HTMLElement | null)?.blur();
  (document.activeElement as HTMLElement | null)?.blur();
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * A client answered by the mock OMA through a fetch the test controls: it can be switched to fail
 * with an HTTP status, or to answer a path with a crafted body. Responses are produced on the
 * (possibly fake) timers, and `text()` resolves in a microtask, so fake clocks drive everything.
 */
interface Controlled {
  client: OmaClient;
  requests: (MockRequest & { at: number })[];
  /** Answer every request with this HTTP status (a JSON error body) while set. */
  failWith?: number;
  /** A crafted answer for some paths. */
  override?: (path: string) => MockResponse | undefined;
}

function controlledClient(mock: MockOmaOptions = {}): Controlled {
  const oma = createMockOma(mock);
  const control: Controlled = { client: undefined as unknown as OmaClient, requests: [] };
  const fetchImpl = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://mock-oma.invalid');
    const req: MockRequest = { method: 'GET', path: decodeURIComponent(url.pathname), headers: {} };
    const signal = init.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      control.requests.push({ ...req, at: Date.now() });
      const answer: MockResponse =
        control.failWith !== undefined
          ? { status: control.failWith, headers: { 'content-type': 'application/json' }, body: errorBody('pq: connection refused (database/sql)', new Date()) }
          : (control.override?.(req.path) ?? oma.handle(req));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        const response = new Response(answer.body, { status: answer.status, headers: answer.headers });
        Object.defineProperty(response, 'text', { value: () => Promise.resolve(answer.body) });
        resolve(response);
      }, answer.delayMs ?? 0);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
  control.client = new OmaClient({ fetch: fetchImpl as typeof fetch });
  return control;
}

async function mountControlled(control: Controlled, template: TemplateResult): Promise<{ element: List; provider: HTMLElement }> {
  const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${control.client}>${template}</mk-oma-provider>`);
  return { element: provider.firstElementChild as List, provider };
}

function requestsTo(control: Controlled, suffix: string): number {
  return control.requests.filter((req) => req.path.endsWith(suffix)).length;
}

const recentJobsOf = (control: Controlled) => control.requests.filter((req) => req.path.endsWith('/recent-jobs')).length;

/** Texts nobody but an admin may see (oma-contract.md, "What a user must never see"). */
const TECHNICAL = [
  /virt-v2v/i,
  /virtio/i,
  /libguestfs/i,
  /nbdkit/i,
  /qemu-img/i,
  /\/dev\//,
  /\/var\/log/,
  /handler\.go/,
  /\.log\b/,
  /\bSELECT\b/,
  /\bUPDATE\b.*\bSET\b/,
  /virtio-driver-injection/,
  /unified-(test|live)-failover-/,
  /\/api\/v1/,
  /DatabanxDC/,
];

function expectNoTechnicalText(root: ShadowRoot): void {
  // innerHTML covers attributes (title, aria-label) as well as text.
  const markup = root.innerHTML;
  for (const pattern of TECHNICAL) expect(markup, `leaked ${pattern}`).not.to.match(pattern);
}

// ---- suite -----------------------------------------------------------------------------------

describe('<mk-unified-job-list>', () => {
  let clock: sinon.SinonFakeTimers | undefined;

  /** Fake timers for polling tests: installed before mounting so the first poll timer is fake too. */
  function useFakeClock(): sinon.SinonFakeTimers {
    clock = sinon.useFakeTimers({
      now: Date.now(),
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
      shouldAdvanceTime: false,
    });
    return clock;
  }

  /** Lets answers due now arrive and the element render them. */
  async function settle(element: Element, ms = 1): Promise<void> {
    await clock!.tickAsync(ms);
    await (element as List).updateComplete;
  }

  afterEach(() => {
    // Disconnect first, so pollers and the relative-time clock stop on the clock that started them.
    fixtureCleanup();
    clock?.restore();
    clock = undefined;
    delete (document as { hidden?: boolean }).hidden;
    sinon.restore();
  });

  // ---- what a row says ----------------------------------------------------------------------

  for (const [how, template] of [
    ['vm-name', html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`],
    ['context-id', html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`],
  ] as const) {
    it(`pgtest1 by ${how}: newest first, the failed test failover says what happened and what to do`, async () => {
      const { element } = await mountWithMockOma<List>(template);
      await waitForRows(element, 3);

      expect(textOf(shadow(element).querySelector('h2'))).to.equal('Recent Operations');
      expect(rowTitles(element)).to.deep.equal(['Test Failover', 'Replication Completed', 'Initial Replication']);

      const failed = rowByTitle(element, 'Test Failover');
      expect(failed.getAttribute('part')).to.equal('row row-failed');
      const status = failed.querySelector('[part="status"]');
      expect(textOf(status)).to.equal('Failed (60%)');
      expect(status?.querySelector('svg'), 'status has an icon, not colour alone').to.be.instanceOf(Element);
      expect(failed.querySelector('.type svg'), 'job-type icon').to.be.instanceOf(Element);
      expect(textOf(failed.querySelector('[part="issue"]'))).to.equal('Issue: KVM driver installation failed - compatibility issue');
      const advice = failed.querySelector('[part="advice"]');
      expect(textOf(advice)).to.contain('What you can do:');
      expect([...(advice?.querySelectorAll('li') ?? [])].map(textOf)).to.deep.equal([
        'Try live failover (no driver modification)',
        'Verify VM is Windows-based',
      ]);
      expect(textOf(failed)).to.contain('Failed at: Preparing Drivers for Compatibility');
      expect(textOf(failed)).to.contain('ran 25 sec');
      expect(textOf(failed.querySelector('time [aria-hidden="true"]'))).to.equal('3 minutes ago');
      expect(failed.querySelector('progress'), 'no bar on a finished job').to.equal(null);

      // The information order inside a failure: name, status, issue, what to do, failed step.
      const text = textOf(failed);
      const order = ['Test Failover', 'Failed (60%)', 'Issue:', 'What you can do:', 'Failed at:'].map((part) => text.indexOf(part));
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));

      const completed = rowByTitle(element, 'Replication Completed');
      expect(textOf(completed.querySelector('[part="status"]'))).to.equal('Completed');
      expect(completed.getAttribute('part')).to.equal('row');
      expect(completed.querySelector('[part="issue"], [part="actions"]')).to.equal(null);
      expect(textOf(completed)).to.contain('ran 33 min 19 sec');
      expect(textOf(completed.querySelector('time [aria-hidden="true"]'))).to.equal('3 hours ago');
      expect(shadow(element).querySelector('section')?.getAttribute('aria-busy')).to.equal('false');
    });
  }

  it('shows replication data transferred when it knows the VM name (job_history), not from the context id alone', async () => {
    const byName = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
    await waitForRows(byName.element, 3);
    expect(textOf(rowByTitle(byName.element, 'Replication Completed'))).to.contain('26.4 GB transferred · ran 33 min 19 sec');
    expect(textOf(rowByTitle(byName.element, 'Initial Replication'))).to.contain('98.3 GB transferred');
    expect(textOf(rowByTitle(byName.element, 'Test Failover'))).not.to.contain('transferred');
    fixtureCleanup();

    const byId = await mountWithMockOma<List>(html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`);
    await waitForRows(byId.element, 3);
    expect(textOf(shadow(byId.element))).not.to.contain('transferred');
    expect(byId.requests.map((req) => req.path)).to.deep.equal([`/api/v1/vm-contexts/${PGTEST1_CTX}/recent-jobs`]);
  });

  it('uses the heading attribute when given', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list heading="History" vm-name="db02"></mk-unified-job-list>`);
    await waitForRows(element);
    expect(textOf(shadow(element).querySelector('h2'))).to.equal('History');
  });

  // ---- actions -------------------------------------------------------------------------------

  it('Try Live Failover fires a bubbling, composed try-live-failover with the job (vm-name)', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
    await waitForRows(element, 3);
    const events: TryLiveFailoverEvent[] = [];
    const listener = (event: TryLiveFailoverEvent) => events.push(event);
    document.addEventListener('try-live-failover', listener);
    try {
      const failed = rowByTitle(element, 'Test Failover');
      const button = buttonByText(failed, 'Try Live Failover');
      expect(button, 'the advice suggests live failover').to.be.instanceOf(Element);
      button!.click();
    } finally {
      document.removeEventListener('try-live-failover', listener);
    }
    expect(events).to.have.length(1);
    const [event] = events;
    expect(event!.bubbles).to.equal(true);
    expect(event!.composed).to.equal(true);
    expect(event!.detail).to.deep.equal({
      contextId: PGTEST1_CTX,
      vmName: 'pgtest1',
      jobId: PGTEST1_FAILED_JOB_ID,
      operationType: 'test_failover',
      source: 'list',
    });
    // Only the failed row offers it; completed replications have no actions.
    expect(shadow(element).querySelectorAll('[part="actions"]')).to.have.length(1);
  });

  it('Try Live Failover by keyboard (context-id): the event carries the context id and job', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`);
    await waitForRows(element, 3);
    const received: TryLiveFailoverEvent[] = [];
    const listener = (event: TryLiveFailoverEvent) => received.push(event);
    document.addEventListener('try-live-failover', listener);
    try {
      resetFocus();
      const button = await tabTo((active) => active instanceof HTMLButtonElement && textOf(active) === 'Try Live Failover');
      expect(button.getRootNode()).to.equal(shadow(element));
      await sendKeys({ press: 'Enter' });
    } finally {
      document.removeEventListener('try-live-failover', listener);
    }
    expect(received).to.have.length(1);
    const detail = received[0]!.detail;
    expect(detail.contextId).to.equal(PGTEST1_CTX);
    expect(detail.vmName).to.equal(undefined);
    expect(detail.jobId).to.equal(PGTEST1_FAILED_JOB_ID);
    expect(detail.operationType).to.equal('test_failover');
    expect(detail.source).to.equal('list');
  });

  for (const [how, template] of [
    ['vm-name', html`<mk-unified-job-list vm-name="pgtest3"></mk-unified-job-list>`],
    ['context-id', html`<mk-unified-job-list context-id=${contextIdFor('pgtest3')}></mk-unified-job-list>`],
  ] as const) {
    it(`a critical failure (pgtest3 by ${how}) never offers Try Live Failover, in the row or the details`, async () => {
      const { element } = await mountWithMockOma<List>(template);
      await waitForRows(element, 2);
      const failed = rowByTitle(element, 'Live Failover');
      expect(textOf(failed.querySelector('[part="status"]'))).to.equal('Failed');
      // The recent-jobs item carries no severity (the legacy summary says critical); its advice
      // "Do not attempt further operations on this VM" must win over "Try live failover again once...".
      expect(textOf(failed)).to.contain('Try live failover again once the destination network is reachable');
      expect(buttonByText(failed, 'Try Live Failover'), 'critical: no Try Live Failover').to.equal(undefined);
      buttonByText(failed, 'View details')!.click();
      const modal = await waitForShadow(element, 'mk-job-error-modal');
      await waitUntil(() => modal.shadowRoot?.querySelector('dialog')?.open, 'dialog open');
      expect(buttonByText(modal.shadowRoot!, 'Close')).to.be.instanceOf(Element);
      expect(buttonByText(modal.shadowRoot!, 'Try Live Failover'), 'not in the details either').to.equal(undefined);
    });
  }

  it('Try Live Failover in the details opened from the list carries the list\'s VM', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
    await waitForRows(element, 3);
    buttonByText(rowByTitle(element, 'Test Failover'), 'View details')!.click();
    const modal = await waitForShadow(element, 'mk-job-error-modal');
    await waitUntil(() => modal.shadowRoot?.querySelector('dialog')?.open, 'dialog open');
    const details: TryLiveFailoverEvent['detail'][] = [];
    const listener = (event: TryLiveFailoverEvent) => details.push(event.detail);
    document.addEventListener('try-live-failover', listener);
    try {
      buttonByText(modal.shadowRoot!, 'Try Live Failover')!.click();
    } finally {
      document.removeEventListener('try-live-failover', listener);
    }
    expect(details).to.deep.equal([
      { contextId: PGTEST1_CTX, vmName: 'pgtest1', jobId: PGTEST1_FAILED_JOB_ID, operationType: 'test_failover', source: 'modal' },
    ]);
  });

  it('dismissing the banner leaves the failure in the list: failed jobs are history', async () => {
    const store = new DismissalStore({ storage: null, eventTarget: null });
    const { provider, requests } = await mountWithMockOma<Element>(html`
      <mk-operation-error-banner vm-name="pgtest1" .dismissals=${store}></mk-operation-error-banner>
      <mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>
    `);
    const banner = provider.querySelector('mk-operation-error-banner')!;
    const list = provider.querySelector('mk-unified-job-list')!;
    await waitForRows(list, 3);
    await waitUntil(() => buttonByText(shadow(banner), 'Dismiss'), 'banner shows');
    buttonByText(shadow(banner), 'Dismiss')!.click();
    await waitUntil(() => !buttonByText(shadow(banner), 'Dismiss'), 'banner dismissed');
    await (list as List).updateComplete;
    const failed = rowByTitle(list, 'Test Failover');
    expect(textOf(failed.querySelector('[part="status"]'))).to.equal('Failed (60%)');
    expect(buttonByText(failed, 'View details')).to.be.instanceOf(Element);
    expect(requests.filter((req) => req.method !== 'GET'), 'dismissal never touches the server').to.deep.equal([]);
  });

  it('View details opens the modal; Escape closes it and focus returns to the button', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
    await waitForRows(element, 3);
    expect(shadow(element).querySelector('mk-job-error-modal'), 'no modal before it is asked for').to.equal(null);

    resetFocus();
    const viewDetails = await tabTo((active) => active instanceof HTMLButtonElement && textOf(active).startsWith('View details'));
    await sendKeys({ press: 'Enter' });

    const modal = await waitForShadow(element, 'mk-job-error-modal');
    await waitUntil(() => modal.shadowRoot?.querySelector('dialog')?.open, 'dialog open');
    const dialog = modal.shadowRoot!.querySelector('dialog')!;
    expect(textOf(dialog)).to.contain('Test Failover Failed');
    expect(textOf(dialog)).to.contain('pgtest1');
    expect(textOf(dialog)).to.contain('KVM driver installation failed - compatibility issue');
    expect(deepActiveElement()?.getRootNode(), 'focus moved into the dialog').to.equal(modal.shadowRoot);

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'dialog closed');
    await element.updateComplete;
    expect(deepActiveElement()).to.equal(viewDetails);
    expect(shadow(element).querySelector('mk-job-error-modal dialog[open]')).to.equal(null);
    // Failed jobs stay in the list: they are history.
    expect(rowTitles(element)).to.deep.equal(['Test Failover', 'Replication Completed', 'Initial Replication']);
  });

  it('the Close button closes the modal and focus returns to View details; it opens again', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`);
    await waitForRows(element, 3);
    resetFocus();
    const viewDetails = await tabTo((active) => active instanceof HTMLButtonElement && textOf(active).startsWith('View details'));
    await sendKeys({ press: 'Enter' });
    const modal = await waitForShadow(element, 'mk-job-error-modal');
    await waitUntil(() => modal.shadowRoot?.querySelector('dialog')?.open, 'dialog open');
    const focused = deepActiveElement();
    expect(textOf(focused)).to.equal('Close');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement() === viewDetails, 'focus back on View details');
    expect(modal.shadowRoot!.querySelector('dialog')!.open).to.equal(false);

    // And again: the list can open the details a second time.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(element).querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog')?.open, 'dialog open again');
  });

  // ---- states --------------------------------------------------------------------------------

  it('no VM: says so and asks nothing', async () => {
    const { element, requests } = await mountWithMockOma<List>(html`<mk-unified-job-list></mk-unified-job-list>`);
    await element.updateComplete;
    expect(textOf(shadow(element).querySelector('.empty'))).to.equal('No VM selected.');
    expect(requests).to.have.length(0);
    expect(shadow(element).querySelector('section')?.getAttribute('aria-busy')).to.equal('false');
  });

  it('loading (slow01): a busy skeleton until the answer arrives, then the rows', async () => {
    const fake = useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('slow01')}></mk-unified-job-list>`);
    await settle(element, 100);
    const section = shadow(element).querySelector('section')!;
    expect(section.getAttribute('aria-busy')).to.equal('true');
    expect(shadow(element).querySelectorAll('.skeleton').length).to.be.greaterThan(0);
    expect(textOf(shadow(element))).to.contain('Loading recent operations');
    expect(rows(element)).to.have.length(0);
    const skeletonHeight = element.getBoundingClientRect().height;
    expect(skeletonHeight, 'the skeleton takes room, so the rows do not jump in from nothing').to.be.greaterThan(100);

    await fake.tickAsync(4_000);
    await element.updateComplete;
    expect(rows(element)).to.have.length(3);
    expect(section.getAttribute('aria-busy')).to.equal('false');
    expect(shadow(element).querySelector('.skeleton')).to.equal(null);
  });

  it('empty01: "No recent operations"', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="empty01"></mk-unified-job-list>`);
    await waitUntil(() => shadow(element).querySelector('.empty'), 'empty message');
    expect(textOf(shadow(element).querySelector('.empty'))).to.equal('No recent operations');
    expect(rows(element)).to.have.length(0);
    expect(shadow(element).querySelector('.skeleton, [role="alert"]')).to.equal(null);
  });

  for (const how of ['vm-name', 'context-id'] as const) {
    it(`err500 by ${how}: a plain sentence and Retry, no technical text; Retry asks again`, async () => {
      const template =
        how === 'vm-name'
          ? html`<mk-unified-job-list vm-name="err500"></mk-unified-job-list>`
          : html`<mk-unified-job-list context-id=${contextIdFor('err500')}></mk-unified-job-list>`;
      const { element, requests } = await mountWithMockOma<List>(template);
      const alert = await waitForShadow(element, '[role="alert"]');
      expect(textOf(alert.querySelector('p'))).to.equal('The migration server had a problem answering.');
      const text = textOf(shadow(element));
      expect(text).not.to.contain('500');
      expect(text).not.to.match(/error/i);
      expect(text).not.to.contain('pq:');
      expect(text).not.to.contain('database/sql');
      expect(shadow(element).querySelector('.skeleton')).to.equal(null);
      expect(shadow(element).querySelector('section')?.getAttribute('aria-busy')).to.equal('false');

      const before = requests.length;
      buttonByText(alert, 'Retry')!.click();
      await waitUntil(() => requests.length > before, 'Retry asked the server again');
      expect(requests.at(-1)?.path).to.equal(requests.at(0)?.path);
    });
  }

  it('err401: tells the person to sign in', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="err401"></mk-unified-job-list>`);
    const alert = await waitForShadow(element, '[role="alert"]');
    expect(textOf(alert.querySelector('p'))).to.equal('You are not signed in to the migration server, or your session has expired.');
    expect(buttonByText(alert, 'Retry')).to.be.instanceOf(Element);
    expect(textOf(shadow(element))).not.to.contain('401');
  });

  it('a 401 from a token-protected server reads as sign in, for a context id too', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`, {
      mock: { token: 'secret' },
    });
    const alert = await waitForShadow(element, '[role="alert"]');
    expect(textOf(alert.querySelector('p'))).to.contain('not signed in');
  });

  for (const [scenario, sentence] of [
    ['err404', 'This VM was not found on the migration server.'],
    ['err502', 'The migration server had a problem answering.'],
    ['notjson', 'The migration server sent an answer we could not read.'],
    ['badshape', 'The migration server sent an answer we could not read.'],
  ] as const) {
    it(`${scenario}: "${sentence}" and nothing technical`, async () => {
      const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name=${scenario}></mk-unified-job-list>`);
      const alert = await waitForShadow(element, '[role="alert"]');
      expect(textOf(alert.querySelector('p'))).to.equal(sentence);
      const text = textOf(shadow(element));
      for (const word of ['nginx', 'Bad Gateway', '502', '404', '<html', 'nope', 'context']) expect(text).not.to.contain(word);
    });
  }

  it('a failed refresh keeps the last good rows, says so with Retry, and recovers', async () => {
    useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`);
    await settle(element);
    expect(rows(element)).to.have.length(3);

    control.failWith = 500;
    await settle(element, 30_500); // idle: the next poll is 30 s later
    expect(recentJobsOf(control)).to.equal(2);
    expect(rowTitles(element), 'last good rows stay').to.deep.equal(['Test Failover', 'Replication Completed', 'Initial Replication']);
    const note = shadow(element).querySelector('.stale');
    expect(note, 'a note says the refresh failed').to.be.instanceOf(Element);
    expect(textOf(note)).to.match(/^Couldn't refresh\./);
    expect(textOf(note)).not.to.match(/500|error|pq:/i);
    expect(shadow(element).querySelector('[role="alert"]'), 'not the full error state').to.equal(null);

    control.failWith = undefined;
    buttonByText(note!, 'Retry')!.click();
    await settle(element);
    expect(recentJobsOf(control)).to.equal(3);
    expect(shadow(element).querySelector('.stale'), 'the note goes once a refresh works').to.equal(null);
    expect(rows(element)).to.have.length(3);
  });

  it('backs off while refreshes keep failing, and returns to its pace afterwards', async () => {
    useFakeClock();
    const start = new Date();
    const control = controlledClient({ now: () => start }); // web01 stays running at 0 %
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('web01')}></mk-unified-job-list>`);
    await settle(element);
    control.failWith = 502;
    await settle(element, 60_000);
    const t0 = control.requests[0]!.at;
    // Running: every 5 s; then after 1, 2, 3 failures 5, 10, 20 s.
    expect(control.requests.map((req) => Math.round((req.at - t0) / 1000))).to.deep.equal([0, 5, 10, 20, 40]);
    expect(rows(element), 'rows kept throughout').to.have.length(2);
    expect(shadow(element).querySelector('.stale')).to.be.instanceOf(Element);

    control.failWith = undefined;
    await settle(element, 20_100); // the poll at 80 s works
    expect(recentJobsOf(control)).to.equal(6);
    expect(shadow(element).querySelector('.stale')).to.equal(null);
    await settle(element, 5_000);
    expect(recentJobsOf(control), 'back to every 5 s').to.equal(7);
  });

  // ---- polling -------------------------------------------------------------------------------

  it('polls every 5 s while a job runs (web01)', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('web01')}></mk-unified-job-list>`);
    await settle(element);
    expect(recentJobsOf(control)).to.equal(1);
    await settle(element, 4_800);
    expect(recentJobsOf(control)).to.equal(1);
    await settle(element, 400);
    expect(recentJobsOf(control)).to.equal(2);
    await settle(element, 5_000);
    expect(recentJobsOf(control)).to.equal(3);
  });

  it('polls every 30 s when nothing runs (db02)', async () => {
    useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('db02')}></mk-unified-job-list>`);
    await settle(element);
    expect(recentJobsOf(control)).to.equal(1);
    await settle(element, 29_000);
    expect(recentJobsOf(control)).to.equal(1);
    await settle(element, 1_500);
    expect(recentJobsOf(control)).to.equal(2);
    await settle(element, 30_000);
    expect(recentJobsOf(control)).to.equal(3);
  });

  it('poll-interval="0" asks once and never again', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element } = await mountControlled(
      control,
      html`<mk-unified-job-list vm-name="web01" poll-interval="0"></mk-unified-job-list>`,
    );
    await settle(element);
    await settle(element);
    expect(rows(element)).to.have.length(2);
    const first = control.requests.length;
    expect(first).to.equal(2); // the vm context, then its recent jobs
    await settle(element, 120_000);
    expect(control.requests.length).to.equal(first);
  });

  it('poll-interval="10" polls every 10 s, running or not', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element } = await mountControlled(
      control,
      html`<mk-unified-job-list context-id=${contextIdFor('web01')} poll-interval="10"></mk-unified-job-list>`,
    );
    await settle(element);
    await settle(element, 9_500);
    expect(recentJobsOf(control)).to.equal(1);
    await settle(element, 1_000);
    expect(recentJobsOf(control)).to.equal(2);
    await settle(element, 10_000);
    expect(recentJobsOf(control)).to.equal(3);
  });

  it('pauses while the page is hidden and resumes when it is shown again', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('web01')}></mk-unified-job-list>`);
    await settle(element);
    expect(recentJobsOf(control)).to.equal(1);

    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    // 30 s: web01 is still running at 50 %, so it would have polled every 5 s.
    await settle(element, 30_000);
    expect(recentJobsOf(control), 'no requests while hidden').to.equal(1);

    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
    await settle(element);
    expect(recentJobsOf(control), 'an overdue poll runs at once').to.equal(2);
    await settle(element, 5_200);
    expect(recentJobsOf(control)).to.equal(3);
  });

  it('stops asking once removed from the page', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element, provider } = await mountControlled(control, html`<mk-unified-job-list vm-name="web01"></mk-unified-job-list>`);
    await settle(element);
    await settle(element, 5_200);
    const before = control.requests.length;
    expect(before).to.be.greaterThan(2);
    element.remove();
    expect(control.client.activeWatchCount).to.equal(0);
    await clock!.tickAsync(120_000);
    expect(control.requests.length).to.equal(before);

    // Put back (a host moving it): it watches again.
    provider.append(element);
    await settle(element);
    await settle(element);
    expect(control.requests.length).to.be.greaterThan(before);
    expect(rows(element)).to.have.length(2);
  });

  it('a list and a banner for the same VM in one provider share one vm-context request per cycle', async () => {
    useFakeClock();
    const control = controlledClient();
    const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${control.client}>
      <mk-operation-error-banner vm-name="pgtest1"></mk-operation-error-banner>
      <mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>
    </mk-oma-provider>`);
    const list = provider.querySelector('mk-unified-job-list')!;
    await settle(list);
    await settle(list);
    expect(rows(list)).to.have.length(3);
    const vmPath = '/vm-contexts/pgtest1';
    expect(requestsTo(control, vmPath)).to.equal(1);
    expect(recentJobsOf(control)).to.equal(1);
    await settle(list, 31_000);
    expect(requestsTo(control, vmPath)).to.equal(2);
    await settle(list, 30_000);
    expect(requestsTo(control, vmPath)).to.equal(3);
    expect(recentJobsOf(control)).to.equal(3);
  });

  it('an unchanged poll answer changes nothing in the DOM', async () => {
    useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list vm-name="db02"></mk-unified-job-list>`);
    await settle(element);
    await settle(element);
    expect(rows(element)).to.have.length(4);
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(shadow(element), { subtree: true, childList: true, characterData: true, attributes: true });
    const before = control.requests.length;
    // 30.5 s: both resources poll once (idle), and the relative-time clock re-renders twice (15 s, 30 s);
    // db02's times ("1 hour ago" ...) do not change in that time, so nothing may change at all.
    await settle(element, 30_500);
    await element.updateComplete;
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(control.requests.length - before, 'both resources were asked again').to.equal(2);
    expect(records.map((r) => `${r.type} ${r.target.nodeName} ${r.attributeName ?? ''}`)).to.deep.equal([]);
  });

  it('web01: the progress bar grows between polls, and the completion is announced', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element } = await mountControlled(control, html`<mk-unified-job-list vm-name="web01"></mk-unified-job-list>`);
    await settle(element);
    await settle(element);
    const live = shadow(element).querySelector('[role="status"]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(textOf(live)).to.equal('');

    const running = () => rowByTitle(element, 'Incremental Replication');
    expect(textOf(running().querySelector('[part="status"]'))).to.match(/^Running/);
    const value = () => running().querySelector('progress')!.value;
    const v0 = value();
    await settle(element, 5_100);
    const v1 = value();
    await settle(element, 5_000);
    const v2 = value();
    expect(v1).to.be.greaterThan(v0);
    expect(v2).to.be.greaterThan(v1);
    expect(textOf(running())).to.match(/\d+%/);
    expect(shadow(element).innerHTML).not.to.match(/nbdkit/i);

    await settle(element, 52_000);
    expect(rowTitles(element)[0]).to.equal('Replication Completed');
    const done = rows(element)[0]!;
    expect(textOf(done.querySelector('[part="status"]'))).to.equal('Completed');
    expect(done.querySelector('progress'), 'no bar once finished').to.equal(null);
    expect(textOf(live)).to.contain('Replication Completed');
    expect(textOf(live)).to.contain('Completed');

    // Now idle: the next poll is 30 s away.
    const before = recentJobsOf(control);
    await settle(element, 25_000);
    expect(recentJobsOf(control)).to.equal(before);
    await settle(element, 6_000);
    expect(recentJobsOf(control)).to.equal(before + 1);
  });

  it('web01 by vm-name: the data transferred of the running replication keeps up with its bar', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element } = await mountControlled(control, html`<mk-unified-job-list vm-name="web01"></mk-unified-job-list>`);
    await settle(element);
    await settle(element);
    const running = () => rowByTitle(element, 'Incremental Replication');
    const UNITS: Record<string, number> = { kB: 1e3, MB: 1e6, GB: 1e9 };
    const transferred = () => {
      const match = /([\d.]+) (kB|MB|GB) transferred/.exec(textOf(running()));
      return match ? Number(match[1]) * (UNITS[match[2]!] ?? 0) : undefined;
    };
    expect(transferred(), 'nothing transferred at 0 %').to.equal(undefined);
    await settle(element, 5_100);
    const first = transferred();
    expect(first, 'bytes shown from the first poll on').to.be.greaterThan(0);
    await settle(element, 5_000);
    const second = transferred();
    expect(second).to.be.greaterThan(first!);
    await settle(element, 5_000);
    expect(transferred()).to.be.greaterThan(second!);
    // Both resources poll at the running pace, one request each per cycle.
    expect(requestsTo(control, '/vm-contexts/web01')).to.equal(recentJobsOf(control));
  });

  it('announces a failure as it happens, once, and nothing for jobs that were already finished', async () => {
    useFakeClock();
    const control = controlledClient();
    const ctx = 'ctx-live-1';
    const started = rfc3339(new Date(Date.now() - 60_000));
    let phase: 'running' | 'failed' = 'running';
    control.override = (path) => {
      if (!path.endsWith(`/${ctx}/recent-jobs`)) return undefined;
      const job =
        phase === 'running'
          ? { status: 'running', progress: 40, current_step: 'Creating Destination VM' }
          : {
              status: 'failed',
              progress: 60,
              current_step: 'Preparing Drivers for Compatibility',
              error_message: 'KVM driver installation failed - compatibility issue',
              error_category: 'compatibility',
              actionable_steps: ['Try live failover (no driver modification)'],
              duration_seconds: 25,
            };
      const body = {
        context_id: ctx,
        count: 2,
        jobs: [
          { job_id: 'tf-1', job_type: 'test_failover', started_at: started, display_name: 'Test Failover', data_source: 'job_tracking', ...job },
          { job_id: 'rp-0', job_type: 'replication', status: 'completed', progress: 100, started_at: rfc3339(new Date(Date.now() - 3_600_000)), display_name: 'Replication Completed', data_source: 'replication_jobs' },
        ],
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    };
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${ctx}></mk-unified-job-list>`);
    await settle(element);
    const live = shadow(element).querySelector('[role="status"]')!;
    expect(rows(element)).to.have.length(2);
    expect(textOf(live), 'nothing to announce on the first answer').to.equal('');
    expect(rowByTitle(element, 'Test Failover').querySelector('progress')!.value).to.equal(40);

    phase = 'failed';
    await settle(element, 5_100);
    expect(textOf(rowByTitle(element, 'Test Failover').querySelector('[part="status"]'))).to.equal('Failed (60%)');
    expect(textOf(live)).to.equal('Test Failover: Failed.');
    expect(buttonByText(rowByTitle(element, 'Test Failover'), 'Try Live Failover')).to.be.instanceOf(Element);
  });

  it('the live region keeps no news about the previous VM after switching', async () => {
    useFakeClock();
    const control = controlledClient({ now: () => new Date() });
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('web01')}></mk-unified-job-list>`);
    await settle(element);
    await settle(element, 65_000);
    const live = shadow(element).querySelector('[role="status"]')!;
    expect(textOf(live)).to.equal('Replication Completed: Completed.');

    element.contextId = contextIdFor('db02');
    await element.updateComplete;
    await settle(element);
    expect(rowTitles(element)[0]).to.equal('Rollback');
    expect(textOf(shadow(element).querySelector('[role="status"]'))).to.equal('');
  });

  it('switching context-id mid-flight never shows the old VM later', async () => {
    const fake = useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('slow01')}></mk-unified-job-list>`);
    await settle(element, 500);
    expect(rows(element)).to.have.length(0);

    element.contextId = contextIdFor('empty01');
    await element.updateComplete;
    await settle(element);
    expect(textOf(shadow(element).querySelector('.empty'))).to.equal('No recent operations');
    await fake.tickAsync(5_000); // slow01 would have answered by now
    await element.updateComplete;
    expect(rows(element), 'no slow01 rows').to.have.length(0);
    expect(textOf(shadow(element).querySelector('.empty'))).to.equal('No recent operations');
  });

  it('switching from slow01 to pgtest1: the rows and their actions are pgtest1\'s', async () => {
    const fake = useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${contextIdFor('slow01')}></mk-unified-job-list>`);
    await settle(element, 500);
    element.contextId = PGTEST1_CTX;
    await element.updateComplete;
    await settle(element);
    await fake.tickAsync(5_000);
    await element.updateComplete;
    expect(rows(element)).to.have.length(3);
    const jobIds: (string | undefined)[] = [];
    const listener = (event: TryLiveFailoverEvent) => jobIds.push(event.detail.jobId);
    element.addEventListener('try-live-failover', listener);
    buttonByText(rowByTitle(element, 'Test Failover'), 'Try Live Failover')!.click();
    element.removeEventListener('try-live-failover', listener);
    expect(jobIds).to.deep.equal([PGTEST1_FAILED_JOB_ID]);
    expect(jobIds).not.to.include(SLOW01_FAILED_JOB_ID);
  });

  // ---- odd data ------------------------------------------------------------------------------

  it('quirks01: every item a row (no id, a mistyped status), odd words shown plainly, nothing technical', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="quirks01"></mk-unified-job-list>`);
    await waitForRows(element, 10);
    expect(rows(element)).to.have.length(10);
    const statuses = rows(element).map((row) => textOf(row.querySelector('[part="status"]')));
    // The item whose status is a number reads "Unknown"; the one without a job id is a running replication.
    expect(statuses).to.include('Unknown');
    expect(statuses.filter((status) => status.startsWith('Running'))).to.have.length(2);
    expect(statuses).to.include('Paused');
    expect(statuses).to.include('Cancelled');
    expect(statuses).to.include('Skipped');
    expect(statuses).to.include('Pending');

    // Unknown job types ('cleanup_task', 'unknown') read as the generic operation, with the generic icon.
    const generic = rows(element).filter((row) => textOf(row.querySelector('.name')) === 'Operation');
    expect(generic).to.have.length(2);
    const paused = generic.find((row) => textOf(row.querySelector('[part="status"]')) === 'Paused')!;
    expect(paused.className).to.contain('tone-neutral');

    // Newest first although the server sent them out of order; the unknown start time goes last.
    expect(rowTitles(element)[0]).to.equal('Incremental Replication');
    expect(textOf(rows(element)[0]!.querySelector('[part="status"]'))).to.equal('Pending');
    expect(rows(element).at(-1)!.querySelector('time'), 'no time for an unknown start').to.equal(null);

    // A running job without progress still has a bar: an indeterminate one.
    const noProgress = rowByTitle(element, 'Live Failover');
    expect(textOf(noProgress.querySelector('[part="status"]'))).to.equal('Running');
    expect(noProgress.querySelector('progress')?.hasAttribute('value'), 'indeterminate').to.equal(false);
    expect(textOf(noProgress)).to.contain('Configuring Network Adapters');

    // Out-of-range and float progress.
    const failed = rows(element).find((row) => row.getAttribute('part') === 'row row-failed')!;
    expect(textOf(failed.querySelector('[part="status"]'))).to.equal('Failed (59%)');
    for (const bar of shadow(element).querySelectorAll('progress')) {
      expect(bar.value).to.be.within(0, 100);
    }
    expect(textOf(shadow(element))).not.to.match(/140%|-5%/);
    expectNoTechnicalText(shadow(element));
  });

  it('many20: all twenty jobs, newest first, each failure with its own actions', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="many20"></mk-unified-job-list>`);
    await waitForRows(element, 20);
    const starts = [...shadow(element).querySelectorAll('time')].map((time) => Date.parse(time.getAttribute('datetime')!));
    expect(starts).to.have.length(20);
    expect(starts).to.deep.equal([...starts].sort((a, b) => b - a));
    const failed = rows(element).filter((row) => row.getAttribute('part') === 'row row-failed');
    expect(failed).to.have.length(4);
    for (const row of failed) {
      expect(buttonByText(row, 'View details'), 'every failure opens its details').to.be.instanceOf(Element);
      expect(buttonByText(row, 'Try Live Failover'), 'the advice does not suggest it').to.equal(undefined);
      expect(textOf(row)).to.contain('What you can do:');
    }
    const running = rows(element).filter((row) => textOf(row.querySelector('[part="status"]')).startsWith('Running'));
    expect(running).to.have.length(2);
    for (const row of running) expect(row.querySelector('progress')?.value).to.equal(42.5);
    expectNoTechnicalText(shadow(element));
    expect(textOf(shadow(element))).not.to.match(/VixDiskLib|nbd\.go/);
  });

  it('leaky01: a server that leaks internals shows only plain words, in the row and in the details', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="leaky01"></mk-unified-job-list>`);
    await waitForRows(element, 1);
    const row = rows(element)[0]!;
    expect(textOf(row.querySelector('[part="status"]'))).to.equal('Failed (40%)');
    expect(textOf(row)).to.contain('Failed at: Preparing Drivers for Compatibility');
    expect(textOf(row.querySelector('[part="issue"]'))).to.match(/^Issue: \S/);
    expectNoTechnicalText(shadow(element));

    buttonByText(row, 'View details')!.click();
    const modal = await waitForShadow(element, 'mk-job-error-modal');
    await waitUntil(() => modal.shadowRoot?.querySelector('dialog')?.open, 'dialog open');
    await (modal as unknown as List).updateComplete;
    expectNoTechnicalText(modal.shadowRoot!);
    expect(modal.shadowRoot!.querySelector('details'), 'no technical section without admin').to.equal(null);
  });

  it('server text is text: markup in a job renders as characters, never as elements', async () => {
    const alert = sinon.stub(window, 'alert');
    const control = controlledClient();
    const ctx = 'ctx-xss-1';
    const now = new Date();
    control.override = (path) =>
      path.endsWith(`/${ctx}/recent-jobs`)
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              context_id: ctx,
              count: 1,
              jobs: [
                {
                  job_id: 'xss-1',
                  job_type: 'test_failover',
                  status: 'failed',
                  progress: 20,
                  started_at: rfc3339(new Date(now.getTime() - 120_000)),
                  display_name: 'Test <b>Failover</b>',
                  error_message: '<img src=x onerror=alert(1)>',
                  error_category: 'unknown',
                  actionable_steps: ['<script>alert(2)</script>Try live failover', '<a href="javascript:alert(3)">Click</a>'],
                  data_source: 'job_tracking',
                },
              ],
            }),
          }
        : undefined;
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${ctx}></mk-unified-job-list>`);
    await waitForRows(element, 1);
    const root = shadow(element);
    expect(root.querySelector('img, script, b, a')).to.equal(null);
    const issue = root.querySelector('[part="issue"]')!;
    expect([...issue.children].map((child) => child.localName)).to.deep.equal(['span']);
    expect(textOf(issue)).to.equal('Issue: <img src=x onerror=alert(1)>');
    expect(alert.called).to.equal(false);
    buttonByText(root, 'View details')!.click();
    const modal = await waitForShadow(element, 'mk-job-error-modal');
    await waitUntil(() => modal.shadowRoot?.querySelector('dialog')?.open, 'dialog open');
    expect(modal.shadowRoot!.querySelector('img, script, b, a')).to.equal(null);
    expect(alert.called).to.equal(false);
  });

  it('the relative time stays current as time passes', async () => {
    useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`);
    await settle(element);
    const when = () => textOf(rowByTitle(element, 'Test Failover').querySelector('time [aria-hidden="true"]'));
    expect(when()).to.equal('3 minutes ago');
    await settle(element, 60_000);
    expect(when()).to.equal('4 minutes ago');
    await settle(element, 57 * 60_000);
    expect(when()).to.equal('1 hour ago');
  });

  // ---- accessibility -------------------------------------------------------------------------

  it('is accessible loaded (pgtest1), and in the dark theme', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
    await waitForRows(element, 3);
    await expect(element).to.be.accessible();
    element.theme = 'dark';
    await element.updateComplete;
    expect(getComputedStyle(shadow(element).querySelector('section')!).backgroundColor).to.equal('rgb(22, 25, 29)');
    await expect(element).to.be.accessible();
  });

  it('is accessible with running, pending and odd rows (quirks01, web01)', async () => {
    const quirks = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="quirks01"></mk-unified-job-list>`);
    await waitForRows(quirks.element, 8);
    await expect(quirks.element).to.be.accessible();
    fixtureCleanup();
    const web = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="web01" theme="dark"></mk-unified-job-list>`);
    await waitForRows(web.element, 2);
    await expect(web.element).to.be.accessible();
  });

  it('is accessible while loading, empty and failing', async () => {
    const loading = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="slow01"></mk-unified-job-list>`);
    expect(shadow(loading.element).querySelector('.skeleton')).to.be.instanceOf(Element);
    await expect(loading.element).to.be.accessible();
    fixtureCleanup();

    const empty = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="empty01"></mk-unified-job-list>`);
    await waitForShadow(empty.element, '.empty');
    await expect(empty.element).to.be.accessible();
    fixtureCleanup();

    const failing = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="err500" theme="dark"></mk-unified-job-list>`);
    await waitForShadow(failing.element, '[role="alert"]');
    await expect(failing.element).to.be.accessible();
  });

  it('is accessible with the stale-data note', async () => {
    useFakeClock();
    const control = controlledClient();
    const { element } = await mountControlled(control, html`<mk-unified-job-list context-id=${PGTEST1_CTX}></mk-unified-job-list>`);
    await settle(element);
    control.failWith = 500;
    await settle(element, 30_500);
    expect(shadow(element).querySelector('.stale')).to.be.instanceOf(Element);
    clock!.restore();
    clock = undefined;
    await expect(element).to.be.accessible();
  });

  it('every action is reachable with Tab', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
    await waitForRows(element, 3);
    // The "What you can do" toggle only shows in a narrow container or with density="compact".
    const buttons = [...shadow(element).querySelectorAll('button')].filter((button) => button.checkVisibility());
    expect(buttons.map(textOf)).to.deep.equal(['Try Live Failover', 'View details: Test Failover']);
    // The start times are focusable too, so the absolute time is available without a mouse.
    const times = [...shadow(element).querySelectorAll('time')];
    resetFocus();
    const reached = new Set<Element>();
    // Stop once everything was reached: tabbing on past the last element leaves the page, and in
    // Firefox that moves focus into the browser's own toolbar, away from the tests that follow.
    for (let i = 0; i < 20 && ![...buttons, ...times].every((target) => reached.has(target)); i += 1) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      if (active) reached.add(active);
    }
    for (const button of buttons) expect(reached.has(button), `${textOf(button)} reachable`).to.equal(true);
    expect(times).to.have.length(3);
    for (const time of times) expect(reached.has(time)).to.equal(true);
  });

  it('the error Retry is reachable with Tab and works with Enter', async () => {
    const { element, requests } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="err500"></mk-unified-job-list>`);
    await waitForShadow(element, '[role="alert"]');
    resetFocus();
    await tabTo((active) => active instanceof HTMLButtonElement && textOf(active) === 'Retry');
    const before = requests.length;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requests.length > before, 'Enter on Retry asked again');
  });

  it('follows a dark colour scheme, a theme attribute overrides it, and --mk-* properties and parts theme it', async () => {
    // Dark by the system setting where the engine emulates it (Chromium, Firefox); in WebKit, which
    // cannot emulate media over WebDriver, dark by the host page's color-scheme.
    const { emulatesMedia } = await engineCapabilities();
    if (emulatesMedia) await emulateMedia({ colorScheme: 'dark' });
    else document.documentElement.style.colorScheme = 'dark';
    try {
      const { element, provider } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
      await waitForRows(element, 3);
      const section = shadow(element).querySelector('section')!;
      expect(getComputedStyle(section).backgroundColor, emulatesMedia ? 'dark by system preference' : "dark by the page's color-scheme").to.equal('rgb(22, 25, 29)');
      element.theme = 'light';
      await element.updateComplete;
      expect(getComputedStyle(section).backgroundColor, 'the host says light').to.equal('rgb(255, 255, 255)');

      // Text in the host's font; colours through custom properties; parts for the main pieces.
      provider.parentElement!.style.fontFamily = 'Georgia, serif';
      element.style.setProperty('--mk-color-failed', 'rgb(1, 2, 3)');
      const failed = rowByTitle(element, 'Test Failover');
      expect(getComputedStyle(failed.querySelector('.name')!).fontFamily).to.equal('Georgia, serif');
      expect(getComputedStyle(failed.querySelector('[part="status"]')!).color).to.equal('rgb(1, 2, 3)');
      expect(shadow(element).querySelectorAll('[part~="row"]')).to.have.length(3);
      expect(shadow(element).querySelectorAll('[part~="row-failed"]')).to.have.length(1);
      for (const part of ['base', 'header', 'status', 'issue', 'advice', 'actions']) {
        expect(shadow(element).querySelector(`[part~="${part}"]`), `part ${part}`).to.be.instanceOf(Element);
      }
    } finally {
      if (emulatesMedia) await emulateMedia({ colorScheme: 'light' });
      else document.documentElement.style.removeProperty('color-scheme');
    }
  });

  it('respects prefers-reduced-motion: the loading skeleton does not pulse', async () => {
    const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="slow01"></mk-unified-job-list>`);
    const bar = shadow(element).querySelector('.skeleton span')!;
    expect(getComputedStyle(bar).animationName).to.equal('pulse');
    if (!(await engineCapabilities()).emulatesMedia) {
      // WebKit cannot emulate the setting over WebDriver (Chromium and Firefox test it below): here,
      // WebKit parsed the widget's reduced-motion rule, and it stops the bar's animation.
      const stoppers = rulesUnderMedia(shadow(element), '(prefers-reduced-motion: reduce)').filter(
        (rule) => matchesAny(bar, rule.selectorText) && rule.style.getPropertyValue('animation-name') === 'none' && rule.style.getPropertyPriority('animation-name') === 'important',
      );
      expect(stoppers, 'reduced-motion rules that stop the bar').to.have.length.above(0);
      return;
    }
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(bar).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('speaks German when the host switches the locale', async () => {
    try {
      await setWidgetLocale('de');
      const { element } = await mountWithMockOma<List>(html`<mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>`);
      await waitForRows(element, 3);
      const text = textOf(shadow(element));
      expect(textOf(shadow(element).querySelector('h2'))).to.equal('Letzte Vorgänge');
      const failed = rows(element)[0]!;
      expect(textOf(failed.querySelector('[part="status"]'))).to.match(/^Fehlgeschlagen \(60\s?%\)$/);
      expect(text).to.contain('Das können Sie tun:');
      expect(text).to.contain('Fehlgeschlagen bei: Preparing Drivers for Compatibility');
      expect(text).to.match(/26,4\sGB übertragen/);
      expect(textOf(failed.querySelector('time [aria-hidden="true"]'))).to.equal('vor 3 Minuten');
      expect(buttonByText(failed, 'Live-Failover versuchen')).to.be.instanceOf(Element);
      expect(text).not.to.match(/Recent Operations|What you can do|transferred/);
    } finally {
      await setWidgetLocale('en');
    }
  });

  it('plain HTML (markup parsed before the elements are defined): the list uses its provider\'s client', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html><body>
      <mk-oma-provider api-base="http://oma.example:8082"><mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list></mk-oma-provider>
      <script>
        window.requested = [];
        window.fetch = (input) => {
          window.requested.push(String(input));
          return Promise.resolve(new Response('{"error":"nope"}', { status: 404, headers: { 'content-type': 'application/json' } }));
        };
      </script>
      <script type="module">import '/src/index.ts';</script>
    </body></html>`;
    document.body.append(frame);
    try {
      const win = () => frame.contentWindow as (Window & { requested?: string[] }) | null;
      const list = () => frame.contentDocument?.querySelector('mk-unified-job-list');
      await waitUntil(() => list()?.shadowRoot?.querySelector('[role="alert"]'), 'the list shows the answer', { timeout: 4000 });
      const requested = win()!.requested!;
      // Not the page's own origin: the provider's api-base (and, in real hosts, its token).
      expect(requested.filter((url) => !url.startsWith('http://oma.example:8082/')), 'requests that bypass the provider').to.deep.equal([]);
      // And one client from the start: no second request for the same thing.
      expect(requested).to.deep.equal(['http://oma.example:8082/api/v1/vm-contexts/pgtest1']);
    } finally {
      frame.remove();
    }
  });

  it('a provider configured by attributes and properties: one client, so one request for the VM', async () => {
    const requests: MockRequest[] = [];
    const mockFetch = createMockFetch({ onRequest: (req) => requests.push(req) });
    const provider = await fixture<HTMLElement>(html`<mk-oma-provider api-base="http://oma.example:8082" .fetch=${mockFetch}>
      <mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list>
    </mk-oma-provider>`);
    const list = provider.querySelector('mk-unified-job-list')!;
    await waitForRows(list, 3);
    expect(requests.map((req) => req.path)).to.deep.equal([`/api/v1/vm-contexts/pgtest1`, `/api/v1/vm-contexts/${PGTEST1_CTX}/recent-jobs`]);
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    // A 320 px column rather than a 320 px viewport: the list lays itself out by its own width
    // (container queries), and WebKit's window cannot be made that narrow.
    const { element: column } = await mountWithMockOma<HTMLElement>(
      html`<div style="width: 320px"><mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list></div>`,
    );
    const element = column.querySelector('mk-unified-job-list')!;
    await waitForRows(element, 3);
    const section = shadow(element).querySelector('section')!;
    expect(column.getBoundingClientRect().width).to.equal(320);
    expect(element.getBoundingClientRect().width).to.be.at.most(320);
    expect(section.scrollWidth).to.be.at.most(section.clientWidth + 1);
    expect(column.scrollWidth, 'nothing sticks out of the column').to.be.at.most(320);
  });
});

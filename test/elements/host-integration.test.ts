/**
 * What a real host needs (the MigrateKit dashboard's side panel): its own proxy routes through
 * endpoint templates, data it already holds handed over instead of fetched, and a 320 px column
 * where failures fold so the banner and the list fit together.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { OmaClient } from '../../src/api/client.js';
import { DismissalStore } from '../../src/model/dismissal-store.js';
import type { MkJobErrorModal } from '../../src/elements/job-error-modal/job-error-modal.js';
import type { MkOperationErrorBanner } from '../../src/elements/operation-error-banner/operation-error-banner.js';
import type { MkUnifiedJobList } from '../../src/elements/unified-job-list/unified-job-list.js';
import { createMockFetch } from '../../mock-oma/handler.js';
import { SCENARIOS } from '../../mock-oma/fixtures.js';
import { buttonByText, shadow, textOf, waitForShadow } from '../harness.js';
import { MemoryStorage } from '../memory-storage.js';

const FORBIDDEN = /virt|v2v|\/dev\/|handler\.go/i;

/** A client that must not be asked anything (host-fed data), counting what it is asked all the same. */
function silentClient(): { client: OmaClient; asked: string[] } {
  const asked: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    return new Response('{"error":"unexpected"}', { status: 500 });
  }) as typeof globalThis.fetch;
  return { client: new OmaClient({ fetch }), asked };
}

const pgtest1Context = () => SCENARIOS.pgtest1.vmContext!(new Date());
const pgtest1Jobs = () => SCENARIOS.pgtest1.recentJobs!(new Date());

function freshStore(): DismissalStore {
  return new DismissalStore({ storage: new MemoryStorage() });
}

function visible(element: Element | null | undefined): boolean {
  return !!element && element.checkVisibility();
}

describe('host-fed data', () => {
  it('the banner and the list show what the host hands over, and ask nothing', async () => {
    const { client, asked } = silentClient();
    const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${client}>
      <mk-operation-error-banner vm-name="pgtest1" .vmContext=${pgtest1Context()} .dismissals=${freshStore()}></mk-operation-error-banner>
      <mk-unified-job-list vm-name="pgtest1" .vmContext=${pgtest1Context()} .recentJobs=${pgtest1Jobs()}></mk-unified-job-list>
    </mk-oma-provider>`);
    const [banner, list] = [...provider.children] as [MkOperationErrorBanner, MkUnifiedJobList];
    await waitForShadow(banner, '[part="base"]');
    await waitForShadow(list, '[part~="row-failed"]');
    expect(textOf(shadow(banner))).to.contain('Test Failover failed at step 3 of 5 (60%)');
    // Bytes come from the host's VM context, as they would from a fetched one.
    expect(textOf(shadow(list))).to.contain('26.4 GB transferred');
    expect(asked).to.deep.equal([]);
  });

  it('host-fed bodies are guarded like fetched ones, and a bad one keeps the last good data', async () => {
    const { client, asked } = silentClient();
    const body = pgtest1Context();
    body.last_operation = { ...body.last_operation, error_message: 'virt-v2v: error: /dev/vdc at handler.go:223' };
    const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${client}>
      <mk-operation-error-banner vm-name="pgtest1" .vmContext=${body} .dismissals=${freshStore()}></mk-operation-error-banner>
    </mk-oma-provider>`);
    const banner = provider.firstElementChild as MkOperationErrorBanner;
    await waitForShadow(banner, '[part="issue"]');
    expect(textOf(shadow(banner))).not.to.match(FORBIDDEN);

    banner.vmContext = 'not a body at all' as never;
    await banner.updateComplete;
    expect(textOf(shadow(banner)), 'last good data kept').to.contain('Last Operation Failed');
    expect(asked).to.deep.equal([]);
  });
});

describe('endpoint templates', () => {
  it('a recent-jobs route keyed by VM name is asked at once, without waiting for the VM context', async () => {
    const asked: string[] = [];
    const mock = createMockFetch();
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      asked.push(url);
      // The dashboard's routes, answered by the mock OMA's.
      const vm = /^\/api\/vm-contexts\/([^/]+)\/recent-jobs$/.exec(url);
      if (vm) {
        const contextId = SCENARIOS.pgtest1.contextId;
        return mock(`/api/v1/vm-contexts/${contextId}/recent-jobs`, init);
      }
      return new Response('<html>404</html>', { status: 404, headers: { 'content-type': 'text/html' } });
    }) as typeof globalThis.fetch;
    const client = new OmaClient({
      fetch,
      endpoints: { vmContext: '/api/vm-contexts/{vmName}', recentJobs: '/api/vm-contexts/{vmName}/recent-jobs' },
    });
    const provider = await fixture<HTMLElement>(
      html`<mk-oma-provider .client=${client}><mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list></mk-oma-provider>`,
    );
    const list = provider.firstElementChild as MkUnifiedJobList;
    await waitForShadow(list, '[part~="row-failed"]');
    expect(asked).to.include('/api/vm-contexts/pgtest1/recent-jobs');
    expect(asked.some((url) => url.startsWith('/api/v1')), 'no /api/v1 route').to.equal(false);
  });

  it('a recent-jobs route keyed by VM name is asked once, also when the VM context answers first', async () => {
    const asked: string[] = [];
    const now = new Date();
    let contextAnswered!: () => void;
    const contextSent = new Promise<void>((resolve) => (contextAnswered = resolve));
    const fetch = (async (input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      if (url === '/api/vm-contexts/pgtest1') {
        setTimeout(contextAnswered, 50);
        return Response.json(SCENARIOS.pgtest1.vmContext!(now));
      }
      // The jobs answer after the context has been read and rendered.
      await contextSent;
      return Response.json(SCENARIOS.pgtest1.recentJobs!(now));
    }) as typeof globalThis.fetch;
    const client = new OmaClient({
      fetch,
      contextIds: null,
      endpoints: { vmContext: '/api/vm-contexts/{vmName}', recentJobs: '/api/vm-contexts/{vmName}/recent-jobs' },
    });
    const provider = await fixture<HTMLElement>(
      html`<mk-oma-provider .client=${client}><mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list></mk-oma-provider>`,
    );
    const list = provider.firstElementChild as MkUnifiedJobList;
    await waitForShadow(list, '[part~="row-failed"]');
    expect(asked.filter((url) => url.endsWith('/recent-jobs'))).to.deep.equal(['/api/vm-contexts/pgtest1/recent-jobs']);
  });

  it('an admin dialog on a host without the status route (failoverStatus: null) asks nothing for it', async () => {
    const asked: string[] = [];
    const mock = createMockFetch();
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(String(input));
      return mock(input, init);
    }) as typeof globalThis.fetch;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    const client = new OmaClient({ fetch, endpoints: { failoverStatus: null } });
    console.warn = warn;
    expect(warnings, 'a deliberate null is not a configuration problem').to.deep.equal([]);
    const provider = await fixture<HTMLElement>(html`<mk-oma-provider .client=${client}>
      <mk-job-error-modal admin .job=${SCENARIOS.pgtest1.recentJobs!(new Date()).jobs![0]}></mk-job-error-modal>
    </mk-oma-provider>`);
    const modal = provider.firstElementChild as MkJobErrorModal;
    await modal.show();
    await waitForShadow(modal, '[part="technical"]');
    expect(textOf(shadow(modal))).to.contain('Technical details');
    expect(asked.filter((url) => url.includes('/failover/'))).to.deep.equal([]);
  });

  it('a missing proxy route says so, in a plain sentence', async () => {
    const fetch = (async () => new Response('<!DOCTYPE html><h1>404</h1>', { status: 404, headers: { 'content-type': 'text/html' } })) as typeof globalThis.fetch;
    const client = new OmaClient({ fetch, endpoints: { vmContext: '/api/vm-contexts/{vmName}' } });
    const provider = await fixture<HTMLElement>(
      html`<mk-oma-provider .client=${client}><mk-unified-job-list vm-name="pgtest1"></mk-unified-job-list></mk-oma-provider>`,
    );
    const list = provider.firstElementChild as MkUnifiedJobList;
    const alert = await waitForShadow(list, '[role="alert"]');
    expect(textOf(alert)).to.contain('the connection to it is not set up here');
    expect(textOf(alert)).not.to.contain('was not found');
  });
});

describe('a narrow side panel', () => {
  async function panel(width: number, density?: 'compact') {
    const { client } = { client: new OmaClient({ fetch: createMockFetch() }) };
    const wrapper = await fixture<HTMLElement>(html`<div style="width: ${width}px">
      <mk-oma-provider .client=${client} style="display: grid; gap: 16px">
        <mk-operation-error-banner vm-name="pgtest1" density=${density ?? 'auto'} .dismissals=${freshStore()}></mk-operation-error-banner>
        <mk-unified-job-list vm-name="pgtest1" density=${density ?? 'auto'}></mk-unified-job-list>
      </mk-oma-provider>
    </div>`);
    const [banner, list] = [...wrapper.querySelectorAll<HTMLElement>('mk-operation-error-banner, mk-unified-job-list')] as [
      MkOperationErrorBanner,
      MkUnifiedJobList,
    ];
    await waitForShadow(banner, '[part="base"]');
    await waitUntil(() => shadow(list).querySelectorAll('.row').length === 3, 'three rows');
    return { wrapper, banner, list };
  }

  it('at 320 px the failure folds to title, status and issue; banner and list fit in 600 px', async () => {
    const { wrapper, banner, list } = await panel(320);
    const row = shadow(list).querySelector('[part~="row-failed"]')!;
    expect(visible(row.querySelector('[part="issue"]')), 'issue shown').to.equal(true);
    expect(visible(row.querySelector('[part="advice"]')), 'advice folded').to.equal(false);
    expect(visible(shadow(banner).querySelector('[part="advice"]')), 'banner advice folded').to.equal(false);
    expect(visible(buttonByText(shadow(banner), 'Dismiss')), 'banner actions stay').to.equal(true);
    const height = wrapper.getBoundingClientRect().height;
    expect(height, `banner + list ${height} px`).to.be.at.most(600);
  });

  it('"What you can do" opens the rest with the keyboard', async () => {
    const { list } = await panel(320);
    const row = shadow(list).querySelector('[part~="row-failed"]')!;
    const toggle = row.querySelector<HTMLButtonElement>('.more-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await list.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(visible(row.querySelector('[part="advice"]'))).to.equal(true);
    expect(visible(buttonByText(row, 'View details'))).to.equal(true);
  });

  it('density="compact" folds at any width; a wide list with a banner on the page folds only the failure the banner shows', async () => {
    const compact = await panel(900, 'compact');
    expect(visible(shadow(compact.list).querySelector('[part~="row-failed"] [part="advice"]'))).to.equal(false);
    // Its banner would fold the next list's row too: it leaves the page first.
    compact.wrapper.remove();

    const wide = await panel(900);
    expect(visible(shadow(wide.banner).querySelector('[part="advice"]')), 'the banner in full').to.equal(true);
    const row = shadow(wide.list).querySelector('[part~="row-failed"]')!;
    expect(row.classList.contains('folded')).to.equal(true);
    expect(visible(row.querySelector('[part="advice"]'))).to.equal(false);

    // Dismissed, the banner no longer shows it: the row unfolds.
    buttonByText(shadow(wide.banner), 'Dismiss')!.click();
    await waitUntil(() => !row.classList.contains('folded'), 'the row unfolds');
    expect(visible(row.querySelector('[part="advice"]'))).to.equal(true);
  });
});

/**
 * React 19 (and @lit/react) connect a custom element first and set its properties right after, in
 * the same task: the dashboard's `<OmaProvider endpoints={…}>` and host-fed `vmContext`. What the
 * widgets ask must follow those properties, never the defaults they had for that moment.
 */
describe('a framework that sets properties right after connecting', () => {
  const realFetch = globalThis.fetch;
  let asked: string[];

  beforeEach(() => {
    asked = [];
    const now = new Date();
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      const path = String(input);
      asked.push(path);
      if (path === '/api/vm-contexts/pgtest1') return Response.json(SCENARIOS.pgtest1.vmContext!(now));
      if (path === '/api/vm-contexts/pgtest1/recent-jobs') return Response.json(SCENARIOS.pgtest1.recentJobs!(now));
      return new Response('Not Found', { status: 404 });
    }) as typeof fetch;
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  /** `<mk-oma-provider>` with a banner and a list for pgtest1, connected before `configure` runs. */
  async function mountThenConfigure(configure: (provider: HTMLElement & { endpoints?: unknown }, banner: MkOperationErrorBanner, list: MkUnifiedJobList) => void) {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const provider = document.createElement('mk-oma-provider') as HTMLElement & { endpoints?: unknown };
    const banner = document.createElement('mk-operation-error-banner') as MkOperationErrorBanner;
    const list = document.createElement('mk-unified-job-list') as MkUnifiedJobList;
    banner.setAttribute('vm-name', 'pgtest1');
    list.setAttribute('vm-name', 'pgtest1');
    banner.dismissals = freshStore();
    provider.append(banner, list);
    container.append(provider);
    configure(provider, banner, list);
    await waitForShadow(banner, '[part="base"]');
    await waitForShadow(list, '[part~="row-failed"]');
  }

  it("the provider's endpoints, set after connecting, decide every request", async () => {
    await mountThenConfigure((provider) => {
      provider.endpoints = { vmContext: '/api/vm-contexts/{vmName}', recentJobs: '/api/vm-contexts/{vmName}/recent-jobs', failoverStatus: null, vmContexts: null };
    });
    expect(asked.length).to.be.greaterThan(0);
    expect(asked.filter((url) => !url.startsWith('/api/vm-contexts/pgtest1')), 'no request to the default /api/v1 routes').to.deep.equal([]);
  });

  it('host-fed data, set after connecting, means nothing is asked', async () => {
    await mountThenConfigure((_provider, banner, list) => {
      banner.vmContext = pgtest1Context();
      list.vmContext = pgtest1Context();
      list.recentJobs = pgtest1Jobs();
    });
    expect(asked).to.deep.equal([]);
  });
});

/**
 * `<mk-oma-provider>`: the client it hands down follows its options, endpoint templates included
 * (a property, or JSON in the attribute for plain HTML).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { ContextEvent } from '@lit/context';
import sinon from 'sinon';
import type { OmaClient } from '../../src/api/client.js';
import { omaClientContext } from '../../src/api/context.js';
import { resetReportedDataIssues } from '../../src/api/report.js';
import type { MkOmaProvider } from '../../src/elements/oma-provider/oma-provider.component.js';
import '../../src/elements/oma-provider/oma-provider.js';

const DASHBOARD = { vmContext: '/api/vm-contexts/{vmName}', recentJobs: '/api/vm-contexts/{vmName}/recent-jobs' };

/** The client a widget inside `provider` gets, asked the way @lit/context asks. */
function clientInside(provider: HTMLElement): OmaClient | undefined {
  const child = provider.firstElementChild ?? provider.appendChild(document.createElement('span'));
  let client: OmaClient | undefined;
  child.dispatchEvent(new ContextEvent(omaClientContext, child, (value) => (client = value)));
  return client;
}

/** A fetch that records the URLs and answers with an OMA VM context. */
function recordingFetch(urls: string[]): typeof fetch {
  return ((input: RequestInfo | URL) => {
    urls.push(String(input));
    const body = { context: { context_id: 'ctx-1', vm_name: 'pgtest1', current_status: 'discovered' } };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
  }) as typeof fetch;
}

describe('<mk-oma-provider>', () => {
  let warn: sinon.SinonStub;

  beforeEach(() => {
    warn = sinon.stub(console, 'warn');
    resetReportedDataIssues();
  });

  afterEach(() => {
    sinon.restore();
  });

  it('reads endpoint templates from the JSON attribute: requests go to the host routes', async () => {
    const urls: string[] = [];
    const provider = await fixture<MkOmaProvider>(
      html`<mk-oma-provider endpoints=${JSON.stringify(DASHBOARD)} .fetch=${recordingFetch(urls)}><span></span></mk-oma-provider>`,
    );
    const client = clientInside(provider)!;
    await client.fetchVmContext('pg test');
    expect(urls).to.deep.equal(['/api/vm-contexts/pg%20test']);
    expect(client.recentJobsUrl({ vmName: 'pgtest1' })).to.equal('/api/vm-contexts/pgtest1/recent-jobs');
    expect(warn.callCount).to.equal(0);
  });

  it('a bad JSON attribute never throws: requests fail as configuration, said once in the console', async () => {
    const urls: string[] = [];
    const provider = await fixture<MkOmaProvider>(html`<mk-oma-provider endpoints="{vmContext: oops" .fetch=${recordingFetch(urls)}><span></span></mk-oma-provider>`);
    const client = clientInside(provider)!;
    const error = await client.fetchVmContext('pgtest1').then(
      () => undefined,
      (failure: { kind: string }) => failure,
    );
    expect(error?.kind).to.equal('configuration');
    expect(urls).to.deep.equal([]);
    provider.setAttribute('api-base', '/other'); // a new client, same bad endpoints
    await provider.updateComplete;
    expect(clientInside(provider)).not.to.equal(client);
    expect(warn.callCount).to.equal(1);
    expect(String(warn.firstCall.args[0])).to.contain('[mk-widgets]').and.contain('endpoints is not valid JSON');
  });

  it('builds a new client when the templates change, but not for an equal new object (a React re-render)', async () => {
    const provider = await fixture<MkOmaProvider>(html`<mk-oma-provider .endpoints=${{ ...DASHBOARD }}><span></span></mk-oma-provider>`);
    const first = clientInside(provider)!;
    expect(first.vmContextUrl('a')).to.equal('/api/vm-contexts/a');
    provider.endpoints = { ...DASHBOARD };
    await provider.updateComplete;
    expect(clientInside(provider)).to.equal(first);
    provider.endpoints = { vmContext: '/proxy/vm/{vmName}' };
    await provider.updateComplete;
    const second = clientInside(provider)!;
    expect(second).not.to.equal(first);
    expect(second.vmContextUrl('a')).to.equal('/proxy/vm/a');
    provider.removeAttribute('endpoints');
    provider.endpoints = undefined;
    await provider.updateComplete;
    expect(clientInside(provider)!.vmContextUrl('a')).to.equal('/api/v1/vm-contexts/a');
  });

  it('hands a host-given client down as it is, whatever the templates', async () => {
    const provider = await fixture<MkOmaProvider>(html`<mk-oma-provider .endpoints=${DASHBOARD}><span></span></mk-oma-provider>`);
    const { OmaClient } = await import('../../src/api/client.js');
    const own = new OmaClient();
    provider.client = own;
    await provider.updateComplete;
    expect(clientInside(provider)).to.equal(own);
  });

  it('stays out of the layout (display: contents)', async () => {
    const provider = await fixture<MkOmaProvider>(html`<mk-oma-provider></mk-oma-provider>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
  });
});

import { expect } from '@open-wc/testing';
import { DEFAULT_ENDPOINTS, Endpoints, UrlTemplate, isFetchableUrl, type EndpointName } from '../../src/api/endpoints.js';

describe('UrlTemplate', () => {
  it('fills each placeholder with its value, URL-encoded', () => {
    const template = new UrlTemplate('/api/vm-contexts/{vmName}/recent-jobs', 'recentJobs');
    expect(template.fill({ vmName: 'pgtest1' })).to.equal('/api/vm-contexts/pgtest1/recent-jobs');
    expect(template.fill({ vmName: 'vm a/b?c#d%&' })).to.equal('/api/vm-contexts/vm%20a%2Fb%3Fc%23d%25%26/recent-jobs');
  });

  it('fills placeholders in a query string too', () => {
    expect(new UrlTemplate('/jobs?vm={vmName}&all=1', 'recentJobs').fill({ vmName: 'a b' })).to.equal('/jobs?vm=a%20b&all=1');
  });

  it('has no URL while a placeholder it needs has no value (or an empty one)', () => {
    const template = new UrlTemplate('/api/vm-contexts/{vmName}/recent-jobs', 'recentJobs');
    expect(template.fill({ contextId: 'ctx-1' })).to.equal(undefined);
    expect(template.fill({ vmName: '' })).to.equal(undefined);
    expect([...template.placeholders]).to.deep.equal(['vmName']);
  });

  it('accepts absolute http(s) templates', () => {
    expect(new UrlTemplate('https://oma.example/api/v1/failover/{jobId}/status', 'failoverStatus').fill({ jobId: 'j/1' })).to.equal(
      'https://oma.example/api/v1/failover/j%2F1/status',
    );
  });

  const bad: [string, EndpointName, RegExp][] = [
    ['/api/vm-contexts/{vm}', 'vmContext', /unknown placeholder \{vm\}.*expected \{vmName\}/],
    ['/api/failover/{vmName}', 'failoverStatus', /unknown placeholder \{vmName\}/],
    ['/api/vm-contexts/{contextId}', 'vmContexts', /expected no placeholder/],
    ['/api/vm-contexts/{vmName', 'vmContext', /unbalanced brace/],
    ['/api/vm-contexts/vmName}', 'vmContext', /unbalanced brace/],
    ['api/vm-contexts/{vmName}', 'vmContext', /neither a path/],
    ['javascript:alert(1)//{vmName}', 'vmContext', /neither a path/],
    ['data:application/json,{}', 'vmContexts', /neither a path|placeholder/],
  ];
  for (const [source, endpoint, message] of bad) {
    it(`refuses '${source}' for ${endpoint}`, () => {
      expect(() => new UrlTemplate(source, endpoint)).to.throw(message);
    });
  }
});

describe('Endpoints', () => {
  it("defaults to the OMA's /api/v1 paths behind apiBase", () => {
    const endpoints = new Endpoints('http://oma:8082/');
    expect(endpoints.apiBase).to.equal('http://oma:8082');
    expect(endpoints.problems).to.deep.equal([]);
    expect(endpoints.url('vmContext', { vmName: 'pgtest1' })).to.equal('http://oma:8082/api/v1/vm-contexts/pgtest1');
    expect(endpoints.url('recentJobs', { contextId: 'ctx-1' })).to.equal('http://oma:8082/api/v1/vm-contexts/ctx-1/recent-jobs');
    expect(endpoints.url('failoverStatus', { jobId: 'j1' })).to.equal('http://oma:8082/api/v1/failover/j1/status');
    expect(endpoints.url('vmContexts')).to.equal('http://oma:8082/api/v1/vm-contexts');
    expect(DEFAULT_ENDPOINTS.recentJobs).to.equal('/api/v1/vm-contexts/{contextId}/recent-jobs');
  });

  it("puts apiBase in front of path templates and uses absolute ones as they are (the dashboard's routes)", () => {
    const templates = { vmContext: '/api/vm-contexts/{vmName}', recentJobs: '/api/vm-contexts/{vmName}/recent-jobs', failoverStatus: 'https://other.example/progress/{jobId}' };
    expect(new Endpoints('', templates).url('vmContext', { vmName: 'pgtest1' })).to.equal('/api/vm-contexts/pgtest1');
    const proxied = new Endpoints('/dashboard', templates);
    expect(proxied.url('recentJobs', { vmName: 'pgtest1', contextId: 'ctx-1' })).to.equal('/dashboard/api/vm-contexts/pgtest1/recent-jobs');
    expect(proxied.url('recentJobs', { contextId: 'ctx-1' })).to.equal(undefined);
    expect(proxied.url('failoverStatus', { jobId: 'j1' })).to.equal('https://other.example/progress/j1');
    // The ones left out keep the OMA's paths.
    expect(proxied.url('vmContexts')).to.equal('/dashboard/api/v1/vm-contexts');
  });

  it('reads the templates from their JSON text (the provider attribute)', () => {
    const endpoints = new Endpoints('', '{"vmContext": "/api/vm-contexts/{vmName}"}');
    expect(endpoints.problems).to.deep.equal([]);
    expect(endpoints.url('vmContext', { vmName: 'a' })).to.equal('/api/vm-contexts/a');
  });

  it('a bad template makes only its resource unusable', () => {
    const endpoints = new Endpoints('', { vmContext: '/api/vm-contexts/{name}' });
    expect(endpoints.url('vmContext', { vmName: 'a' })).to.equal(undefined);
    expect(endpoints.problemWith('vmContext')!.message).to.contain('{name}');
    expect(endpoints.problemWith('recentJobs')).to.equal(undefined);
    expect(endpoints.url('recentJobs', { contextId: 'c' })).to.equal('/api/v1/vm-contexts/c/recent-jobs');
  });

  for (const templates of ['{not json', '[]', '"a string"', 42 as unknown as string]) {
    it(`endpoints ${JSON.stringify(templates)} make every resource unusable, without throwing`, () => {
      const endpoints = new Endpoints('', templates);
      expect(endpoints.problems).to.have.length(1);
      expect(endpoints.url('vmContexts')).to.equal(undefined);
      expect(endpoints.problemWith('failoverStatus')).to.equal(endpoints.problems[0]);
    });
  }

  it('a null template says the host does not expose that resource: no URL, and no problem to warn about', () => {
    const endpoints = new Endpoints('', { vmContext: '/api/vm-contexts/{vmName}', failoverStatus: null });
    expect(endpoints.url('failoverStatus', { jobId: 'j1' })).to.equal(undefined);
    expect(endpoints.isExposed('failoverStatus')).to.equal(false);
    expect(endpoints.isExposed('vmContext')).to.equal(true);
    expect(endpoints.problems).to.deep.equal([]);
    expect(new Endpoints('', '{"failoverStatus": null}').url('failoverStatus', { jobId: 'j1' })).to.equal(undefined);
  });

  it('an unknown resource name is a problem that blocks nothing', () => {
    const endpoints = new Endpoints('', { vmContext: '/a/{vmName}', jobs: '/b' } as never);
    expect(endpoints.problems.map((problem) => problem.affects)).to.deep.equal([[]]);
    expect(endpoints.problems[0]!.message).to.contain("'jobs'");
    expect(endpoints.url('vmContext', { vmName: 'x' })).to.equal('/a/x');
  });

  for (const base of ['data:application/json,{}', 'javascript:alert(1)', 'blob:http://x/1', 'java\tscript:alert(1)', 'ftp://oma', 'oma:8082']) {
    it(`refuses the api-base ${JSON.stringify(base)} for every resource`, () => {
      const endpoints = new Endpoints(base);
      expect(endpoints.problems).to.have.length(1);
      expect(endpoints.problems[0]!.message).to.contain('api-base');
      expect(endpoints.url('vmContext', { vmName: 'a' })).to.equal(undefined);
      expect(endpoints.url('vmContexts')).to.equal(undefined);
    });
  }

  for (const base of ['', '/', '/proxy/oma', 'proxy/oma', 'http://oma:8082', 'HTTPS://oma.example/base/']) {
    it(`accepts the api-base ${JSON.stringify(base)}`, () => {
      expect(new Endpoints(base).problems).to.deep.equal([]);
    });
  }
});

describe('isFetchableUrl', () => {
  it('is true for relative URLs and http(s) ones only', () => {
    expect(['', '/a', 'a/b', '//host/a', 'http://a', 'https://a'].map(isFetchableUrl)).to.deep.equal([true, true, true, true, true, true]);
    expect(['data:,x', ' javascript:x', 'blob:http://a/1', 'file:///etc/passwd', 'http://[bad'].map(isFetchableUrl)).to.deep.equal([false, false, false, false, false]);
  });
});

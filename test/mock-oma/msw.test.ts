import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { omaHandlers } from '../../mock-oma/msw.js';
import { PGTEST1_FAILED_JOB_ID, contextIdFor, type RawRecentJobsResponse } from '../../mock-oma/fixtures.js';

describe('omaHandlers (MSW)', () => {
  it('answers the OMA routes from the mock, scenarios by VM name', async () => {
    const handlers = omaHandlers();
    const jobs = await getResponse(handlers, new Request(`http://localhost/api/v1/vm-contexts/${contextIdFor('pgtest1')}/recent-jobs`));
    expect(jobs?.status).to.equal(200);
    expect(((await jobs?.json()) as RawRecentJobsResponse).jobs?.[0]?.job_id).to.equal(PGTEST1_FAILED_JOB_ID);
    const html = await getResponse(handlers, new Request('http://localhost/api/v1/vm-contexts/err502'));
    expect(html?.status).to.equal(502);
    expect(html?.headers.get('content-type')).to.equal('text/html');
    const missing = await getResponse(handlers, new Request('http://localhost/api/v1/vm-contexts/nope'));
    expect(missing?.status).to.equal(404);
    expect(await getResponse(handlers, new Request('http://localhost/other'))).to.equal(undefined);
    const fleet = await getResponse(handlers, new Request('http://localhost/api/v1/vm-contexts?fleet=7'));
    expect(((await fleet?.json()) as { count: number }).count).to.equal(7);
  });

  it('enforces the token when given one', async () => {
    const handlers = omaHandlers({ token: 'abc' });
    expect((await getResponse(handlers, new Request('http://localhost/api/v1/vm-contexts/db02')))?.status).to.equal(401);
    const ok = await getResponse(handlers, new Request('http://localhost/api/v1/vm-contexts/db02', { headers: { Authorization: 'Bearer abc' } }));
    expect(ok?.status).to.equal(200);
  });

  it('delays every answer when asked', async () => {
    const handlers = omaHandlers({ delayMs: 60 });
    const started = performance.now();
    await getResponse(handlers, new Request('http://localhost/api/v1/vm-contexts/db02'));
    expect(performance.now() - started).to.be.greaterThanOrEqual(50);
  });
});

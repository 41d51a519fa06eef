/**
 * MSW 2.x handlers for Storybook (and any MSW setup), answered by the same pure mock handler.
 * Scenarios are selected by the VM name / context id in the URL.
 *
 *   parameters: { msw: { handlers: omaHandlers() } }                      // all scenarios
 *   parameters: { msw: { handlers: omaHandlers({ delayMs: 'infinite' }) } } // loading state
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { createMockOma, type MockOmaOptions } from './handler.js';

export interface OmaHandlersOptions extends MockOmaOptions {
  /** Delay every answer by this long (or forever), instead of the scenario's own delay. */
  delayMs?: number | 'infinite';
}

export function omaHandlers(options: OmaHandlersOptions = {}): HttpHandler[] {
  const { delayMs, ...mockOptions } = options;
  const mock = createMockOma(mockOptions);
  return [
    http.all('*/api/v1/*', async ({ request }) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      const answer = mock.handle({ method: request.method, path: url.pathname, query: url.search, headers });
      const wait = delayMs ?? answer.delayMs;
      if (wait === 'infinite') await delay('infinite');
      else if (wait !== undefined && wait > 0) await delay(wait);
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
    }),
  ];
}

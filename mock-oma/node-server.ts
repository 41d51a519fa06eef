/**
 * The mock OMA over Node's http: the middleware the demo's Vite server mounts on `/api/v1`
 * (vite-plugin.ts), and the standalone server of `npm run mock-oma` (scripts/mock-oma.mjs), which
 * answers only the API, with CORS so a host app on another origin can call it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import cors from 'cors';
import { createMockOma, type MockOma, type MockOmaOptions } from './handler.js';

/**
 * Answers `req` from the mock. `mount` is put back in front of `req.url` (Connect strips the path
 * a middleware is mounted on).
 */
export function answerFromMock(mock: MockOma, req: IncomingMessage, res: ServerResponse, mount = ''): void {
  const [pathname = '/', query] = (req.url ?? '/').split('?', 2);
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const answer = mock.handle({ method: req.method ?? 'GET', path: mount + pathname, query, headers });
  const send = () => {
    if (res.writableEnded || res.destroyed) return;
    res.statusCode = answer.status;
    for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
    res.setHeader('cache-control', 'no-store');
    res.end(answer.body);
  };
  if (answer.delayMs) {
    const timer = setTimeout(send, answer.delayMs);
    res.on('close', () => clearTimeout(timer));
  } else {
    send();
  }
}

/**
 * The standalone mock OMA: every path is the mock's (`/api/v1/...`; anything else is a JSON 404).
 * CORS: any origin, with credentials, `Authorization` allowed; preflights answer 204.
 */
export function createMockOmaServer(options: MockOmaOptions = {}): Server {
  const mock = createMockOma(options);
  const allowCors = cors({ origin: true, credentials: true, methods: 'GET', maxAge: 600 });
  return createServer((req, res) => {
    allowCors(req, res, () => answerFromMock(mock, req, res));
  });
}

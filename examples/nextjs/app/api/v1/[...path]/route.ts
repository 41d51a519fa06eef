// The dashboard's way to reach the OMA: the browser calls /api/v1/* on this app (same origin, so the
// widgets need no api-base and no CORS), and this route handler forwards it to $OMA_URL, adding
// `Authorization: Bearer $OMA_TOKEN` on the server, so the token never reaches the browser.
import type { NextRequest } from 'next/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const TIMEOUT_MS = 30_000;

/** Request headers passed on to the OMA (no cookies of this app, no hop-by-hop headers). */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'if-modified-since',
  'if-none-match',
  'user-agent',
];

/** Response headers not passed back: hop-by-hop, and the ones fetch() made untrue by decoding the body. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'keep-alive',
  'proxy-authenticate',
  'set-cookie',
  'transfer-encoding',
  'upgrade',
]);

function problem(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { 'cache-control': 'no-store' } });
}

async function proxy(request: NextRequest): Promise<Response> {
  const omaUrl = process.env.OMA_URL?.trim();
  if (!omaUrl) return problem(503, 'OMA_URL is not set on the server.');

  let target: URL;
  try {
    // The path and query as the browser sent them (still percent-encoded), e.g. /api/v1/vm-contexts/pgtest1.
    target = new URL(request.nextUrl.pathname + request.nextUrl.search, omaUrl);
  } catch {
    return problem(500, 'OMA_URL is not a valid URL.');
  }

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const token = process.env.OMA_TOKEN?.trim();
  if (token) headers.set('authorization', `Bearer ${token}`);

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return problem(timedOut ? 504 : 502, timedOut ? 'The OMA did not answer in time.' : 'The OMA could not be reached.');
  }

  const responseHeaders = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) responseHeaders.set(name, value);
  });
  const noBody = request.method === 'HEAD' || upstream.status === 204 || upstream.status === 304;
  return new Response(noBody ? null : upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders,
  });
}

export const GET = proxy;
export const HEAD = proxy;
export const POST = proxy;
export const PUT = proxy;
export const PATCH = proxy;
export const DELETE = proxy;
export const OPTIONS = proxy;

// What the three route handlers share: the OMA's address and token from the server's environment
// (OMA_URL, OMA_TOKEN, read per request), one GET with a timeout, and JSON answers. The token is
// added here, on the server: it never reaches the browser.
//
// The folder starts with `_`, so Next.js does not make a route of it.

const TIMEOUT_MS = 30_000;

/** An answer in the OMA's error shape (`{ "error": "…" }`), which the widgets read as the OMA's own. */
export function problem(status: number, message: string): Response {
  return Response.json({ error: message, timestamp: new Date().toISOString() }, { status, headers: { 'cache-control': 'no-store' } });
}

/** The OMA's answer to `GET {OMA_URL}{path}`, or a 5xx problem when it is not configured or not reached. */
export async function omaGet(path: string, signal: AbortSignal): Promise<Response> {
  const omaUrl = process.env.OMA_URL?.trim();
  if (!omaUrl) return problem(503, 'OMA_URL is not set on the server.');
  let target: URL;
  try {
    target = new URL(path, omaUrl);
  } catch {
    return problem(500, 'OMA_URL is not a valid URL.');
  }
  const headers = new Headers({ accept: 'application/json' });
  const token = process.env.OMA_TOKEN?.trim();
  if (token) headers.set('authorization', `Bearer ${token}`);
  try {
    return await fetch(target, {
      headers,
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return problem(timedOut ? 504 : 502, timedOut ? 'The OMA did not answer in time.' : 'The OMA could not be reached.');
  }
}

/** The OMA's answer passed on as it is: same status, same JSON body. */
export async function passOn(upstream: Response): Promise<Response> {
  const body = await upstream.text();
  return new Response(body, {
    status: upstream.status,
    headers: {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
      'cache-control': 'no-store',
    },
  });
}

/** The OMA's JSON body, or undefined when it is not JSON. */
export async function jsonBody(upstream: Response): Promise<unknown> {
  try {
    return JSON.parse(await upstream.text());
  } catch {
    return undefined;
  }
}

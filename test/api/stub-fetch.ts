/**
 * The stub fetch and fixtures the client tests share: a fetch that records every call and answers
 * as a test says (honouring AbortSignal), and OMA bodies for pgtest1.
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { OmaClient, type OmaClientOptions } from '../../src/api/client.js';
import { OmaError, type OmaErrorKind } from '../../src/api/errors.js';

// ---- a stub fetch ----------------------------------------------------------------------------

export interface Reply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}
export type Answer = Reply | Error | Promise<Reply | Error>;

export interface Call {
  url: string;
  init: RequestInit;
  headers: Headers;
  signal: AbortSignal | undefined;
  /** Date.now() when fetch was called (the fake clock in polling tests). */
  at: number;
}

export function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Records every call and answers with `answer(call)`. Honours the AbortSignal like the real fetch
 * (rejects with an AbortError DOMException). The body is read through a microtask so that fake
 * timers keep the whole request deterministic.
 */
export class StubFetch {
  readonly calls: Call[] = [];
  answer: (call: Call) => Answer = () => json(recentBody([]));

  readonly fetch = ((input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const signal = init.signal ?? undefined;
    const call: Call = { url: String(input), init, headers: new Headers(init.headers), signal, at: Date.now() };
    this.calls.push(call);
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const onAbort = () => reject(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      Promise.resolve(this.answer(call)).then(
        (reply) => {
          signal?.removeEventListener('abort', onAbort);
          if (reply instanceof Error) {
            reject(reply);
            return;
          }
          const body = reply.body ?? '';
          const response = new Response(body, { status: reply.status ?? 200, headers: reply.headers });
          Object.defineProperty(response, 'text', { value: () => Promise.resolve(body) });
          resolve(response);
        },
        (error: unknown) => reject(error),
      );
    });
  }) as typeof fetch;

  get urls(): string[] {
    return this.calls.map((call) => call.url);
  }

  get times(): number[] {
    return this.calls.map((call) => call.at);
  }
}

export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const never = (): Promise<Reply> => new Promise<Reply>(() => undefined);

export function json(body: unknown, status = 200): Reply {
  return { status, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

export function html(status: number, body: string): Reply {
  return { status, body, headers: { 'content-type': 'text/html' } };
}

export function errorJson(status: number, message: string): Reply {
  return json({ error: message, timestamp: '2025-10-03T17:47:22Z' }, status);
}

// ---- fixtures --------------------------------------------------------------------------------

export const CTX = 'ctx-pgtest1-20251003-140708';
export const VM = 'pgtest1';
/** The URL asked for, which errors name. */
export const RECENT_PATH = `/api/v1/vm-contexts/${CTX}/recent-jobs`;
export const T0 = Date.UTC(2025, 9, 3, 16, 50, 0);
export const LEAKY = 'virt-v2v: error: /dev/vdc: No such file at handler.go:223';

export function rawJob(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_id: id,
    job_type: 'replication',
    status: 'completed',
    display_name: 'Replication Completed',
    data_source: 'replication_jobs',
    started_at: '2025-10-03T14:09:12Z',
    ...overrides,
  };
}

export function recentBody(jobs: unknown[] | null, contextId = CTX): Record<string, unknown> {
  return { context_id: contextId, count: jobs?.length ?? 0, jobs };
}

export function vmBody(status = 'ready_for_failover'): Record<string, unknown> {
  return {
    context: { context_id: CTX, vm_name: VM, vm_path: '/DC/vm/pgtest1', current_status: status, last_operation_summary: null },
    job_history: [{ id: 'repl-1', status: 'completed', bytes_transferred: 1000, total_bytes: 2000 }],
    last_operation: { job_id: 'op-1', operation_type: 'test', status: 'failed', error_message: 'It failed', timestamp: '2025-10-03T17:47:22+01:00' },
  };
}

export async function failureOf(promise: Promise<unknown>): Promise<OmaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(OmaError);
    return error as OmaError;
  }
  throw new Error('expected the request to fail');
}

export async function expectKind(promise: Promise<unknown>, kind: OmaErrorKind): Promise<OmaError> {
  const error = await failureOf(promise);
  expect(error.kind).to.equal(kind);
  return error;
}

/** Lets promise chains run without moving real time. */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

export function newClient(stub: StubFetch, options: OmaClientOptions = {}): OmaClient {
  return new OmaClient({ fetch: stub.fetch, ...options });
}

/** Fake timers and Date from T0, with the page pinned visible (test pages may run in a background tab). */
export interface FakeTime {
  clock: sinon.SinonFakeTimers;
  /** Lets the request chains run at the current fake time. */
  settle(): Promise<void>;
  restore(): void;
}

export function useFakeTime(): FakeTime {
  const clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
  return {
    clock,
    settle: async () => {
      await clock.tickAsync(0);
      await flushMicrotasks();
    },
    restore: () => {
      clock.restore();
      Reflect.deleteProperty(document, 'hidden');
    },
  };
}

/** Milliseconds since T0 of each time. */
export const since = (times: number[]): number[] => times.map((time) => time - T0);

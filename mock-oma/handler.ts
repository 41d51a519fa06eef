/**
 * The mock OMA as a pure request handler: no Node or DOM APIs, so the same code answers MSW in
 * Storybook, `createMockFetch` in unit tests, and the Vite middleware of the demo server.
 *
 * Routes (as the Go server):
 *   GET /api/v1/vm-contexts                            (Bearer token when `token` is set)
 *   GET /api/v1/vm-contexts/{context_id}/recent-jobs   (Bearer token when `token` is set)
 *   GET /api/v1/vm-contexts/{vm_name}                  (Bearer token when `token` is set)
 *   GET /api/v1/vm-contexts/by-id/{context_id}         (Bearer token when `token` is set)
 *   GET /api/v1/failover/{job_id}/status               (no token, like the Go server)
 * Scenarios are chosen by the VM name / context id in the URL (see fixtures.ts).
 * `GET /api/v1/vm-contexts` lists every scenario that has a VM context; `?fleet=N` lists instead
 * the first N VMs of the generated fleet (fleet.ts), whose per-VM routes answer too.
 */
import { errorBody, scenarioByContextId, scenarioByVmName, SCENARIOS, type RawFailoverStatus, type RawVmContext, type Scenario, type ScenarioRoute } from './fixtures.js';
import { FLEET_MAX, fleetContexts, fleetIndexOfContext, fleetIndexOfVm, fleetRecentJobs, fleetVmContext } from './fleet.js';

export interface MockRequest {
  method: string;
  /** Pathname including `/api/v1`, without the query (percent-encoded segments are decoded). */
  path: string;
  /** The query string (`?fleet=500`, or `fleet=500`); only the VM list reads it. */
  query?: string;
  /** Lower-case keys. */
  headers: Record<string, string | undefined>;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Answer after this long (slow scenarios). */
  delayMs?: number;
}

export interface MockOmaOptions {
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /**
   * When progression started, and the reference "present" of every scenario's timestamps.
   * Default: `now()` when the mock is created (and again on `reset()`).
   */
  epoch?: Date;
  /** When set, every `/api/v1/vm-contexts` route requires `Authorization: Bearer <token>`. */
  token?: string;
}

export interface MockOma {
  handle(req: MockRequest): MockResponse;
  /** Restarts progression (web01 back to 0 %) and re-anchors timestamps at `now()`. */
  reset(): void;
}

const JSON_TYPE = 'application/json';

function reply(status: number, body: string, contentType = JSON_TYPE, delayMs?: number): MockResponse {
  const response: MockResponse = { status, headers: { 'content-type': contentType }, body };
  if (delayMs && delayMs > 0) response.delayMs = delayMs;
  return response;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function hasValidToken(headers: MockRequest['headers'], token: string): boolean {
  const value = headers['authorization'] ?? headers['Authorization'];
  if (!value) return false;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match?.[1] === token;
}

export function createMockOma(options: MockOmaOptions = {}): MockOma {
  const clock = options.now ?? (() => new Date());
  let epoch = options.epoch ?? clock();

  const elapsed = () => Math.max(0, clock().getTime() - epoch.getTime());

  function scenarioReply(scenario: Scenario, route: ScenarioRoute): MockResponse {
    const delay = scenario.delayMs;
    if (scenario.reply) {
      const canned = scenario.reply(route, clock());
      return reply(canned.status, canned.body, canned.contentType, delay);
    }
    const build = route === 'vm-context' ? scenario.vmContext : scenario.recentJobs;
    if (!build) return reply(500, errorBody('Mock scenario has no data for this route', clock()), JSON_TYPE, delay);
    return reply(200, JSON.stringify(build(epoch, elapsed())), JSON_TYPE, delay);
  }

  function failoverStatus(jobId: string): MockResponse {
    for (const scenario of Object.values(SCENARIOS) as Scenario[]) {
      const found: RawFailoverStatus | undefined = scenario.failoverStatus?.(epoch, elapsed()).find((status) => status.job_id === jobId);
      if (found) return reply(200, JSON.stringify(found), JSON_TYPE, scenario.delayMs);
    }
    // Any tracked failover or rollback job has a status on the real server: derive a plain one
    // (no step counts, like an older server) from the job itself.
    for (const scenario of Object.values(SCENARIOS) as Scenario[]) {
      const job = scenario.recentJobs?.(epoch, elapsed()).jobs?.find((item) => item.job_id === jobId);
      if (job && job.data_source === 'job_tracking') {
        const derived: RawFailoverStatus = {
          success: true,
          job_id: jobId,
          status: job.status,
          progress: job.progress ?? 0,
          start_time: job.started_at ?? '',
          duration: `${job.duration_seconds ?? 0}s`,
          job_details: {
            total_steps: 0,
            completed_steps: 0,
            failed_steps: job.status === 'failed' ? 1 : 0,
            error_message: job.error_message,
            operation: job.job_type,
            vm_name: scenario.vmName,
          },
        };
        return reply(200, JSON.stringify(derived), JSON_TYPE, scenario.delayMs);
      }
    }
    return reply(404, errorBody(`Failover job not found: ${jobId}`, clock()));
  }

  /** One entry of `GET /vm-contexts`: the context, plus the groups the Go server adds. */
  const listEntry = (context: RawVmContext) => ({ ...context, groups: [], group_count: 0 });

  function vmContexts(query: string | undefined): MockResponse {
    const fleet = new URLSearchParams(query).get('fleet');
    let contexts: RawVmContext[];
    if (fleet !== null) {
      const size = Number(fleet);
      if (!/^\d+$/.test(fleet) || size > FLEET_MAX) {
        return reply(400, errorBody(`fleet must be a whole number from 0 to ${FLEET_MAX}`, clock()));
      }
      contexts = fleetContexts(size, epoch);
    } else {
      contexts = (Object.values(SCENARIOS) as Scenario[]).flatMap((scenario) =>
        scenario.vmContext ? [scenario.vmContext(epoch, elapsed()).context] : [],
      );
    }
    return reply(200, JSON.stringify({ vm_contexts: contexts.map(listEntry), count: contexts.length }));
  }

  function vmContextByName(vmName: string): MockResponse {
    const fleetIndex = fleetIndexOfVm(vmName);
    if (fleetIndex !== undefined) return reply(200, JSON.stringify(fleetVmContext(fleetIndex, epoch)));
    const scenario = scenarioByVmName(vmName);
    if (!scenario) return reply(404, errorBody(`VM context not found for: ${vmName}`, clock()));
    return scenarioReply(scenario, 'vm-context');
  }

  function vmContextById(contextId: string): MockResponse {
    const fleetIndex = fleetIndexOfContext(contextId);
    if (fleetIndex !== undefined) return reply(200, JSON.stringify(fleetVmContext(fleetIndex, epoch)));
    const scenario = scenarioByContextId(contextId);
    if (!scenario) return reply(404, errorBody(`VM context not found for: ${contextId}`, clock()));
    return scenarioReply(scenario, 'vm-context');
  }

  function recentJobs(contextId: string): MockResponse {
    const fleetIndex = fleetIndexOfContext(contextId);
    if (fleetIndex !== undefined) return reply(200, JSON.stringify(fleetRecentJobs(fleetIndex, epoch)));
    const scenario = scenarioByContextId(contextId);
    if (!scenario) return reply(404, errorBody(`VM context not found for: ${contextId}`, clock()));
    return scenarioReply(scenario, 'recent-jobs');
  }

  function handle(req: MockRequest): MockResponse {
    const path = req.path.split(/[?#]/, 1)[0] ?? '';
    const segments = path.split('/').slice(1);
    if (segments[0] !== 'api' || segments[1] !== 'v1') {
      return reply(404, errorBody(`Not found: ${path}`, clock()));
    }
    const rest = segments.slice(2).map(decodeSegment);
    if (rest.some((segment) => segment === undefined)) {
      return reply(400, errorBody('Malformed path', clock()));
    }
    const parts = rest as string[];
    const resource = parts[0];
    const isList = resource === 'vm-contexts' && parts.length === 1;
    const isById = resource === 'vm-contexts' && parts.length === 3 && parts[1] === 'by-id';
    const isVmContexts =
      isList || isById || (resource === 'vm-contexts' && (parts.length === 2 || (parts.length === 3 && parts[2] === 'recent-jobs')));
    const isFailover = resource === 'failover' && parts.length === 3 && parts[2] === 'status';
    const id = (isById ? parts[2] : parts[1]) ?? '';
    if ((!isVmContexts && !isFailover) || (id === '' && !isList)) {
      return reply(404, errorBody(`Not found: ${path}`, clock()));
    }
    if (req.method.toUpperCase() !== 'GET') {
      const response = reply(405, errorBody(`Method not allowed: ${req.method}`, clock()));
      response.headers['allow'] = 'GET';
      return response;
    }

    if (isFailover) return failoverStatus(id);

    if (options.token !== undefined && !hasValidToken(req.headers, options.token)) {
      return reply(401, errorBody('Missing or invalid authorization token', clock()));
    }

    if (isList) return vmContexts(req.query);
    if (isById) return vmContextById(id);
    if (parts.length === 3) return recentJobs(id);
    return vmContextByName(id);
  }

  return {
    handle,
    reset() {
      epoch = clock();
    },
  };
}

// ---- fetch ------------------------------------------------------------------------------------

export interface MockFetchOptions extends MockOmaOptions {
  /** Called with every request before it is answered (spy on it in tests). */
  onRequest?: (req: MockRequest) => void;
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

function headersToRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    record[key.toLowerCase()] = value;
  });
  return record;
}

/**
 * A `fetch` answered by the mock OMA. Absolute and relative URLs both work (the origin is ignored). Honours the scenario's delay and the request's AbortSignal (rejects with an
 * `AbortError` DOMException, as the real fetch does).
 */
export function createMockFetch(options: MockFetchOptions = {}): typeof fetch {
  const { onRequest, ...mockOptions } = options;
  const mock = createMockOma(mockOptions);

  const mockFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = typeof input === 'object' && !(input instanceof URL) ? input : undefined;
    const href = request ? request.url : String(input);
    const url = new URL(href, 'http://mock-oma.invalid');
    const headers = new Headers(request?.headers);
    new Headers(init?.headers).forEach((value, key) => headers.set(key, value));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const signal = init?.signal ?? request?.signal ?? undefined;

    const req: MockRequest = { method, path: url.pathname, query: url.search, headers: headersToRecord(headers) };

    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      onRequest?.(req);
      const answer = mock.handle(req);
      const respond = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(new Response(answer.body, { status: answer.status, headers: answer.headers }));
      };
      // Always asynchronous, like a real network answer.
      const timer = setTimeout(respond, answer.delayMs ?? 0);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
  return mockFetch as typeof fetch;
}

/**
 * Typed failures of OMA requests. Each keeps its technical cause for logs and the admin section;
 * people only ever see the plain sentence the display layer picks for `kind`.
 */
export type OmaErrorKind =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  /** 404 with a body that is not the OMA's JSON error (an HTML page): the host's proxy route is missing. */
  | 'route-missing'
  /** 429, or 503 with Retry-After: the server answered that it is busy; `retryAt` says when to ask again. */
  | 'busy'
  | 'server'
  | 'http'
  | 'not-json'
  | 'bad-shape'
  /** The host's `api-base` or `endpoints` cannot be used: nothing was sent. */
  | 'configuration';

interface OmaErrorInit {
  /** HTTP status when the server answered. */
  status?: number;
  /** The URL asked for, for logs. */
  path?: string;
  /** What the server or the platform said: for logs and admin only. */
  technicalDetail?: string;
  /** Epoch ms before which the server asked not to be asked again (its Retry-After). */
  retryAt?: number;
  cause?: unknown;
}

export class OmaError extends Error {
  override readonly name = 'OmaError';
  readonly kind: OmaErrorKind;
  // Set by Object.assign in the constructor (`cause` by Error itself).
  declare readonly status?: number;
  declare readonly path?: string;
  declare readonly technicalDetail?: string;
  declare readonly retryAt?: number;

  constructor(kind: OmaErrorKind, init: OmaErrorInit = {}) {
    super(`OMA request failed: ${kind}`, init);
    this.kind = kind;
    Object.assign(this, init);
  }

  /** Whether trying again later can help (used by backoff and the Retry button). */
  get retryable(): boolean {
    return !['aborted', 'not-found', 'forbidden', 'route-missing', 'configuration'].includes(this.kind);
  }
}

const KIND_BY_STATUS: Partial<Record<number, OmaErrorKind>> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 429: 'busy' };

/** The kind for an HTTP error status; a 503 that says when to come back is `busy`, not broken. */
export function errorKindForStatus(status: number, retryAfter?: string | null): OmaErrorKind {
  if (status === 503 && retryAfter) return 'busy';
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'http');
}

/**
 * Milliseconds from `now` that a Retry-After header asks to wait: delta seconds (`120`) or an
 * HTTP date. Undefined when absent or unreadable; 0 for a date already past.
 */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its weekday and month; Date.parse would also take '-5' as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const KIND_BY_DOM_EXCEPTION: Partial<Record<string, OmaErrorKind>> = { AbortError: 'aborted', TimeoutError: 'timeout' };

/** Anything thrown by fetch, a schema or our own code becomes an OmaError. */
export function toOmaError(error: unknown, path?: string): OmaError {
  if (error instanceof OmaError) {
    // The same failure, naming the URL.
    return error.path || !path ? error : new OmaError(error.kind, { ...error, path, cause: error.cause });
  }
  const kind = error instanceof DOMException && KIND_BY_DOM_EXCEPTION[error.name];
  if (kind) return new OmaError(kind, { path, cause: error });
  return new OmaError('network', { path, technicalDetail: error instanceof Error ? error.message : String(error), cause: error });
}

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
  | 'server'
  | 'http'
  | 'not-json'
  | 'bad-shape';

interface OmaErrorInit {
  /** HTTP status when the server answered. */
  status?: number;
  /** The request path, for logs. */
  path?: string;
  /** What the server or the platform said: for logs and admin only. */
  technicalDetail?: string;
  cause?: unknown;
}

export class OmaError extends Error {
  override readonly name = 'OmaError';
  readonly kind: OmaErrorKind;
  // Set by Object.assign in the constructor (`cause` by Error itself).
  declare readonly status?: number;
  declare readonly path?: string;
  declare readonly technicalDetail?: string;

  constructor(kind: OmaErrorKind, init: OmaErrorInit = {}) {
    super(`OMA request failed: ${kind}`, init);
    this.kind = kind;
    Object.assign(this, init);
  }

  /** Whether trying again later can help (used by backoff and the Retry button). */
  get retryable(): boolean {
    return !['aborted', 'not-found', 'forbidden'].includes(this.kind);
  }
}

const KIND_BY_STATUS: Partial<Record<number, OmaErrorKind>> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found' };

export function errorKindForStatus(status: number): OmaErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'http');
}

const KIND_BY_DOM_EXCEPTION: Partial<Record<string, OmaErrorKind>> = { AbortError: 'aborted', TimeoutError: 'timeout' };

/** Anything thrown by fetch, a schema or our own code becomes an OmaError. */
export function toOmaError(error: unknown, path?: string): OmaError {
  if (error instanceof OmaError) {
    return error.path || !path ? error : new OmaError(error.kind, { ...error, path, cause: error.cause }) // the same failure, naming the path;
  }
  const kind = error instanceof DOMException && KIND_BY_DOM_EXCEPTION[error.name];
  if (kind) return new OmaError(kind, { path, cause: error });
  return new OmaError('network', { path, technicalDetail: error instanceof Error ? error.message : String(error), cause: error });
}

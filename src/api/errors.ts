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

export class OmaError extends Error {
  override readonly name = 'OmaError';
  readonly kind: OmaErrorKind;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** The request path, for logs. */
  readonly path?: string;
  /** What the server or the platform said: for logs and admin only. */
  readonly technicalDetail?: string;

  constructor(kind: OmaErrorKind, init: { status?: number; path?: string; technicalDetail?: string; cause?: unknown } = {}) {
    super(`OMA request failed: ${kind}${init.status ? ` (${init.status})` : ''}`, { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.path = init.path;
    this.technicalDetail = init.technicalDetail;
  }

  /** Whether trying again later can help (used by backoff and the Retry button). */
  get retryable(): boolean {
    return this.kind !== 'aborted' && this.kind !== 'not-found' && this.kind !== 'forbidden';
  }
}

export function errorKindForStatus(status: number): OmaErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'http';
}

/** Anything thrown by fetch, a schema or our own code becomes an OmaError. */
export function toOmaError(error: unknown, path?: string): OmaError {
  if (error instanceof OmaError) {
    if (error.path || !path) return error;
    return new OmaError(error.kind, { status: error.status, path, technicalDetail: error.technicalDetail, cause: error.cause });
  }
  if (error instanceof DOMException && error.name === 'AbortError') return new OmaError('aborted', { path, cause: error });
  if (error instanceof DOMException && error.name === 'TimeoutError') return new OmaError('timeout', { path, cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new OmaError('network', { path, technicalDetail: detail, cause: error });
}

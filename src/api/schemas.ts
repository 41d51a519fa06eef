/**
 * zod/mini schemas for the OMA responses. They pin what the code cannot do without: each
 * response's shape and an item's identity (an id, a job's status). Everything else the server may
 * omit or mistype (see docs/oma-contract.md), so normalize.ts reads those fields defensively
 * (`asString`, `asNumber`) and they are not validated here a second time.
 *
 * Few distinct zod functions on purpose: each one (union, array, optional, ...) brings its own
 * share of zod into the bundle, so the two checks zod has no single function for are `custom`.
 */
import { z } from 'zod/mini';

/** Non-blank text, or a number (some servers send those); normalize.ts makes it trimmed text. */
const id = z.custom<string | number>(
  (value) => Number.isFinite(value) || (typeof value === 'string' && value.trim() !== ''),
);

/** Any object: a summary is whatever the server stored, and every field of it may be missing. */
const anyObject = z.looseObject({});

/** `jobs` may be missing or `null` (Go's empty slice); its items are checked one by one, so one bad job does not fail the list. */
export const recentJobsResponseSchema = z.looseObject({}).check(
  z.refine((body) => body.jobs == null || Array.isArray(body.jobs), { path: ['jobs'] }),
);

export const unifiedJobSchema = z.looseObject({ job_id: id, status: z.string() });

export const operationSummarySchema = anyObject;

export const replicationHistoryItemSchema = z.looseObject({ id });

export const vmContextResponseSchema = z.looseObject({ context: z.looseObject({ context_id: id }) });

export const failoverStatusSchema = anyObject;

// GET /api/failover/progress/{jobId}: a failover's progress, RESHAPED as the dashboard's own progress
// bar wants it. The OMA's `GET /api/v1/failover/{job_id}/status` body is
//   { success, job_id, status, progress, start_time, duration,
//     job_details: { total_steps, completed_steps, failed_steps, error_message, operation, ... } }
// and this route answers
//   { jobId, state, percent, steps: { done, total, failed }, startedAt, durationSeconds, phase }
// without the raw technical `error_message` (it stays on the server).
//
// The widgets cannot read this body, so it is NOT given to them as the `failoverStatus` endpoint
// template (see the README: what the details dialog then does without).
import { jsonBody, omaGet, passOn, problem } from '../../../_lib/oma';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

interface OmaFailoverStatus {
  job_id?: string;
  status?: string;
  progress?: number;
  start_time?: string;
  duration?: number | string;
  job_details?: { total_steps?: number; completed_steps?: number; failed_steps?: number; operation?: string; error_message?: string };
}

interface FailoverProgress {
  jobId: string;
  state: string;
  percent: number | null;
  steps: { done: number | null; total: number | null; failed: number | null };
  startedAt: string | null;
  durationSeconds: number | null;
  phase: string | null;
}

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  const { jobId } = await params;
  const upstream = await omaGet(`/api/v1/failover/${encodeURIComponent(jobId)}/status`, request.signal);
  if (!upstream.ok) return passOn(upstream);
  const status = (await jsonBody(upstream)) as OmaFailoverStatus | undefined;
  if (!status || typeof status !== 'object') return problem(502, 'The OMA answered with a status that is not JSON.');
  const details = status.job_details ?? {};
  const progress: FailoverProgress = {
    jobId: status.job_id ?? jobId,
    state: status.status ?? 'unknown',
    percent: numberOrNull(status.progress) === null ? null : Math.round(Math.min(100, Math.max(0, status.progress as number))),
    steps: {
      done: numberOrNull(details.completed_steps),
      total: numberOrNull(details.total_steps),
      failed: numberOrNull(details.failed_steps),
    },
    startedAt: typeof status.start_time === 'string' ? status.start_time : null,
    durationSeconds: numberOrNull(status.duration),
    phase: typeof details.operation === 'string' ? details.operation : null,
  };
  return Response.json(progress, { headers: { 'cache-control': 'no-store' } });
}

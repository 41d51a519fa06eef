// GET /api/vm-contexts/{vmName}/recent-jobs: the VM's recent jobs, keyed by VM name as the dashboard
// keys everything. The OMA keys recent jobs by context id, so this route looks the id up in the VM
// context first, then passes the OMA's recent-jobs body on unchanged. The widgets read it through
// the `recentJobs` template with `{vmName}`, and then ask for it at once, without the VM context.
import { jsonBody, omaGet, passOn, problem } from '../../../_lib/oma';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request, { params }: { params: Promise<{ vmName: string }> }): Promise<Response> {
  const { vmName } = await params;
  const context = await omaGet(`/api/v1/vm-contexts/${encodeURIComponent(vmName)}`, request.signal);
  // An unknown VM (the OMA's JSON 404), a 401 or a 5xx: the OMA's own answer, so the widgets say it.
  if (!context.ok) return passOn(context);
  const body = (await jsonBody(context)) as { context?: { context_id?: unknown } } | undefined;
  const contextId = body?.context?.context_id;
  if (typeof contextId !== 'string' || !contextId) return problem(502, `The OMA's VM context for ${vmName} has no context id.`);
  return passOn(await omaGet(`/api/v1/vm-contexts/${encodeURIComponent(contextId)}/recent-jobs`, request.signal));
}

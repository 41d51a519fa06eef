// GET /api/vm-contexts/{vmName}: the VM context with its last operation, as the dashboard proxies it.
// Same body as the OMA's `GET /api/v1/vm-contexts/{vm_name}`, so the widgets read it through the
// `vmContext` endpoint template: `<OmaProvider endpoints={{ vmContext: '/api/vm-contexts/{vmName}' }}>`.
import { omaGet, passOn } from '../../_lib/oma';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request, { params }: { params: Promise<{ vmName: string }> }): Promise<Response> {
  const { vmName } = await params;
  return passOn(await omaGet(`/api/v1/vm-contexts/${encodeURIComponent(vmName)}`, request.signal));
}

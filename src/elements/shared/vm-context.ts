/** The VM-context subscription the list and the banner both keep (`GET /vm-contexts/{vm_name}`). */
import type { ReactiveControllerHost } from 'lit';
import type { OmaClient } from '../../api/client.js';
import type { VmContext } from '../../model/operation.js';
import { ResourceController } from '../../controllers/resource-controller.js';

/** Polling pace: fast while something runs, slow when idle. */
export const ACTIVE_POLL_MS = 5_000;
export const IDLE_POLL_MS = 30_000;

/**
 * Watches the VM named by `args()` (client, name, and anything whose change should re-subscribe),
 * asking again every `interval(data)` ms.
 */
export function watchVmContext<A extends [OmaClient, string, ...unknown[]]>(
  host: ReactiveControllerHost,
  args: () => A | undefined,
  interval: (data: VmContext | undefined) => number,
): ResourceController<VmContext, A> {
  return new ResourceController<VmContext, A>(host, {
    args,
    subscribe: ([client, name], listener) => client.watchVmContext(name, listener, { interval }),
    refresh: ([client, name]) => client.refresh(client.vmContextPath(name)),
  });
}

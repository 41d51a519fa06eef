/** The VM-context subscription the list and the banner both keep (`GET /vm-contexts/{vm_name}`). */
import type { ReactiveControllerHost } from 'lit';
import type { OmaClient, VmContextWatchOptions } from '../api/client.js';
import type { VmContext } from '../model/operation.js';
import { ResourceController } from './resource-controller.js';

/** Polling pace: fast while something runs, slow when idle. */
export const ACTIVE_POLL_MS = 5_000;
export const IDLE_POLL_MS = 30_000;

/** The client and VM name to watch, and anything whose change should subscribe again. */
export type VmContextArgs = [client: OmaClient, vmName: string, ...rest: unknown[]];

/** Keeps its host subscribed to one VM's context while connected, asking again every `interval(data)` ms. */
export class VmContextController<A extends VmContextArgs = VmContextArgs> extends ResourceController<VmContext, A> {
  /** `recentJobs`: the host watches the VM's recent jobs next (the client asks them as soon as it reads the context). */
  constructor(
    host: ReactiveControllerHost,
    args: () => A | undefined,
    interval: (data: VmContext | undefined) => number,
    options: Omit<VmContextWatchOptions, 'interval'> = {},
  ) {
    super(host, {
      args,
      subscribe: ([client, vmName], listener) => client.watchVmContext(vmName, listener, { ...options, interval }),
      refresh: ([client, vmName]) => void client.refresh(client.vmContextUrl(vmName)),
    });
  }
}

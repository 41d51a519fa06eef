/**
 * Re-renders its host every so often so relative times ("3 minutes ago") stay current. One timer
 * serves every host on the page and stops when the last one disconnects.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const TICK_MS = 15_000;
const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  for (const host of hosts) host.requestUpdate();
}

export class ClockController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The time to render relative times against. */
  get now(): number {
    return Date.now();
  }

  hostConnected(): void {
    hosts.add(this.host);
    timer ??= setInterval(tick, TICK_MS);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (!hosts.size) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}

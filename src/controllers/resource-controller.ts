/**
 * Keeps a host subscribed to one OMA resource while it is connected. The arguments are read before
 * every update; when they change (a new `context-id`, another client) the old subscription ends
 * first, so a late answer for the old VM can never show up on the new one.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ResourceState } from '../api/client.js';

export interface ResourceBinding<T, A extends readonly unknown[]> {
  /** The current arguments, or undefined when the host is not configured enough to ask. */
  args: () => A | undefined;
  subscribe: (args: A, listener: (state: ResourceState<T>) => void) => () => void;
  refresh: (args: A) => void;
}

const IDLE: ResourceState<never> = { status: 'loading' };

export class ResourceController<T, A extends readonly unknown[]> implements ReactiveController {
  /** The latest state; `loading` before the first answer. */
  state: ResourceState<T> = IDLE;
  private current?: A;
  private unsubscribe?: () => void;
  private connected = false;
  private syncing = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly binding: ResourceBinding<T, A>,
  ) {
    host.addController(this);
  }

  /** Whether there is anything to watch. */
  get active(): boolean {
    return this.current !== undefined;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** Ask again now (Retry). */
  refresh(): void {
    if (this.current) this.binding.refresh(this.current);
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.current = undefined;
  }

  private sync(): void {
    if (!this.connected) return;
    const next = this.binding.args();
    if (sameArgs(next, this.current)) return;
    this.stop();
    this.state = IDLE;
    if (!next) return;
    this.current = next;
    this.syncing = true;
    let unsubscribed = false;
    const stopThis = this.binding.subscribe(next, (state) => {
      if (unsubscribed) return;
      this.state = state;
      // The first state arrives synchronously inside sync(); the update in progress renders it.
      if (!this.syncing) this.host.requestUpdate();
    });
    this.syncing = false;
    this.unsubscribe = () => {
      unsubscribed = true;
      stopThis();
    };
  }
}

function sameArgs(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((value, i) => Object.is(value, b[i]));
}

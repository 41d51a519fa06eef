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

/**
 * The lifecycle callbacks are closures over local state set up in the constructor, rather than
 * methods and private fields: the minifier shortens local names, never property names.
 */
export class ResourceController<T, A extends readonly unknown[]> implements ReactiveController {
  /** The latest state; `loading` before the first answer. */
  state: ResourceState<T> = IDLE;
  /** Whether there is anything to watch (arguments were given and the host is connected). */
  active = false;
  readonly hostConnected: () => void;
  readonly hostUpdate: () => void;
  readonly hostDisconnected: () => void;
  /** Ask again now (Retry). */
  readonly refresh: () => void;

  constructor(host: ReactiveControllerHost, binding: ResourceBinding<T, A>) {
    let connected = false;
    /** The arguments subscribed with; undefined while not subscribed. */
    let current: A | undefined;
    let unsubscribe: (() => void) | undefined;

    // Keeps the last state: a disconnected host shows what it had.
    const end = () => {
      unsubscribe?.();
      unsubscribe = current = undefined;
      this.active = false;
    };

    this.hostConnected = () => {
      connected = true;
      this.hostUpdate();
    };

    this.hostUpdate = () => {
      if (!connected) return;
      const next = binding.args();
      if (sameArgs(next, current)) return;
      end();
      this.state = IDLE;
      if (!next) return;
      current = next;
      this.active = true;
      let live = true;
      let syncing = true;
      const stop = binding.subscribe(next, (state) => {
        if (!live) return;
        this.state = state;
        // The first state arrives synchronously inside hostUpdate(); the update in progress renders it.
        if (!syncing) host.requestUpdate();
      });
      syncing = false;
      unsubscribe = () => {
        live = false;
        stop();
      };
    };

    this.hostDisconnected = () => {
      connected = false;
      end();
    };

    this.refresh = () => {
      if (current) binding.refresh(current);
    };

    host.addController(this);
  }
}

function sameArgs(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((value, i) => Object.is(value, b[i])));
}

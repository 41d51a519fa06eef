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

/** The state before the first answer (also while there is nothing to ask). */
const LOADING: ResourceState<never> = { status: 'loading' };

export class ResourceController<T, A extends readonly unknown[]> implements ReactiveController {
  /** The latest state; `loading` before the first answer. */
  state: ResourceState<T> = LOADING;
  /** Whether there is anything to watch (arguments were given and the host is connected). */
  active = false;

  readonly #host: ReactiveControllerHost;
  readonly #binding: ResourceBinding<T, A>;
  #connected = false;
  /** The arguments subscribed with; undefined while not subscribed. */
  #args?: A;
  #unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost, binding: ResourceBinding<T, A>) {
    this.#host = host;
    this.#binding = binding;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.hostUpdate();
  }

  hostUpdate(): void {
    if (!this.#connected) return;
    const next = this.#binding.args();
    if (sameArgs(next, this.#args)) return;
    this.#end();
    this.state = LOADING;
    if (next) this.#subscribe(next);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#end();
  }

  /** Ask again now (Retry). */
  refresh(): void {
    if (this.#args) this.#binding.refresh(this.#args);
  }

  #subscribe(args: A): void {
    this.#args = args;
    this.active = true;
    // Answers for a subscription that has ended are dropped, even if the source sends one late.
    let live = true;
    let syncing = true;
    const stop = this.#binding.subscribe(args, (state) => {
      if (!live) return;
      this.state = state;
      // The first state arrives synchronously inside hostUpdate(); the update in progress renders it.
      if (!syncing) this.#host.requestUpdate();
    });
    syncing = false;
    this.#unsubscribe = () => {
      live = false;
      stop();
    };
  }

  /** Keeps the last state: a disconnected host shows what it had. */
  #end(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#args = undefined;
    this.active = false;
  }
}

function sameArgs(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((value, i) => Object.is(value, b[i])));
}

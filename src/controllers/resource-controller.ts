/**
 * Keeps a host subscribed to one OMA resource while it is connected. The arguments are read before
 * every update; when they change (a new `context-id`, another client) the old subscription ends
 * first, so a late answer for the old VM can never show up on the new one.
 *
 * Nothing is asked at connect itself, only in the update that follows: a framework sets its
 * properties right after it connects the element (React 19 and @lit/react do, in the same task),
 * and the client a provider hands over, the host's endpoints or the data the host already has must
 * decide what is asked. A request started at connect would go to the defaults.
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
  /** The arguments `state` belongs to (kept while disconnected). */
  #stateArgs?: A;
  #unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost, binding: ResourceBinding<T, A>) {
    this.#host = host;
    this.#binding = binding;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    // Subscribe in the coming update, once the host's properties are set (see above).
    this.#host.requestUpdate();
  }

  hostUpdate(): void {
    if (!this.#connected) return;
    const next = this.#binding.args();
    if (this.active && sameArgs(next, this.#args)) return;
    this.#end();
    // What was shown for other arguments is not shown for these; a host connected again with the
    // same ones keeps it until the source answers.
    if (!sameArgs(next, this.#stateArgs)) this.state = LOADING;
    this.#stateArgs = next;
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

/**
 * Which failures a banner on this page is showing right now, so a list on the same page can fold
 * its row for the same failure instead of repeating it in full (a side panel has no room twice).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A failure as both widgets name it. */
export function shownFailureKey(contextId: string | undefined, jobId: string | undefined): string | undefined {
  return contextId && jobId ? `${contextId}|${jobId}` : undefined;
}

class ShownFailures extends EventTarget {
  /** key → how many banners show it. */
  readonly #counts = new Map<string, number>();

  has(key: string | undefined): boolean {
    return !!key && this.#counts.has(key);
  }

  add(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    this.dispatchEvent(new Event('change'));
  }

  delete(key: string): void {
    const count = (this.#counts.get(key) ?? 0) - 1;
    if (count > 0) this.#counts.set(key, count);
    else this.#counts.delete(key);
    this.dispatchEvent(new Event('change'));
  }
}

/** The page's one registry. */
export const shownFailures = new ShownFailures();

/** Re-renders a list when the failures banners show change. */
export class ShownFailuresController implements ReactiveController {
  readonly #onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    shownFailures.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    shownFailures.removeEventListener('change', this.#onChange);
  }
}

/** Announces, while its host is connected, the failure its banner shows (set `key` after each render). */
export class ShowingFailureController implements ReactiveController {
  #shown?: string;
  #connected = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  set key(key: string | undefined) {
    if (key === this.#shown) return;
    if (this.#shown && this.#connected) shownFailures.delete(this.#shown);
    this.#shown = key;
    if (key && this.#connected) shownFailures.add(key);
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#shown) shownFailures.add(this.#shown);
  }

  hostDisconnected(): void {
    this.#connected = false;
    if (this.#shown) shownFailures.delete(this.#shown);
  }
}

/**
 * Counts live timers and event listeners. Imported first by lifecycle.ts, so it wraps the globals
 * before any widget code runs. Listeners are counted on a few long-lived targets only (window,
 * document, the stage, the provider): those are where a leak keeps things alive; listeners on a
 * removed element go away with it (and the heap measurement covers them).
 */
const liveTimers = new Map<number, 'timeout' | 'interval'>();
const nativeSetTimeout = window.setTimeout.bind(window);
const nativeClearTimeout = window.clearTimeout.bind(window);
const nativeSetInterval = window.setInterval.bind(window);
const nativeClearInterval = window.clearInterval.bind(window);

type TimerHandler = (...args: unknown[]) => void;

window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
  const id = nativeSetTimeout(
    (...callArgs: unknown[]) => {
      liveTimers.delete(id);
      handler(...callArgs);
    },
    delay,
    ...args,
  );
  liveTimers.set(id, 'timeout');
  return id;
}) as typeof window.setTimeout;

window.clearTimeout = ((id?: number) => {
  if (id !== undefined) liveTimers.delete(id);
  nativeClearTimeout(id);
}) as typeof window.clearTimeout;

window.setInterval = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
  const id = nativeSetInterval(handler, delay, ...args);
  liveTimers.set(id, 'interval');
  return id;
}) as typeof window.setInterval;

window.clearInterval = ((id?: number) => {
  if (id !== undefined) liveTimers.delete(id);
  nativeClearInterval(id);
}) as typeof window.clearInterval;

const tracked = new Map<EventTarget, Set<string>>();
const listenerIds = new WeakMap<object, number>();
let nextListenerId = 1;

function listenerKey(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): string | undefined {
  if (!listener) return undefined;
  let id = listenerIds.get(listener);
  if (id === undefined) listenerIds.set(listener, (id = nextListenerId++));
  const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
  return `${type}|${id}|${capture}`;
}

const nativeAdd = EventTarget.prototype.addEventListener;
const nativeRemove = EventTarget.prototype.removeEventListener;

EventTarget.prototype.addEventListener = function addEventListener(this: EventTarget, type, listener, options) {
  const set = tracked.get(this);
  const key = set ? listenerKey(type, listener, options) : undefined;
  if (set && key) {
    set.add(key);
    const signal = typeof options === 'object' ? options?.signal : undefined;
    signal?.addEventListener('abort', () => set.delete(key), { once: true });
  }
  nativeAdd.call(this, type, listener, options);
};

EventTarget.prototype.removeEventListener = function removeEventListener(this: EventTarget, type, listener, options) {
  const set = tracked.get(this);
  const key = set ? listenerKey(type, listener, options) : undefined;
  if (set && key) set.delete(key);
  nativeRemove.call(this, type, listener, options);
};

/** Start counting listeners on these targets (those added before are not known). */
export function trackListeners(...targets: EventTarget[]): void {
  for (const target of targets) if (!tracked.has(target)) tracked.set(target, new Set());
}

export interface Counts {
  timeouts: number;
  intervals: number;
  /** Listener registrations on the tracked targets, by event type. */
  listeners: Record<string, number>;
  listenerTotal: number;
}

export function counts(): Counts {
  let timeouts = 0;
  let intervals = 0;
  for (const kind of liveTimers.values()) {
    if (kind === 'timeout') timeouts += 1;
    else intervals += 1;
  }
  const listeners: Record<string, number> = {};
  let listenerTotal = 0;
  for (const set of tracked.values()) {
    for (const key of set) {
      const type = key.slice(0, key.indexOf('|'));
      listeners[type] = (listeners[type] ?? 0) + 1;
      listenerTotal += 1;
    }
  }
  return { timeouts, intervals, listeners, listenerTotal };
}

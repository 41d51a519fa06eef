import { expect } from '@open-wc/testing';
import {
  DISMISSAL_STORAGE_KEY,
  DismissalStore,
  failureKey,
  getDefaultDismissalStore,
} from '../../src/model/dismissal-store.js';
import { MemoryStorage } from '../memory-storage.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 0, 31, 12, 0, 0);


/** Storage whose reads and/or writes throw, like a sandboxed iframe or a full quota. */
class ThrowingStorage extends MemoryStorage {
  throwOnGet = true;
  throwOnSet = true;
  override getItem(key: string): string | null {
    if (this.throwOnGet) throw new DOMException('The operation is insecure.', 'SecurityError');
    return super.getItem(key);
  }
  override setItem(key: string, value: string): void {
    if (this.throwOnSet) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    super.setItem(key, value);
  }
}

/** An EventTarget that counts `storage` listeners. */
class CountingTarget extends EventTarget {
  storageListeners = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    if (args[0] === 'storage') this.storageListeners++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    if (args[0] === 'storage') this.storageListeners--;
    super.removeEventListener(...args);
  }
}

function stored(storage: Storage): unknown {
  const raw = storage.getItem(DISMISSAL_STORAGE_KEY);
  return raw === null ? null : JSON.parse(raw);
}

function put(storage: Storage, value: unknown): void {
  storage.setItem(DISMISSAL_STORAGE_KEY, typeof value === 'string' ? value : JSON.stringify(value));
}

/** Another tab writes a new value, then this tab receives the `storage` event. */
function otherTabWrites(storage: Storage, target: EventTarget, value: unknown): void {
  const newValue = typeof value === 'string' ? value : JSON.stringify(value);
  storage.setItem(DISMISSAL_STORAGE_KEY, newValue);
  target.dispatchEvent(new StorageEvent('storage', { key: DISMISSAL_STORAGE_KEY, newValue }));
}

describe('failureKey', () => {
  it('uses the context id and the job id', () => {
    expect(failureKey({ contextId: 'ctx-1', jobId: 'job-9' })).to.equal('ctx:ctx-1|job:job-9');
  });

  it('prefers the context id over the vm name and the job id over the timestamp', () => {
    expect(
      failureKey({ contextId: 'ctx-1', vmName: 'web01', jobId: 'job-9', timestamp: '2025-01-01T00:00:00Z' }),
    ).to.equal(failureKey({ contextId: 'ctx-1', jobId: 'job-9' }));
  });

  it('falls back to the vm name when the context id is unknown', () => {
    expect(failureKey({ vmName: 'web01', jobId: 'job-9' })).to.equal('vm:web01|job:job-9');
    expect(failureKey({ contextId: '  ', vmName: 'web01', jobId: 'job-9' })).to.equal('vm:web01|job:job-9');
  });

  it('falls back to the timestamp when there is no job id', () => {
    expect(failureKey({ contextId: 'ctx-1', timestamp: '2025-01-01T00:00:00Z' })).to.equal(
      'ctx:ctx-1|at:2025-01-01T00%3A00%3A00Z',
    );
    expect(failureKey({ vmName: 'web01', jobId: '', timestamp: '2025-01-01T00:00:00Z' })).to.equal(
      'vm:web01|at:2025-01-01T00%3A00%3A00Z',
    );
  });

  it('keeps different failures apart', () => {
    const keys = [
      failureKey({ contextId: 'a', jobId: '1' }),
      failureKey({ contextId: 'a', jobId: '2' }),
      failureKey({ contextId: 'b', jobId: '1' }),
      failureKey({ vmName: 'a', jobId: '1' }),
      failureKey({ contextId: 'a', timestamp: '1' }),
      failureKey({ contextId: 'a|job:1' }),
      failureKey({ contextId: 'a', jobId: '1|x' }),
    ];
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it('is stable for the same input', () => {
    expect(failureKey({ contextId: 'ctx-1', jobId: 'job-9' })).to.equal(failureKey({ contextId: 'ctx-1', jobId: 'job-9' }));
  });
});

describe('DismissalStore', () => {
  let storage: MemoryStorage;
  let target: CountingTarget;
  let now: number;
  const clock = () => now;
  const make = (overrides: ConstructorParameters<typeof DismissalStore>[0] = {}) =>
    new DismissalStore({ storage, eventTarget: target, now: clock, ...overrides });

  beforeEach(() => {
    storage = new MemoryStorage();
    target = new CountingTarget();
    now = T0;
  });

  describe('dismiss / isDismissed / restore', () => {
    it('dismisses and restores a key', () => {
      const store = make();
      expect(store.isDismissed('k1')).to.equal(false);
      store.dismiss('k1');
      expect(store.isDismissed('k1')).to.equal(true);
      expect(store.isDismissed('k2')).to.equal(false);
      store.restore('k1');
      expect(store.isDismissed('k1')).to.equal(false);
      expect(store.persistent).to.equal(true);
    });

    it('restoring an unknown key is a harmless no-op', () => {
      const store = make();
      expect(() => store.restore('nope')).not.to.throw();
      expect(store.isDismissed('nope')).to.equal(false);
    });

    it('writes the versioned format under the one key', () => {
      const store = make();
      store.dismiss('k1');
      expect(stored(storage)).to.deep.equal({ v: 1, entries: { k1: { at: T0 } } });
      expect(storage.length).to.equal(1);
      store.restore('k1');
      // The restore stays on record, so a tab that dismissed k1 does not write it back.
      expect(stored(storage)).to.deep.equal({ v: 1, entries: {}, restored: { k1: { at: T0 } } });
    });

    it('a dismissal after a restore in the same millisecond still wins', () => {
      const store = make();
      store.dismiss('k1');
      store.restore('k1');
      store.dismiss('k1');
      expect(store.isDismissed('k1')).to.equal(true);
      expect(make().isDismissed('k1')).to.equal(true);
    });

    it('round-trips awkward keys such as "__proto__"', () => {
      make().dismiss('__proto__');
      expect(stored(storage)).to.deep.equal(JSON.parse('{"v":1,"entries":{"__proto__":{"at":' + T0 + '}}}'));
      const reloaded = make();
      expect(reloaded.isDismissed('__proto__')).to.equal(true);
      expect(reloaded.isDismissed('toString')).to.equal(false);
    });
  });

  describe('subscribe', () => {
    it('notifies on local changes of the dismissed set only', () => {
      const store = make();
      let calls = 0;
      store.subscribe(() => calls++);
      store.dismiss('k1');
      expect(calls).to.equal(1);
      store.dismiss('k1'); // already dismissed: set unchanged
      expect(calls).to.equal(1);
      store.restore('k1');
      expect(calls).to.equal(2);
      store.restore('k1');
      expect(calls).to.equal(2);
    });

    it('sees the new state inside the listener', () => {
      const store = make();
      const seen: boolean[] = [];
      store.subscribe(() => seen.push(store.isDismissed('k1')));
      store.dismiss('k1');
      store.restore('k1');
      expect(seen).to.deep.equal([true, false]);
    });

    it('unsubscribe stops local notifications and is idempotent', () => {
      const store = make();
      let a = 0;
      let b = 0;
      const offA = store.subscribe(() => a++);
      store.subscribe(() => b++);
      offA();
      offA();
      store.dismiss('k1');
      expect(a).to.equal(0);
      expect(b).to.equal(1);
    });

    it('a throwing listener does not stop the others nor the caller', () => {
      const store = make();
      const reported: unknown[] = [];
      const original = globalThis.reportError;
      globalThis.reportError = (e: unknown) => reported.push(e);
      try {
        let b = 0;
        store.subscribe(() => {
          throw new Error('boom');
        });
        store.subscribe(() => b++);
        expect(() => store.dismiss('k1')).not.to.throw();
        expect(b).to.equal(1);
        expect(reported).to.have.length(1);
        expect(store.isDismissed('k1')).to.equal(true);
      } finally {
        globalThis.reportError = original;
      }
    });
  });

  describe('persistence', () => {
    it('survives a reload (a new store on the same storage)', () => {
      const first = make();
      first.dismiss('k1');
      first.dismiss('k2');
      first.restore('k2');
      const second = make();
      expect(second.isDismissed('k1')).to.equal(true);
      expect(second.isDismissed('k2')).to.equal(false);
      expect(second.persistent).to.equal(true);
    });

    it('prunes entries older than 30 days on load', () => {
      put(storage, {
        v: 1,
        entries: { old: { at: T0 - 31 * DAY }, edge: { at: T0 - 30 * DAY }, recent: { at: T0 - 29 * DAY } },
      });
      const store = make();
      expect(store.isDismissed('old')).to.equal(false);
      expect(store.isDismissed('edge')).to.equal(true);
      expect(store.isDismissed('recent')).to.equal(true);
    });

    it('prunes old entries from storage on write', () => {
      put(storage, { v: 1, entries: { old: { at: T0 - 31 * DAY }, recent: { at: T0 - DAY } } });
      make().dismiss('new');
      expect(stored(storage)).to.deep.equal({
        v: 1,
        entries: { recent: { at: T0 - DAY }, new: { at: T0 } },
      });
    });

    it('forgets a dismissal once it ages past the limit while the page stays open', () => {
      const store = make();
      store.dismiss('k1');
      now = T0 + 30 * DAY;
      expect(store.isDismissed('k1')).to.equal(true);
      now = T0 + 30 * DAY + 1;
      expect(store.isDismissed('k1')).to.equal(false);
    });

    it('honours a custom maxAgeMs', () => {
      const store = make({ maxAgeMs: 1000 });
      store.dismiss('k1');
      now = T0 + 1001;
      expect(store.isDismissed('k1')).to.equal(false);
    });

    it('merges with what another tab wrote before saving', () => {
      const store = make();
      store.dismiss('mine');
      // Another tab (no storage event delivered yet) adds one and keeps ours.
      put(storage, { v: 1, entries: { mine: { at: T0 }, theirs: { at: T0 - 5 } } });
      store.dismiss('mine2');
      expect(stored(storage)).to.deep.equal({
        v: 1,
        entries: { mine: { at: T0 }, theirs: { at: T0 - 5 }, mine2: { at: T0 } },
      });
      expect(store.isDismissed('theirs')).to.equal(true);
    });

    it('does not resurrect a dismissal another tab restored', () => {
      const store = make();
      store.dismiss('a');
      store.dismiss('b');
      // Another tab restores "a", which leaves the restore on record.
      put(storage, { v: 1, entries: { b: { at: T0 } }, restored: { a: { at: T0 } } });
      store.dismiss('c');
      expect(Object.keys((stored(storage) as { entries: object }).entries)).to.have.members(['b', 'c']);
    });
  });

  describe('garbage in storage', () => {
    const cases: Array<[string, string]> = [
      ['truncated JSON', '{'],
      ['an array', '[]'],
      ['null', 'null'],
      ['a number', '42'],
      ['a string', '"hello"'],
      ['entries as an array', '{"v":1,"entries":[{"at":1}]}'],
      ['entries missing', '{"v":1}'],
      ['entries null', '{"v":1,"entries":null}'],
      ['non-number at', '{"v":1,"entries":{"a":{"at":"x"}}}'],
      ['wrong version', `{"v":99,"entries":{"a":{"at":${T0}}}}`],
      ['version as a string', `{"v":"1","entries":{"a":{"at":${T0}}}}`],
    ];
    for (const [name, raw] of cases) {
      it(`treats ${name} as empty without throwing`, () => {
        put(storage, raw);
        let store: DismissalStore | undefined;
        expect(() => {
          store = make();
        }).not.to.throw();
        expect(store!.isDismissed('a')).to.equal(false);
        expect(store!.persistent).to.equal(true);
        store!.dismiss('b');
        expect(store!.isDismissed('b')).to.equal(true);
        expect(stored(storage)).to.deep.equal({ v: 1, entries: { b: { at: T0 } } });
      });
    }

    it('keeps the valid entries of a partially valid value', () => {
      put(
        storage,
        JSON.stringify({
          v: 1,
          entries: {
            good: { at: T0 - 10 },
            str: { at: 'x' },
            nan: { at: null },
            arr: [T0],
            num: T0,
            missing: {},
          },
        }),
      );
      const store = make();
      expect(store.isDismissed('good')).to.equal(true);
      for (const key of ['str', 'nan', 'arr', 'num', 'missing']) expect(store.isDismissed(key)).to.equal(false);
    });

    it('does not destroy a wrong-version value until the next write', () => {
      const foreign = `{"v":99,"entries":{"a":{"at":${T0}}},"extra":true}`;
      put(storage, foreign);
      const writesBefore = storage.setCalls;
      const store = make();
      store.isDismissed('a');
      store.subscribe(() => {});
      expect(storage.getItem(DISMISSAL_STORAGE_KEY)).to.equal(foreign);
      expect(storage.setCalls).to.equal(writesBefore);
      store.dismiss('b');
      expect(stored(storage)).to.deep.equal({ v: 1, entries: { b: { at: T0 } } });
    });

    it('ignores a malformed "restored" part and keeps the dismissals', () => {
      put(storage, { v: 1, entries: { a: { at: T0 } }, restored: [{ at: T0 }] });
      expect(make().isDismissed('a')).to.equal(true);
      put(storage, { v: 1, entries: { a: { at: T0 } }, restored: { a: { at: 'x' }, b: null } });
      expect(make().isDismissed('a')).to.equal(true);
    });

    it('ignores entries dated absurdly far in the future', () => {
      put(storage, { v: 1, entries: { future: { at: T0 + 365 * DAY }, ok: { at: T0 + 1000 } } });
      const store = make();
      expect(store.isDismissed('future')).to.equal(false);
      expect(store.isDismissed('ok')).to.equal(true);
    });
  });

  describe('unusable storage', () => {
    it('works in memory when getItem and setItem throw', () => {
      const throwing = new ThrowingStorage();
      let store: DismissalStore | undefined;
      expect(() => {
        store = new DismissalStore({ storage: throwing, eventTarget: target, now: clock });
      }).not.to.throw();
      const s = store!;
      expect(s.persistent).to.equal(false);
      let calls = 0;
      s.subscribe(() => calls++);
      expect(() => s.dismiss('k1')).not.to.throw();
      expect(s.isDismissed('k1')).to.equal(true);
      expect(calls).to.equal(1);
      s.restore('k1');
      expect(s.isDismissed('k1')).to.equal(false);
      expect(calls).to.equal(2);
      expect(s.persistent).to.equal(false);
    });

    it('keeps working in memory when only setItem throws (full quota), and saves once it can', () => {
      const full = new ThrowingStorage();
      full.throwOnGet = false;
      full.throwOnSet = false;
      put(full, { v: 1, entries: { before: { at: T0 } } });
      full.throwOnSet = true;
      const store = new DismissalStore({ storage: full, eventTarget: target, now: clock });
      expect(store.persistent).to.equal(true);
      store.dismiss('k1');
      expect(store.persistent).to.equal(false);
      expect(store.isDismissed('k1')).to.equal(true);
      expect(store.isDismissed('before')).to.equal(true);
      store.restore('before');
      expect(store.isDismissed('before')).to.equal(false);
      expect(store.isDismissed('k1')).to.equal(true);
      // Space frees up: the next write saves everything kept in memory.
      full.throwOnSet = false;
      store.dismiss('k2');
      expect(store.persistent).to.equal(true);
      expect(stored(full)).to.deep.equal({ v: 1, entries: { k1: { at: T0 }, k2: { at: T0 } }, restored: { before: { at: T0 } } });
    });

    it('does not overwrite storage it cannot read', () => {
      const unreadable = new ThrowingStorage();
      unreadable.throwOnSet = false;
      const store = new DismissalStore({ storage: unreadable, eventTarget: target, now: clock });
      store.dismiss('k1');
      expect(store.isDismissed('k1')).to.equal(true);
      expect(unreadable.setCalls).to.equal(0);
      expect(store.persistent).to.equal(false);
    });

    it('works in memory with storage: null', () => {
      const store = new DismissalStore({ storage: null, eventTarget: target, now: clock });
      expect(store.persistent).to.equal(false);
      store.dismiss('k1');
      expect(store.isDismissed('k1')).to.equal(true);
      store.restore('k1');
      expect(store.isDismissed('k1')).to.equal(false);
      // No storage, nothing to listen for.
      const off = store.subscribe(() => {});
      expect(target.storageListeners).to.equal(0);
      off();
    });

    it('works in memory when reading globalThis.localStorage itself throws', () => {
      const owner = Object.prototype.hasOwnProperty.call(window, 'localStorage') ? window : Object.getPrototypeOf(window);
      const descriptor = Object.getOwnPropertyDescriptor(owner, 'localStorage');
      expect(descriptor?.configurable).to.equal(true);
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The document is sandboxed', 'SecurityError');
        },
      });
      try {
        let store: DismissalStore | undefined;
        expect(() => {
          store = new DismissalStore({ eventTarget: target, now: clock });
        }).not.to.throw();
        expect(store!.persistent).to.equal(false);
        store!.dismiss('k1');
        expect(store!.isDismissed('k1')).to.equal(true);
      } finally {
        if (owner === window) Object.defineProperty(window, 'localStorage', descriptor!);
        else delete (window as { localStorage?: Storage }).localStorage;
      }
      expect(() => window.localStorage.getItem('x')).not.to.throw();
    });
  });

  describe('cross-tab', () => {
    it('writes back its own dismissal when a concurrent write from another tab dropped it', () => {
      const store = make();
      store.dismiss('mine');
      let calls = 0;
      store.subscribe(() => calls++);
      // The other tab wrote before it saw "mine": its value lacks it, and records no restore of it.
      otherTabWrites(storage, target, { v: 1, entries: { theirs: { at: T0 } } });
      expect(store.isDismissed('mine')).to.equal(true);
      expect(store.isDismissed('theirs')).to.equal(true);
      expect(stored(storage)).to.deep.equal({ v: 1, entries: { mine: { at: T0 }, theirs: { at: T0 } } });
      expect(calls).to.equal(1);
    });

    it('accepts a restore of its own dismissal made in another tab, without writing it back', () => {
      const store = make();
      store.dismiss('mine');
      let calls = 0;
      store.subscribe(() => calls++);
      now = T0 + 1;
      otherTabWrites(storage, target, { v: 1, entries: {}, restored: { mine: { at: T0 + 1 } } });
      const writes = storage.setCalls;
      expect(store.isDismissed('mine')).to.equal(false);
      expect(calls).to.equal(1);
      store.dismiss('other');
      expect(stored(storage)).to.deep.equal({ v: 1, entries: { other: { at: T0 + 1 } }, restored: { mine: { at: T0 + 1 } } });
      expect(storage.setCalls).to.equal(writes + 1);
    });

    it('writes back its own restore when another tab wrote an older dismissal over it', () => {
      const store = make();
      store.dismiss('k1');
      now = T0 + 5;
      store.restore('k1');
      store.subscribe(() => {});
      otherTabWrites(storage, target, { v: 1, entries: { k1: { at: T0 } } });
      expect(store.isDismissed('k1')).to.equal(false);
      expect(stored(storage)).to.deep.equal({ v: 1, entries: {}, restored: { k1: { at: T0 + 5 } } });
    });

    it('a restore wins over a dismissal of the same millisecond in another tab', () => {
      const store = make();
      store.dismiss('k1');
      store.subscribe(() => {});
      otherTabWrites(storage, target, { v: 1, entries: {}, restored: { k1: { at: T0 } } });
      expect(store.isDismissed('k1')).to.equal(false);
      expect(stored(storage)).to.deep.equal({ v: 1, entries: {}, restored: { k1: { at: T0 } } });
    });

    it('does not write back its own dismissals once storage was cleared', () => {
      const store = make();
      store.dismiss('k1');
      store.subscribe(() => {});
      storage.clear();
      target.dispatchEvent(new StorageEvent('storage', { key: null }));
      expect(store.isDismissed('k1')).to.equal(false);
      expect(storage.length).to.equal(0);
      store.dismiss('k2');
      expect(stored(storage)).to.deep.equal({ v: 1, entries: { k2: { at: T0 } } });
    });

    it('applies a change from another tab and notifies subscribers', () => {
      const store = make();
      let calls = 0;
      store.subscribe(() => calls++);
      otherTabWrites(storage, target, { v: 1, entries: { k1: { at: T0 } } });
      expect(calls).to.equal(1);
      expect(store.isDismissed('k1')).to.equal(true);
      otherTabWrites(storage, target, { v: 1, entries: {} });
      expect(calls).to.equal(2);
      expect(store.isDismissed('k1')).to.equal(false);
    });

    it('does not notify when the dismissed set did not change', () => {
      const store = make();
      store.dismiss('k1');
      let calls = 0;
      store.subscribe(() => calls++);
      otherTabWrites(storage, target, { v: 1, entries: { k1: { at: T0 - 5 } } });
      expect(calls).to.equal(0);
    });

    it('ignores events for other keys and other storage areas', () => {
      const store = make();
      let calls = 0;
      store.subscribe(() => calls++);
      put(storage, { v: 1, entries: { k1: { at: T0 } } });
      target.dispatchEvent(new StorageEvent('storage', { key: 'something-else', newValue: 'x' }));
      target.dispatchEvent(
        new StorageEvent('storage', { key: DISMISSAL_STORAGE_KEY, newValue: 'x', storageArea: window.sessionStorage }),
      );
      expect(calls).to.equal(0);
    });

    it('re-reads on a clear (key null)', () => {
      const store = make();
      store.dismiss('k1');
      let calls = 0;
      store.subscribe(() => calls++);
      storage.clear();
      target.dispatchEvent(new StorageEvent('storage', { key: null }));
      expect(calls).to.equal(1);
      expect(store.isDismissed('k1')).to.equal(false);
    });

    it('tolerates garbage written by another tab', () => {
      const store = make();
      store.dismiss('k1');
      let calls = 0;
      store.subscribe(() => calls++);
      expect(() => otherTabWrites(storage, target, '{')).not.to.throw();
      expect(calls).to.equal(1);
      expect(store.isDismissed('k1')).to.equal(false);
    });

    it('attaches the storage listener only while there are subscribers', () => {
      const store = make();
      expect(target.storageListeners).to.equal(0);
      const off1 = store.subscribe(() => {});
      const off2 = store.subscribe(() => {});
      expect(target.storageListeners).to.equal(1);
      off1();
      expect(target.storageListeners).to.equal(1);
      off2();
      expect(target.storageListeners).to.equal(0);
    });

    it('unsubscribe detaches the listener: a later event calls nobody', () => {
      const store = make();
      let calls = 0;
      const off = store.subscribe(() => calls++);
      otherTabWrites(storage, target, { v: 1, entries: { k1: { at: T0 } } });
      expect(calls).to.equal(1);
      off();
      otherTabWrites(storage, target, { v: 1, entries: { k2: { at: T0 } } });
      expect(calls).to.equal(1);
      // Without subscribers it still catches up when asked.
      expect(store.isDismissed('k2')).to.equal(true);
      expect(store.isDismissed('k1')).to.equal(false);
    });

    it('catches up with changes made while nobody was subscribed', () => {
      const store = make();
      put(storage, { v: 1, entries: { k1: { at: T0 } } });
      let calls = 0;
      store.subscribe(() => calls++);
      expect(store.isDismissed('k1')).to.equal(true);
      expect(calls).to.equal(0);
    });
  });

  describe('with the real window.localStorage', () => {
    let saved: string | null;

    beforeEach(() => {
      saved = window.localStorage.getItem(DISMISSAL_STORAGE_KEY);
      window.localStorage.removeItem(DISMISSAL_STORAGE_KEY);
    });

    afterEach(() => {
      if (saved === null) window.localStorage.removeItem(DISMISSAL_STORAGE_KEY);
      else window.localStorage.setItem(DISMISSAL_STORAGE_KEY, saved);
    });

    it('persists by default in localStorage and survives a new instance', () => {
      const store = new DismissalStore({ now: clock });
      expect(store.persistent).to.equal(true);
      store.dismiss('real-k1');
      expect(JSON.parse(window.localStorage.getItem(DISMISSAL_STORAGE_KEY)!)).to.deep.equal({
        v: 1,
        entries: { 'real-k1': { at: T0 } },
      });
      const reloaded = new DismissalStore({ now: clock });
      expect(reloaded.isDismissed('real-k1')).to.equal(true);
      reloaded.restore('real-k1');
      expect(store.isDismissed('real-k1')).to.equal(false);
    });

    it('listens on window by default', () => {
      const store = new DismissalStore({ now: clock });
      let calls = 0;
      const off = store.subscribe(() => calls++);
      try {
        otherTabWrites(window.localStorage, window, { v: 1, entries: { 'real-k2': { at: T0 } } });
        expect(calls).to.equal(1);
        expect(store.isDismissed('real-k2')).to.equal(true);
      } finally {
        off();
      }
    });
  });

  describe('getDefaultDismissalStore', () => {
    it('returns one shared store', () => {
      const a = getDefaultDismissalStore();
      expect(a).to.be.instanceOf(DismissalStore);
      expect(getDefaultDismissalStore()).to.equal(a);
    });
  });
});

describe('dismissal-store module', () => {
  it('does not touch localStorage at import time', async () => {
    const owner = Object.prototype.hasOwnProperty.call(window, 'localStorage') ? window : Object.getPrototypeOf(window);
    const descriptor = Object.getOwnPropertyDescriptor(owner, 'localStorage')!;
    let touched = 0;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        touched++;
        return descriptor.get!.call(window);
      },
    });
    try {
      // A query string makes a fresh module instance.
      const url = `../../src/model/dismissal-store.ts?fresh=${Date.now()}`;
      const mod = (await import(url)) as typeof import('../../src/model/dismissal-store.js');
      expect(touched).to.equal(0);
      mod.getDefaultDismissalStore();
      expect(touched).to.be.greaterThan(0);
    } finally {
      if (owner === window) Object.defineProperty(window, 'localStorage', descriptor);
      else delete (window as { localStorage?: Storage }).localStorage;
    }
  });
});

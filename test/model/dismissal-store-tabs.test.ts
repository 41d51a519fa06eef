// Two real tabs (this test page and a second page in the same browser context, through
// test/second-tab-plugin.mjs), each with its own DismissalStore on the real localStorage. Each tab's
// renderer caches localStorage and learns of the other's writes asynchronously, which is what loses
// a dismissal when both write at the same moment.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { DismissalStore } from '../../src/model/dismissal-store.js';

/** Pairs of simultaneous dismissals, one in each tab. */
const PAIRS = 40;
/** How far ahead both tabs are told the moment to dismiss: enough for the command to reach the second tab. */
const LEAD_MS = 60;
/** How long both tabs may take to agree after a pair (they agree within milliseconds when it works). */
const SETTLE_MS = 1000;

const STORE_URL = new URL('../../src/model/dismissal-store.ts', import.meta.url).pathname;
const STORAGE_URL = new URL('../memory-storage.ts', import.meta.url).pathname;

// The functions below run in both tabs: the second tab gets their source, so they use only their
// arguments and the tab's globals below.

type TabGlobal = typeof globalThis & {
  mkTabStore: DismissalStore;
  mkTabStorage: { clear(): void; close(): void };
  /** Keys this tab dismissed. */
  mkTabOwn: Set<string>;
  /** Own keys seen not dismissed by a subscriber: a banner that came back in the tab that dismissed it. */
  mkTabReappeared: Set<string>;
};

/**
 * A store on this tab's localStorage under `prefix`, subscribed so it follows the other tab live,
 * and notes any own dismissal that comes undone.
 */
async function openTabStore(prefix: string, storeUrl: string, storageUrl: string): Promise<void> {
  const [{ DismissalStore: Store }, { PrefixedLocalStorage }] = (await Promise.all([import(storeUrl), import(storageUrl)])) as [
    typeof import('../../src/model/dismissal-store.js'),
    typeof import('../memory-storage.js'),
  ];
  const storage = new PrefixedLocalStorage(prefix);
  const store = new Store({ storage, eventTarget: storage.events });
  const own = new Set<string>();
  const reappeared = new Set<string>();
  store.subscribe(() => {
    for (const key of own) if (!store.isDismissed(key)) reappeared.add(key);
  });
  Object.assign(globalThis, { mkTabStore: store, mkTabStorage: storage, mkTabOwn: own, mkTabReappeared: reappeared });
}

/** Spins until wall-clock time `at` (both tabs share the clock; a timer is not that precise), then dismisses `key`. */
function dismissAt(key: string, at: number): void {
  while (Date.now() < at) {
    // spin
  }
  (globalThis as TabGlobal).mkTabOwn.add(key);
  (globalThis as TabGlobal).mkTabStore.dismiss(key);
}

function ownKeysThatReappeared(): string[] {
  return [...(globalThis as TabGlobal).mkTabReappeared];
}

/** The keys of `keys` not dismissed in this tab once every one is, or once `timeoutMs` passed. */
function notDismissedAfter(keys: string[], timeoutMs: number): Promise<string[]> {
  const store = (globalThis as TabGlobal).mkTabStore;
  const missing = () => keys.filter((key) => !store.isDismissed(key));
  return new Promise((resolve) => {
    if (!missing().length) return resolve([]);
    const done = () => {
      clearTimeout(timer);
      off();
      resolve(missing());
    };
    const timer = setTimeout(done, timeoutMs);
    const off = store.subscribe(() => {
      if (!missing().length) done();
    });
  });
}

function closeTabStore(): void {
  const { mkTabStorage } = globalThis as TabGlobal;
  mkTabStorage.close();
  mkTabStorage.clear();
}

/** Runs one of the functions above in the second tab. */
async function inSecondTab<Args extends unknown[], Result>(fn: (...args: Args) => Result, ...args: Args): Promise<Awaited<Result>> {
  const { value } = (await executeServerCommand('second-tab', {
    action: 'evaluate',
    expression: `(${fn.toString()})(...${JSON.stringify(args)})`,
  })) as { value: Awaited<Result> };
  return value;
}

describe('DismissalStore in two real tabs', () => {
  before(async () => {
    const prefix = `mk-test-two-tabs-${Date.now()}-${Math.random()}:`;
    await executeServerCommand('second-tab', { action: 'open' });
    await openTabStore(prefix, STORE_URL, STORAGE_URL);
    await inSecondTab(openTabStore, prefix, STORE_URL, STORAGE_URL);
  });

  after(async () => {
    closeTabStore();
    await executeServerCommand('second-tab', { action: 'close' });
  });

  it(`keeps both dismissals when two tabs dismiss at the same moment (${PAIRS} pairs)`, async function () {
    this.timeout(PAIRS * (LEAD_MS + 2 * SETTLE_MS) + 10_000);
    const lost: string[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const keys = [`pair-${pair}-here`, `pair-${pair}-there`] as const;
      const at = Date.now() + LEAD_MS;
      const there = inSecondTab(dismissAt, keys[1], at);
      // Wake up just before the moment, then spin to it like the second tab.
      await new Promise((resolve) => setTimeout(resolve, LEAD_MS - 5));
      dismissAt(keys[0], at);
      await there;
      const [missingHere, missingThere] = await Promise.all([
        notDismissedAfter([...keys], SETTLE_MS),
        inSecondTab(notDismissedAfter, [...keys], SETTLE_MS),
      ]);
      lost.push(...missingHere.map((key) => `${key} (here)`), ...missingThere.map((key) => `${key} (there)`));
    }
    expect(lost, `dismissals lost in ${PAIRS} pairs`).to.deep.equal([]);
    expect(ownKeysThatReappeared(), 'own dismissals undone here, even for a moment').to.deep.equal([]);
    expect(await inSecondTab(ownKeysThatReappeared), 'own dismissals undone there, even for a moment').to.deep.equal([]);
  });
});

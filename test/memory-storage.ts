/** A small in-memory Storage, one per test, so stored state never leaks between tests. */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  setCalls = 0;
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.setCalls++;
    this.data.set(key, String(value));
  }
}

/**
 * This tab's real localStorage, seen through a key prefix, so a test can use real cross-tab storage
 * without touching what other test files (running at the same time, same origin) store.
 */
export class PrefixedLocalStorage implements Storage {
  readonly #prefix: string;
  /** Where `storage` events for the prefixed keys arrive again, under the plain key. */
  readonly events = new EventTarget();

  constructor(prefix: string) {
    this.#prefix = prefix;
    window.addEventListener('storage', this.#forward);
  }

  get length(): number {
    return this.#keys().length;
  }
  clear(): void {
    for (const key of this.#keys()) localStorage.removeItem(key);
  }
  getItem(key: string): string | null {
    return localStorage.getItem(this.#prefix + key);
  }
  key(index: number): string | null {
    return this.#keys()[index]?.slice(this.#prefix.length) ?? null;
  }
  removeItem(key: string): void {
    localStorage.removeItem(this.#prefix + key);
  }
  setItem(key: string, value: string): void {
    localStorage.setItem(this.#prefix + key, value);
  }
  /** Stops forwarding events. */
  close(): void {
    window.removeEventListener('storage', this.#forward);
  }

  #keys(): string[] {
    return Object.keys(localStorage).filter((key) => key.startsWith(this.#prefix));
  }

  readonly #forward = ({ key, oldValue, newValue, storageArea }: StorageEvent): void => {
    if (storageArea !== localStorage || (key !== null && !key.startsWith(this.#prefix))) return;
    // A StorageEvent's storageArea must be a real Storage, so the forwarded event has none.
    const plainKey = key === null ? null : key.slice(this.#prefix.length);
    this.events.dispatchEvent(new StorageEvent('storage', { key: plainKey, oldValue, newValue }));
  };
}

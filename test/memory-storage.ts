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

/**
 * A bounded memo for pure functions on the polling path (hashes, signing keys, presigned links). It holds at most
 * `limit` results and starts again empty when full: a client that sends a new value on every request costs a
 * recomputation, never unbounded memory.
 */
export class BoundedMemo<T> {
  private cache = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: () => T): T {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.cache.size >= this.limit) this.cache = new Map();
    this.cache.set(key, value);
    return value;
  }
}

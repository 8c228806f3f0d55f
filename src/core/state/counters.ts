/**
 * Counters: the decisions that must be taken once across every replica, each a single store operation (one Lua script
 * or INCR on Redis, one Map update in memory). Scenarios claim their "times" applications here, rate limits count their
 * windows, jobs take their numbers (ids derive from them), so two replicas never hand out the same one.
 */
import type { Awaitable } from './awaitable.js';

export interface CounterStore {
  /**
   * Takes the next value of `key` (starting at 0) unless `limit` values were already taken: answers the value taken,
   * or undefined when the limit is reached. Atomic: two callers never get the same value.
   */
  take(key: string, limit?: number): Awaitable<number | undefined>;
  /** Counts one hit in the window of `key` starting at `windowStart` (a new window starts at 0); answers the count. */
  hitWindow(key: string, windowStart: number, windowMs: number): Awaitable<number>;
  /** How many values of `key` were taken (0 when never). */
  peek(key: string): Awaitable<number>;
  /** Sets how many values were taken (restoring saved state). */
  put(key: string, taken: number): Awaitable<void>;
  /** Forgets every counter whose key starts with `prefix` (all when omitted). */
  clear(prefix?: string): Awaitable<void>;
}

/** The embedded counters: one process, so a Map update is atomic. */
export class MemoryCounters implements CounterStore {
  private readonly taken = new Map<string, number>();
  private readonly windows = new Map<string, { start: number; count: number }>();

  take(key: string, limit?: number): number | undefined {
    const n = this.taken.get(key) ?? 0;
    if (limit !== undefined && n >= limit) return undefined;
    this.taken.set(key, n + 1);
    return n;
  }

  hitWindow(key: string, windowStart: number): number {
    let w = this.windows.get(key);
    if (!w || w.start !== windowStart) this.windows.set(key, (w = { start: windowStart, count: 0 }));
    return ++w.count;
  }

  peek(key: string): number {
    return this.taken.get(key) ?? 0;
  }

  put(key: string, taken: number): void {
    this.taken.set(key, taken);
  }

  clear(prefix = ''): void {
    for (const map of [this.taken, this.windows])
      for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
  }
}

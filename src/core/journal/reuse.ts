/**
 * A client polls with the same headers and gets the same body, request after request. The journal keeps what it is
 * given by reference, so each kept entry held its own copy of those strings and header objects: all of it outlived
 * the young generation (a promotion on every request, then old-generation garbage once evicted), which showed as GC
 * time and as RSS growth under polling. An entry equal to the previous one in a part keeps the previous one's part
 * instead, and the request's own copy dies young. Equality is by content, so what readers see is unchanged.
 */
import type { RawEntry } from './entry.js';

/** `next`, or `prev` when equal by content (strings compare by content with ===). */
export const reuse = <T>(prev: T | undefined, next: T): T => (prev === next ? (prev as T) : next);

/** `next`, or `prev` when both hold the same names with the same string values. */
export function reuseHeaders(prev: RawEntry['headers'] | undefined, next: RawEntry['headers']): RawEntry['headers'] {
  if (prev === undefined || prev === next) return next;
  let count = 0;
  for (const name in next) {
    const value = next[name];
    if (typeof value !== 'string' || prev[name] !== value) return next;
    count++;
  }
  for (const _ in prev) count--;
  return count === 0 ? prev : next;
}

/** `next`, or `prev` when its type, size and body are the same. */
export function reuseResponse(
  prev: RawEntry['response'] | undefined,
  next: RawEntry['response'],
): RawEntry['response'] {
  if (prev === undefined) return next;
  return prev.body === next.body && prev.bytes === next.bytes && prev.content_type === next.content_type ? prev : next;
}

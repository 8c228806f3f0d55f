/**
 * A generic store of plain JSON values and append-only lists, for vendor state (Seasalt's outbox) and anything else a
 * vendor must share across replicas. Values go in and come out as copies: a caller never changes a stored value in
 * place, it puts a new one.
 */
import type { Awaitable } from './awaitable.js';

export interface KeyValueStore {
  get<T>(key: string): Awaitable<T | undefined>;
  put(key: string, value: unknown): Awaitable<void>;
  /** Puts `value` only if `key` holds nothing; answers whether it did (atomic: one caller wins). */
  putIfAbsent(key: string, value: unknown): Awaitable<boolean>;
  delete(key: string): Awaitable<void>;
  /** Appends to the list at `key`; answers its new length. */
  append(key: string, value: unknown): Awaitable<number>;
  /** The list at `key`, oldest first. */
  list<T>(key: string): Awaitable<T[]>;
  /** Forgets every key that starts with `prefix` (all when omitted). */
  clear(prefix?: string): Awaitable<void>;
}

const isPrimitive = (value: unknown) => typeof value !== 'object' || value === null;

/**
 * A copy of a stored value. A primitive is its own copy and a list of primitives a slice: structuredClone (a
 * serialization) of Seasalt's outbox flags and id lists showed in the polling profile.
 */
const copy = <T>(value: T): T => {
  if (isPrimitive(value)) return value;
  if (Array.isArray(value) && value.every(isPrimitive)) return value.slice() as T;
  return structuredClone(value);
};

export class MemoryKeyValue implements KeyValueStore {
  private readonly values = new Map<string, unknown>();
  private readonly lists = new Map<string, unknown[]>();

  get<T>(key: string): T | undefined {
    return copy(this.values.get(key) as T | undefined);
  }

  put(key: string, value: unknown): void {
    this.values.set(key, copy(value));
  }

  putIfAbsent(key: string, value: unknown): boolean {
    if (this.values.has(key)) return false;
    this.values.set(key, copy(value));
    return true;
  }

  delete(key: string): void {
    this.values.delete(key);
    this.lists.delete(key);
  }

  append(key: string, value: unknown): number {
    const list = this.lists.get(key) ?? [];
    list.push(copy(value));
    this.lists.set(key, list);
    return list.length;
  }

  list<T>(key: string): T[] {
    return copy((this.lists.get(key) ?? []) as T[]);
  }

  clear(prefix = ''): void {
    for (const map of [this.values, this.lists])
      for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
  }
}

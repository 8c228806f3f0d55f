/**
 * The clock as a store: reads are synchronous everywhere (every handler reads the time), moves go through the store.
 * The embedded clock (core/clock.ts) answers from memory. A shared clock keeps this replica's copy of the one anchor
 * and brings it up to date in `refresh`, which the server awaits before each request, so a move on any replica is
 * seen by the next request on every other.
 */
import type { ClockState } from '../clock.js';
import type { Awaitable } from './awaitable.js';

export interface ClockStore {
  /** Virtual time in unix milliseconds. */
  now(): number;
  readonly frozen: boolean;
  state(): ClockState;
  set(now: number, frozen?: boolean): Awaitable<ClockState>;
  advance(ms: number): Awaitable<ClockState>;
  /** Restores the start instant and frozen flag the server was configured with. */
  reset(): Awaitable<ClockState>;
  /** Reads the shared clock into this replica's copy; absent when the clock lives in this process only. */
  refresh?(): Promise<void>;
}

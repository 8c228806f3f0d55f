/**
 * One clock for every replica. The shared anchor (virtual instant, the real instant it was set, frozen) lives in the
 * `shared` hash; each replica reads it before every request (RedisState.refresh, one round trip with the version) into
 * its own Clock, so a move on any replica is seen by the next request on every other. A move is one Lua script reading
 * the anchor and writing the next, so two advances at once add up.
 */
import { Clock, type ClockState, wallClock } from '../../clock.js';
import type { ClockStore } from '../clock.js';
import type { RedisState } from './connection.js';

/** ARGV: real now, then either 'set' virtual frozen('1'/'0'/'') or 'advance' ms. Answers the new virtual and frozen. */
const MOVE = `
local real = tonumber(ARGV[1])
local a = redis.call('HMGET', KEYS[1], 'virtual', 'real', 'frozen')
local frozen = a[3] == '1'
local now = tonumber(a[1])
if not frozen then now = now + (real - tonumber(a[2])) end
if ARGV[2] == 'set' then
  now = tonumber(ARGV[3])
  if ARGV[4] ~= '' then frozen = ARGV[4] == '1' end
else
  now = now + tonumber(ARGV[3])
end
redis.call('HSET', KEYS[1], 'virtual', tostring(now), 'real', tostring(real), 'frozen', frozen and '1' or '0')
return {tostring(now), frozen and '1' or '0'}`;

export class RedisClock implements ClockStore {
  private readonly local: Clock;

  private constructor(
    private readonly shared: RedisState,
    private readonly initial: ClockState,
  ) {
    this.local = new Clock(initial.now, initial.frozen);
    shared.onClock = (fields) => this.apply(fields);
  }

  /** Joins the shared clock, starting it from this replica's configured start when no replica has yet. */
  static async open(state: RedisState, start: number, frozen: boolean): Promise<RedisClock> {
    const clock = new RedisClock(state, { now: start, frozen });
    // The first replica to start sets the anchor; the others join it.
    if (await state.redis.hsetnx('shared', 'virtual', String(start)))
      await state.redis.hset('shared', 'real', String(wallClock()), 'frozen', frozen ? '1' : '0');
    await state.refresh();
    return clock;
  }

  private apply([virtual, real, frozen]: Array<string | null>): void {
    if (virtual == null || real == null) return;
    const isFrozen = frozen === '1';
    const now = isFrozen ? Number(virtual) : Number(virtual) + (wallClock() - Number(real));
    this.local.set(now, isFrozen);
  }

  now(): number {
    return this.local.now();
  }

  get frozen(): boolean {
    return this.local.frozen;
  }

  state(): ClockState {
    return this.local.state();
  }

  private async move(args: string[]): Promise<ClockState> {
    const [now, frozen] = (await this.shared.redis.eval(MOVE, 1, 'shared', String(wallClock()), ...args)) as [
      string,
      string,
    ];
    return this.local.set(Number(now), frozen === '1');
  }

  set(now: number, frozen?: boolean): Promise<ClockState> {
    return this.move(['set', String(now), frozen === undefined ? '' : frozen ? '1' : '0']);
  }

  advance(ms: number): Promise<ClockState> {
    return this.move(['advance', String(ms)]);
  }

  reset(): Promise<ClockState> {
    return this.set(this.initial.now, this.initial.frozen);
  }

  refresh(): Promise<void> {
    return this.shared.refresh();
  }
}

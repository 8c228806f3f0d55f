/** Counters on Redis: each decision one Lua script, atomic across every replica (see core/state/counters.ts). */
import type { CounterStore } from '../counters.js';
import { globEscape, type RedisState } from './connection.js';

/** Takes the next value unless `limit` were taken: answers it, or -1 at the limit. */
const TAKE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if ARGV[1] ~= '' and n >= tonumber(ARGV[1]) then return -1 end
redis.call('SET', KEYS[1], n + 1)
return n`;

/** Counts a hit in the window starting ARGV[1]: a new window starts from 0. */
const HIT = `
if redis.call('HGET', KEYS[1], 'start') ~= ARGV[1] then
  redis.call('HSET', KEYS[1], 'start', ARGV[1], 'count', 0)
end
return redis.call('HINCRBY', KEYS[1], 'count', 1)`;

export class RedisCounters implements CounterStore {
  constructor(private readonly state: RedisState) {}

  async take(key: string, limit?: number): Promise<number | undefined> {
    const n = (await this.state.redis.eval(TAKE, 1, `c:${key}`, limit === undefined ? '' : String(limit))) as number;
    return n < 0 ? undefined : n;
  }

  async hitWindow(key: string, windowStart: number): Promise<number> {
    return (await this.state.redis.eval(HIT, 1, `w:${key}`, String(windowStart))) as number;
  }

  async peek(key: string): Promise<number> {
    return Number((await this.state.redis.get(`c:${key}`)) ?? 0);
  }

  async put(key: string, taken: number): Promise<void> {
    await this.state.redis.set(`c:${key}`, taken);
  }

  async clear(prefix = ''): Promise<void> {
    const p = globEscape(prefix);
    const keys = [...(await this.state.keys(`c:${p}*`)), ...(await this.state.keys(`w:${p}*`))];
    if (keys.length > 0) await this.state.redis.del(...keys);
  }
}

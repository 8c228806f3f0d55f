/** The shared stores on one Redis (STATE_URL), loaded only when it is set: the embedded default never imports ioredis. */
import type { SharedStores } from '../stores.js';
import { RedisClock } from './clock.js';
import { RedisState } from './connection.js';
import { RedisCounters } from './counters.js';
import { RedisKeyValue } from './key-value.js';
import { redisLinkKeys } from './link-keys.js';
import { RedisRateLimiter } from './rate-limits.js';
import { RedisScenarioStore } from './scenarios.js';

export async function openRedisStores(
  url: string,
  config: { SEED: string; RATE_LIMITS: boolean; LINK_SECRET?: string | undefined },
  start: { now: number; frozen: boolean },
): Promise<SharedStores> {
  const state = new RedisState(url);
  const clock = await RedisClock.open(state, start.now, start.frozen);
  const limiter = new RedisRateLimiter(config.RATE_LIMITS, state);
  await limiter.open();
  const scenarios = new RedisScenarioStore(config.SEED, state);
  await scenarios.reload();
  return {
    clock,
    scenarios,
    limiter,
    counters: new RedisCounters(state),
    kv: new RedisKeyValue(state),
    linkKeys: redisLinkKeys(state, config),
    refresh: () => state.refresh(),
    close: () => state.close(),
  };
}

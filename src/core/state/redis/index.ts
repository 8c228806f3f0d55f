/** The shared stores on one Redis (STATE_URL), loaded only when it is set: the embedded default never imports ioredis. */
import type { SharedStores } from '../stores.js';
import { RedisClock } from './clock.js';
import { RedisState } from './connection.js';
import { RedisCounters } from './counters.js';
import { RedisJobStore } from './jobs.js';
import { RedisJournal } from './journal.js';
import { RedisKeyValue } from './key-value.js';
import { redisLinkKeys } from './link-keys.js';
import { RedisRateLimiter } from './rate-limits.js';
import { RedisScenarioStore } from './scenarios.js';

export async function openRedisStores(
  url: string,
  config: {
    SEED: string;
    RATE_LIMITS: boolean;
    LINK_SECRET?: string | undefined;
    GENERATION_WORKERS?: number | undefined;
    JOURNAL_LIMIT: number;
    JOURNAL_MAX_BYTES: number;
  },
  start: { now: number; frozen: boolean },
): Promise<SharedStores> {
  const state = new RedisState(url);
  const clock = await RedisClock.open(state, start.now, start.frozen);
  const limiter = new RedisRateLimiter(config.RATE_LIMITS, state);
  await limiter.open();
  const scenarios = new RedisScenarioStore(config.SEED, state);
  await scenarios.reload();
  const journal = new RedisJournal(state, config.JOURNAL_LIMIT, config.JOURNAL_MAX_BYTES);
  const jobs = new RedisJobStore(state, { now: () => clock.now(), concurrency: config.GENERATION_WORKERS ?? 2 });
  return {
    jobs: Object.assign(jobs, {
      start: (taskOf: RedisJobStore['options']['taskOf'], onFault: RedisJobStore['options']['onFault']) => {
        jobs.options.taskOf = taskOf;
        jobs.options.onFault = onFault;
        jobs.startWorker();
      },
    }),
    objects: {
      put: (o) => void state.redis.hset('objects', `${o.bucket}/${o.key}`, JSON.stringify(o)),
      get: async (bucket, key) => {
        const text = await state.redis.hget('objects', `${bucket}/${key}`);
        return text === null ? undefined : JSON.parse(text);
      },
      clear: async () => void (await state.redis.del('objects')),
    },
    journal,
    clock,
    scenarios,
    limiter,
    counters: new RedisCounters(state),
    kv: new RedisKeyValue(state),
    linkKeys: redisLinkKeys(state, config),
    refresh: async (url) => {
      if (!url.startsWith('/__admin')) return state.refresh();
      await Promise.all([state.refresh(), journal.refresh()]);
    },
    close: async () => {
      journal.close();
      await jobs.close();
      await state.close();
    },
  };
}

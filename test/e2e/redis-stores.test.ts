/**
 * The Redis stores against the contracts every store meets (test/core/state/contracts.ts), each pair of handles being
 * two replicas: two connections to one real redis-server, flushed between tests.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisClock } from '../../src/core/state/redis/clock.js';
import { RedisState } from '../../src/core/state/redis/connection.js';
import { RedisCounters } from '../../src/core/state/redis/counters.js';
import { RedisJobStore } from '../../src/core/state/redis/jobs.js';
import { RedisJournal } from '../../src/core/state/redis/journal.js';
import { RedisKeyValue } from '../../src/core/state/redis/key-value.js';
import { redisLinkKeys } from '../../src/core/state/redis/link-keys.js';
import { RedisRateLimiter } from '../../src/core/state/redis/rate-limits.js';
import { RedisScenarioStore } from '../../src/core/state/redis/scenarios.js';
import {
  clockContract,
  counterContract,
  journalContract,
  keyValueContract,
  linkKeyContract,
  rateLimitContract,
  scenarioContract,
} from '../core/state/contracts.js';
import { NO_REDIS, type RunningRedis, redisBinary, startRedis } from './redis-server.js';

if (!redisBinary) describe.skip(NO_REDIS, () => it('needs redis-server', () => undefined));
else {
  let redis: RunningRedis;
  const open: Array<{ close(): unknown }> = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  beforeEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await redis.stop();
  });
  /** Two replicas: a connection each. */
  const replicas = async <S>(make: (state: RedisState) => S | Promise<S>): Promise<[S, S]> => {
    const a = new RedisState(redis.url);
    const b = new RedisState(redis.url);
    open.push(a, b);
    return [await make(a), await make(b)];
  };

  counterContract('redis', () => replicas((s) => new RedisCounters(s)));
  keyValueContract('redis', () => replicas((s) => new RedisKeyValue(s)));
  clockContract('redis', (start, frozen) => replicas((s) => RedisClock.open(s, start, frozen)));
  linkKeyContract('redis', () => replicas((s) => redisLinkKeys(s, {})));
  scenarioContract('redis', () => replicas((s) => new RedisScenarioStore('seed', s)));
  journalContract('redis', () =>
    replicas((s) => {
      const journal = new RedisJournal(s, 100, 1_000_000);
      open.push(journal);
      return journal;
    }),
  );
  rateLimitContract('redis', (on) =>
    replicas(async (s) => {
      const limiter = new RedisRateLimiter(on, s);
      await limiter.open();
      return limiter;
    }),
  );

  describe('RedisJobStore', () => {
    it('keeps the result of work that outlived a reset out of the new job of the same id', async () => {
      const [state] = await replicas((s) => s);
      let release!: (file: string) => void;
      const stale = new Promise<string>((r) => (release = r));
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const store = new RedisJobStore(state, {
        now: () => 1_000_000,
        // Two at once, as the pool has: the forgotten work still holds one.
        concurrency: 2,
        // The first job's work hangs until released; the work of the job made after the reset ends at once.
        taskOf: (job) =>
          (job.params as { n: number }).n === 1
            ? async () => {
                started();
                return stale;
              }
            : async () => 'fresh',
      });
      open.push(store);
      store.startWorker();
      const init = (n: number) => ({
        ...{ id: 'job-1', vendor: 'toy', tenant: 't', createdAt: 1_000_000 },
        ...{ queuedMs: 0, runningMs: 0, outcome: { kind: 'success' as const }, params: { n } },
      });
      await store.create(init(1), async () => 'unused');
      await running;
      await store.reset();
      await store.create(init(2), async () => 'unused');
      await store.settle((await store.get('job-1'))!);
      expect((await store.get('job-1'))?.generation).toMatchObject({ state: 'done', result: 'fresh' });
      release('stale');
      await store.drain();
      expect((await store.get('job-1'))?.generation).toMatchObject({ state: 'done', result: 'fresh' });
    });
  });
}

/**
 * The Redis stores against the contracts every store meets (test/core/state/contracts.ts), each pair of handles being
 * two replicas: two connections to one real redis-server, flushed between tests.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { RedisClock } from '../../src/core/state/redis/clock.js';
import { RedisState } from '../../src/core/state/redis/connection.js';
import { RedisCounters } from '../../src/core/state/redis/counters.js';
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
}

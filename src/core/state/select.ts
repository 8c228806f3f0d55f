/**
 * Which stores the server runs on: the embedded ones (memory, and DATA_DIR through core/persistence) unless STATE_URL
 * names a shared store (redis://…), whose module is loaded only then.
 */
import { ConfigError } from '../../config-error.js';
import { Clock } from '../clock.js';
import { RateLimiter } from '../scenarios/rate-limiter.js';
import { EmbeddedScenarioStore } from '../scenarios/store.js';
import { MemoryCounters } from './counters.js';
import { MemoryKeyValue } from './key-value.js';
import { embeddedLinkKeys } from './link-keys.js';
import type { SharedStores } from './stores.js';

export interface StoreSettings {
  STATE_URL?: string | undefined;
  SEED: string;
  RATE_LIMITS: boolean;
  LINK_SECRET?: string | undefined;
  DATA_DIR?: string | undefined;
  JOURNAL_LIMIT: number;
  JOURNAL_MAX_BYTES: number;
}

/**
 * ioredis and bullmq are optional peer dependencies (BullMQ brings a native helper with an install script, which a
 * default install must not run): a server told to use Redis without them says how to add them.
 */
export function explainMissingRedis(err: unknown): never {
  const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
  if (!missing) throw err;
  throw new ConfigError(
    'STATE_URL needs the optional packages ioredis and bullmq: npm install ioredis bullmq (the Docker image: build it with --build-arg WITH_REDIS=true)',
  );
}

export async function openStores(
  config: StoreSettings,
  start: { now: number; frozen: boolean },
): Promise<SharedStores> {
  if (config.STATE_URL) {
    const { openRedisStores } = await import('./redis/index.js').catch(explainMissingRedis);
    return openRedisStores(config.STATE_URL, config, start);
  }
  return {
    clock: new Clock(start.now, start.frozen),
    scenarios: new EmbeddedScenarioStore(config.SEED),
    limiter: new RateLimiter(config.RATE_LIMITS),
    counters: new MemoryCounters(),
    kv: new MemoryKeyValue(),
    linkKeys: embeddedLinkKeys(config),
    close: async () => undefined,
  };
}

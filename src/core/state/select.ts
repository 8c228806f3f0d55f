/**
 * Which stores the server runs on: the embedded ones (memory, and DATA_DIR through core/persistence) unless STATE_URL
 * names a shared store (redis://…), whose module is loaded only then.
 */
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
}

export async function openStores(
  config: StoreSettings,
  start: { now: number; frozen: boolean },
): Promise<SharedStores> {
  if (config.STATE_URL) {
    const { openRedisStores } = await import('./redis/index.js');
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

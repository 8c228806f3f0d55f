/** The stores a server runs on, embedded or shared (see select.ts), apart from jobs (core/state/jobs.ts). */
import type { ClockStore } from './clock.js';
import type { CounterStore } from './counters.js';
import type { KeyValueStore } from './key-value.js';
import type { LinkKeyStore } from './link-keys.js';
import type { RateLimitStore } from './rate-limits.js';
import type { ScenarioStore } from './scenarios.js';

export interface SharedStores {
  clock: ClockStore;
  scenarios: ScenarioStore;
  limiter: RateLimitStore;
  counters: CounterStore;
  kv: KeyValueStore;
  linkKeys: LinkKeyStore;
  /** Brings this replica's copies up to date (before each request); absent when nothing is shared. */
  refresh?: () => Promise<void>;
  close(): Promise<void>;
}

/** The stores a server runs on, embedded or shared (see select.ts), apart from jobs (core/state/jobs.ts). */
import type { StoredObject } from '../storage/object-store.js';
import type { ClockStore } from './clock.js';
import type { CounterStore } from './counters.js';
import type { GenerationTask, Job, JobStore } from './jobs.js';
import type { JournalStore } from './journal.js';
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
  /**
   * Shared jobs, whose work any replica's worker claims (`start` once the vendors can rebuild a job's work); absent
   * when embedded (the app makes the embedded store, with its DATA_DIR hooks).
   */
  jobs?: JobStore & {
    start(taskOf: (job: Job) => GenerationTask<unknown> | undefined, onFault: (job: Job, err: Error) => void): void;
    close(): Promise<void>;
  };
  /** The journal of every replica's requests; absent when embedded (the app makes it, for DATA_DIR). */
  journal?: JournalStore;
  /** The shared index of stored objects: who wrote what, so another replica can serve it. */
  objects?: {
    put(object: StoredObject): void;
    get(bucket: string, key: string): Promise<StoredObject | undefined>;
    clear(): Promise<void>;
  };
  /**
   * Brings this replica's copies up to date before a request to `url` (the journal only for the control plane's, so
   * vendor routes pay nothing for it); absent when nothing is shared.
   */
  refresh?: (url: string) => Promise<void>;
  close(): Promise<void>;
}

/**
 * What the core hands every vendor: the one clock, storage, link signer and job store, the configuration and the
 * public origin. Vendors take what they need from here and never from each other.
 */
import type { Config } from '../config.js';
import type { GenerationEngine } from './generation/engine.js';
import type { LinkSigner } from './signing/links.js';
import type { ClockStore } from './state/clock.js';
import type { JobStore } from './state/jobs.js';
import type { JournalStore } from './state/journal.js';
import type { KeyValueStore } from './state/key-value.js';
import type { RateLimitStore } from './state/rate-limits.js';
import type { ScenarioStore } from './state/scenarios.js';
import type { DownloadGate } from './storage/download-gate.js';
import type { ObjectStore } from './storage/object-store.js';

export interface CoreContext {
  config: Config;
  clock: ClockStore;
  store: ObjectStore;
  signer: LinkSigner;
  jobs: JobStore;
  /** Runs the vendors' file writers in worker threads (core/generation). */
  generation: GenerationEngine;
  journal: JournalStore;
  scenarios: ScenarioStore;
  limiter: RateLimitStore;
  /** Plain values and lists for vendor state (Seasalt's outbox), shared across replicas with STATE_URL. */
  kv: KeyValueStore;
  /** Admits file downloads fairly (storage routes and vendors' own file links). */
  downloads: DownloadGate;
  /** The origin written into links (known only once the server listens when PORT is 0). */
  publicUrl(): string;
  /** Registers work to do on POST /__admin/reset, after jobs and storage are cleared. */
  onReset(fn: () => void | Promise<void>): void;
  /**
   * Registers vendor state that must survive a restart with DATA_DIR (e.g. an outbox): `save` gives plain JSON data,
   * `load` puts it back at start-up. Call it while registering routes.
   */
  persist(key: string, state: { save(): unknown; load(data: unknown): void | Promise<void> }): void;
  /**
   * Vendor state that belongs to a namespace (e.g. an outbox): answers an object standing for `make()`'s, with one
   * instance per namespace made on first use (src/core/namespaces). Call it while registering routes.
   */
  scoped<T extends object>(make: () => T): T;
  /** Tells persistence that state changed (it saves soon after). Requests and finished work already do. */
  changed(): void;
}

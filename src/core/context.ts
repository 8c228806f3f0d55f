/**
 * What the core hands every vendor: the one clock, storage, link signer and job store, the configuration and the
 * public origin. Vendors take what they need from here and never from each other.
 */
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { DownloadGate } from './download-gate.js';
import type { GenerationEngine } from './generation/engine.js';
import type { JobStore } from './jobs.js';
import type { Journal } from './journal.js';
import type { RateLimiter } from './scenarios/rate-limiter.js';
import type { ScenarioStore } from './scenarios/store.js';
import type { LinkSigner } from './signing/links.js';
import type { ObjectStore } from './storage.js';

export interface CoreContext {
  config: Config;
  clock: Clock;
  store: ObjectStore;
  signer: LinkSigner;
  jobs: JobStore;
  /** Runs the vendors' file writers in worker threads (core/generation). */
  generation: GenerationEngine;
  journal: Journal;
  scenarios: ScenarioStore;
  limiter: RateLimiter;
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
  persist(key: string, state: { save(): unknown; load(data: unknown): void }): void;
  /**
   * Vendor state that belongs to a namespace (e.g. an outbox): answers an object standing for `make()`'s, with one
   * instance per namespace made on first use (src/core/namespaces). Call it while registering routes.
   */
  scoped<T extends object>(make: () => T): T;
  /** Tells persistence that state changed (it saves soon after). Requests and finished work already do. */
  changed(): void;
}

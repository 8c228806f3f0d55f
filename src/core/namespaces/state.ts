/**
 * One namespace's state: everything a test suite can change (jobs and their files, the clock, scenarios and presets,
 * rate-limit counters, the journal, vendor state such as an outbox). The world (seeds, settings, link signing secret)
 * is the server's. Namespaces live in memory and a temporary folder only: DATA_DIR keeps the default namespace.
 */
import type { Config } from '../../config.js';
import { Clock, wallClock } from '../clock.js';
import { createGenerationEngine, type GenerationEngine } from '../generation/engine.js';
import { Journal } from '../journal/journal.js';
import { PRESETS } from '../scenarios/presets.js';
import { RateLimiter } from '../scenarios/rate-limiter.js';
import { EmbeddedScenarioStore } from '../scenarios/store.js';
import type { LinkSigner } from '../signing/links.js';
import { EmbeddedJobStore } from '../state/embedded-jobs.js';
import { MemoryKeyValue } from '../state/key-value.js';
import { ObjectStore } from '../storage/object-store.js';

export interface NamespaceState {
  readonly name: string;
  /** The server's settings, with this namespace's own SEED once it sets one (reseedNamespace). */
  config: Config;
  readonly clock: Clock;
  readonly store: ObjectStore;
  readonly signer: LinkSigner;
  readonly jobs: EmbeddedJobStore;
  readonly generation: GenerationEngine;
  readonly journal: Journal;
  scenarios: EmbeddedScenarioStore;
  /** Vendor state kept as keys and lists (the Seasalt outbox). */
  readonly kv: MemoryKeyValue;
  readonly limiter: RateLimiter;
  /** The server's origin with this namespace's prefix: every link minted here carries it. */
  publicUrl(): string;
  /** Vendor state made through ctx.scoped, one instance per namespace (keyed by its maker). */
  readonly scoped: Map<object, object>;
  /** realElapsed() of the last request or library call, for idle expiry. */
  lastUsed: number;
}

export interface NamespaceWorld {
  config: Config;
  /** The server's origin (without prefix). */
  publicUrl(): string;
  /** The server's signer, from which each namespace derives its own (links of one do not verify in another). */
  signer: LinkSigner;
}

/** A fresh namespace: its clock starts where the server's did (CLOCK_START, CLOCK_FROZEN) and moves on its own. */
export function createNamespaceState(name: string, world: NamespaceWorld, now: number): NamespaceState {
  const { config } = world;
  const clock = new Clock(config.CLOCK_START ? Date.parse(config.CLOCK_START) : wallClock(), config.CLOCK_FROZEN);
  const store = new ObjectStore();
  store.now = () => clock.now();
  const publicUrl = () => `${world.publicUrl()}/ns/${name}`;
  return {
    name,
    config,
    clock,
    store,
    signer: world.signer.derive(`namespace/${name}`, publicUrl),
    jobs: new EmbeddedJobStore(() => clock.now()),
    generation: createGenerationEngine(store, () => clock.now(), config.GENERATION_WORKERS),
    journal: new Journal(config.JOURNAL_LIMIT, config.JOURNAL_MAX_BYTES),
    scenarios: scenarioStore(config.SEED),
    limiter: new RateLimiter(config.RATE_LIMITS),
    kv: new MemoryKeyValue(),
    publicUrl,
    scoped: new Map(),
    lastUsed: now,
  };
}

function scenarioStore(seed: string): EmbeddedScenarioStore {
  const scenarios = new EmbeddedScenarioStore(seed);
  for (const [preset, { scenarios: set }] of Object.entries(PRESETS)) scenarios.define(preset, set);
  return scenarios;
}

/**
 * Gives a namespace a world of its own: the server's settings with another SEED (the seeded tenants stay the
 * server's). Its jobs were made in the old world: the caller resets the namespace next.
 */
export function reseedNamespace(ns: NamespaceState, seed: string, server: Config): void {
  ns.config = { ...server, SEED: seed };
  ns.scenarios = scenarioStore(seed);
}

/** Forgets a namespace: work in flight is discarded (waited for), its files removed. */
export async function disposeNamespaceState(ns: NamespaceState): Promise<void> {
  ns.jobs.reset();
  ns.generation.reset();
  await ns.jobs.drain();
  ns.store.destroy();
}

/**
 * The first step of buildApp: the stores, the core context every vendor and control plane holds, and the runtime on
 * top of it. What later steps (hooks, routes, DATA_DIR, shutdown) need of it travels as one Assembly.
 */
import { type Config, ConfigError, publicUrlOf, withVendorSettings } from '../config.js';
import { wallClock } from '../core/clock.js';
import type { CoreContext } from '../core/context.js';
import type { Persistence } from '../core/durability/persistence.js';
import { createGenerationEngine } from '../core/generation/engine.js';
import { Journal } from '../core/journal/journal.js';
import { namespaceAware } from '../core/namespaces/context.js';
import { createRuntime, type Runtime, UnknownPresetError } from '../core/runtime.js';
import { loadSeeds } from '../core/seeds.js';
import { LinkSigner } from '../core/signing/links.js';
import { EmbeddedJobStore } from '../core/state/embedded-jobs.js';
import { openStores } from '../core/state/select.js';
import type { SharedStores } from '../core/state/stores.js';
import { DownloadGate } from '../core/storage/download-gate.js';
import { ObjectStore } from '../core/storage/object-store.js';
import type { VendorModule } from '../core/vendor.js';

export interface Assembly {
  config: Config;
  vendors: readonly VendorModule[];
  seeds: Map<string, unknown>;
  stores: SharedStores;
  store: ObjectStore;
  /** Set unless STATE_URL names a shared journal. */
  embeddedJournal: Journal | undefined;
  /** Set unless STATE_URL names a shared job store. */
  embeddedJobs: EmbeddedJobStore | undefined;
  /** The default namespace's context. */
  defaultCtx: CoreContext;
  /** Vendors and control planes hold this one: its state is the current namespace's (src/core/namespaces). */
  ctx: CoreContext;
  resetHooks: Array<() => void | Promise<void>>;
  vendorState: Map<string, { save(): unknown; load(data: unknown): void | Promise<void> }>;
  live: LiveSettings;
}

/** What changes after assembly: the context reads these through closures. */
interface LiveSettings {
  /** The origin of download links; the runtime sets it once the server listens. */
  publicUrl: string;
  /** The DATA_DIR state saver, once there is one (app/data-dir.ts). */
  persistence: Persistence | undefined;
}

export async function assemble(given: Config, vendors: readonly VendorModule[]): Promise<Assembly> {
  const config = withVendorSettings(given, vendors);
  const seeds = loadSeeds(config.SEEDS, vendors);
  // Embedded stores (memory, DATA_DIR) unless STATE_URL names a shared one (core/state/select.ts).
  const stores = await openStores(config, {
    now: config.CLOCK_START ? Date.parse(config.CLOCK_START) : wallClock(),
    frozen: config.CLOCK_FROZEN,
  });
  const { clock } = stores;
  // Every replica's journal when STATE_URL names a shared store, else this process's (with the DATA_DIR hooks).
  const embeddedJournal = stores.journal ? undefined : new Journal(config.JOURNAL_LIMIT, config.JOURNAL_MAX_BYTES);
  const journal = stores.journal ?? embeddedJournal!;
  const store = new ObjectStore(config.DATA_DIR);
  store.now = () => clock.now();
  // Jobs: shared ones when STATE_URL names a shared store, else embedded (with the DATA_DIR hooks of app/data-dir.ts).
  const embeddedJobs = stores.jobs ? undefined : new EmbeddedJobStore(() => clock.now());
  const resetHooks: Assembly['resetHooks'] = [];
  const vendorState: Assembly['vendorState'] = new Map();
  const live: LiveSettings = { publicUrl: publicUrlOf(config), persistence: undefined };
  const defaultCtx: CoreContext = {
    config,
    clock,
    store,
    signer: new LinkSigner(await stores.linkKeys.secret(), () => live.publicUrl),
    jobs: stores.jobs ?? embeddedJobs!,
    generation: createGenerationEngine(store, () => clock.now(), config.GENERATION_WORKERS),
    journal,
    scenarios: stores.scenarios,
    limiter: stores.limiter,
    kv: stores.kv,
    downloads: new DownloadGate({
      maxConcurrent: config.MAX_CONCURRENT_DOWNLOADS,
      maxPerClient: config.MAX_DOWNLOADS_PER_CLIENT,
      idleTimeoutMs: config.DOWNLOAD_IDLE_TIMEOUT_SECONDS * 1000,
    }),
    publicUrl: () => live.publicUrl,
    onReset: (fn) => void resetHooks.push(fn),
    persist: (key, part) => void vendorState.set(key, part),
    changed: () => live.persistence?.changed(),
    scoped: (make) => make(),
  };
  const ctx = namespaceAware(defaultCtx);
  return {
    config,
    vendors,
    seeds,
    stores,
    store,
    embeddedJournal,
    embeddedJobs,
    defaultCtx,
    ctx,
    resetHooks,
    vendorState,
    live,
  };
}

/** The runtime over the assembly, with the SCENARIO presets installed; an unknown preset is a configuration error. */
export async function startRuntime(a: Assembly): Promise<{ state: Runtime; startupPresets: string[] }> {
  const startupPresets = a.config.SCENARIO.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    const state = await createRuntime({
      ctx: a.ctx,
      vendors: a.vendors,
      seeds: a.seeds,
      setPublicUrl: (url) => void (a.live.publicUrl = url.replace(/\/+$/, '')),
      startupPresets,
      resetHooks: a.resetHooks,
      clearFiles: () => a.ctx.store.clear(),
    });
    return { state, startupPresets };
  } catch (err) {
    if (err instanceof UnknownPresetError) throw new ConfigError(`SCENARIO: ${err.message}`);
    throw err;
  }
}

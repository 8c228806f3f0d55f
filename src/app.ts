/**
 * buildApp(config) → a Fastify instance with the core, every vendor, the admin API and the docs registered. It never
 * listens: tests use inject(), src/server.ts listens.
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { type Config, ConfigError, publicUrlOf } from './config.js';
import { registerAdmin } from './admin/routes.js';
import { registerDashboard } from './dashboard/index.js';
import { Clock } from './core/clock.js';
import type { CoreContext } from './core/context.js';
import { createGenerationEngine } from './core/generation/engine.js';
import { JobStore } from './core/jobs.js';
import { Journal } from './core/journal.js';
import { registerJournalHooks } from './core/journal-hooks.js';
import { registerControlPlaneGuard } from './core/http/control-plane-guard.js';
import { normalizeUrl } from './core/http/normalize-url.js';
import { GCS_PATH, S3_PATH } from './core/signing/links.js';
import { registerScenarioHook } from './core/scenarios/hook.js';
import { PRESETS } from './core/scenarios/presets.js';
import { RateLimiter } from './core/scenarios/rate-limiter.js';
import { ScenarioStore } from './core/scenarios/store.js';
import { loadSeeds } from './core/seeds.js';
import { LinkSigner } from './core/signing/links.js';
import { ObjectStore } from './core/storage.js';
import { Persistence } from './core/persistence.js';
import { sweep } from './core/retention.js';
import { registerStorageRoutes } from './core/storage-routes.js';
import type { VendorModule } from './core/vendor.js';
import { jsonSerializerCompiler, zodValidatorCompiler } from './core/zod-compilers.js';
import { VENDORS } from './vendors/registry.js';

export interface MockState {
  ctx: CoreContext;
  vendors: readonly VendorModule[];
  seeds: Map<string, unknown>;
  /** Sets the origin for links once the real port is known. */
  setPublicUrl(url: string): void;
  reset(): Promise<void>;
  /** Evicts jobs and files past their links' expiry plus RETENTION_SECONDS (also runs every minute). */
  sweep(): Promise<{ jobs: number; objects: number }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mock: MockState;
  }
}

/**
 * Limits, set deliberately so that garbage and slow clients cost little (README, "Limits"):
 * request bodies up to 1 MiB (export requests are tiny); headers up to Node's 16 KiB; a request must arrive whole
 * within 30 s and its headers within 10 s (slowloris); an idle connection is closed after 120 s and an idle
 * keep-alive connection after 5 s. Concurrent downloads are capped by MAX_CONCURRENT_DOWNLOADS.
 */
const BODY_LIMIT = 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTION_TIMEOUT_MS = 120_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export async function buildApp(config: Config, vendors: readonly VendorModule[] = VENDORS): Promise<FastifyInstance> {
  const seeds = loadSeeds(config.SEEDS, vendors);
  const clock = new Clock(config.CLOCK_START ? Date.parse(config.CLOCK_START) : Date.now(), config.CLOCK_FROZEN);
  let publicUrl = publicUrlOf(config);
  const store = new ObjectStore(config.DATA_DIR);
  store.now = () => clock.now();
  const resetHooks: Array<() => void | Promise<void>> = [];
  const vendorState = new Map<string, { save(): unknown; load(data: unknown): void }>();
  let persistence: Persistence | undefined;
  const ctx: CoreContext = {
    config,
    clock,
    store,
    signer: new LinkSigner(config.SEED, () => publicUrl),
    jobs: new JobStore(() => clock.now()),
    generation: createGenerationEngine(store, () => clock.now(), config.GENERATION_WORKERS),
    journal: new Journal(config.JOURNAL_LIMIT),
    scenarios: new ScenarioStore(config.SEED),
    limiter: new RateLimiter(config.RATE_LIMITS),
    publicUrl: () => publicUrl,
    onReset: (fn) => void resetHooks.push(fn),
    persist: (key, part) => void vendorState.set(key, part),
    changed: () => persistence?.changed(),
  };

  for (const [name, preset] of Object.entries(PRESETS)) ctx.scenarios.define(name, preset.scenarios);
  const startupPresets = config.SCENARIO.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of startupPresets) if (!PRESETS[name]) throw new ConfigError(`SCENARIO: unknown preset "${name}" (known: ${Object.keys(PRESETS).join(', ')})`);
  const installStartupPresets = () => {
    for (const name of startupPresets) for (const s of PRESETS[name]!.scenarios) ctx.scenarios.add(s, `preset:${name}`);
  };
  installStartupPresets();

  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    // Per-request logging halves the throughput of a polling endpoint; the request journal is the place for that.
    logController: new LogController({ disableRequestLogging: true }),
    // Every route schema is zod: hand Fastify our compilers up front, so it never builds ajv (a sixth of a cold start).
    schemaController: { compilersFactory: { buildValidator: (() => zodValidatorCompiler) as never, buildSerializer: (() => jsonSerializerCompiler) as never } },
    // No child logger per request: creating one costs more than a whole poll, and requests are not logged anyway.
    childLoggerFactory: (logger) => logger,
    bodyLimit: BODY_LIMIT,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Vendor hosts mapped to this server (api-{app_id}.sendbird.com, api.ultimate.ai, …) reach the prefixed routes.
    // Every decision (guard, journal, scenarios, rate limits, routing) reads this one normalized URL.
    rewriteUrl: (req) => {
      const url = normalizeUrl(req.url ?? '/');
      const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
      for (const vendor of vendors) {
        const rewritten = vendor.rewriteByHost?.(host, url);
        if (rewritten) return rewritten;
      }
      return url;
    },
  });


  const state: MockState = {
    ctx,
    vendors,
    seeds,
    setPublicUrl: (url) => void (publicUrl = url.replace(/\/+$/, '')),
    sweep: async () => ({ jobs: 0, objects: 0 }),
    reset: async () => {
      ctx.jobs.reset();
      ctx.generation.reset();
      ctx.journal.clear();
      ctx.scenarios.clear();
      ctx.limiter.reset(config.RATE_LIMITS);
      installStartupPresets();
      await store.clear();
      clock.reset();
      for (const hook of resetHooks) await hook();
      ctx.changed();
    },
  };
  app.decorate('mock', state);
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await persistence?.close();
    await ctx.jobs.drain();
    store.destroy();
  });

  registerControlPlaneGuard(app, { adminToken: config.ADMIN_TOKEN, allowedHosts: config.ALLOWED_HOSTS, publicUrl: () => publicUrl });
  registerJournalHooks(app, {
    journal: ctx.journal,
    clock,
    enabled: () => config.JOURNAL_LIMIT > 0,
    // Vendor routes by prefix; downloads as 'storage' until the route finds the object and tags its owner.
    vendorOf: (path) => {
      if (path.startsWith(`${S3_PATH}/`) || path.startsWith(`${GCS_PATH}/`)) return 'storage';
      return vendors.find((v) => path === v.prefix || path.startsWith(`${v.prefix}/`))?.id;
    },
  });
  registerScenarioHook(app, {
    scenarios: ctx.scenarios,
    limiter: ctx.limiter,
    clock,
    vendorOf: (path) => vendors.find((v) => path === v.prefix || path.startsWith(`${v.prefix}/`)),
  });
  await registerStorageRoutes(app, { store, signer: ctx.signer, clock, jobs: ctx.jobs, maxConcurrent: config.MAX_CONCURRENT_DOWNLOADS });
  for (const vendor of vendors) {
    await app.register(async (scope) => vendor.register(scope, ctx, seeds.get(vendor.id)));
  }
  await app.register(async (scope) => registerAdmin(scope, state));
  await app.register(async (scope) => registerDashboard(scope, state));

  if (config.DATA_DIR) {
    persistence = new Persistence(config.DATA_DIR, { clock, jobs: ctx.jobs, store, scenarios: ctx.scenarios, limiter: ctx.limiter, journal: ctx.journal, vendorState });
    persistence.onError = (err) => app.log.error({ err }, 'DATA_DIR: saving the state failed');
    await persistence.load((job) => vendors.find((v) => v.id === job.vendor)?.resumeJob?.(job, ctx));
    ctx.jobs.onSettled = () => ctx.changed();
    // Any request may change state (a job, a scenario counter, the journal): save soon after.
    app.addHook('onResponse', (_request, _reply, done) => {
      persistence!.changed();
      done();
    });
  }
  // Retention runs on the virtual clock; checking once a (real) minute and after each clock move is plenty.
  const sweeper = setInterval(() => void sweep(ctx, vendors), 60_000);
  sweeper.unref();
  state.sweep = () => sweep(ctx, vendors);

  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split('?')[0] ?? '').toLowerCase();
    const vendor = vendors.find((v) => path === v.prefix || path.startsWith(`${v.prefix}/`));
    if (vendor) return vendor.notFound(request, reply);
    return reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${path}. See /docs for the routes this server offers.` });
  });
  return app;
}

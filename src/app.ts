/**
 * buildApp(config) → a Fastify instance with the core, every vendor, the admin API and the docs registered. It never
 * listens: tests use inject(), src/server.ts listens.
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { registerAdmin } from './admin/routes.js';
import { type Config, ConfigError, publicUrlOf, withVendorSettings } from './config.js';
import { Clock, wallClock } from './core/clock.js';
import type { CoreContext } from './core/context.js';
import { DownloadGate } from './core/download-gate.js';
import { createGenerationEngine } from './core/generation/engine.js';
import { registerControlPlaneGuard } from './core/http/control-plane-guard.js';
import { registerCors } from './core/http/cors.js';
import { registerDateHeader } from './core/http/date-header.js';
import { badUrlAnswer, clientErrorAnswer, notFoundAnswer, plainErrorHandler } from './core/http/fallback-answers.js';
import { useBoundedJsonParser } from './core/http/json-body.js';
import { normalizeUrl } from './core/http/normalize-url.js';
import { fastifyLimitOptions, type ServerLimits, serverLimits } from './core/http/server-limits.js';
import { JobStore } from './core/jobs.js';
import { Journal, maskUrl } from './core/journal.js';
import { registerJournalHooks } from './core/journal-hooks.js';
import { namespaceAware } from './core/namespaces/context.js';
import { inNamespace } from './core/namespaces/current.js';
import { registerNamespaceHooks } from './core/namespaces/hooks.js';
import { routeNamespace } from './core/namespaces/names.js';
import { NamespaceRegistry } from './core/namespaces/registry.js';
import { registerNamespaceRoutes } from './core/namespaces/routes.js';
import { createNamespaceState, disposeNamespaceState } from './core/namespaces/state.js';
import { Persistence } from './core/persistence.js';
import { createRuntime, type Runtime, UnknownPresetError } from './core/runtime.js';
import { registerScenarioHook } from './core/scenarios/hook.js';
import { RateLimiter } from './core/scenarios/rate-limiter.js';
import { ScenarioStore } from './core/scenarios/store.js';
import { loadSeeds } from './core/seeds.js';
import { resolveLinkSecret } from './core/signing/link-secret.js';
import { GCS_PATH, LinkSigner, S3_PATH } from './core/signing/links.js';
import { ObjectStore } from './core/storage.js';
import { registerStorageDocument } from './core/storage-openapi.js';
import { registerStorageRoutes } from './core/storage-routes.js';
import { rewriteVanished } from './core/vanished-files.js';
import type { VendorModule, VendorRegistration } from './core/vendor.js';
import { jsonSerializerCompiler, zodValidatorCompiler } from './core/zod-compilers.js';
import { registerDashboard } from './dashboard/index.js';
import { VENDORS } from './vendors/registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** True when the virtual clock was restored from DATA_DIR rather than started from CLOCK_START (or real time). */
    clockRestored: boolean;
  }
}

/** The runtime object the control planes drive (src/core/runtime.ts); the old name stays for library callers. */
export type MockState = Runtime;

/**
 * @param limits body size and slow-client timeouts (README, "Limits"; src/core/http/server-limits.ts); tests pass
 * smaller ones, users get the documented defaults.
 */
export async function buildApp(
  given: Config,
  vendors: readonly VendorModule[] = VENDORS,
  limits: Partial<ServerLimits> = {},
): Promise<FastifyInstance> {
  const config = withVendorSettings(given, vendors);
  const seeds = loadSeeds(config.SEEDS, vendors);
  const clock = new Clock(config.CLOCK_START ? Date.parse(config.CLOCK_START) : wallClock(), config.CLOCK_FROZEN);
  let publicUrl = publicUrlOf(config);
  const store = new ObjectStore(config.DATA_DIR);
  store.now = () => clock.now();
  const resetHooks: Array<() => void | Promise<void>> = [];
  const vendorState = new Map<string, { save(): unknown; load(data: unknown): void }>();
  let persistence: Persistence | undefined;
  const defaultCtx: CoreContext = {
    config,
    clock,
    store,
    signer: new LinkSigner(resolveLinkSecret(config), () => publicUrl),
    jobs: new JobStore(() => clock.now()),
    generation: createGenerationEngine(store, () => clock.now(), config.GENERATION_WORKERS),
    journal: new Journal(config.JOURNAL_LIMIT, config.JOURNAL_MAX_BYTES),
    scenarios: new ScenarioStore(config.SEED),
    limiter: new RateLimiter(config.RATE_LIMITS),
    downloads: new DownloadGate({
      maxConcurrent: config.MAX_CONCURRENT_DOWNLOADS,
      maxPerClient: config.MAX_DOWNLOADS_PER_CLIENT,
      idleTimeoutMs: config.DOWNLOAD_IDLE_TIMEOUT_SECONDS * 1000,
    }),
    publicUrl: () => publicUrl,
    onReset: (fn) => void resetHooks.push(fn),
    persist: (key, part) => void vendorState.set(key, part),
    changed: () => persistence?.changed(),
    scoped: (make) => make(),
  };
  // Vendors and control planes hold this one: its state is the current namespace's (src/core/namespaces).
  const ctx = namespaceAware(defaultCtx);

  const startupPresets = config.SCENARIO.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let state: Runtime;
  try {
    state = createRuntime({
      ctx,
      vendors,
      seeds,
      setPublicUrl: (url) => void (publicUrl = url.replace(/\/+$/, '')),
      startupPresets,
      resetHooks,
      clearFiles: () => ctx.store.clear(),
    });
  } catch (err) {
    if (err instanceof UnknownPresetError) throw new ConfigError(`SCENARIO: ${err.message}`);
    throw err;
  }

  const app = Fastify({
    // A request that reaches a log line shows its URL with secret-named query parameters masked, and no headers.
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : { level: config.LOG_LEVEL, serializers: { req: (req) => ({ method: req.method, url: maskUrl(req.url) }) } },
    // Per-request logging halves the throughput of a polling endpoint; the request journal is the place for that.
    logController: new LogController({ disableRequestLogging: true }),
    // Every route schema is zod: hand Fastify our compilers up front, so it never builds ajv (a sixth of a cold start).
    schemaController: {
      compilersFactory: {
        buildValidator: (() => zodValidatorCompiler) as never,
        buildSerializer: (() => jsonSerializerCompiler) as never,
      },
    },
    // No child logger per request: creating one costs more than a whole poll, and requests are not logged anyway.
    childLoggerFactory: (logger) => logger,
    ...fastifyLimitOptions(serverLimits(limits)),
    // A path the router cannot decode answers in the words of whoever owns it (core/http/fallback-answers.ts).
    frameworkErrors: badUrlAnswer({ vendors, clock }),
    clientErrorHandler: clientErrorAnswer,
    // Vendor hosts mapped to this server (api-{app_id}.sendbird.com, api.ultimate.ai, …) reach the prefixed routes.
    // Every decision (guard, journal, scenarios, rate limits, routing) reads this one normalized URL.
    rewriteUrl: (req) => {
      const url = routeNamespace(req, normalizeUrl(req.url ?? '/'));
      const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
      for (const vendor of vendors) {
        const rewritten = vendor.rewriteByHost?.(host, url);
        if (rewritten) return rewritten;
      }
      return url;
    },
  });

  const namespaces = new NamespaceRegistry({
    max: config.MAX_NAMESPACES,
    idleMs: config.NAMESPACE_IDLE_SECONDS * 1000,
    create: (name, now) => {
      const ns = createNamespaceState(name, { config, publicUrl: () => publicUrl, signer: defaultCtx.signer }, now);
      ns.store.onVanished = rewriteVanished(ctx, vendors, app.log);
      ns.jobs.onFault = (job, err) =>
        app.log.error({ err, ns: name, vendor: job.vendor, job: job.id }, `export ${job.id} failed: ${err.message}`);
      return ns;
    },
    init: (ns) => inNamespace(ns, () => startupPresets.forEach(state.installPreset)),
    dispose: disposeNamespaceState,
  });
  app.decorate('mock', state);
  app.decorate('namespaces', namespaces);
  store.onVanished = rewriteVanished(ctx, vendors, app.log);
  ctx.jobs.onFault = (job, err) =>
    app.log.error({ err, vendor: job.vendor, job: job.id }, `export ${job.id} failed: ${err.message}`);
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await namespaces.close();
    await persistence?.close();
    await ctx.jobs.drain();
    store.destroy();
  });

  registerDateHeader(app, clock);
  // Before the journal and the scenarios: a preflight is answered here and counts as no request.
  registerCors(app, {
    origins: config.CORS_ORIGINS,
    isBrowserPath: (path) =>
      path.startsWith(`${S3_PATH}/`) ||
      path.startsWith(`${GCS_PATH}/`) ||
      vendors.some((v) => path === v.prefix || path.startsWith(`${v.prefix}/`)),
  });
  // What no vendor or admin handler answers (dashboard, unknown paths) gets the documented JSON shape, not Fastify's.
  app.setErrorHandler(plainErrorHandler({ vendors, clock }));
  // Every JSON body, on every route, is refused past a sane nesting depth (core/http/json-body.ts).
  useBoundedJsonParser(app);
  registerControlPlaneGuard(app, {
    adminToken: config.ADMIN_TOKEN,
    allowedHosts: config.ALLOWED_HOSTS,
    publicUrl: () => publicUrl,
  });
  // After the guard, so a refused request creates no namespace; before every hook that reads the context.
  registerNamespaceHooks(app, namespaces);
  registerJournalHooks(app, {
    get journal() {
      return ctx.journal;
    },
    get clock() {
      return ctx.clock;
    },
    enabled: () => config.JOURNAL_LIMIT > 0,
    // Vendor routes by prefix; downloads as 'storage' until the route finds the object and tags its owner.
    vendorOf: (path) => {
      if (path.startsWith(`${S3_PATH}/`) || path.startsWith(`${GCS_PATH}/`)) return 'storage';
      return vendors.find((v) => path === v.prefix || path.startsWith(`${v.prefix}/`))?.id;
    },
  });
  registerScenarioHook(app, {
    get scenarios() {
      return ctx.scenarios;
    },
    get limiter() {
      return ctx.limiter;
    },
    get clock() {
      return ctx.clock;
    },
    vendorOf: (path) => vendors.find((v) => path === v.prefix || path.startsWith(`${v.prefix}/`)),
  });
  await registerStorageRoutes(app, {
    get store() {
      return ctx.store;
    },
    get signer() {
      return ctx.signer;
    },
    get clock() {
      return ctx.clock;
    },
    get jobs() {
      return ctx.jobs;
    },
    gate: ctx.downloads,
  });
  registerStorageDocument(app);
  const registrations: VendorRegistration[] = [];
  for (const vendor of vendors) {
    await app.register(
      async (scope) => void registrations.push((await vendor.register(scope, ctx, seeds.get(vendor.id))) ?? {}),
    );
  }
  await app.register(async (scope) => registerAdmin(scope, state, registrations));
  registerNamespaceRoutes(app, { registry: namespaces, config, reset: () => state.reset() });
  await app.register(async (scope) => registerDashboard(scope, state));

  let clockRestored = false;
  if (config.DATA_DIR) {
    persistence = new Persistence(config.DATA_DIR, {
      clock,
      jobs: ctx.jobs,
      store,
      scenarios: ctx.scenarios,
      limiter: ctx.limiter,
      journal: ctx.journal,
      vendorState,
    });
    persistence.onError = (err) => app.log.error({ err }, 'DATA_DIR: saving the state failed');
    // A saved state brings its clock back (jobs and links were made on it); CLOCK_START is then the clock of a reset.
    // The start-up banner says which one the server runs on (server.ts).
    clockRestored = await persistence.load({
      resume: (job) => vendors.find((v) => v.id === job.vendor)?.resumeJob?.(job, ctx),
      recover: config.RECOVER,
      warn: (message) => app.log.warn(message),
      check: (job) => void vendors.find((v) => v.id === job.vendor)?.describeJob?.(job, clock.now(), ctx),
    });
    // Any request may change state (a job, a scenario counter, the journal): save soon after.
    app.addHook('onResponse', (_request, _reply, done) => {
      persistence!.changed();
      done();
    });
  }
  app.decorate('clockRestored', clockRestored);
  // Retention runs on the virtual clock; checking once a (real) minute and after each clock move is plenty.
  const sweeper = setInterval(() => {
    void state.sweep();
    namespaces.expireIdle();
    for (const ns of namespaces.all()) void inNamespace(ns, () => state.sweep());
  }, 60_000);
  sweeper.unref();

  app.setNotFoundHandler(notFoundAnswer({ vendors, clock }));
  return app;
}

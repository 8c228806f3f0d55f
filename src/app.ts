/**
 * buildApp(config) → a Fastify instance with the core, every vendor, the admin API and the docs registered. It never
 * listens: tests use inject(), src/server.ts listens.
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { registerAdmin } from './admin/routes.js';
import { type Config, ConfigError, publicUrlOf, withVendorSettings } from './config.js';
import { wallClock } from './core/clock.js';
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
import type { Job } from './core/jobs.js';
import { Journal, maskUrl } from './core/journal.js';
import { registerJournalHooks } from './core/journal-hooks.js';
import { liveView, namespaceAware } from './core/namespaces/context.js';
import { registerNamespaceHooks } from './core/namespaces/hooks.js';
import { routeNamespace } from './core/namespaces/names.js';
import { registerNamespaceRoutes } from './core/namespaces/routes.js';
import { createNamespaces } from './core/namespaces/setup.js';
import { Persistence } from './core/persistence.js';
import { createRuntime, type Runtime, UnknownPresetError } from './core/runtime.js';
import { registerScenarioHook } from './core/scenarios/hook.js';
import { loadSeeds } from './core/seeds.js';
import { GCS_PATH, LinkSigner, S3_PATH } from './core/signing/links.js';
import { EmbeddedJobStore } from './core/state/embedded-jobs.js';
import { openStores } from './core/state/select.js';
import type { SharedStores } from './core/state/stores.js';
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
  // Embedded stores (memory, DATA_DIR) unless STATE_URL names a shared one (core/state/select.ts).
  const stores = await openStores(config, {
    now: config.CLOCK_START ? Date.parse(config.CLOCK_START) : wallClock(),
    frozen: config.CLOCK_FROZEN,
  });
  const { clock } = stores;
  // Every replica's journal when STATE_URL names a shared store, else this process's (with the DATA_DIR hooks below).
  const embeddedJournal = stores.journal ? undefined : new Journal(config.JOURNAL_LIMIT, config.JOURNAL_MAX_BYTES);
  const journal = stores.journal ?? embeddedJournal!;
  let publicUrl = publicUrlOf(config);
  const store = new ObjectStore(config.DATA_DIR);
  store.now = () => clock.now();
  const resetHooks: Array<() => void | Promise<void>> = [];
  const vendorState = new Map<string, { save(): unknown; load(data: unknown): void | Promise<void> }>();
  let persistence: Persistence | undefined;
  // Jobs: shared ones when STATE_URL names a shared store, else embedded (with the DATA_DIR hooks below).
  const embeddedJobs = stores.jobs ? undefined : new EmbeddedJobStore(() => clock.now());
  const jobs = stores.jobs ?? embeddedJobs!;
  const defaultCtx: CoreContext = {
    config,
    clock,
    store,
    signer: new LinkSigner(await stores.linkKeys.secret(), () => publicUrl),
    jobs,
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
    state = await createRuntime({
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

  const namespaces = createNamespaces(app, {
    ...{ config, ctx, signer: defaultCtx.signer, publicUrl: () => publicUrl, vendors, startupPresets },
    installPreset: state.installPreset,
  });
  app.decorate('mock', state);
  // Shared state: every request first reads the one clock and any change of scenarios or limits (one round trip); the
  // control plane's also catch the journal up.
  const refresh = stores.refresh;
  if (refresh) app.addHook('onRequest', async (request) => refresh(request.url));
  store.onVanished = rewriteVanished(ctx, vendors, app.log);
  const onFault = (job: Job, err: Error) =>
    app.log.error({ err, vendor: job.vendor, job: job.id }, `export ${job.id} failed: ${err.message}`);
  if (embeddedJobs) embeddedJobs.onFault = onFault;
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await namespaces.close();
    await persistence?.close();
    await ctx.jobs.drain();
    store.destroy();
    await stores.close();
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
  // Live views (never a spread, which would read them once): in a namespace they are the namespace's.
  registerJournalHooks(
    app,
    Object.assign(liveView(ctx, 'journal', 'clock'), {
      enabled: () => config.JOURNAL_LIMIT > 0,
      // Vendor routes by prefix; downloads as 'storage' until the route finds the object and tags its owner.
      vendorOf: (path: string) => {
        if (path.startsWith(`${S3_PATH}/`) || path.startsWith(`${GCS_PATH}/`)) return 'storage';
        return vendors.find((v) => path === v.prefix || path.startsWith(`${v.prefix}/`))?.id;
      },
    }),
  );
  registerScenarioHook(
    app,
    Object.assign(liveView(ctx, 'scenarios', 'limiter', 'clock'), {
      vendorOf: (path: string) => vendors.find((v) => path === v.prefix || path.startsWith(`${v.prefix}/`)),
    }),
  );
  await registerStorageRoutes(
    app,
    Object.assign(liveView(ctx, 'store', 'signer', 'clock', 'jobs'), { gate: ctx.downloads }),
  );
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
  // Shared state lives on its store; DATA_DIR then only holds the files every replica serves.
  if (config.DATA_DIR && embeddedJobs) {
    persistence = new Persistence(config.DATA_DIR, {
      clock,
      jobs: embeddedJobs,
      store,
      scenarios: ctx.scenarios,
      limiter: ctx.limiter,
      journal: embeddedJournal!,
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
  if (stores.jobs) shareJobs(stores, ctx, vendors, onFault);
  // Retention runs on the virtual clock; checking once a (real) minute and after each clock move is plenty.
  const sweeper = setInterval(() => {
    void state.sweep();
    namespaces.sweep(() => state.sweep());
  }, 60_000);
  sweeper.unref();

  app.setNotFoundHandler(notFoundAnswer({ vendors, clock }));
  return app;
}

/**
 * Shared state: this replica's worker claims the work of any replica's jobs (its vendor rebuilds it from the record),
 * stored files are indexed for every replica, and a file this replica lacks is written again here.
 */
function shareJobs(
  stores: SharedStores,
  ctx: CoreContext,
  vendors: readonly VendorModule[],
  onFault: (job: Job, err: Error) => void,
): void {
  const taskOf = (job: Job) => vendors.find((v) => v.id === job.vendor)?.resumeJob?.(job, ctx);
  const objects = stores.objects!;
  const previous = ctx.store.onPut;
  ctx.store.onPut = (object) => {
    previous(object);
    objects.put(object);
  };
  ctx.store.lookup = (bucket, key) => objects.get(bucket, key);
  ctx.store.writeAgain = async (object) => {
    const job = object.owner?.jobId === undefined ? undefined : await ctx.jobs.get(object.owner.jobId);
    const task = job && taskOf(job);
    if (job && task) await ctx.jobs.rewrite(job.id, task);
  };
  ctx.onReset(() => objects.clear());
  stores.jobs!.start(taskOf, onFault);
}

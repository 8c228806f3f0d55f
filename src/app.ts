/**
 * buildApp(config) → a Fastify instance with the core, every vendor, the admin API and the docs registered. It never
 * listens: tests use inject(), src/server.ts listens. The steps are in src/app/: the stores and context (assembly.ts),
 * the Fastify instance (fastify.ts), the request hooks (hooks.ts), the routes (routes.ts), DATA_DIR (data-dir.ts),
 * shared jobs (shared-jobs.ts), and the sweeper and shutdown (lifecycle.ts).
 */
import type { FastifyInstance } from 'fastify';
import { assemble, startRuntime } from './app/assembly.js';
import { restoreDataDir } from './app/data-dir.js';
import { createFastify } from './app/fastify.js';
import { registerRequestHooks } from './app/hooks.js';
import { closeOnShutdown, reportFaults, startSweeper } from './app/lifecycle.js';
import { registerRoutes } from './app/routes.js';
import { shareJobs } from './app/shared-jobs.js';
import type { Config } from './config.js';
import { notFoundAnswer } from './core/http/fallback-answers.js';
import type { ServerLimits } from './core/http/server-limits.js';
import { createNamespaces } from './core/namespaces/setup.js';
import type { VendorModule } from './core/vendor.js';
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
  const a = await assemble(given, vendors);
  const { config, ctx, stores } = a;
  const { state, startupPresets } = await startRuntime(a);
  const app = createFastify(config, vendors, stores.clock, limits);
  const namespaces = createNamespaces(app, {
    ...{ config, ctx, signer: a.defaultCtx.signer, publicUrl: () => a.live.publicUrl, vendors, startupPresets },
    installPreset: state.installPreset,
  });
  app.decorate('mock', state);
  const onFault = reportFaults(app, a);
  let sweeper: NodeJS.Timeout | undefined;
  closeOnShutdown(app, a, namespaces, () => clearInterval(sweeper));
  registerRequestHooks(app, a, namespaces);
  await registerRoutes(app, a, state, namespaces);
  app.decorate('clockRestored', await restoreDataDir(app, a));
  if (stores.jobs) shareJobs(stores, ctx, vendors, onFault);
  sweeper = startSweeper(state, namespaces);
  app.setNotFoundHandler(notFoundAnswer({ vendors, clock: stores.clock }));
  return app;
}

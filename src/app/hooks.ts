/**
 * The hooks every request passes, in the order they must run: shared-state refresh, Date header, CORS, error
 * answers, the JSON parser, the control-plane guard, namespaces, the journal, then the scenarios.
 */
import type { FastifyInstance } from 'fastify';
import { registerControlPlaneGuard } from '../core/http/control-plane-guard.js';
import { registerCors } from '../core/http/cors.js';
import { registerDateHeader } from '../core/http/date-header.js';
import { plainErrorHandler } from '../core/http/fallback-answers.js';
import { registerJournalHooks } from '../core/http/journal-hooks.js';
import { useBoundedJsonParser } from '../core/http/json-body.js';
import { liveView } from '../core/namespaces/context.js';
import { registerNamespaceHooks } from '../core/namespaces/hooks.js';
import type { NamespaceRegistry } from '../core/namespaces/registry.js';
import { registerScenarioHook } from '../core/scenarios/hook.js';
import { GCS_PATH, S3_PATH } from '../core/signing/links.js';
import type { Assembly } from './assembly.js';

export function registerRequestHooks(app: FastifyInstance, a: Assembly, namespaces: NamespaceRegistry): void {
  const { config, vendors, ctx } = a;
  const { clock } = a.stores;
  // Shared state: every request first reads the one clock and any change of scenarios or limits (one round trip).
  const refresh = a.stores.refresh;
  // The control plane's requests also catch the shared journal up.
  if (refresh) app.addHook('onRequest', async (request) => refresh(request.url));
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
    publicUrl: () => a.live.publicUrl,
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
}

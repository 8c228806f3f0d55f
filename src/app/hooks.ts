/**
 * The hooks every request passes, in the order they must run: shared-state refresh, Date header, CORS, error
 * answers, the JSON parser, the control-plane guard, namespaces, the journal, then the scenarios.
 *
 * The per-request steps share one root hook per phase (onRequest, preValidation, onSend, onResponse) rather than one
 * hook each: Fastify's cost per hook (its iterator, a `done` callback, a frame) showed in the polling profile, and a
 * poll passed nine of them. Each step says whether it answered the request; the order is the one above.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { controlPlaneGuard } from '../core/http/control-plane-guard.js';
import { corsStep } from '../core/http/cors.js';
import { dateStamper } from '../core/http/date-header.js';
import { plainErrorHandler } from '../core/http/fallback-answers.js';
import { journalSteps } from '../core/http/journal-hooks.js';
import { useBoundedJsonParser } from '../core/http/json-body.js';
import { liveView } from '../core/namespaces/context.js';
import { inNamespace } from '../core/namespaces/current.js';
import { enteredNamespace, namespaceOf, REFUSED } from '../core/namespaces/hooks.js';
import type { NamespaceRegistry } from '../core/namespaces/registry.js';
import { scenarioStep } from '../core/scenarios/hook.js';
import { GCS_PATH, S3_PATH } from '../core/signing/links.js';
import type { VendorModule } from '../core/vendor.js';
import type { Assembly } from './assembly.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The vendor whose routes the URL is under (by prefix), found once in onRequest for every later step. */
    vendorModule: VendorModule | null;
  }
}

/** Whether `url` (path and query) is `prefix` or under it: compared in place, without splitting off the query. */
const under = (url: string, prefix: string): boolean => {
  if (!url.startsWith(prefix)) return false;
  const next = url.charCodeAt(prefix.length);
  return Number.isNaN(next) || next === 47 /* / */ || next === 63 /* ? */;
};

export function registerRequestHooks(app: FastifyInstance, a: Assembly, namespaces: NamespaceRegistry): void {
  const { config, vendors, ctx } = a;
  const { clock } = a.stores;
  const vendorOf = (url: string) => vendors.find((v) => under(url, v.prefix)) ?? null;
  // Download links: under the storage paths, never the bare prefixes themselves.
  const s3 = `${S3_PATH}/`;
  const gcs = `${GCS_PATH}/`;
  const isStorage = (url: string) => url.startsWith(s3) || url.startsWith(gcs);
  // Shared state: every request first reads the one clock and any change of scenarios or limits (one round trip).
  const refresh = a.stores.refresh;
  // The control plane's requests also catch the shared journal up.
  if (refresh) app.addHook('onRequest', async (request) => refresh(request.url));
  const stampDate = dateStamper(clock);
  // Before the journal and the scenarios: a preflight is answered here and counts as no request.
  const cors = corsStep({
    origins: config.CORS_ORIGINS,
    isBrowserPath: (path) => isStorage(path) || vendorOf(path) !== null,
  });
  // What no vendor or admin handler answers (dashboard, unknown paths) gets the documented JSON shape, not Fastify's.
  app.setErrorHandler(plainErrorHandler({ vendors, clock }));
  // Every JSON body, on every route, is refused past a sane nesting depth (core/http/json-body.ts).
  useBoundedJsonParser(app);
  const guard = controlPlaneGuard({
    adminToken: config.ADMIN_TOKEN,
    allowedHosts: config.ALLOWED_HOSTS,
    publicUrl: () => a.live.publicUrl,
  });
  // Live views (never a spread, which would read them once): in a namespace they are the namespace's.
  const journal = journalSteps(
    app,
    Object.assign(liveView(ctx, 'journal', 'clock'), { enabled: () => config.JOURNAL_LIMIT > 0 }),
  );
  const scenarios = scenarioStep(app, liveView(ctx, 'scenarios', 'limiter', 'clock'));
  app.decorateRequest('vendorModule', null);

  // Vendor routes by prefix; downloads as 'storage' until the route finds the object and tags its owner.
  const startJournal = (request: FastifyRequest) => {
    const owner = request.vendorModule?.id ?? (isStorage(request.url) ? 'storage' : undefined);
    if (owner) journal.start(request, owner);
  };
  app.addHook('onRequest', (request, reply, done) => {
    stampDate(reply);
    if (cors?.(request, reply)) return;
    const vendor = vendorOf(request.url);
    request.vendorModule = vendor;
    // A URL under a vendor or storage prefix matches no control-plane route pattern: the guard has nothing to do.
    if (vendor === null && !isStorage(request.url) && guard(request, reply)) return;
    // After the guard, so a refused request creates no namespace; before every step that reads the context.
    const ns = namespaceOf(namespaces, request, reply);
    if (ns === REFUSED) return;
    if (ns === undefined) {
      startJournal(request);
      return done();
    }
    inNamespace(ns, () => {
      startJournal(request);
      done();
    });
  });
  const applyScenarios = (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const vendor = request.vendorModule;
    if (vendor === null) return done();
    scenarios(request, reply, vendor, done);
  };
  app.addHook('preValidation', (request, reply, done) => {
    const ns = enteredNamespace(request);
    if (ns === undefined) return applyScenarios(request, reply, done);
    inNamespace(ns, () => applyScenarios(request, reply, done));
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    journal.capture(request, reply, payload);
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const ns = enteredNamespace(request);
    if (ns === undefined) {
      journal.record(request, reply);
      return done();
    }
    inNamespace(ns, () => {
      journal.record(request, reply);
      done();
    });
  });
}

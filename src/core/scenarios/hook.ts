/**
 * Applies scenarios and rate limits to vendor requests, in the root preValidation hook: after the vendor has
 * authenticated the request (its onRequest hook) and the body is parsed, before validation and the handler. HTTP
 * effects happen here (latency, the vendor's 500 or 429, a cut connection); job and file effects are left on the
 * request for the vendor's create handler (`request.scenarioEffects`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VendorError, valueAt } from '../errors.js';
import { tagRequest } from '../http/journal-hooks.js';
import type { ClockStore } from '../state/clock.js';
import type { RateLimitStore } from '../state/rate-limits.js';
import type { ScenarioStore } from '../state/scenarios.js';
import type { VendorFaults, VendorModule } from '../vendor.js';
import type { RouteKind } from './schema.js';
import type { AppliedEffects } from './store.js';

declare module 'fastify' {
  interface FastifyRequest {
    scenarioEffects: AppliedEffects | null;
  }
  interface FastifyContextConfig {
    /** The kind of vendor route, for scenario matching and rate limits. */
    routeKind?: RouteKind;
  }
}

/** The effects a create handler passes to jobs.create (none when no scenario applied). */
export function jobEffectsOf(request: FastifyRequest): AppliedEffects | undefined {
  const e = request.scenarioEffects;
  return e && e.scenarios.length > 0 ? e : undefined;
}

/** Names the scenarios (and rate limits) that changed this response, for the test author reading it. */
const APPLIED_HEADER = 'x-mock-scenario-applied';

const genericFaults: VendorFaults = {
  badRequest: (message: string) => new VendorError(400, { error: 'invalid_request', message }),
  jobError: 'Export failed',
  serverError: () => new VendorError(500, { error: 'internal_error', message: 'Internal Server Error' }),
  rateLimited: (retryAfter: number) =>
    new VendorError(
      429,
      { error: 'rate_limited', message: 'Too many requests' },
      { 'retry-after': String(Math.ceil(retryAfter)) },
    ),
};

/**
 * The scenario step of the root preValidation hook (src/app/hooks.ts), for a request to `vendor`'s routes: with no
 * scenario, header or rate limit in play (the usual poll) it calls `done` at once, with no promise.
 */
export type ScenarioStep = (
  request: FastifyRequest,
  reply: FastifyReply,
  vendor: VendorModule,
  done: (err?: Error) => void,
) => void;

export function scenarioStep(
  app: FastifyInstance,
  deps: { scenarios: ScenarioStore; limiter: RateLimitStore; clock: ClockStore },
): ScenarioStep {
  app.decorateRequest('scenarioEffects', null);
  return (request, reply, vendor, done) => {
    const idle =
      !request.headers['x-mock-scenario'] &&
      deps.scenarios.size === 0 &&
      !(vendor.rateLimits?.length && deps.limiter.anyEnabled());
    if (idle) return done();
    apply(request, reply, vendor).then(() => done(), done);
  };

  async function apply(request: FastifyRequest, reply: FastifyReply, vendor: VendorModule): Promise<void> {
    const header = request.headers['x-mock-scenario'];
    const requested = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const tenant = request.journalTags?.tenant;
    const route = request.routeOptions.config?.routeKind;
    const faults = vendor.faults ?? genericFaults;

    if (vendor.rateLimits?.length) {
      const verdict = await deps.limiter.hit(
        vendor.id,
        tenant,
        request.method,
        route,
        vendor.rateLimits,
        deps.clock.now(),
      );
      if (verdict) {
        tagRequest(request, { scenarios: [`rate-limit:${verdict.rule.name}`] });
        reply.header(APPLIED_HEADER, `rate-limit:${verdict.rule.name}`);
        throw faults.rateLimited(verdict.retryAfterSeconds, verdict.rule);
      }
    }

    const unknown = requested.filter((name) => !deps.scenarios.knows(name));
    if (unknown.length > 0) {
      throw faults.badRequest(
        `X-Mock-Scenario: unknown scenario ${unknown.map((n) => `"${n}"`).join(', ')}. Known: ${deps.scenarios.names().join(', ')}.`,
      );
    }
    if (requested.length === 0 && deps.scenarios.size === 0) return;
    const effects = await deps.scenarios.apply({
      vendor: vendor.id,
      tenant,
      route,
      requested,
      field: (dotted) => {
        const keys = dotted.split('.');
        const fromBody = valueAt(request.body, keys);
        return fromBody !== undefined ? fromBody : valueAt(request.query, keys);
      },
    });
    if (effects.scenarios.length === 0) return;
    request.scenarioEffects = effects;
    tagRequest(request, { scenarios: effects.scenarios });
    reply.header(APPLIED_HEADER, effects.scenarios.join(', '));
    if (effects.http.latency) await sleep(effects.http.latency);
    if (effects.http.reset) {
      // Cut the connection without an answer, as a dropped upstream would.
      reply.hijack();
      request.raw.socket?.destroy();
      request.raw.destroy();
      return;
    }
    if (effects.http.status === 500) throw faults.serverError();
    if (effects.http.status === 429) {
      // The vendor's documented limit for this request, so its 429 names the limit a real one would (POST 5, GET 10).
      const rule = vendor.rateLimits?.find(
        (r) => (!r.method || r.method === request.method) && (!r.route || r.route === route),
      );
      throw faults.rateLimited(effects.http.retry_after_seconds ?? 1, rule);
    }
  }
}

/** The Fastify instance: logging, the zod compilers, the limits, and the URL every later decision reads. */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from '../config.js';
import { badUrlAnswer, clientErrorAnswer } from '../core/http/fallback-answers.js';
import { normalizeUrl } from '../core/http/normalize-url.js';
import { fastifyLimitOptions, type ServerLimits, serverLimits } from '../core/http/server-limits.js';
import { jsonSerializerCompiler, zodValidatorCompiler } from '../core/http/zod-compilers.js';
import { maskUrl } from '../core/journal/journal.js';
import { routeNamespace } from '../core/namespaces/names.js';
import type { SharedStores } from '../core/state/stores.js';
import type { VendorModule } from '../core/vendor.js';

export function createFastify(
  config: Config,
  vendors: readonly VendorModule[],
  clock: SharedStores['clock'],
  limits: Partial<ServerLimits>,
): FastifyInstance {
  return Fastify({
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
}

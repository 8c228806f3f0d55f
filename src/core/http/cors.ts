/**
 * CORS for browser clients of the vendor routes and the download links (CORS_ORIGINS, off by default). The control
 * plane (/__admin, the dashboard) never gets an Access-Control-* header: a page on another origin must not drive the
 * clock or read the journal (core/http/control-plane-guard.ts refuses foreign origins there).
 *
 * A small hook rather than @fastify/cors: that plugin answers preflights with an `OPTIONS *` route and decorates every
 * reply of the scope it is registered in, but here the scope is a set of paths that cuts across plugins (vendor
 * prefixes and the storage paths, not /__admin routes that vendors register), and a preflight must be answered before
 * the journal, the scenarios and the rate limits see it (it is the browser's question, not the client's request).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CorsOptions {
  /** Allowed origins (`https://app.example:8443`), or `*` for any. Empty: no CORS at all. */
  origins: readonly string[];
  /** Whether a path (normalized, without query) is one a browser client may call: vendor routes and downloads. */
  isBrowserPath: (path: string) => boolean;
}

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';
const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';

/** Answers true when it answered the request (a preflight): the request goes no further. */
export type CorsStep = (request: FastifyRequest, reply: FastifyReply) => boolean;

/** The CORS step of the root onRequest hook (src/app/hooks.ts); undefined when off, so the hot path pays nothing. */
export function corsStep(options: CorsOptions): CorsStep | undefined {
  if (options.origins.length === 0) return undefined;
  const any = options.origins.includes('*');
  const allowed = new Set(options.origins);
  return (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !options.isBrowserPath(request.url.split('?', 1)[0]!)) return false;
    // The answer depends on Origin, so a shared cache must not hand one origin's answer to another.
    reply.header('vary', 'Origin');
    if (!any && !allowed.has(origin)) return false;
    reply.header('access-control-allow-origin', origin);
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!preflight) {
      // Lets a page read Retry-After, X-Mock-Scenario, ETag, Content-Disposition and the vendors' own headers.
      reply.header('access-control-expose-headers', '*');
      return false;
    }
    // The vendors' credentials travel in headers of their own (Api-Token, auth, x-api-key…): allow what is asked.
    const asked = request.headers['access-control-request-headers'];
    if (asked) reply.header('access-control-allow-headers', asked);
    reply
      .code(204)
      .header('vary', 'Origin, Access-Control-Request-Headers')
      .header('access-control-allow-methods', METHODS)
      .header('access-control-max-age', PREFLIGHT_MAX_AGE)
      .send();
    return true;
  };
}

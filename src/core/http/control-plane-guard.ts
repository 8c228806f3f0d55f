/**
 * The one guard of the control plane (every route under /__admin, wherever it is registered, the dashboard page `/`
 * and /__dashboard/*). It decides on the matched route pattern, never on the raw URL, so an encoded path cannot walk
 * around it. In order:
 * 1. Host allow-list, the standard defence against DNS rebinding: a page on evil.example whose name is re-pointed at
 *    127.0.0.1 sends `Host: evil.example`. Allowed: loopback names (localhost, *.localhost), IP literals (a rebinding
 *    page cannot make the browser send one), the PUBLIC_URL host, and ALLOWED_HOSTS (`*` turns the check off).
 * 2. A foreign Origin is refused (cross-site requests from a page the user has open).
 * 3. ADMIN_TOKEN, when set, on every /__admin route (the dashboard checks its own session).
 * 4. A state-changing POST under /__admin must be one a browser cannot send cross-site without a CORS preflight:
 *    JSON (an empty body is fine), or an Authorization or X-Requested-With header. A form post, a text/plain body or
 *    a body-less POST is refused.
 */
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../signing/hmac.js';

export interface ControlPlaneOptions {
  adminToken: string | undefined;
  /** ALLOWED_HOSTS entries: exact names, `.suffix` for a domain and its subdomains, or `*`. */
  allowedHosts: readonly string[];
  /** The origin written into links (its host is always allowed). */
  publicUrl: () => string;
}

/** Content types a web page may send cross-site without a preflight (the CORS-safelisted ones). */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

const isAdminRoute = (route: string) => route === '/__admin' || route.startsWith('/__admin/');
const isControlRoute = (route: string) => route === '/' || isAdminRoute(route) || route.startsWith('/__dashboard/');

/** `Host` without its port, lower-cased; IPv6 literals keep their brackets off. */
function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

const matchesEntry = (name: string, entry: string) =>
  entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry;

function hostAllowed(host: string | undefined, options: ControlPlaneOptions): boolean {
  if (options.allowedHosts.includes('*')) return true;
  if (!host) return false;
  const name = hostnameOf(host);
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0) return true;
  if (name === new URL(options.publicUrl()).hostname.replace(/^\[|\]$/g, '')) return true;
  return options.allowedHosts.some((entry) => matchesEntry(name, entry));
}

/** Same origin as the request, the PUBLIC_URL origin, or a host named in ALLOWED_HOSTS. */
function originAllowed(origin: string, host: string | undefined, options: ControlPlaneOptions): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  if (host && url.host === host.toLowerCase()) return true;
  if (url.host === new URL(options.publicUrl()).host) return true;
  return options.allowedHosts.some((entry) => entry === '*' || matchesEntry(url.hostname, entry));
}

function couldBeCrossSite(request: FastifyRequest): boolean {
  if (request.method !== 'POST') return false; // PUT, PATCH and DELETE always need a preflight
  if (request.headers.authorization !== undefined || request.headers['x-requested-with'] !== undefined) return false;
  const type = (request.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return type === '' || SIMPLE_TYPES.has(type);
}

/** Refuses the request (and answers true: it goes no further). */
const refuse = (reply: FastifyReply, status: number, error: string, message: string): true => {
  reply.code(status).send({ error, message });
  return true;
};

/**
 * The guard step of the root onRequest hook (src/app/hooks.ts): answers true when it refused the request. The hook
 * skips it for a URL under a vendor or storage prefix, which no control-plane route pattern can match.
 */
export function controlPlaneGuard(
  options: ControlPlaneOptions,
): (request: FastifyRequest, reply: FastifyReply) => boolean {
  const token = options.adminToken;
  return (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !isControlRoute(route)) return false;
    const host = request.headers.host;
    if (!hostAllowed(host, options)) {
      return refuse(
        reply,
        403,
        'forbidden_host',
        `Host "${host ?? ''}" is not allowed on the control plane (DNS rebinding protection). Reach it as localhost or an IP address, or add the name to ALLOWED_HOSTS.`,
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !originAllowed(origin, host, options)) {
      return refuse(
        reply,
        403,
        'forbidden_origin',
        `Origin "${origin}" may not use the control plane: only this server's own pages may (cross-site request protection).`,
      );
    }
    if (!isAdminRoute(route)) return false;
    if (token) {
      const header = request.headers.authorization ?? '';
      if (!safeEqual(header.startsWith('Bearer ') ? header.slice(7) : '', token)) {
        reply.header('www-authenticate', 'Bearer realm="agent-export-mock admin"');
        return refuse(reply, 401, 'unauthorized', 'The control plane requires Authorization: Bearer <ADMIN_TOKEN>.');
      }
    }
    if (couldBeCrossSite(request)) {
      return refuse(
        reply,
        415,
        'json_required',
        'A control-plane POST must send Content-Type: application/json (an empty body is fine), so that no web page can send it cross-site.',
      );
    }
    return false;
  };
}

/**
 * How a request names its namespace: a `/ns/{name}` prefix on any path (vendor routes, storage links), a
 * `/__admin/ns/{name}` prefix on the control plane, or an `X-Mock-Namespace` header. The prefix is stripped in
 * `rewriteUrl`, before routing and every hook, so the router, the guard, the journal, scenarios and rate limits all see
 * the same path as in the default namespace; the name is remembered on the raw request. A prefix wins over the header.
 */
import type { IncomingMessage } from 'node:http';

const NAMESPACE_HEADER = 'x-mock-namespace';
/** A name fit for a path segment, a folder and a log line. */
export const NAMESPACE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const MARK = Symbol('agent-export-mock.namespace');
type Marked = IncomingMessage & { [MARK]?: string };

const VENDOR_PREFIX = '/ns/';
const ADMIN_PREFIX = '/__admin/ns/';

/** Strips a namespace prefix from the (normalized) URL and remembers the name; answers the URL routing must see. */
export function routeNamespace(req: IncomingMessage, url: string): string {
  if (url.startsWith(VENDOR_PREFIX)) return strip(req, url, VENDOR_PREFIX, '');
  if (url.startsWith(ADMIN_PREFIX)) return strip(req, url, ADMIN_PREFIX, '/__admin');
  const header = req.headers[NAMESPACE_HEADER];
  if (typeof header === 'string' && header !== '') (req as Marked)[MARK] = header;
  return url;
}

function strip(req: IncomingMessage, url: string, prefix: string, keep: string): string {
  const end = url.slice(prefix.length).search(/[/?]/);
  const nameEnd = end === -1 ? url.length : prefix.length + end;
  (req as Marked)[MARK] = url.slice(prefix.length, nameEnd);
  const rest = url.slice(nameEnd);
  if (keep) return `${keep}${rest}`;
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** The namespace a request named, if any (not yet validated). */
export function namespaceNamed(req: IncomingMessage): string | undefined {
  return (req as Marked)[MARK];
}

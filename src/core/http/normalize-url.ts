/**
 * One normalized path for every decision. The router (find-my-way) decodes percent-escapes before it matches, so a
 * guard or hook that compared the raw URL could be walked around with `/%5F%5Fadmin` or `/%73endbird`. Fastify's
 * `rewriteUrl` runs before routing and before every hook, so normalizing there gives the router, the admin guard, the
 * journal, scenarios and rate limits the same string.
 *
 * Only escapes of unreserved characters (ALPHA, DIGIT, "-", ".", "_", "~") are decoded: RFC 3986 §6.2.2.2 says they
 * are equivalent to the characters themselves, so no meaning changes, and an escaped "/", "?", "#" or "%" stays
 * escaped (the router does not decode those either). Hex digits are upper-cased in what stays escaped.
 */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

export function normalizeUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.includes('%')) return url;
  const normalized = path.replace(/%([0-9A-Fa-f]{2})/g, (sequence, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : sequence.toUpperCase();
  });
  return q === -1 ? normalized : normalized + url.slice(q);
}

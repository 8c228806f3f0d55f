/**
 * Masking for what the journal and the logs show: header and query values whose names suggest a secret are cut to
 * their first four characters, so a journal read or a DATA_DIR save never carries a whole credential.
 */
/**
 * Names that suggest a secret, matched anywhere in a header or query parameter name (case-insensitive): a fixed list of
 * names let `X-Admin-Token`, `X-Auth-Token`, `X-Amz-Security-Token`, `?api_key=` and `?password=` through. Masking a
 * harmless name by mistake costs a reader four characters; missing a secret leaks it into the journal and DATA_DIR.
 */
const SECRET_WORDS = /token|key|secret|passw|pwd|signature|auth|cookie|credential|session/;
/** Short names that are signatures on their own: Kore's media links sign with `s` (see src/vendors/kore). */
const SECRET_NAMES = new Set(['s', 'sig']);

export const isSecretName = (name: string): boolean => {
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || SECRET_WORDS.test(lower);
};

const mask = (value: string): string => (value.length <= 4 ? '****' : `${value.slice(0, 4)}…`);

export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    out[name] = isSecretName(name) ? mask(value) : value;
  }
  return out;
}

export function maskQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = isSecretName(k) ? mask(v) : v;
  return out;
}

/** A URL with the values of secret-named query parameters masked, spelled otherwise as given: for the logs. */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        /* a name that does not decode is checked as written */
      }
      return isSecretName(name) ? `${pair.slice(0, eq)}=${mask(pair.slice(eq + 1))}` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

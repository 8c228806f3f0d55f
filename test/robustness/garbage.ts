/**
 * The garbage a vendor route must survive: random and malformed bodies and content types, wrong types in a valid body,
 * odd and duplicated headers, absurd queries. Every answer must be below 500 and, when an error, in the vendor's own
 * envelope. Used by fuzz.test.ts for every registered vendor and by the toy-vendor test.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { RouteRow } from './routes.js';

type Envelope = (body: unknown, contentType: string) => boolean;

/**
 * Bodies a route must survive: any JSON value, binary strings, broken and hostile fragments (plus `extra`), deep
 * nesting, and an oversized body made by `oversized(n)` for n = 1..4 (about n × 100 KB).
 */
export function jsonishBodies(
  extra: readonly string[] = [],
  oversized = (n: number) => JSON.stringify({ type: 'x'.repeat(n * 100_000) }),
) {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '{',
      '[',
      '{"a":',
      'null',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '\u0000',
      '\uFEFF{}',
      ...extra,
    ),
    fc.integer({ min: 1, max: 60 }).map((d) => '['.repeat(d * 50) + ']'.repeat(d * 50)),
    fc.integer({ min: 1, max: 4 }).map(oversized),
  );
}

const jsonish = jsonishBodies(['{"type":"conversation"}']);

/** The content types a careless client sends a JSON body with. */
export const bodyContentTypes = () =>
  fc.constantFrom(
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=latin1',
    '',
  );

export function assertVendorAnswer(
  vendor: string,
  isEnvelope: Envelope,
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
) {
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
  if (res.statusCode >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = res.body;
    }
    expect(
      isEnvelope(parsed, String(res.headers['content-type'] ?? '')),
      `${vendor} envelope: ${res.body.slice(0, 300)}`,
    ).toBe(true);
  }
}

/** Random bodies and content types. */
export async function randomBodies(
  app: FastifyInstance,
  route: RouteRow,
  isEnvelope: Envelope,
  runs: number,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(jsonish, bodyContentTypes(), async (payload, contentType) => {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const headers: Record<string, string> = { ...route.headers };
      if (contentType) headers['content-type'] = contentType;
      const res = await app.inject({
        method: route.method,
        url: route.url,
        headers,
        payload: route.method === 'POST' ? body : undefined,
      });
      assertVendorAnswer(route.vendor, isEnvelope, res);
    }),
    { numRuns: runs },
  );
}

/** Wrong types in a valid body, odd headers, absurd queries. */
export async function wrongTypesOddHeaders(
  app: FastifyInstance,
  route: RouteRow,
  isEnvelope: Envelope,
  runs: number,
): Promise<void> {
  const field =
    route.body && typeof route.body === 'object'
      ? fc.constantFrom(...Object.keys(route.body as object))
      : fc.constant('x');
  const odd = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.object({ maxDepth: 2 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
  );
  const query = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.constantFrom('-1', '1e309', 'NaN', '99999999999999999999', '%00', '../..'),
    ),
    { maxKeys: 4 },
  );
  const headerNoise = fc.dictionary(
    fc.constantFrom(
      'api-token',
      'authorization',
      'x-api-key',
      'auth',
      'organizationid',
      'botid',
      'x-mock-scenario',
      'host',
    ),
    fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    { maxKeys: 3 },
  );
  await fc.assert(
    fc.asyncProperty(
      field,
      odd,
      query,
      headerNoise,
      fc.constantFrom('keep', 'drop', 'duplicate'),
      async (key, value, q, noise, auth) => {
        const body = route.body ? { ...(route.body as object), [key]: value } : undefined;
        const headers: Record<string, string | string[]> = auth === 'drop' ? {} : { ...route.headers };
        // A header sent twice arrives as a list.
        if (auth === 'duplicate') for (const [k, v] of Object.entries(route.headers)) headers[k] = [v, `${v}-again`];
        for (const [k, v] of Object.entries(noise)) if (k !== 'host') headers[k] = v;
        const qs = new URLSearchParams(q as Record<string, string>).toString();
        const res = await app.inject({
          method: route.method,
          url: `${route.url}${qs ? `?${qs}` : ''}`,
          headers,
          payload: body as object | undefined,
        });
        assertVendorAnswer(route.vendor, isEnvelope, res);
      },
    ),
    { numRuns: runs },
  );
}

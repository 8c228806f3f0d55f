/**
 * Property-based robustness: random and malformed JSON, wrong types, huge and deeply nested bodies, odd Unicode,
 * missing and duplicated headers, path traversal and encoded slashes in storage paths, absurd query values. Every
 * answer must be a 4xx in the vendor's own envelope (storage: its XML), never a 5xx, and the server keeps serving.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../helpers.js';
import { ENVELOPES, ROUTES } from './routes.js';

let app: FastifyInstance;
let link: URL;
beforeAll(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: 5 });
  // One real file, so storage paths next to a real key are tried too.
  const sendbird = ROUTES.find((r) => r.vendor === 'sendbird' && r.method === 'POST')!;
  const created = await app.inject({ method: 'POST', url: sendbird.url, headers: sendbird.headers, payload: sendbird.body as object });
  await advance(app, 60);
  const done = await app.inject({ url: `${sendbird.url}/${created.json().export_id}`, headers: sendbird.headers });
  link = new URL(done.json().export_file.url);
});
afterAll(async () => {
  await app.close();
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('{', '[', '{"a":', 'null', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000', '\uFEFF{}', '{"type":"conversation"}'),
  fc.integer({ min: 1, max: 60 }).map((d) => '['.repeat(d * 50) + ']'.repeat(d * 50)),
  fc.integer({ min: 1, max: 4 }).map((n) => JSON.stringify({ type: 'x'.repeat(n * 100_000) })),
);

function assertVendorAnswer(vendor: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
  if (res.statusCode >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = res.body;
    }
    expect(ENVELOPES[vendor]!(parsed, String(res.headers['content-type'] ?? '')), `${vendor} envelope: ${res.body.slice(0, 300)}`).toBe(true);
  }
}

describe('vendor routes under garbage', () => {
  for (const route of ROUTES) {
    it(`${route.vendor} ${route.method} ${route.url}: random bodies and content types`, async () => {
      await fc.assert(
        fc.asyncProperty(jsonish, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', ''), async (payload, contentType) => {
          const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
          const headers: Record<string, string> = { ...route.headers };
          if (contentType) headers['content-type'] = contentType;
          const res = await app.inject({ method: route.method, url: route.url, headers, payload: route.method === 'POST' ? body : undefined });
          assertVendorAnswer(route.vendor, res);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${route.vendor} ${route.method} ${route.url}: wrong types in a valid body, odd headers, absurd queries`, async () => {
      const field = route.body && typeof route.body === 'object' ? fc.constantFrom(...Object.keys(route.body as object)) : fc.constant('x');
      const odd = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.string({ unit: 'grapheme', maxLength: 50 }));
      const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('-1', '1e309', 'NaN', '99999999999999999999', '%00', '../..')), { maxKeys: 4 });
      const headerNoise = fc.dictionary(fc.constantFrom('api-token', 'authorization', 'x-api-key', 'auth', 'organizationid', 'botid', 'x-mock-scenario', 'host'), fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), { maxKeys: 3 });
      await fc.assert(
        fc.asyncProperty(field, odd, query, headerNoise, fc.constantFrom('keep', 'drop', 'duplicate'), async (key, value, q, noise, auth) => {
          const body = route.body ? { ...(route.body as object), [key]: value } : undefined;
          const headers: Record<string, string | string[]> = auth === 'drop' ? {} : { ...route.headers };
          // A header sent twice arrives as a list.
          if (auth === 'duplicate') for (const [k, v] of Object.entries(route.headers)) headers[k] = [v, `${v}-again`];
          for (const [k, v] of Object.entries(noise)) if (k !== 'host') headers[k] = v;
          const qs = new URLSearchParams(q as Record<string, string>).toString();
          const res = await app.inject({ method: route.method, url: `${route.url}${qs ? `?${qs}` : ''}`, headers, payload: body as object | undefined });
          assertVendorAnswer(route.vendor, res);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('vendor create routes under deep nesting', () => {
  // JSON.parse accepts nesting that JSON.stringify cannot render (about 5,000 levels): a vendor that echoed such a value
  // in its error answered 500 `{}` (Zendesk `{"date": [[[…]]]}`). Any depth, in any field or as the whole body.
  const nested = fc.record({
    depth: fc.oneof(fc.integer({ min: 60, max: 300 }), fc.integer({ min: 1_000, max: 20_000 })),
    open: fc.constantFrom('[', '{"a":', '[{"b":'),
  }).map(({ depth, open }) => {
    const close = open === '[' ? ']' : open === '{"a":' ? '}' : '}]';
    return `${open.repeat(depth)}1${close.repeat(depth)}`;
  });
  for (const route of ROUTES.filter((r) => r.method === 'POST')) {
    it(`${route.vendor} POST ${route.url}: nesting of any depth in any field or as the body`, async () => {
      const fields = [...Object.keys(route.body as object), null];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), nested, async (field, value) => {
          // The field written again at the end: JSON.parse keeps the last of duplicate keys, so the deep value wins.
          const body = field === null ? value : JSON.stringify(route.body).replace(/}$/, `,${JSON.stringify(field)}:${value}}`);
          const res = await app.inject({ method: 'POST', url: route.url, headers: { ...route.headers, 'content-type': 'application/json' }, payload: body });
          assertVendorAnswer(route.vendor, res);
        }),
        { numRuns: Math.min(RUNS, 40) },
      );
    });
  }

  it('zendesk {"date": [[[…5000 deep]]]} with valid credentials answers its 400 envelope', async () => {
    const route = ROUTES.find((r) => r.vendor === 'zendesk' && r.method === 'POST')!;
    const res = await app.inject({ method: 'POST', url: route.url, headers: { ...route.headers, 'content-type': 'application/json' }, payload: `{"date":${'['.repeat(5000)}${']'.repeat(5000)}}` });
    expect(res.statusCode).toBe(400);
    assertVendorAnswer('zendesk', res);
  });
});

describe('download routes under garbage', () => {
  it('path traversal, encoded slashes and random keys answer storage XML 4xx', async () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2F', '..%2F..%2Fetc%2Fpasswd', '%00', '~', 'a%5Cb', ''), fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('s3', 'gcs'), fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), async (kind, segments, withQuery) => {
        const path = `/${kind}/${segments.join('/')}`;
        // Clients resolve dot segments before sending; a path that resolves outside the storage prefix is another route.
        if (!new URL(path, 'http://x').pathname.startsWith(`/${kind}/`)) return;
        const res = await app.inject({ url: `${path}${withQuery ? link.search : ''}`, headers: { host: link.host } });
        expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode !== 404 || res.body.startsWith('<?xml')) expect(res.body).toMatch(/<Error><Code>/);
      }),
      { numRuns: RUNS },
    );
  });

  it('tampered query parameters never serve the file and never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...[...link.searchParams.keys()]), fc.string({ maxLength: 80 }), async (key, value) => {
        const u = new URL(link);
        u.searchParams.set(key, value);
        if (u.search === link.search) return;
        const res = await download(app, u.toString());
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.body).toMatch(/<Error><Code>/);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps serving valid requests after the barrage', async () => {
    expect((await download(app, link.toString())).statusCode).toBe(200);
    for (const route of ROUTES.filter((r) => r.method === 'GET' && r.vendor === 'sendbird' && !r.url.endsWith('0000'))) {
      expect((await app.inject({ url: route.url, headers: route.headers })).statusCode).toBe(200);
    }
  });
});

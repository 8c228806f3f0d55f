/**
 * Property-based robustness: random and malformed JSON, wrong types, huge and deeply nested bodies, odd Unicode,
 * missing and duplicated headers, path traversal and encoded slashes in storage paths, absurd query values. Every
 * answer must be a 4xx in the vendor's own envelope (storage: its XML), never a 5xx, and the server keeps serving.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../helpers.js';
import { assertVendorAnswer, randomBodies, wrongTypesOddHeaders } from './garbage.js';
import { ENVELOPES, ROUTES } from './routes.js';

let app: FastifyInstance;
let link: URL;
beforeAll(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: 5 });
  // One real file, so storage paths next to a real key are tried too.
  const sendbird = ROUTES.find((r) => r.vendor === 'sendbird' && r.method === 'POST')!;
  const created = await app.inject({
    method: 'POST',
    url: sendbird.url,
    headers: sendbird.headers,
    payload: sendbird.body as object,
  });
  await advance(app, 60);
  const done = await app.inject({ url: `${sendbird.url}/${created.json().export_id}`, headers: sendbird.headers });
  link = new URL(done.json().export_file.url);
});
afterAll(async () => {
  await app.close();
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

describe('vendor routes under garbage', () => {
  for (const route of ROUTES) {
    const isEnvelope = ENVELOPES[route.vendor]!;
    it(`${route.vendor} ${route.method} ${route.url}: random bodies and content types`, () =>
      randomBodies(app, route, isEnvelope, RUNS));
    it(`${route.vendor} ${route.method} ${route.url}: wrong types in a valid body, odd headers, absurd queries`, () =>
      wrongTypesOddHeaders(app, route, isEnvelope, RUNS));
  }
});

describe('vendor create routes under deep nesting', () => {
  // JSON.parse accepts nesting that JSON.stringify cannot render (about 5,000 levels): a vendor that echoed such a value
  // in its error answered 500 `{}` (Zendesk `{"date": [[[…]]]}`). Any depth, in any field or as the whole body.
  const nested = fc
    .record({
      depth: fc.oneof(fc.integer({ min: 60, max: 300 }), fc.integer({ min: 1_000, max: 20_000 })),
      open: fc.constantFrom('[', '{"a":', '[{"b":'),
    })
    .map(({ depth, open }) => {
      const close = open === '[' ? ']' : open === '{"a":' ? '}' : '}]';
      return `${open.repeat(depth)}1${close.repeat(depth)}`;
    });
  for (const route of ROUTES.filter((r) => r.method === 'POST')) {
    it(`${route.vendor} POST ${route.url}: nesting of any depth in any field or as the body`, async () => {
      const fields = [...Object.keys(route.body as object), null];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), nested, async (field, value) => {
          // The field written again at the end: JSON.parse keeps the last of duplicate keys, so the deep value wins.
          const body =
            field === null ? value : JSON.stringify(route.body).replace(/}$/, `,${JSON.stringify(field)}:${value}}`);
          const res = await app.inject({
            method: 'POST',
            url: route.url,
            headers: { ...route.headers, 'content-type': 'application/json' },
            payload: body,
          });
          assertVendorAnswer(route.vendor, ENVELOPES[route.vendor]!, res);
        }),
        { numRuns: Math.min(RUNS, 40) },
      );
    });
  }

  it('zendesk {"date": [[[…5000 deep]]]} with valid credentials answers its 400 envelope', async () => {
    const route = ROUTES.find((r) => r.vendor === 'zendesk' && r.method === 'POST')!;
    const res = await app.inject({
      method: 'POST',
      url: route.url,
      headers: { ...route.headers, 'content-type': 'application/json' },
      payload: `{"date":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    expect(res.statusCode).toBe(400);
    assertVendorAnswer('zendesk', ENVELOPES.zendesk!, res);
  });
});

describe('download routes under garbage', () => {
  it('path traversal, encoded slashes and random keys answer storage XML 4xx', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2F', '..%2F..%2Fetc%2Fpasswd', '%00', '~', 'a%5Cb', ''),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('s3', 'gcs'),
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (kind, segments, withQuery) => {
          const path = `/${kind}/${segments.join('/')}`;
          // Clients resolve dot segments before sending; a path that resolves outside the storage prefix is another route.
          if (!new URL(path, 'http://x').pathname.startsWith(`/${kind}/`)) return;
          const res = await app.inject({ url: `${path}${withQuery ? link.search : ''}`, headers: { host: link.host } });
          expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode !== 404 || res.body.startsWith('<?xml')) expect(res.body).toMatch(/<Error><Code>/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('tampered query parameters never serve the file and never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...[...link.searchParams.keys()]),
        fc.string({ maxLength: 80 }),
        async (key, value) => {
          const u = new URL(link);
          u.searchParams.set(key, value);
          if (u.search === link.search) return;
          const res = await download(app, u.toString());
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.body).toMatch(/<Error><Code>/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('keeps serving valid requests after the barrage', async () => {
    expect((await download(app, link.toString())).statusCode).toBe(200);
    for (const route of ROUTES.filter(
      (r) => r.method === 'GET' && r.vendor === 'sendbird' && !r.url.endsWith('0000'),
    )) {
      expect((await app.inject({ url: route.url, headers: route.headers })).statusCode).toBe(200);
    }
  });
});

/**
 * Property-based robustness of the Seasalt routes (the same garbage as test/robustness): every answer is a 4xx in
 * FastAPI's shape ({"detail": …}), or a 2xx, never a 5xx or a Fastify default body, and the server keeps serving.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { bodyContentTypes, jsonishBodies } from '../../robustness/garbage.js';
import { BASE, BODY, KEY } from './seasalt.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: 2 });
});
afterAll(async () => {
  await app.close();
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);

const jsonish = jsonishBodies(['"\\ud800"', '{"start_date": NaN}'], (n) =>
  JSON.stringify({ ...BODY, channel_id: 'x'.repeat(n * 100_000) }),
);

function assertFastApiAnswer(res: { statusCode: number; body: string }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const parsed = JSON.parse(res.body) as Record<string, unknown>;
    expect(Object.keys(parsed), res.body.slice(0, 300)).toEqual(['detail']);
  }
}

describe('Seasalt routes under garbage', () => {
  it('POST export-conversations: random bodies and content types', async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, bodyContentTypes(), async (payload, contentType) => {
        const headers: Record<string, string> = { ...KEY };
        if (contentType) headers['content-type'] = contentType;
        const res = await app.inject({
          method: 'POST',
          url: BASE,
          headers,
          payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        });
        assertFastApiAnswer(res);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST export-conversations: wrong types in a valid body, odd headers', async () => {
    const odd = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.object({ maxDepth: 2 }),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
    );
    const field = fc.constantFrom(
      'start_date',
      'end_date',
      'channel_id',
      'phone_number',
      'channel_type',
      'notification_email',
    );
    await fc.assert(
      fc.asyncProperty(field, odd, fc.constantFrom('keep', 'drop', 'duplicate'), async (key, value, auth) => {
        const headers: Record<string, string | string[]> =
          auth === 'drop' ? {} : auth === 'duplicate' ? { 'x-api-key': [KEY['x-api-key'], 'again'] } : { ...KEY };
        const res = await app.inject({ method: 'POST', url: BASE, headers, payload: { ...BODY, [key]: value } });
        assertFastApiAnswer(res);
      }),
      { numRuns: RUNS },
    );
  });

  it('GET export job: odd ids and paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (id) => {
        const res = await app.inject({ url: `${BASE}/${encodeURIComponent(id)}`, headers: KEY });
        if (res.statusCode === 307) return;
        assertFastApiAnswer(res);
      }),
      { numRuns: RUNS },
    );
    expect((await app.inject({ url: '/__admin/health' })).statusCode).toBe(200);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock, testApp } from '../../helpers.js';
import { EU, HEADERS, signedUrls, YESTERDAY } from './zendesk.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

async function expect400(res: Awaited<ReturnType<typeof signedUrls>>, field: 'date' | 'ttl', message?: RegExp) {
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
  expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  expect(body.message).toContain(`"${field}"`);
  if (message) expect(body.message).toMatch(message);
}

describe('Zendesk request body', () => {
  it('rejects malformed JSON with the vendor envelope, not Fastify’s', async () => {
    const res = await app.inject({
      method: 'POST',
      url: EU,
      headers: { ...HEADERS, 'content-type': 'application/json' },
      payload: '{"date": "2025-04-07",',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/not valid JSON.*"date"/),
    });
  });

  it('rejects a missing date, a missing body and a body that is not an object, naming "date"', async () => {
    await expect400(await signedUrls(app, { ttl: 10 }), 'date', /"date" is required/);
    await expect400(await app.inject({ method: 'POST', url: EU, headers: HEADERS }), 'date');
    await expect400(
      await app.inject({
        method: 'POST',
        url: EU,
        headers: { ...HEADERS, 'content-type': 'application/json' },
        payload: '[]',
      }),
      'date',
    );
    await expect400(
      await app.inject({
        method: 'POST',
        url: EU,
        headers: { ...HEADERS, 'content-type': 'text/plain' },
        payload: 'date=2025-04-07',
      }),
      'date',
    );
  });

  it('rejects impossible and malformed dates', async () => {
    for (const date of ['2025-02-30', '2025-13-01', '2025-4-7', '07/04/2025', '2025-04-07T00:00:00Z', 20250407, null]) {
      await expect400(await signedUrls(app, { date }), 'date', /YYYY-MM-DD/);
    }
  });

  it('rejects a ttl that is not an integer from 1 to 10080 minutes', async () => {
    for (const ttl of [1.5, '10', 0, -5, 10_081, true]) {
      await expect400(
        await signedUrls(app, { date: YESTERDAY, ttl }),
        'ttl',
        /integer number of minutes from 1 to 10080/,
      );
    }
  });

  it('accepts ttl 1 and 10080 (seven days, the GCS maximum) and signs links for exactly that long', async () => {
    for (const ttl of [1, 10_080]) {
      const res = await signedUrls(app, { date: YESTERDAY, ttl });
      expect(res.statusCode).toBe(200);
      expect(new URL(res.json().urls[0]).searchParams.get('X-Goog-Expires')).toBe(String(ttl * 60));
    }
  });

  it('refuses days before 2024-01-01 with the documented limit, and serves 2024-01-01', async () => {
    const old = await signedUrls(app, { date: '2023-12-31' });
    await expect400(old, 'date', /as far back as January 1, 2024.*contact Zendesk customer support/);
    const first = await signedUrls(app, { date: '2024-01-01' });
    expect(first.statusCode).toBe(200);
    expect(first.json().date).toBe('2024-01-01');
  });
});

describe('Zendesk day availability', () => {
  it('answers 404 for a day that has not been finalized, and serves it from midnight UTC plus the delay to the millisecond', async () => {
    const a = await testApp({ CLOCK_START: '2025-04-08T12:00:00Z' });
    try {
      const today = await signedUrls(a, { date: '2025-04-08' });
      expect(today.statusCode).toBe(404);
      expect(today.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(today.json().message).toContain('2025-04-09T02:00:00.000Z');
      expect((await signedUrls(a, { date: '2030-01-01' })).statusCode).toBe(404);

      await setClock(a, '2025-04-09T01:59:59.999Z');
      expect((await signedUrls(a, { date: '2025-04-08' })).statusCode).toBe(404);
      await setClock(a, '2025-04-09T02:00:00.000Z');
      const ready = await signedUrls(a, { date: '2025-04-08' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        date: '2025-04-08',
        urls: [expect.stringContaining('_20250408_000000000000.json?')],
      });
    } finally {
      await a.close();
    }
  });

  it('reads the delay from ZENDESK_FINALIZE_DELAY_MINUTES', async () => {
    const a = await testApp({ CLOCK_START: '2025-04-09T00:29:59Z', ZENDESK_FINALIZE_DELAY_MINUTES: 30 });
    try {
      expect((await signedUrls(a, { date: '2025-04-08' })).statusCode).toBe(404);
      await setClock(a, '2025-04-09T00:30:00Z');
      expect((await signedUrls(a, { date: '2025-04-08' })).statusCode).toBe(200);
    } finally {
      await a.close();
    }
  });

  it('answers 404 "no export" for a finalized day on which no conversation ended', async () => {
    const a = await testApp({ WORLD_DAILY_VOLUME: 0 });
    try {
      const res = await signedUrls(a, { date: YESTERDAY });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toMatch(/No export exists for bot .* no conversation ended that day/);
    } finally {
      await a.close();
    }
  });
});

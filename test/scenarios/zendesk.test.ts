/** Every preset as a Zendesk loader sees it (Zendesk has no jobs: presets act on get-signed-urls and its files). */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../helpers.js';
import { signedUrls, urlsOf, YESTERDAY } from '../vendors/zendesk/zendesk.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: 20 });
});
afterEach(async () => {
  await app.close();
});
const preset = async (name: string) =>
  expect((await app.inject({ method: 'POST', url: `/__admin/presets/${name}`, payload: {} })).statusCode).toBe(200);

describe('presets for Zendesk', () => {
  it('happy-path: links download', async () => {
    await preset('happy-path');
    for (const url of await urlsOf(app, YESTERDAY)) expect((await download(app, url)).statusCode).toBe(200);
  });

  it('slow-export: the day is finalized 32 minutes later than usual', async () => {
    await preset('slow-export');
    // Finalized normally at 2025-04-08T02:00Z; the clock is 12:00Z, so ask for a day that finalizes just now.
    await app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now: '2025-04-08T02:00:00Z' } });
    expect((await signedUrls(app, { date: YESTERDAY })).statusCode).toBe(404);
    await advance(app, 1920);
    expect((await signedUrls(app, { date: YESTERDAY })).statusCode).toBe(200);
  });

  it('job-failed: the documented 500', async () => {
    await preset('job-failed');
    const res = await signedUrls(app, { date: YESTERDAY });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ statusCode: 500, error: 'Internal Server Error' });
  });

  it('empty-export: 404, as for a day without an export', async () => {
    await preset('empty-export');
    expect((await signedUrls(app, { date: YESTERDAY })).statusCode).toBe(404);
  });

  it('expired-link: the links answer GCS ExpiredToken one second after they were issued; a later plain request works', async () => {
    await preset('expired-link');
    const [url] = await urlsOf(app, YESTERDAY);
    expect((await download(app, url!)).statusCode).toBe(200);
    await advance(app, 1);
    const expired = await download(app, url!);
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('<Code>ExpiredToken</Code>');
    await app.inject({ method: 'DELETE', url: '/__admin/scenarios' });
    const [fresh] = await urlsOf(app, YESTERDAY);
    await advance(app, 5);
    expect((await download(app, fresh!)).statusCode).toBe(200);
  });

  it('rate-limited: 429 with Retry-After, then 200', async () => {
    await preset('rate-limited');
    for (let i = 0; i < 3; i++) {
      const res = await signedUrls(app, { date: YESTERDAY });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ statusCode: 429 });
    }
    expect((await signedUrls(app, { date: YESTERDAY })).statusCode).toBe(200);
  });

  it('flaky-download: each file answers 503 once, then downloads', async () => {
    await preset('flaky-download');
    const [url] = await urlsOf(app, YESTERDAY);
    const first = await download(app, url!);
    expect(first.statusCode).toBe(503);
    expect(first.body).toContain('<Error><Code>');
    expect((await download(app, url!)).statusCode).toBe(200);
  });

  it('huge-export: leaves the immutable day files unchanged (documented)', async () => {
    const before = await urlsOf(app, YESTERDAY);
    const bytes = (await download(app, before[0]!)).rawPayload;
    await preset('huge-export');
    const after = await urlsOf(app, YESTERDAY);
    expect((await download(app, after[0]!)).rawPayload.equals(bytes)).toBe(true);
  });
});

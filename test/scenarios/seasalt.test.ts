/** Every preset as a Seasalt SeaX export client sees it. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp, unzip } from '../helpers.js';
import { BODY, create, poll, post } from '../vendors/seasalt/seasalt.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: 10 });
});
afterEach(async () => {
  await app.close();
});
const preset = async (name: string) =>
  expect((await app.inject({ method: 'POST', url: `/__admin/presets/${name}`, payload: {} })).statusCode).toBe(200);

describe('presets for Seasalt', () => {
  it('happy-path: finished, and the ZIP downloads', async () => {
    await preset('happy-path');
    const id = await create(app);
    await advance(app, 60);
    const job = await poll(app, id);
    expect(job.status).toBe('finished');
    expect((await download(app, job.presigned_url)).statusCode).toBe(200);
  });

  it('slow-export: queued after a minute, started after two, finished after 32', async () => {
    await preset('slow-export');
    const id = await create(app);
    await advance(app, 60);
    expect((await poll(app, id)).status).toBe('queued');
    await advance(app, 61);
    expect((await poll(app, id)).status).toBe('started');
    await advance(app, 1800);
    expect((await poll(app, id)).status).toBe('finished');
  });

  it('job-failed: failed with error_message and no link', async () => {
    await preset('job-failed');
    const id = await create(app);
    await advance(app, 60);
    const job = await poll(app, id);
    expect(job).toMatchObject({ status: 'failed', presigned_url: null, presigned_url_expires_at: null });
    expect(job.error_message).toBeTruthy();
  });

  it('empty-export: finished with a ZIP that holds no CSV', async () => {
    await preset('empty-export');
    const id = await create(app);
    await advance(app, 60);
    const job = await poll(app, id);
    expect(job.status).toBe('finished');
    expect((await unzip((await download(app, job.presigned_url)).rawPayload)).size).toBe(0);
  });

  it('expired-link: S3 AccessDenied "Request has expired" one second after the job finished', async () => {
    await preset('expired-link');
    const id = await create(app);
    await advance(app, 35);
    const job = await poll(app, id);
    expect((await download(app, job.presigned_url)).statusCode).toBe(200);
    await advance(app, 1);
    const expired = await download(app, job.presigned_url);
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('<Message>Request has expired</Message>');
  });

  it('rate-limited: FastAPI-style 429 with Retry-After, then 202', async () => {
    await preset('rate-limited');
    for (let i = 0; i < 3; i++) {
      const res = await post(app, BODY);
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toHaveProperty('detail');
    }
    expect((await post(app, BODY)).statusCode).toBe(202);
  });

  it('flaky-download: the first download answers S3 503 SlowDown, the retry works', async () => {
    await preset('flaky-download');
    const id = await create(app);
    await advance(app, 60);
    const url = (await poll(app, id)).presigned_url;
    const first = await download(app, url);
    expect(first.statusCode).toBe(503);
    expect(first.body).toContain('<Code>SlowDown</Code>');
    expect((await download(app, url)).statusCode).toBe(200);
  });

  it('huge-export: a thousand times the conversations', async () => {
    const small = await testApp({ WORLD_DAILY_VOLUME: 1 });
    await small.inject({ method: 'POST', url: '/__admin/presets/huge-export', payload: {} });
    const id = await create(small);
    await advance(small, 120);
    const job = await poll(small, id);
    expect(job.status).toBe('finished');
    expect((await unzip((await download(small, job.presigned_url)).rawPayload)).size).toBeGreaterThan(300);
    await small.close();
  });
});

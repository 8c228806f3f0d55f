import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp } from './helpers.js';
import { APP, BASE, create, details, TOKEN } from './vendors/sendbird/sendbird.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

const journal = async (qs = '') =>
  (await app.inject({ url: `/__admin/requests${qs ? `?${qs}` : ''}` })).json().requests;

describe('request journal', () => {
  it('records vendor requests and downloads with virtual time, tenant, job, masked credentials and response', async () => {
    const created = await create(app);
    await advance(app, 60);
    const done = await details(app, created.export_id);
    await download(app, done.export_file.url);
    await app.inject({ url: '/__admin/health' });
    const entries = await journal();
    expect(entries.map((e: { method: string; vendor: string }) => `${e.method} ${e.vendor}`)).toEqual([
      'POST sendbird',
      'GET sendbird',
      'GET sendbird',
    ]);
    const [post, poll, dl] = entries;
    expect(post).toMatchObject({
      at: '2025-04-08T12:00:00.000Z',
      tenant: APP,
      path: BASE,
      status: 200,
      job_id: created.export_id,
    });
    expect(post.headers['api-token']).toBe('demo…');
    expect(post.body).toMatchObject({ type: 'conversation' });
    expect(post.response.body).toMatchObject({ export_status: 'scheduled' });
    expect(poll).toMatchObject({ at: '2025-04-08T12:01:00.000Z', job_id: created.export_id });
    expect(dl.path.startsWith('/s3/sendbird-us-1/')).toBe(true);
    expect(dl).toMatchObject({
      tenant: APP,
      job_id: created.export_id,
      status: 200,
      response: { content_type: 'application/zip' },
    });
    expect(dl.query['X-Amz-Signature']).toMatch(/^.{4}…$/);
    expect(dl.response.bytes).toBeGreaterThan(0);
  });

  it('records what is under a vendor or storage prefix, and not the bare storage prefixes or other paths', async () => {
    for (const url of ['/s3', '/gcs?x=1', '/sendbirdx/v3', '/s3/no-bucket/no-key', `${BASE}?limit=1`])
      await app.inject({ url, headers: TOKEN });
    expect((await journal()).map((e: { vendor: string; path: string }) => `${e.vendor} ${e.path}`)).toEqual([
      'storage /s3/no-bucket/no-key',
      `sendbird ${BASE}`,
    ]);
  });

  it('filters by method, status, path and job, and clears', async () => {
    await create(app);
    await app.inject({ url: `${BASE}/nope`, headers: TOKEN });
    expect(await journal('method=POST')).toHaveLength(1);
    expect(await journal('status=400')).toHaveLength(1);
    expect(await journal('path=/nope')).toHaveLength(1);
    expect(await journal('since=2025-04-08T12:00:01Z')).toHaveLength(0);
    await app.inject({ method: 'DELETE', url: '/__admin/requests' });
    expect(await journal()).toHaveLength(0);
  });

  it('wait returns as soon as a matching request arrives, and 408 after the timeout', async () => {
    const waiting = app.inject({
      method: 'POST',
      url: '/__admin/requests/wait',
      payload: { method: 'GET', path: '/data_exports/', timeout_ms: 5000 },
    });
    const created = await create(app);
    await details(app, created.export_id);
    const res = await waiting;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ method: 'GET', job_id: created.export_id });
    const timeout = await app.inject({
      method: 'POST',
      url: '/__admin/requests/wait',
      payload: { method: 'DELETE', timeout_ms: 50 },
    });
    expect(timeout.statusCode).toBe(408);
    expect(timeout.json().error).toBe('timeout');
  });

  it('keeps at most JOURNAL_LIMIT entries', async () => {
    const small = await testApp({ JOURNAL_LIMIT: 2 });
    for (let i = 0; i < 3; i++) await small.inject({ url: `${BASE}/x${i}`, headers: TOKEN });
    const entries = (await small.inject({ url: '/__admin/requests' })).json().requests;
    expect(entries.map((e: { path: string }) => e.path.split('/').pop())).toEqual(['x1', 'x2']);
    await small.close();
  });
});

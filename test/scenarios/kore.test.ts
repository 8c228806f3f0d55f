/** Every preset as a Kore.ai export client sees it. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../helpers.js';
import { createJob, EXPORT, finishedJob, poll, token, WEEK } from '../vendors/kore/kore.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: 10 });
});
afterEach(async () => {
  await app.close();
});
const preset = async (name: string) =>
  expect((await app.inject({ method: 'POST', url: `/__admin/presets/${name}`, payload: {} })).statusCode).toBe(200);

describe('presets for Kore', () => {
  it('happy-path: SUCCESS and the fragments download', async () => {
    await preset('happy-path');
    const job = await finishedJob(app);
    for (const f of job.analyticsFragments) expect((await download(app, f.fileUrl)).statusCode).toBe(200);
  });

  it('slow-export: INPROGRESS after 30 minutes, SUCCESS after 33', async () => {
    await preset('slow-export');
    const job = await createJob(app);
    await advance(app, 1800);
    const running = await poll(app, job._id);
    expect(running.status).toBe('INPROGRESS');
    expect(running.percentageDone).toBeGreaterThan(0);
    expect(running.percentageDone).toBeLessThan(100);
    await advance(app, 180);
    expect((await poll(app, job._id)).status).toBe('SUCCESS');
  });

  it('job-failed: FAILED with the error filled', async () => {
    await preset('job-failed');
    const job = await createJob(app);
    await advance(app, 60);
    const failed = await poll(app, job._id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBeTruthy();
  });

  it('empty-export: SUCCESS with 0 records and no files', async () => {
    await preset('empty-export');
    const job = await createJob(app);
    await advance(app, 60);
    const done = await poll(app, job._id);
    expect(done).toMatchObject({
      status: 'SUCCESS',
      store: { totalFiles: 0, totalRecords: 0 },
      analyticsFragments: [],
    });
  });

  it('expired-link: the fragment links fail one second after the job ended', async () => {
    await preset('expired-link');
    const job = await createJob(app);
    await advance(app, 35);
    const done = await poll(app, job._id);
    const url = done.analyticsFragments[0].fileUrl;
    expect((await download(app, url)).statusCode).toBe(200);
    await advance(app, 1);
    const expired = await download(app, url);
    expect(expired.statusCode).toBe(403);
    expect(expired.json().errors[0].msg).toBeTruthy();
  });

  it("rate-limited: Kore's 429 envelope, then requests pass", async () => {
    await preset('rate-limited');
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: EXPORT(), headers: { auth: await token() }, payload: WEEK });
      expect(res.statusCode).toBe(429);
      expect(res.json().errors[0].msg).toMatch(/Rate limit/);
      expect(res.headers['retry-after']).toBe('1');
    }
    await createJob(app);
  });

  it('flaky-download: the first download of a fragment fails once, the retry works', async () => {
    await preset('flaky-download');
    const job = await createJob(app);
    await advance(app, 60);
    const url = (await poll(app, job._id)).analyticsFragments[0].fileUrl;
    const first = await download(app, url);
    expect(first.statusCode).toBe(503);
    expect((await download(app, url)).statusCode).toBe(200);
  });

  it('huge-export: a thousand times the records', async () => {
    const small = await testApp({ WORLD_DAILY_VOLUME: 1 });
    await small.inject({ method: 'POST', url: '/__admin/presets/huge-export', payload: {} });
    const job = await createJob(small, { filters: { from: '2025-04-07', to: '2025-04-08' } });
    await advance(small, 120);
    let done = await poll(small, job._id);
    // Generation takes real time; on a loaded machine it may outlast the clock's settle wait.
    for (let i = 0; i < 100 && done.status !== 'SUCCESS'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = await poll(small, job._id);
    }
    expect(done.store.totalRecords).toBeGreaterThan(300);
    await small.close();
  });
});

describe('Kore rate limits', () => {
  it('answer the 601st request in a virtual minute with 429 and recover when the clock moves on', async () => {
    await app.inject({ method: 'PUT', url: '/__admin/rate-limits', payload: { vendor: 'kore', enabled: true } });
    const headers = { auth: await token() };
    const url = `/kore/api/public/bot/st-2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d/search/jobs/fj-unknown`;
    for (let i = 0; i < 600; i++) expect((await app.inject({ url, headers })).statusCode).toBe(404);
    const limited = await app.inject({ url, headers });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().errors[0].msg).toMatch(/Rate limit/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await advance(app, 60);
    expect((await app.inject({ url, headers })).statusCode).toBe(404);
  });
});

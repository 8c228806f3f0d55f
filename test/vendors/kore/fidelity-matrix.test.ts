/**
 * Statements of Kore.ai's "Export Analytics Data" page that no other test checked, each named by a row of the README's
 * fidelity matrix.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kore } from '../../../src/vendors/kore/index.js';
import { advance, setClock, testApp } from '../../helpers.js';
import { BOT, createJob, JOB, poll, token } from './kore.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

describe('Kore job file details', () => {
  it('gives no file URL before the job completes: fileInfo is {"ext": "json"} and there are no fragments', async () => {
    const created = await createJob(app);
    await advance(app, 10);
    const running = await poll(app, created._id);
    expect(running.status).toBe('INPROGRESS');
    expect(running.fileInfo).toEqual({ ext: 'json' });
    for (const key of ['analyticsFragments', 'hasAnalyticsFragments', 'store', 'message'])
      expect(running).not.toHaveProperty(key);
    expect(JSON.stringify(running)).not.toContain('getMediaStream');
    await advance(app, 60);
    const done = await poll(app, created._id);
    expect(done.status).toBe('SUCCESS');
    expect(done.analyticsFragments[0].fileUrl).toContain('/api/getMediaStream/findly/');
  });
});

describe('Kore rate limits per hour', () => {
  it('answer the 18001st request of a virtual hour with 429, though each minute stayed under 600, until the hour ends', async () => {
    await app.inject({ method: 'PUT', url: '/__admin/rate-limits', payload: { vendor: 'kore', enabled: true } });
    // 18000 requests spread over the hour's first 30 minutes, 600 a minute, counted as the request hook counts them
    // (through HTTP they would take the test minutes).
    const hourStart = Date.parse('2025-04-08T12:00:00Z');
    let refused = 0;
    for (let minute = 0; minute < 30; minute++) {
      for (let i = 0; i < 600; i++) {
        if (
          await app.mock.ctx.limiter.hit('kore', BOT, 'GET', undefined, kore.rateLimits!, hourStart + minute * 60_000)
        )
          refused++;
      }
    }
    expect(refused).toBe(0);
    await setClock(app, '2025-04-08T12:45:00Z');
    const headers = { auth: await token() };
    const limited = await app.inject({ url: JOB('fj-unknown'), headers });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().errors[0].msg).toMatch(/Rate limit/);
    expect(Number(limited.headers['retry-after'])).toBe(15 * 60);
    await setClock(app, '2025-04-08T13:00:00Z');
    expect((await app.inject({ url: JOB('fj-unknown'), headers })).statusCode).toBe(404);
  });
});

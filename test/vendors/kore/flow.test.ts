import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExportJob, type KoreJob } from '../../../src/vendors/kore/lifecycle.js';
import type { KoreSeeds } from '../../../src/vendors/kore/schemas.js';
import { advance, testApp } from '../../helpers.js';
import { BOT, CLIENT_ID, createJob, finishedJob, JOB, poll, token, WEEK } from './kore.js';

const T0 = Date.parse('2025-04-08T12:00:00Z');

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

describe('Kore export job', () => {
  it('shows every clock move and every change of the job, also at the same instant', async () => {
    const { _id: id } = await createJob(app);
    const first = await poll(app, id);
    expect(first.status).toBe('INPROGRESS');
    expect(await poll(app, id)).toEqual(first);
    await advance(app, 1);
    expect((await poll(app, id)).lMod).toBe(new Date(T0 + 1000).toISOString());
    const forced = await app.inject({ method: 'PUT', url: `/__admin/jobs/${id}/state`, payload: { phase: 'failed' } });
    expect(forced.statusCode, forced.body).toBe(200);
    expect((await poll(app, id)).status).toBe('FAILED');
  });

  it('answers the create request as the vendor sample shows, with the fields FACTS.md lists', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/kore/api/public/bot/${BOT}/search/analytics-export`,
      headers: { auth: await token() },
      payload: WEEK,
    });
    expect(res.statusCode).toBe(200);
    const job = res.json();
    expect(job).toEqual({
      _id: expect.stringMatching(/^fj-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      status: 'INPROGRESS',
      percentageDone: 0,
      title: 'Exporting Analytics Data - JSON',
      jobType: 'DATA_EXPORT',
      fileInfo: { ext: 'json' },
      createdOn: '2025-04-08T12:00:00.000Z',
      streamId: BOT,
      searchIndexId: expect.stringMatching(/^sidx-/),
      createdBy: expect.stringMatching(/^u-/),
      opType: 'Manual',
      hidden: false,
      read: false,
      timedOut: false,
      lMod: '2025-04-08T12:00:00.000Z',
      startedAt: '2025-04-08T12:00:00.000Z',
      error: null,
      __v: 0,
    });
    // Ids come from the seed and the order of requests: the next job has another id.
    const second = await createJob(app);
    expect(second._id).not.toBe(job._id);
  });

  it('raises percentageDone with the clock, strictly, below 100 until SUCCESS', async () => {
    const created = await createJob(app);
    await app.mock.ctx.jobs.drain();
    const seen: number[] = [created.percentageDone];
    let last = created;
    for (let i = 0; i < 30 && last.status === 'INPROGRESS'; i++) {
      await advance(app, 2);
      last = await poll(app, created._id);
      if (last.status === 'INPROGRESS') seen.push(last.percentageDone);
    }
    expect(last.status).toBe('SUCCESS');
    expect(last.percentageDone).toBe(100);
    expect(seen[0]).toBe(0);
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) expect(seen[i], `poll ${i}: ${seen.join(',')}`).toBeGreaterThan(seen[i - 1]!);
    expect(Math.max(...seen)).toBeLessThan(100);
    expect(seen.every(Number.isInteger)).toBe(true);
  });

  it('never shows more progress than the real work done, and stays INPROGRESS past its time until the files exist', async () => {
    const created = await createJob(app);
    await app.mock.ctx.jobs.drain();
    const job = (await app.mock.ctx.jobs.get(created._id)) as KoreJob;
    const gen = job.generation;
    const saved = { state: gen.state, progress: gen.progress };
    await app.mock.ctx.jobs.patch(created._id, { generation: { state: 'running', progress: 0.2 } });
    await advance(app, 17.5); // half the job's 35 s
    expect((await poll(app, created._id)).percentageDone).toBe(20);
    await advance(app, 60);
    const late = await poll(app, created._id);
    expect(late).toMatchObject({ status: 'INPROGRESS', percentageDone: 20 });
    await app.mock.ctx.jobs.patch(created._id, { generation: saved });
    expect((await poll(app, created._id)).status).toBe('SUCCESS');
  });

  it('ends SUCCESS with message, fragments, store and 24-hex fileIds; lMod is the end of the job', async () => {
    const done = await finishedJob(app);
    const n = done.store.totalRecords;
    expect(n).toBeGreaterThan(150);
    expect(done.message).toBe(
      `ANALYTICS DATA JSON Export Completed - ${done.store.totalFiles} file(s) with ${n} total records`,
    );
    expect(done.lMod).toBe('2025-04-08T12:00:35.000Z');
    expect(done.error).toBeNull();
    for (const f of done.analyticsFragments) {
      expect(f.fileId).toMatch(/^[0-9a-f]{24}$/);
      // A Mongo ObjectId starts with the seconds at which the file was written, like the vendor's.
      expect(parseInt(f.fileId.slice(0, 8), 16)).toBe(
        Math.floor(Number(/^analytics_data_(\d+)/.exec(f.fileName)![1]) / 1000),
      );
      expect(f.fileUrl).toMatch(
        /^http:\/\/mock\.test:4010\/kore\/api\/getMediaStream\/findly\/f-[0-9a-f-]{36}\.json\?n=\d{10}&s=[0-9a-f]{64}$/,
      );
    }
  });

  it('ends an export with no searches SUCCESS with no file (a range in the future)', async () => {
    const done = await finishedJob(app, { filters: { from: '2025-04-09', to: '2025-04-10' } });
    expect(done).toMatchObject({
      status: 'SUCCESS',
      percentageDone: 100,
      message: 'ANALYTICS DATA JSON Export Completed - 0 file(s) with 0 total records',
      fileInfo: {},
      analyticsFragments: [],
      hasAnalyticsFragments: false,
      store: { totalFiles: 0, totalRecords: 0 },
    });
  });

  it('ends FAILED with the error when created with a failed outcome (the hook scenarios will use)', async () => {
    const seeds = app.mock.seeds.get('kore') as KoreSeeds;
    const bot = seeds.bots.find((b) => b.app_id === BOT)!;
    const client = bot.apps.find((a) => a.client_id === CLIENT_ID)!;
    const job = await createExportJob(app.mock.ctx, {
      bot,
      app: client,
      window: { from: T0 - 86_400_000, to: T0 },
      outcome: { kind: 'failed', error: 'Index unavailable' },
    });
    expect((await poll(app, job.id)).status).toBe('INPROGRESS');
    await advance(app, 36);
    const failed = await poll(app, job.id);
    expect(failed).toMatchObject({
      _id: job.id,
      status: 'FAILED',
      error: 'Index unavailable',
      message: 'ANALYTICS DATA JSON Export Failed',
      fileInfo: { ext: 'json' },
      lMod: '2025-04-08T12:00:35.000Z',
    });
    expect(failed.percentageDone).toBeLessThan(100);
    expect(failed.analyticsFragments).toBeUndefined();
  });

  it('ends FAILED when a job made through the API has its outcome changed', async () => {
    const created = await createJob(app);
    await app.mock.ctx.jobs.patch(created._id, { outcome: { kind: 'failed', error: 'Export timed out' } });
    await advance(app, 60);
    expect(await poll(app, created._id)).toMatchObject({ status: 'FAILED', error: 'Export timed out' });
  });

  it('answers 404 in the Kore envelope for an unknown job', async () => {
    const res = await app.inject({
      url: JOB('fj-2618a702-0211-50ca-8504-c1ac377a2402'),
      headers: { auth: await token() },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ errors: [{ msg: 'Job not found', code: 404 }] });
  });

  it('shows the job in the admin flow view in Kore words', async () => {
    const created = await createJob(app);
    await advance(app, 60);
    const jobs = (await app.inject({ url: '/__admin/jobs' })).json().jobs;
    expect(jobs.find((j: { id: string }) => j.id === created._id)).toMatchObject({
      vendor: 'kore',
      tenant: BOT,
      state: 'SUCCESS',
      link_expires_at: '2025-04-09T12:00:35.000Z',
    });
  });
});

describe('Kore and scenarios', () => {
  it('renders the job-failed preset as FAILED with a Kore-style error', async () => {
    const failing = await testApp({ SCENARIO: 'job-failed' });
    try {
      const created = await createJob(failing);
      await advance(failing, 60);
      const job = await poll(failing, created._id);
      expect(job.status).toBe('FAILED');
      expect(job.error).toMatch(/^ANALYTICS DATA JSON Export Failed/);
    } finally {
      await failing.close();
    }
  });

  it("renders the rate-limited preset as Kore's 429 with Retry-After", async () => {
    const limited = await testApp({ SCENARIO: 'rate-limited' });
    try {
      const res = await limited.inject({ url: JOB('fj-x'), headers: { auth: await token() } });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toEqual({
        errors: [{ msg: 'Rate limit for this API has been reached. Please try again later', code: 429 }],
      });
    } finally {
      await limited.close();
    }
  });
});

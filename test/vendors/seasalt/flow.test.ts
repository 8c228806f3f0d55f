import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp, unzip } from '../../helpers.js';
import { BASE, BODY, create, finishedExport, KEY, poll, post, SMS, WS } from './seasalt.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NAIVE_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

describe('Seasalt export flow', () => {
  it('answers 202 with exactly the sample body: a UUID, status queued and the message', async () => {
    const res = await post(app, { ...BODY, notification_email: 'agent@example.com' });
    expect(res.statusCode).toBe(202);
    // Starlette's JSONResponse: no charset parameter.
    expect(res.headers['content-type']).toBe('application/json');
    const body = res.json();
    expect(Object.keys(body)).toEqual(['export_job_id', 'status', 'message']);
    expect(body.export_job_id).toMatch(UUID);
    expect(body).toMatchObject({
      status: 'queued',
      message: 'Export job created. You will be emailed a download link when it is ready.',
    });
  });

  it('draws export_job_id from the seed and the order of requests: the same on another app, another after reset', async () => {
    const first = await create(app);
    const other = await testApp();
    try {
      expect((await post(other, BODY)).json().export_job_id).toBe(first);
      expect((await post(other, { ...BODY, end_date: '2025-04-02' })).json().export_job_id).not.toBe(first);
    } finally {
      await other.close();
    }
    const differentSeed = await testApp({ SEED: 'another-world' });
    try {
      expect((await post(differentSeed, BODY)).json().export_job_id).not.toBe(first);
    } finally {
      await differentSeed.close();
    }
  });

  it('moves queued → started → finished as the clock advances, with every field of the samples', async () => {
    const id = await create(app);
    const queued = await poll(app, id);
    expect(queued).toEqual({
      export_job_id: id,
      workspace_id: WS,
      channel_id: SMS,
      start_date: '2025-04-01',
      end_date: '2025-04-01',
      status: 'queued',
      presigned_url: null,
      presigned_url_expires_at: null,
      error_message: null,
      created_time: '2025-04-08T12:00:00.000000',
    });
    expect(Object.keys(queued)).toEqual([
      'export_job_id',
      'workspace_id',
      'channel_id',
      'start_date',
      'end_date',
      'status',
      'presigned_url',
      'presigned_url_expires_at',
      'error_message',
      'created_time',
    ]);

    await advance(app, 4);
    expect((await poll(app, id)).status).toBe('queued');
    await advance(app, 1);
    expect((await poll(app, id)).status).toBe('started');
    await advance(app, 29);
    const started = await poll(app, id);
    expect(started).toMatchObject({ status: 'started', presigned_url: null, presigned_url_expires_at: null });

    await advance(app, 1);
    const done = await poll(app, id);
    expect(done.status).toBe('finished');
    expect(done.error_message).toBeNull();
    expect(done.created_time).toBe('2025-04-08T12:00:00.000000');
    expect(done.created_time).toMatch(NAIVE_MICROS);
    // Finished at 12:00:35 (5 s queued, 30 s running); the link lives 24 hours from then.
    expect(done.presigned_url_expires_at).toBe('2025-04-09T12:00:35.000000');
    const url = new URL(done.presigned_url);
    expect(url.pathname).toMatch(
      new RegExp(`^/s3/seax-bulksms/conversation_exports/${WS}/SMS_Support_2025-04_[0-9a-f]{8}\\.zip$`),
    );
    expect([...url.searchParams.keys()]).toEqual(['AWSAccessKeyId', 'Signature', 'Expires']);
    expect(url.searchParams.get('Expires')).toBe(String(Date.parse('2025-04-09T12:00:35Z') / 1000));
    // The same link on every poll.
    expect((await poll(app, id)).presigned_url).toBe(done.presigned_url);
  });

  it('shows a change of the job at the same instant: a poll after a forced failure on a frozen clock reads it', async () => {
    const id = await create(app);
    await advance(app, 60);
    expect((await poll(app, id)).status).toBe('finished');
    expect((await poll(app, id)).status).toBe('finished');
    const forced = await app.inject({ method: 'PUT', url: `/__admin/jobs/${id}/state`, payload: { phase: 'failed' } });
    expect(forced.statusCode, forced.body).toBe(200);
    const failed = await poll(app, id);
    expect(failed).toMatchObject({ status: 'failed', presigned_url: null });
    await advance(app, 1);
    expect((await poll(app, id)).status).toBe('failed');
  });

  it('downloads a ZIP of CSVs from presigned_url', async () => {
    const { entries, bytes } = await finishedExport(app);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(entries.size).toBeGreaterThan(10);
    for (const name of entries.keys()) expect(name).toMatch(/\.csv$/);
  });

  it('reports failed with error_message and no link when the job fails (outcome set on the job)', async () => {
    const id = await create(app);
    await app.mock.ctx.jobs.patch(id, {
      outcome: { kind: 'failed', error: 'Export failed: the conversation store timed out.' },
    });
    await advance(app, 10);
    expect((await poll(app, id)).status).toBe('started');
    await advance(app, 60);
    const failed = await poll(app, id);
    expect(failed).toMatchObject({
      status: 'failed',
      presigned_url: null,
      presigned_url_expires_at: null,
      error_message: 'Export failed: the conversation store timed out.',
    });
  });

  it('reports failed with a plausible message under the job-failed preset', async () => {
    expect((await app.inject({ method: 'POST', url: '/__admin/presets/job-failed', payload: {} })).statusCode).toBe(
      200,
    );
    const id = await create(app);
    await advance(app, 60);
    const failed = await poll(app, id);
    expect(failed.status).toBe('failed');
    expect(failed.error_message).toBe('Export failed due to an internal error. Please try again later.');
    expect(failed.presigned_url).toBeNull();
  });

  it('finishes an empty range with a valid ZIP holding no CSV (a quiet channel)', async () => {
    const quiet = await testApp({ WORLD_DAILY_VOLUME: 0 });
    try {
      const { entries, job } = await finishedExport(quiet);
      expect(job.status).toBe('finished');
      expect(entries.size).toBe(0);
    } finally {
      await quiet.close();
    }
  });

  it("holds nothing before the channels' history (2020-01-01), so a typo such as year 2019 stays cheap", async () => {
    // Longer ranges (year 0001 to 2019) are refused outright: 366 days at most (unbounded-work.test.ts).
    const { entries } = await finishedExport(app, { ...BODY, start_date: '2019-01-01', end_date: '2019-12-31' });
    expect(entries.size).toBe(0);
  });

  it('finishes with an empty ZIP under the empty-export preset', async () => {
    expect((await app.inject({ method: 'POST', url: '/__admin/presets/empty-export', payload: {} })).statusCode).toBe(
      200,
    );
    const { entries } = await finishedExport(app);
    expect(entries.size).toBe(0);
  });

  it('exports today only up to the moment of the request (no message from the future)', async () => {
    const { csv } = await finishedExport(app, { ...BODY, start_date: '2025-04-08', end_date: '2025-04-08' });
    const times = [...csv.values()].flatMap((c) => c.rows.map((r) => r.message_time!));
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t <= '2025-04-08T12:00:00.000000').toBe(true);
  });

  it('lists the job in the flow view in SeaX words, with the link expiry', async () => {
    const id = await create(app);
    await advance(app, 60);
    await poll(app, id);
    const jobs = (await app.inject({ url: '/__admin/jobs' })).json().jobs;
    expect(jobs.find((j: { id: string }) => j.id === id)).toMatchObject({
      vendor: 'seasalt',
      tenant: WS,
      state: 'finished',
      link_expires_at: '2025-04-09T12:00:35.000Z',
    });
  });

  it('is reachable with the vendor host name (seax.seasalt.ai) instead of the /seasalt prefix', async () => {
    const res = await app.inject({
      method: 'POST',
      url: BASE.replace('/seasalt', ''),
      headers: { ...KEY, host: 'seax.seasalt.ai' },
      payload: BODY,
    });
    expect(res.statusCode).toBe(202);
  });

  it('forgets jobs on reset: a poll of an old id is 404', async () => {
    const id = await create(app);
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    const res = await app.inject({ url: `${BASE}/${id}`, headers: KEY });
    // After reset the same id is drawn again only by a new request; none was made.
    expect(res.statusCode).toBe(404);
  });

  it('serves the same bytes for a repeated export of the same range', async () => {
    const a = await finishedExport(app);
    const b = await finishedExport(app);
    expect([...b.entries.keys()]).toEqual([...a.entries.keys()]);
    for (const [name, bytes] of a.entries) expect(b.entries.get(name)!.equals(bytes)).toBe(true);
    const file = await download(app, a.job.presigned_url);
    expect((await unzip(file.rawPayload)).size).toBe(a.entries.size);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { advance, download, testApp } from './helpers.js';
import { createJob as createKore, poll as pollKore } from './vendors/kore/kore.js';
import { BASE, create, details, TOKEN } from './vendors/sendbird/sendbird.js';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aem-data-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('DATA_DIR', () => {
  it('keeps a job, its link, its file, scenarios, the journal and the clock across a restart', async () => {
    const dir = dataDir();
    const first = await testApp({ DATA_DIR: dir });
    const job = await create(first);
    await advance(first, 60);
    const done = await details(first, job.export_id);
    const bytes = (await download(first, done.export_file.url)).rawPayload;
    await first.inject({ method: 'POST', url: '/__admin/presets/job-failed', payload: {} });
    await first.close();

    const second = await testApp({ DATA_DIR: dir });
    expect((await second.inject({ url: '/__admin/clock' })).json().now).toBe('2025-04-08T12:01:00.000Z');
    const again = await details(second, job.export_id);
    expect(again).toEqual(done);
    const file = await download(second, again.export_file.url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(
      (await second.inject({ url: '/__admin/scenarios' })).json().scenarios.map((s: { name: string }) => s.name),
    ).toEqual(['job-failed']);
    expect(
      (await second.inject({ url: `/__admin/requests?job_id=${job.export_id}` })).json().requests.length,
    ).toBeGreaterThanOrEqual(3);
    // A new export after the restart gets a new id, not one of the old ones.
    const next = await create(second);
    expect(next.export_id).not.toBe(job.export_id);
    await second.close();
  });

  it('finishes after a restart the file of a job that was still being written', async () => {
    const dir = dataDir();
    const first = await testApp({ DATA_DIR: dir });
    const job = await create(first);
    // Simulate a stop before the work ran: save the job as pending, then close without draining the queue's result.
    await first.mock.ctx.jobs.patch(job.export_id, { generation: { state: 'pending' } });
    first.mock.ctx.changed();
    await first.close();
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    state.jobs.jobs[0].generation = { state: 'running', progress: 0.3 };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));

    const second = await testApp({ DATA_DIR: dir });
    await advance(second, 60);
    const done = await details(second, job.export_id);
    expect(done.export_status).toBe('done');
    expect((await download(second, done.export_file.url)).statusCode).toBe(200);
    await second.close();
  });
});

describe('retention', () => {
  it('evicts a finished job and its file once its link has expired plus RETENTION_SECONDS', async () => {
    const app = await testApp({ RETENTION_SECONDS: 3600 });
    const job = await createKore(app);
    await advance(app, 60);
    const done = await pollKore(app, job._id);
    // Kore's media links live 24 hours after the job's end (lMod once finished).
    expect(done.status).toBe('SUCCESS');
    const expiresIn = Date.parse(done.lMod) + 86_400_000 - Date.parse('2025-04-08T12:01:00Z');
    await advance(app, expiresIn / 1000 + 3599);
    expect((await app.inject({ url: `/__admin/jobs/${job._id}` })).statusCode).toBe(200);
    await advance(app, 1);
    expect((await app.inject({ url: `/__admin/jobs/${job._id}` })).statusCode).toBe(404);
    expect(app.mock.ctx.store.snapshot()).toHaveLength(0);
    await app.close();
  });

  it('keeps a Sendbird export record with its expired link after evicting the file, as the list and details do', async () => {
    const app = await testApp({ RETENTION_SECONDS: 3600 });
    const job = await create(app);
    await advance(app, 60);
    const done = await details(app, job.export_id);
    await advance(app, (done.export_file.expires_at - Date.parse('2025-04-08T12:01:00Z')) / 1000 + 3600);
    expect(app.mock.ctx.store.snapshot()).toHaveLength(0);
    expect(await details(app, job.export_id)).toEqual(done);
    const listed = (await app.inject({ url: BASE, headers: TOKEN })).json().items;
    expect(listed.map((e: { export_id: string }) => e.export_id)).toContain(job.export_id);
    const file = await download(app, done.export_file.url);
    expect(file.statusCode).toBe(403);
    expect(file.body).toContain('<Message>Request has expired</Message>');
    // The record goes 30 days after its link expired, so a long-running sandbox stays bounded.
    await advance(app, 30 * 86_400);
    expect((await app.inject({ url: `${BASE}/${job.export_id}`, headers: TOKEN })).json()).toMatchObject({
      code: 400201,
    });
    await app.close();
  });

  it('keeps memory bounded under a steady load of exports', async () => {
    const app = await testApp({ RETENTION_SECONDS: 0, JOURNAL_LIMIT: 50 });
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 10; i++)
        await create(app, {
          type: 'daily_analysis',
          ai_agent_id: 'ai_agent_cx',
          from: '2025-04-07',
          to: '2025-04-07',
          timezone: 'UTC',
          export_format: 'json',
        });
      await advance(app, 40 * 86400);
      await app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now: '2025-04-08T12:00:00Z' } });
    }
    expect(await app.mock.ctx.jobs.size()).toBe(0);
    expect(app.mock.ctx.journal.list().length).toBeLessThanOrEqual(50);
    await app.close();
  });
});

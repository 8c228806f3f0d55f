import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp, unzip } from '../../helpers.js';

const APP = 'a245389gje349rt3429992Op';
const BASE = `/sendbird/${APP}/v3/ai_agent/data_exports`;
const TOKEN = { 'api-token': 'demo-sendbird-api-token' };
const BODY = {
  type: 'conversation',
  ai_agent_id: 'ai_agent_cx',
  from: '2025-04-01',
  to: '2025-04-07',
  timezone: 'America/New_York',
  export_format: 'json',
};

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

async function createExport(body: Record<string, unknown> = BODY) {
  const res = await app.inject({ method: 'POST', url: BASE, headers: TOKEN, payload: body });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('Sendbird export flow', () => {
  it('shows every clock move and every change of the job, also at the same instant', async () => {
    const { export_id: id } = await createExport();
    const poll = async () => (await app.inject({ url: `${BASE}/${id}`, headers: TOKEN })).json();
    await advance(app, 10);
    const first = await poll();
    expect(first.export_status).toBe('exporting');
    expect(await poll()).toEqual(first);
    await advance(app, 3);
    expect((await poll()).export_elapsed).toBe(first.export_elapsed + 3);
    const forced = await app.inject({ method: 'PUT', url: `/__admin/jobs/${id}/state`, payload: { phase: 'failed' } });
    expect(forced.statusCode, forced.body).toBe(200);
    expect((await poll()).export_status).toBe('failed');
  });

  it('moves scheduled → exporting → done as the clock advances, with the vendor units', async () => {
    const created = await createExport();
    expect(created).toMatchObject({
      export_status: 'scheduled',
      export_started_at: null,
      export_ended_at: null,
      export_elapsed: 0,
      export_file: null,
      app_id: APP,
    });
    expect(created.created_at).toBe(Date.parse('2025-04-08T12:00:00Z') / 1000);
    expect(created.export_id).toMatch(/^[0-9a-f]{15}$/);

    await advance(app, 10);
    const running = (await app.inject({ url: `${BASE}/${created.export_id}`, headers: TOKEN })).json();
    expect(running.export_status).toBe('exporting');
    expect(running.export_started_at).toBe(Date.parse('2025-04-08T12:00:05Z'));
    expect(running.export_elapsed).toBe(5);

    await advance(app, 60);
    const done = (await app.inject({ url: `${BASE}/${created.export_id}`, headers: TOKEN })).json();
    expect(done.export_status).toBe('done');
    expect(done.export_ended_at).toBe(Date.parse('2025-04-08T12:00:35Z'));
    expect(done.export_elapsed).toBe(30);
    expect(done.export_file.expires_at).toBe(Date.parse('2025-04-08T12:00:35Z') + 604800_000);
    const url = new URL(done.export_file.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('604800');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');

    const file = await download(app, done.export_file.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/zip');
    const entries = await unzip(file.rawPayload);
    const [name, json] = [...entries][0]!;
    expect(name).toBe('conversation_ai_agent_cx_2025-04-01_2025-04-07.json');
    const conversations = JSON.parse(json.toString('utf8'));
    expect(conversations.length).toBeGreaterThan(50);
  });
});

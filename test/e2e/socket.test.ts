/**
 * One flow over a real socket, as a client would run it: the server listens on a free port, links carry that port,
 * and fetch follows them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { unzip } from '../helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    parseConfig({ PORT: 0, CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, LOG_LEVEL: 'silent' }),
  );
});
afterAll(async () => {
  await server.close();
});

describe('over a real socket', () => {
  it('requests a Sendbird export, polls, advances the clock and downloads the ZIP from the signed link', async () => {
    const base = `${server.url}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`;
    const headers = { 'Api-Token': 'demo-sendbird-api-token', 'Content-Type': 'application/json' };
    const body = JSON.stringify({
      type: 'daily_analysis',
      ai_agent_id: 'ai_agent_cx',
      from: '2025-04-01',
      to: '2025-04-07',
      timezone: 'UTC',
      export_format: 'json',
    });
    const created = (await (await fetch(base, { method: 'POST', headers, body })).json()) as {
      export_status: string;
      export_id: string;
    };
    expect(created.export_status).toBe('scheduled');
    await fetch(`${server.url}/__admin/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 120 }),
    });
    const done = (await (await fetch(`${base}/${created.export_id}`, { headers })).json()) as {
      export_status: string;
      export_file: { url: string };
    };
    expect(done.export_status).toBe('done');
    expect(done.export_file.url.startsWith(`${server.url}/s3/`)).toBe(true);
    const file = await fetch(done.export_file.url);
    expect(file.status).toBe(200);
    const entries = await unzip(Buffer.from(await file.arrayBuffer()));
    const days = JSON.parse([...entries.values()][0]!.toString('utf8'));
    expect(days).toHaveLength(7);
  });
});

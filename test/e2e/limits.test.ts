import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { testApp } from '../helpers.js';
import { ENVELOPES, ROUTES } from '../robustness/routes.js';

describe('limits', () => {
  it('answers a body over 1 MiB with a 4xx in each vendor envelope', async () => {
    const app = await testApp();
    const huge = JSON.stringify({ pad: 'x'.repeat(1_100_000) });
    for (const route of ROUTES.filter((r) => r.method === 'POST')) {
      const res = await app.inject({
        method: 'POST',
        url: route.url,
        headers: { ...route.headers, 'content-type': 'application/json' },
        payload: huge,
      });
      expect(res.statusCode, route.vendor).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, route.vendor).toBeLessThan(500);
      expect(
        ENVELOPES[route.vendor]!(res.json(), String(res.headers['content-type'])),
        `${route.vendor}: ${res.body}`,
      ).toBe(true);
    }
    await app.close();
  });

  it('answers storage 503 SlowDown past MAX_CONCURRENT_DOWNLOADS, and serves again once a download ends', async () => {
    const server = await startServer(
      parseConfig({
        PORT: 0,
        LOG_LEVEL: 'silent',
        CLOCK_START: '2025-04-08T12:00:00Z',
        CLOCK_FROZEN: true,
        MAX_CONCURRENT_DOWNLOADS: 1,
        WORLD_DAILY_VOLUME: 2000,
      }),
    );
    try {
      const base = `${server.url}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`;
      const headers = { 'api-token': 'demo-sendbird-api-token', 'content-type': 'application/json' };
      const created = (await (
        await fetch(base, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            type: 'conversation',
            ai_agent_id: 'ai_agent_cx',
            from: '2025-04-07',
            to: '2025-04-07',
            timezone: 'UTC',
            export_format: 'json',
          }),
        })
      ).json()) as { export_id: string };
      await fetch(`${server.url}/__admin/clock/advance`, { method: 'POST', headers, body: '{"seconds":60}' });
      let url = '';
      for (let i = 0; i < 100 && !url; i++) {
        const d = (await (await fetch(`${base}/${created.export_id}`, { headers })).json()) as {
          export_file: { url: string } | null;
        };
        if (d.export_file) url = d.export_file.url;
        else await new Promise((r) => setTimeout(r, 100));
      }
      // Hold one download open without reading it.
      const held = await new Promise<import('node:http').IncomingMessage>((resolve) =>
        get(url, { agent: false }, (res) => (res.pause(), resolve(res))),
      );
      const second = await fetch(url);
      expect(second.status).toBe(503);
      expect(await second.text()).toContain('<Code>SlowDown</Code>');
      held.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

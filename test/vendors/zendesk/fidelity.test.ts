/** Where a real Zendesk client met a different API than the vendor's (fidelity issue): each case failed before. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { EU, filesOf, HEADERS, PATH, signedUrls, US_HEADERS, YESTERDAY } from './zendesk.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const NEW_PATH = `/ai-agents/api${PATH}`;

describe('Zendesk fidelity', () => {
  it('serves the newer host form {subdomain}.zendesk.com/ai-agents/api/… by Host and under /zendesk, region from the organization', async () => {
    const classic = await signedUrls(app, { date: YESTERDAY });
    expect(classic.statusCode).toBe(200);
    const byHost = await app.inject({
      method: 'POST',
      url: NEW_PATH,
      headers: { ...HEADERS, host: 'acme.zendesk.com' },
      payload: { date: YESTERDAY },
    });
    expect(byHost.statusCode, byHost.body).toBe(200);
    expect(byHost.json()).toEqual(classic.json());
    const byPrefix = await app.inject({
      method: 'POST',
      url: `/zendesk${NEW_PATH}`,
      headers: US_HEADERS,
      payload: { date: YESTERDAY },
    });
    expect(byPrefix.statusCode, byPrefix.body).toBe(200);
    expect(byPrefix.json().urls[0]).toContain('/gcs/production-us-ultimateai-backend-data-export/');
    const unknown = await app.inject({
      method: 'POST',
      url: `/zendesk${NEW_PATH}`,
      headers: { ...HEADERS, organizationid: 'ffffffffffffffffffffffff' },
      payload: { date: YESTERDAY },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('treats "ttl": null as absent (one day)', async () => {
    const res = await signedUrls(app, { date: YESTERDAY, ttl: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(new URL(res.json().urls[0]).searchParams.get('X-Goog-Expires')).toBe(String(1440 * 60));
  });

  it("answers an unknown route with the vendor's path and NestJS's plain wording", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/zendesk/eu/data-export/v2/get-signed-urls',
      headers: HEADERS,
      payload: { date: YESTERDAY },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot POST /data-export/v2/get-signed-urls',
    });
    const viaHost = await app.inject({ method: 'GET', url: '/nope?x=1', headers: { host: 'api.ultimate.ai' } });
    expect(viaHost.json().message).toBe('Cannot GET /nope');
  });

  it('accepts a trailing slash on get-signed-urls, as Express routing does by default', async () => {
    const res = await app.inject({ method: 'POST', url: `${EU}/`, headers: HEADERS, payload: { date: YESTERDAY } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('writes channel "chat" or "email", as the documented example row does', async () => {
    const files = await filesOf(app, YESTERDAY);
    const channels = new Set(
      files.flatMap((f) => f.toString('utf8').trim().split('\n')).map((line) => JSON.parse(line).channel),
    );
    expect([...channels].sort()).toEqual(['chat', 'email']);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { APP, BODY, TOKEN } from './sendbird.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('Sendbird routing by Host', () => {
  it('serves /v3/... without the prefix when Host is the vendor host api-{app_id}.sendbird.com', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v3/ai_agent/data_exports',
      headers: { ...TOKEN, host: `api-${APP}.sendbird.com` },
      payload: BODY,
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().export_id;
    const viaPrefix = await app.inject({ url: `/sendbird/${APP}/v3/ai_agent/data_exports/${id}`, headers: TOKEN });
    expect(viaPrefix.json().export_id).toBe(id);
    const viaHost = await app.inject({
      url: `/v3/ai_agent/data_exports/${id}?x=1`,
      headers: { ...TOKEN, host: `API-${APP.toLowerCase()}.sendbird.com:443` },
    });
    expect(viaHost.statusCode).toBe(200);
  });

  it('answers an unknown app on the vendor host with 400304', async () => {
    const res = await app.inject({
      url: '/v3/ai_agent/data_exports',
      headers: { ...TOKEN, host: 'api-someoneelse.sendbird.com' },
    });
    expect(res.json()).toMatchObject({ error: true, code: 400304 });
  });

  it('does not rewrite other hosts', async () => {
    const res = await app.inject({ url: '/v3/ai_agent/data_exports', headers: { ...TOKEN, host: 'localhost:4010' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });
});

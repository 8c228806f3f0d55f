import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('control plane', () => {
  it('reports health', async () => {
    const res = await app.inject({ url: '/__admin/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', vendors: expect.arrayContaining(['sendbird']) });
  });

  it('reads, sets, advances and resets the clock', async () => {
    expect((await app.inject({ url: '/__admin/clock' })).json()).toEqual({
      now: '2025-04-08T12:00:00.000Z',
      frozen: true,
    });
    const set = await app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now: '2025-05-01T00:00:00Z' } });
    expect(set.json()).toEqual({ now: '2025-05-01T00:00:00.000Z', frozen: true });
    const adv = await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 90.5 } });
    expect(adv.json()).toEqual({ now: '2025-05-01T00:01:30.500Z', frozen: true });
    const reset = await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    expect(reset.json()).toEqual({ status: 'reset', clock: { now: '2025-04-08T12:00:00.000Z', frozen: true } });
  });

  it('unfreezes the clock on request', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/__admin/clock',
      payload: { now: '2025-05-01T00:00:00Z', frozen: false },
    });
    expect(res.json().frozen).toBe(false);
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
  });

  it('rejects a bad clock body with a JSON error, not a Fastify default body', async () => {
    for (const payload of [{ now: 'tomorrow' }, { seconds: 'ten' }, {}]) {
      const res = await app.inject({ method: 'PUT', url: '/__admin/clock', payload });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json()).sort()).toEqual(['error', 'message']);
    }
    const bad = await app.inject({
      method: 'POST',
      url: '/__admin/clock/advance',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(bad.json()).toEqual({ error: 'invalid_json', message: 'The request body must be valid JSON.' });
  });

  it('lists the demo tenants of every vendor', async () => {
    const res = await app.inject({ url: '/__admin/tenants' });
    const sendbird = res.json().sendbird;
    expect(sendbird.tenants[0]).toMatchObject({
      app_id: 'a245389gje349rt3429992Op',
      api_tokens: ['demo-sendbird-api-token'],
    });
    expect(sendbird.base_urls.a245389gje349rt3429992Op).toBe(
      'http://mock.test:4010/sendbird/a245389gje349rt3429992Op/v3',
    );
  });

  it('serves Swagger UI at /docs, offline', async () => {
    const res = await app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
    expect(res.body).not.toMatch(/https?:\/\//);
    const bundle = await app.inject({ url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.rawPayload.length).toBeGreaterThan(100_000);
    const init = await app.inject({ url: '/docs/init.js' });
    expect(init.body).toContain('/openapi/sendbird.json');
    expect(init.body).toContain('/openapi/admin.json');
    expect((await app.inject({ url: '/docs/static/..%2Fpackage.json' })).statusCode).toBe(404);
  });
});

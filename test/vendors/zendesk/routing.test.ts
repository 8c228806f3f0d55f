import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { BOT, EU, HEADERS, ORG, PATH, US, US_HEADERS, YESTERDAY } from './zendesk.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const post = (url: string, headers: Record<string, string>, host?: string) =>
  app.inject({ method: 'POST', url, headers: { ...headers, ...(host ? { host } : {}) }, payload: { date: YESTERDAY } });

describe('Zendesk regions and hosts', () => {
  it('serves the EU organization under /zendesk/eu and the US one under /zendesk/us', async () => {
    const eu = await post(EU, HEADERS);
    expect(eu.statusCode).toBe(200);
    expect(eu.json().urls[0]).toContain('/gcs/production-eu-ultimateai-backend-data-export/');
    const us = await post(US, US_HEADERS);
    expect(us.statusCode).toBe(200);
    expect(us.json().urls[0]).toContain('/gcs/production-us-ultimateai-backend-data-export/');
  });

  it('serves the path without prefix when Host is api.ultimate.ai (EU) or api.us.ultimate.ai (US), in any case and with a port', async () => {
    const viaPrefix = (await post(EU, HEADERS)).json();
    const viaHost = await post(PATH, HEADERS, 'API.Ultimate.AI');
    expect(viaHost.statusCode).toBe(200);
    expect(viaHost.json()).toEqual(viaPrefix);
    expect((await post(PATH, HEADERS, 'api.ultimate.ai:443')).statusCode).toBe(200);
    expect((await post(PATH, US_HEADERS, 'api.us.ultimate.ai')).statusCode).toBe(200);
  });

  it("answers an organization on the other region's endpoint exactly as an unknown organization", async () => {
    const unknownId = 'ffffffffffffffffffffffff';
    const cases = [
      { res: await post(US, HEADERS), unknown: await post(US, { ...HEADERS, organizationid: unknownId }), id: ORG },
      {
        res: await post(PATH, HEADERS, 'api.us.ultimate.ai'),
        unknown: await post(US, { ...HEADERS, organizationid: unknownId }),
        id: ORG,
      },
      {
        res: await post(PATH, US_HEADERS, 'api.ultimate.ai'),
        unknown: await post(EU, { ...US_HEADERS, organizationid: unknownId }),
        id: US_HEADERS.organizationid,
      },
    ];
    for (const { res, unknown, id } of cases) {
      expect(res.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(res.json()).toEqual({ ...unknown.json(), message: unknown.json().message.replace(unknownId, id) });
    }
  });

  it('does not rewrite other hosts', async () => {
    const res = await post(PATH, HEADERS, 'ultimate.ai.example.com');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });

  it("answers unknown routes, methods and regions with the vendor's 404, never Fastify's", async () => {
    const cases = [
      app.inject({ method: 'GET', url: EU, headers: HEADERS }),
      app.inject({ method: 'POST', url: `/zendesk/ap${PATH}`, headers: HEADERS, payload: { date: YESTERDAY } }),
      app.inject({
        method: 'POST',
        url: '/zendesk/eu/data-export/v2/get-signed-urls',
        headers: HEADERS,
        payload: { date: YESTERDAY },
      }),
      app.inject({ method: 'GET', url: '/nope', headers: { host: 'api.ultimate.ai' } }),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
      expect(body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(body.message).toMatch(/^Cannot (GET|POST) \//);
    }
  });

  it('lists the organizations and base URLs under /__admin/tenants', async () => {
    const res = (await app.inject({ url: '/__admin/tenants' })).json();
    expect(res.zendesk.base_urls).toEqual({
      eu: 'http://mock.test:4010/zendesk/eu',
      us: 'http://mock.test:4010/zendesk/us',
    });
    expect(res.zendesk.tenants[0]).toMatchObject({ organization_id: ORG, region: 'eu', bots: [{ bot_id: BOT }] });
  });

  it("renders a scenario's 429 in the vendor's envelope with Retry-After", async () => {
    const limited = await testApp({ SCENARIO: 'rate-limited' });
    try {
      const res = await limited.inject({ method: 'POST', url: EU, headers: HEADERS, payload: { date: YESTERDAY } });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too Many Requests' });
    } finally {
      await limited.close();
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { BOT, HEADERS, KEY, ORG, signedUrls, US_BOT, YESTERDAY } from './zendesk.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

async function expect401(headers: Record<string, string>, message: RegExp) {
  const res = await signedUrls(app, { date: YESTERDAY }, { headers });
  expect(res.statusCode).toBe(401);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  expect(body.message).toMatch(message);
}

const without = (name: keyof typeof HEADERS) => Object.fromEntries(Object.entries(HEADERS).filter(([k]) => k !== name));

describe('Zendesk authentication', () => {
  it('accepts the bare API key with headers in any case (organizationId, botId)', async () => {
    const res = await signedUrls(
      app,
      { date: YESTERDAY },
      { headers: { Authorization: KEY, organizationId: ORG, BotId: BOT } },
    );
    expect(res.statusCode).toBe(200);
  });

  it('rejects a request without each of the three headers, naming it', async () => {
    await expect401(without('authorization'), /Missing "authorization" header/);
    await expect401(without('organizationid'), /Missing "organizationId" header/);
    await expect401(without('botid'), /Missing "botId" header/);
    await expect401({ ...HEADERS, authorization: '  ' }, /Missing "authorization" header/);
  });

  it('rejects a wrong key', async () => {
    await expect401(
      { ...HEADERS, authorization: 'demo-zendesk-us-api-key' },
      /Invalid API key for organization "77m57af6811115b53172431s"/,
    );
  });

  it('rejects "Bearer <key>" and says the bare key is expected', async () => {
    await expect401({ ...HEADERS, authorization: `Bearer ${KEY}` }, /bare API key, without the "Bearer " prefix/);
    await expect401({ ...HEADERS, authorization: `bearer ${KEY}` }, /bare API key/);
  });

  it('rejects an unknown organization', async () => {
    await expect401(
      { ...HEADERS, organizationid: '000000000000000000000000' },
      /Unknown organization "000000000000000000000000" on api\.ultimate\.ai/,
    );
  });

  it('rejects a bot of another organization (or no organization) with 401, like a key that may not read it', async () => {
    await expect401(
      { ...HEADERS, botid: US_BOT },
      /Bot "5f0e9d8c7b6a594837261504" does not belong to organization "77m57af6811115b53172431s"/,
    );
    await expect401({ ...HEADERS, botid: 'nope' }, /does not belong/);
  });

  it('checks credentials before the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/zendesk/eu/data-export/v3/get-signed-urls',
      headers: { 'content-type': 'application/json' },
      payload: '{bad json',
    });
    expect(res.statusCode).toBe(401);
  });
});

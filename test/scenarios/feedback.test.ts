/** X-Mock-Scenario tells the test author what it did: unknown names are refused, applied scenarios are named. */

import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';
import { BASE, BODY, TOKEN } from '../vendors/sendbird/sendbird.js';
import { EU, HEADERS, YESTERDAY } from '../vendors/zendesk/zendesk.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

describe('scenario feedback', () => {
  it("answers an unknown X-Mock-Scenario with 400 in the vendor's envelope, listing the valid names", async () => {
    const res = await app.inject({ url: BASE, headers: { ...TOKEN, 'x-mock-scenario': 'no-such-thing' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: true, code: 400111 });
    expect(res.json().message).toMatch(/X-Mock-Scenario: unknown scenario "no-such-thing".*job-failed.*rate-limited/);
    const zendesk = await app.inject({
      method: 'POST',
      url: EU,
      headers: { ...HEADERS, 'x-mock-scenario': 'job-failed, nope' },
      payload: { date: YESTERDAY },
    });
    expect(zendesk.statusCode).toBe(400);
    expect(zendesk.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(zendesk.json().message).toContain('"nope"');
  });

  it('names the scenarios that changed a response in X-Mock-Scenario-Applied, and nothing on an untouched one', async () => {
    const plain = await app.inject({ url: BASE, headers: TOKEN });
    expect(plain.headers['x-mock-scenario-applied']).toBeUndefined();
    const failed = await app.inject({
      method: 'POST',
      url: BASE,
      headers: { ...TOKEN, 'x-mock-scenario': 'job-failed' },
      payload: BODY,
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.headers['x-mock-scenario-applied']).toBe('job-failed');
    const limited = await app.inject({ url: BASE, headers: { ...TOKEN, 'x-mock-scenario': 'rate-limited' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['x-mock-scenario-applied']).toBe('rate-limited');
  });

  it('applies a header preset even when the installed preset of the same name is used up', async () => {
    await app.inject({ method: 'POST', url: '/__admin/presets/rate-limited', payload: {} });
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(429);
    expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(200);
    const asked = await app.inject({ url: BASE, headers: { ...TOKEN, 'x-mock-scenario': 'rate-limited' } });
    expect(asked.statusCode).toBe(429);
  });
});

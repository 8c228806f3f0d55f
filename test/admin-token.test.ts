import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { banner, startServer } from '../src/server.js';
import { testApp } from './helpers.js';

const TOKEN = 'an-admin-token-for-tests-0123';

describe('ADMIN_TOKEN', () => {
  it('makes every /__admin route refuse a missing or wrong token and accept the right one; vendor routes are untouched', async () => {
    const app = await testApp({ ADMIN_TOKEN: TOKEN });
    for (const [method, url] of [
      ['GET', '/__admin/health'],
      ['GET', '/__admin/clock'],
      ['POST', '/__admin/reset'],
      ['GET', '/__admin/requests'],
      ['GET', '/__admin/jobs'],
    ] as const) {
      const missing = await app.inject({ method, url });
      expect(missing.statusCode, url).toBe(401);
      expect(missing.json().error).toBe('unauthorized');
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      expect((await app.inject({ method, url, headers: { authorization: `Bearer ${TOKEN}x` } })).statusCode).toBe(401);
      expect((await app.inject({ method, url, headers: { authorization: TOKEN } })).statusCode).toBe(401);
    }
    expect(
      (await app.inject({ url: '/__admin/health', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode,
    ).toBe(200);
    const vendor = await app.inject({
      url: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports',
      headers: { 'api-token': 'demo-sendbird-api-token' },
    });
    expect(vendor.statusCode).toBe(200);
    await app.close();
  });

  it('rejects a token shorter than 16 characters', () => {
    expect(() => parseConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN/);
  });

  it('warns at start-up when HOST is not loopback and no token is set', async () => {
    const open = await startServer(parseConfig({ PORT: 0, HOST: '0.0.0.0', LOG_LEVEL: 'silent' }));
    expect(banner(open)).toMatch(/WARNING: HOST is 0\.0\.0\.0 and ADMIN_TOKEN is not set/);
    await open.close();
    const local = await startServer(parseConfig({ PORT: 0, LOG_LEVEL: 'silent' }));
    expect(banner(local)).not.toMatch(/WARNING/);
    await local.close();
  });
});

/** CORS_ORIGINS (adoption issue): browser clients may call vendor routes and downloads, never the control plane. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { advance, download, testApp } from '../../helpers.js';
import { BASE, BODY, create, details, TOKEN } from '../../vendors/sendbird/sendbird.js';

const PAGE = 'http://localhost:3000';
const preflight = (url: string, origin = PAGE) => ({
  method: 'OPTIONS' as const,
  url,
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'api-token, content-type',
  },
});

describe('CORS for browser clients', () => {
  it('is off by default: no Access-Control-* header anywhere', async () => {
    const app = await testApp();
    const res = await app.inject({ url: BASE, headers: { ...TOKEN, origin: PAGE } });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('answers a preflight on a vendor route and counts it as no request', async () => {
    const app = await testApp({ CORS_ORIGINS: `${PAGE}, https://other.example` });
    const res = await app.inject(preflight(BASE));
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-allow-headers': 'api-token, content-type',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Headers',
    });
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    const journal = (await app.inject({ url: '/__admin/requests' })).json();
    expect(journal.requests ?? journal).toHaveLength(0);
  });

  it('lets an allowed page read a vendor answer and a download, and gives another origin nothing', async () => {
    const app = await testApp({ CORS_ORIGINS: PAGE });
    const created = await app.inject({ method: 'POST', url: BASE, headers: { ...TOKEN, origin: PAGE }, payload: BODY });
    expect(created.statusCode).toBe(200);
    expect(created.headers['access-control-allow-origin']).toBe(PAGE);
    expect(created.headers['access-control-expose-headers']).toBe('*');
    expect(created.headers.vary).toContain('Origin');
    const foreign = await app.inject({ url: BASE, headers: { ...TOKEN, origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers.vary).toContain('Origin');
    // A refusal in the vendor's own envelope is readable too (the page must see why).
    const refused = await app.inject({ url: BASE, headers: { origin: PAGE } });
    expect(refused.statusCode).toBe(400); // Sendbird's answer to a missing Api-Token
    expect(refused.headers['access-control-allow-origin']).toBe(PAGE);

    const { export_id } = await create(app);
    await advance(app, 3600);
    const done = await details(app, export_id);
    const file = await download(app, done.export_file.url, { origin: PAGE });
    expect(file.statusCode).toBe(200);
    expect(file.headers['access-control-allow-origin']).toBe(PAGE);
  });

  it('never gives the control plane or the dashboard an Access-Control-* header, even with *', async () => {
    const app = await testApp({ CORS_ORIGINS: '*' });
    for (const url of ['/__admin/reset', '/__admin/clock', '/__admin/requests', '/', '/__dashboard/app.js']) {
      const res = await app.inject(preflight(url));
      expect(res.statusCode, url).not.toBe(204);
      expect(
        Object.keys(res.headers).filter((h) => h.startsWith('access-control-')),
        url,
      ).toEqual([]);
    }
    const read = await app.inject({ url: '/__admin/clock', headers: { origin: PAGE } });
    expect(read.statusCode).toBe(403);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    // A vendor route answers any origin with *.
    expect((await app.inject(preflight(BASE, 'https://any.example'))).headers['access-control-allow-origin']).toBe(
      'https://any.example',
    );
  });

  it('refuses a CORS_ORIGINS entry that is not an origin', () => {
    expect(() => parseConfig({ CORS_ORIGINS: 'localhost:3000' })).toThrow(ConfigError);
    expect(() => parseConfig({ CORS_ORIGINS: 'http://localhost:3000/app' })).toThrow(/^CORS_ORIGINS: expected origins/);
    expect(parseConfig({ CORS_ORIGINS: 'http://localhost:3000/, *' }).CORS_ORIGINS).toEqual([
      'http://localhost:3000',
      '*',
    ]);
  });
});

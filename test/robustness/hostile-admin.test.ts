/**
 * Hostile and unlucky control-plane input answers a 4xx naming the field, never a 500, and leaves the server whole:
 * a clock moved to an absurd instant, preset names that are Object.prototype members, a start-up SCENARIO that is one.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { testApp } from '../helpers.js';
import { create } from '../vendors/sendbird/sendbird.js';

describe('the virtual clock stays within sane instants', () => {
  it('refuses to advance past 9999 or before 1970 with a 400 naming the field, and keeps serving', async () => {
    const app = await testApp();
    for (const seconds of [1e13, -1e13, 1e300, 253_402_300_800, -1_744_113_601]) {
      const res = await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds } });
      expect(res.statusCode, String(seconds)).toBe(400);
      expect(res.json().error).toBe('invalid_request');
      expect(res.json().message).toMatch(/^seconds: /);
    }
    expect((await app.inject({ url: '/__admin/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/__admin/clock' })).json().now).toBe('2025-04-08T12:00:00.000Z');
    expect((await create(app)).export_id).toBeTruthy();
    await app.close();
  });

  it('accepts the edges of the range and refuses instants outside it when the clock is set', async () => {
    const app = await testApp();
    expect(
      (await app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now: '9999-12-31T23:00:00Z' } })).statusCode,
    ).toBe(200);
    const past = await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 7200 } });
    expect(past.statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 3599 } })).statusCode,
    ).toBe(200);
    expect((await app.inject({ url: '/__admin/health' })).statusCode).toBe(200);
    const before = await app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now: '1969-12-31T23:59:59Z' } });
    expect(before.statusCode).toBe(400);
    expect(before.json().message).toMatch(/^now: /);
    expect(
      (await app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now: '1970-01-01T00:00:00Z' } })).statusCode,
    ).toBe(200);
    await app.close();
  });
});

describe('presets are looked up as own properties', () => {
  const members = [
    '__proto__',
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    '__defineGetter__',
  ];

  it('answers 404 for preset names that are Object.prototype members', async () => {
    const app = await testApp();
    for (const name of members) {
      const res = await app.inject({ method: 'POST', url: `/__admin/presets/${name}`, payload: {} });
      expect(res.statusCode, name).toBe(404);
      expect(res.json().error).toBe('not_found');
    }
    expect((await app.inject({ url: '/__admin/scenarios' })).json().scenarios).toEqual([]);
    expect((await app.inject({ method: 'POST', url: '/__admin/presets/job-failed', payload: {} })).statusCode).toBe(
      200,
    );
    await app.close();
  });

  it('refuses SCENARIO=<prototype member> at start with the ConfigError naming the setting', async () => {
    for (const name of members) {
      const started = testApp({ SCENARIO: name });
      await expect(started, name).rejects.toBeInstanceOf(ConfigError);
      await expect(testApp({ SCENARIO: name })).rejects.toThrow(/^SCENARIO: unknown preset/);
    }
  });
});

describe('control-plane bodies of any nesting depth', () => {
  it('answer 400 invalid_json past 64 levels on every admin write, before any schema sees the body', async () => {
    const app = await testApp();
    const deep = (n: number) => `{"name":"x","match":{"fields":{"a":${'['.repeat(n)}1${']'.repeat(n)}}}}`;
    const writes: Array<[string, string]> = [
      ['POST', '/__admin/scenarios'],
      ['PUT', '/__admin/clock'],
      ['POST', '/__admin/clock/advance'],
      ['POST', '/__admin/requests/wait'],
      ['PUT', '/__admin/rate-limits'],
    ];
    for (const [method, url] of writes) {
      for (const depth of [100, 5_000, 50_000]) {
        const res = await app.inject({
          method: method as 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          payload: deep(depth),
        });
        expect(res.statusCode, `${method} ${url} ${depth}`).toBe(400);
        expect(res.json().error).toBe('invalid_json');
      }
    }
    expect((await app.inject({ url: '/__admin/scenarios' })).json().scenarios).toEqual([]);
    await app.close();
  });
});

/**
 * The attack suite: what a hostile web page, a curious client or an unlucky operator can send, and what must hold.
 * Each case was a real hole on an earlier main (see the firm-ground issue): encoded control-plane paths, cross-site
 * and DNS-rebinding requests, and journal poisoning.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';
import { APP, BASE, create, TOKEN } from '../vendors/sendbird/sendbird.js';

const ADMIN_TOKEN = 'an-admin-token-for-attack-tests';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Sends a raw request over a real socket, path bytes exactly as given (no client-side normalization). */
async function raw(
  app: FastifyInstance,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: address.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('encoded paths reach the same decisions as the router', () => {
  const encodedAdmin = [
    '/%5F%5Fadmin/tenants',
    '/_%5Fadmin/tenants',
    '/__admi%6E/tenants',
    '/%5f%5fADMIN/tenants'.replace('ADMIN', 'admin'),
  ];

  it('refuses every percent-encoded spelling of /__admin without the token', async () => {
    const app = await testApp({ ADMIN_TOKEN });
    await app.listen({ port: 0, host: '127.0.0.1' });
    for (const path of encodedAdmin) {
      const res = await raw(app, 'GET', path);
      expect(res.status, path).toBe(401);
      expect(res.body).not.toContain('demo-sendbird-api-token');
    }
    const reset = await raw(app, 'POST', '/_%5Fadmin/reset', { 'content-type': 'application/json' }, '{}');
    expect(reset.status).toBe(401);
    await app.close();
  });

  it('journals, rate-limits and applies scenarios to an encoded vendor path like the plain one', async () => {
    const app = await testApp({ RATE_LIMITS: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const encoded = BASE.replace('/sendbird/', '/%73endbird/');
    const res = await raw(app, 'GET', encoded, TOKEN);
    expect(res.status).toBe(200);
    const journal = (await app.inject({ url: '/__admin/requests' })).json().requests;
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ vendor: 'sendbird', tenant: APP, path: BASE });

    const scenario = await raw(app, 'GET', encoded, { ...TOKEN, 'x-mock-scenario': 'rate-limited' });
    expect(scenario.status).toBe(429);
    // Sendbird's documented GET limit (10 per second on a free trial) counts the encoded spelling too.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await raw(app, 'GET', encoded, TOKEN)).status);
    expect(statuses).toContain(429);
    await app.close();
  });
});

describe('the control plane refuses cross-site and rebinding requests', () => {
  it('refuses a state-changing POST that a web page could send without a preflight', async () => {
    const app = await testApp();
    await create(app);
    for (const headers of [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/__admin/reset',
        headers,
        payload: headers['content-type'] ? 'x' : undefined,
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(415);
      expect(res.json().error).toBe('json_required');
      const preset = await app.inject({ method: 'POST', url: '/__admin/presets/job-failed', headers });
      expect(preset.statusCode).toBe(415);
    }
    expect((await app.inject({ url: '/__admin/jobs' })).json().jobs).toHaveLength(1);
    expect((await app.inject({ url: '/__admin/scenarios' })).json().scenarios).toHaveLength(0);
    // JSON (even an empty body) or a bearer header cannot be sent cross-site without a preflight: accepted.
    expect(
      (await app.inject({ method: 'POST', url: '/__admin/reset', headers: { 'content-type': 'application/json' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/__admin/presets/job-failed', headers: { authorization: 'Bearer x' } }))
        .statusCode,
    ).toBe(200);
    await app.close();
  });

  it('refuses a foreign Origin on the control plane and accepts its own', async () => {
    const app = await testApp();
    const evil = await app.inject({
      method: 'POST',
      url: '/__admin/reset',
      headers: { origin: 'http://evil.example' },
      payload: {},
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error).toBe('forbidden_origin');
    expect(
      (await app.inject({ method: 'POST', url: '/__admin/reset', headers: { origin: 'null' }, payload: {} }))
        .statusCode,
    ).toBe(403);
    const own = await app.inject({
      method: 'POST',
      url: '/__admin/reset',
      headers: { host: 'localhost:4010', origin: 'http://localhost:4010' },
      payload: {},
    });
    expect(own.statusCode).toBe(200);
    await app.close();
  });

  it('checks Host against loopback names, IP literals, PUBLIC_URL and ALLOWED_HOSTS (DNS rebinding)', async () => {
    const app = await testApp({ ALLOWED_HOSTS: 'mock.internal,.corp.example' });
    const status = async (host: string, url = '/__admin/tenants') =>
      (await app.inject({ url, headers: { host } })).statusCode;
    expect(await status('evil.example')).toBe(403);
    expect(await status('evil.example:4010')).toBe(403);
    expect(await status('localhost.evil.example')).toBe(403);
    expect(await status('evil.example', '/')).toBe(403);
    const body = (await app.inject({ url: '/__admin/tenants', headers: { host: 'evil.example' } })).json();
    expect(body.error).toBe('forbidden_host');
    for (const ok of [
      'localhost:4010',
      'localhost',
      '127.0.0.1:4010',
      '[::1]:4010',
      '10.1.2.3',
      'mock.test:4010',
      'mock.internal:80',
      'ci.corp.example',
      'app.localhost',
    ]) {
      expect(await status(ok), ok).toBe(200);
    }
    // Vendor routes keep answering on the vendor's own host names.
    const vendor = await app.inject({
      url: '/v3/ai_agent/data_exports',
      headers: { host: `api-${APP}.sendbird.com`, ...TOKEN },
    });
    expect(vendor.statusCode).toBe(200);
    await app.close();
  });

  it('ALLOWED_HOSTS=* turns the Host check off', async () => {
    const app = await testApp({ ALLOWED_HOSTS: '*' });
    expect((await app.inject({ url: '/__admin/tenants', headers: { host: 'evil.example' } })).statusCode).toBe(200);
    await app.close();
  });
});

describe('the journal cannot be poisoned', () => {
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const deepArray = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;

  it('answers GET /__admin/requests after deeply nested bodies on unknown vendor paths', async () => {
    const app = await testApp();
    for (const body of [deep(2500), deepArray(6000), deep(20_000)]) {
      await app.inject({
        method: 'POST',
        url: `${BASE}/unknown`,
        headers: { ...TOKEN, 'content-type': 'application/json' },
        payload: body,
      });
    }
    const res = await app.inject({ url: '/__admin/requests' });
    expect(res.statusCode).toBe(200);
    const entries = res.json().requests;
    expect(entries).toHaveLength(3);
    expect(typeof entries[0].body).toBe('string');
    await app.close();
  });

  it('keeps saving state with DATA_DIR: jobs created after the poison survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aem-attack-'));
    dirs.push(dir);
    const first = await testApp({ DATA_DIR: dir });
    await first.inject({
      method: 'POST',
      url: `${BASE}/unknown`,
      headers: { ...TOKEN, 'content-type': 'application/json' },
      payload: deepArray(6000),
    });
    const job = await create(first);
    await first.close();
    const second = await testApp({ DATA_DIR: dir });
    const ids = (await second.inject({ url: '/__admin/jobs' })).json().jobs.map((j: { id: string }) => j.id);
    expect(ids).toContain(job.export_id);
    expect((await second.inject({ url: '/__admin/requests' })).statusCode).toBe(200);
    await second.close();
  });
});

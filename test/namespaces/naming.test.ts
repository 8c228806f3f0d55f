/** How a namespace is named: prefix or header (the same namespace), valid names only, a bounded number of them. */
import { describe, expect, it } from 'vitest';
import { realElapsed } from '../../src/core/clock.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { HOST, testApp } from '../helpers.js';
import { runFlow, SMALL_WORLD } from './flow.js';
import { injectTransport } from './transport.js';

const vendor = VENDORS.find((v) => v.dashboard?.flow.poll)!;

describe('naming a namespace', () => {
  it('by header or by prefix reaches the same namespace', async () => {
    const app = await testApp(SMALL_WORLD);
    const byHeader = injectTransport(app, 'shared', 'header');
    const byPrefix = injectTransport(app, 'shared', 'prefix');
    const result = await runFlow(vendor, byHeader);
    // Links minted for a header client carry the prefix: a storage client cannot add a header.
    for (const link of result.links) expect(link).toContain('/ns/shared/');
    const jobs = (await byPrefix.send('GET', '/__admin/jobs')).json() as { jobs: Array<{ id: string }> };
    expect(jobs.jobs.map((j) => j.id)).toEqual([result.jobId]);
    const journal = (await byPrefix.send('GET', '/__admin/requests')).json() as { requests: unknown[] };
    expect(journal.requests).toHaveLength(result.sent);
    expect((await app.inject({ url: '/__admin/jobs' })).json().jobs).toEqual([]);
  });

  it('refuses an invalid name with a clear error, by prefix and by header', async () => {
    const app = await testApp(SMALL_WORLD);
    for (const name of ['Upper', '-dash-first', 'a'.repeat(64), 'sp%20ace', '']) {
      for (const res of [
        await app.inject({ url: `/ns/${name}${vendor.prefix}/x`, headers: { host: HOST } }),
        await app.inject({ url: `/__admin/ns/${name}/clock`, headers: { host: HOST } }),
      ]) {
        expect(res.statusCode, name).toBe(400);
        expect(res.json().error).toBe('invalid_namespace');
      }
    }
    const res = await app.inject({ url: '/__admin/clock', headers: { host: HOST, 'x-mock-namespace': 'No!' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_namespace' });
    expect(app.namespaces.all()).toEqual([]);
  });

  it('bounds the number of namespaces (MAX_NAMESPACES) and frees idle ones (NAMESPACE_IDLE_SECONDS)', async () => {
    const app = await testApp({ ...SMALL_WORLD, MAX_NAMESPACES: 2, NAMESPACE_IDLE_SECONDS: 60 });
    const clock = (name: string) => app.inject({ url: `/__admin/ns/${name}/clock`, headers: { host: HOST } });
    expect((await clock('one')).statusCode).toBe(200);
    expect((await clock('two')).statusCode).toBe(200);
    const refused = await clock('three');
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toBe('too_many_namespaces');
    // A known one still answers.
    expect((await clock('one')).statusCode).toBe(200);
    expect(app.namespaces.expireIdle(realElapsed() + 61_000).sort()).toEqual(['one', 'two']);
    expect((await clock('three')).statusCode).toBe(200);
  });

  it('forgets an idle namespace: its next use starts afresh', async () => {
    const app = await testApp({ ...SMALL_WORLD, NAMESPACE_IDLE_SECONDS: 60 });
    const t = injectTransport(app, 'idle', 'prefix');
    await runFlow(vendor, t);
    const jobs = async () => ((await t.send('GET', '/__admin/jobs')).json() as { jobs: unknown[] }).jobs;
    expect(await jobs()).toHaveLength(1);
    expect(app.namespaces.expireIdle(realElapsed() + 30_000)).toEqual([]);
    expect(app.namespaces.expireIdle(realElapsed() + 61_000)).toEqual(['idle']);
    expect(await jobs()).toEqual([]);
    expect(((await t.send('GET', '/__admin/clock')).json() as { now: string }).now).toBe('2025-04-08T12:00:00.000Z');
  });

  it('keeps the control-plane guard on every namespaced admin route', async () => {
    const token = 'namespace-admin-token-0123';
    const app = await testApp({ ...SMALL_WORLD, ADMIN_TOKEN: token });
    const reset = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/__admin/ns/guarded/reset',
        headers: { host: HOST, ...headers },
        payload: {},
      });
    expect((await reset({})).statusCode).toBe(401);
    expect(app.namespaces.all()).toEqual([]);
    expect((await reset({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
    const list = await app.inject({ url: '/__admin/namespaces', headers: { host: HOST } });
    expect(list.statusCode).toBe(401);
    const listed = await app.inject({
      url: '/__admin/namespaces',
      headers: { host: HOST, authorization: `Bearer ${token}` },
    });
    expect(listed.json().namespaces.map((n: { name: string }) => n.name)).toEqual(['guarded']);
  });

  it('refuses a namespaced control-plane form post, as on the default control plane', async () => {
    const app = await testApp(SMALL_WORLD);
    const form = await app.inject({
      method: 'POST',
      url: '/__admin/ns/guarded/reset',
      headers: { host: HOST, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(form.statusCode).toBe(415);
  });

  it('answers the tenants of a namespace with base URLs carrying its prefix', async () => {
    const app = await testApp(SMALL_WORLD);
    const tenants = (await app.inject({ url: '/__admin/ns/worker-9/tenants', headers: { host: HOST } })).json();
    for (const [id, entry] of Object.entries(tenants as Record<string, { base_urls: Record<string, string> }>))
      for (const base of Object.values(entry.base_urls))
        expect(base, id).toMatch(/^http:\/\/mock\.test:4010\/ns\/worker-9\//);
  });
});

/** The world is shared between namespaces unless one sets its own seed (PUT /__admin/ns/{name}/seed, ns.seed()). */
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../src/vendors/registry.js';
import { HOST, testApp } from '../helpers.js';
import { runFlow, SMALL_WORLD } from './flow.js';
import { injectTransport } from './transport.js';

const FLOWS = VENDORS.filter((v) => v.dashboard);

describe("a namespace's world", () => {
  it('is the server world (byte-identical files) until the namespace sets a seed of its own', async () => {
    const app = await testApp(SMALL_WORLD);
    const inDefault = await Promise.all(FLOWS.map((v) => runFlow(v, injectTransport(app, '', 'default'))));
    const shared = await Promise.all(FLOWS.map((v) => runFlow(v, injectTransport(app, 'shared', 'prefix'))));
    const own = injectTransport(app, 'own', 'prefix');
    const json = { 'content-type': 'application/json' };
    expect((await own.send('PUT', '/__admin/seed', json, { seed: 'another-world' })).status).toBe(200);
    const reseeded = await Promise.all(FLOWS.map((v) => runFlow(v, own)));

    for (const [i, vendor] of FLOWS.entries()) {
      expect(shared[i]!.jobId, vendor.id).toEqual(inDefault[i]!.jobId);
      expect(shared[i]!.files, vendor.id).toEqual(inDefault[i]!.files);
      expect(reseeded[i]!.files.length, vendor.id).toBeGreaterThan(0);
      expect(reseeded[i]!.files, vendor.id).not.toEqual(inDefault[i]!.files);
    }
    const listed = (await app.inject({ url: '/__admin/namespaces', headers: { host: HOST } })).json();
    expect(listed.namespaces.map((n: { name: string; seed: string }) => [n.name, n.seed])).toEqual([
      ['shared', 'agent-export-mock'],
      ['own', 'another-world'],
    ]);
  });

  it('refuses a seed for the default namespace, or one that is not a string', async () => {
    const app = await testApp(SMALL_WORLD);
    const put = (url: string, payload: unknown) =>
      app.inject({ method: 'PUT', url, headers: { host: HOST }, payload: payload as object });
    const onDefault = await put('/__admin/seed', { seed: 'x' });
    expect(onDefault.statusCode).toBe(409);
    expect(onDefault.json().error).toBe('default_namespace');
    const bad = await put('/__admin/ns/a/seed', { seed: 42 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_request');
  });
});

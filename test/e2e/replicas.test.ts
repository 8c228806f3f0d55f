/**
 * Several replicas, one mock (issue #20): a real redis-server, two server processes sharing it and a DATA_DIR, and a
 * balancer sending each request to a replica chosen at random (seeded, so a failure replays). Every vendor's full flow
 * (its fixture: create, poll, advance the clock, download) gives the bytes one embedded server gives; scenarios and
 * rate limits count once across both; a replica killed with -9 mid-generation leaves its job to the other.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS, parseConfig, withVendorSettings } from '../../src/config.js';
import { loadSeeds } from '../../src/core/seeds.js';
import type { FixtureContext, GeneratedFile } from '../../src/core/vendor.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { testApp } from '../helpers.js';
import * as sendbird from '../vendors/sendbird/sendbird.js';
import { freePort, NO_REDIS, type RunningRedis, redisBinary, startRedis } from './redis-server.js';
import { type ReplicaProxy, seededChoice, startProxy } from './replica-proxy.js';

const START = '2025-04-08T12:00:00Z';
const SECRET = 'test-link-secret-0123456789';
const seeds = loadSeeds(DEFAULT_SEEDS, VENDORS);
/** The replicas' settings as a fixture reads them (phase durations and the like): the defaults. */
const config = withVendorSettings(parseConfig({}, VENDORS), VENDORS);

/** A server process (the CLI), on a port of its own; the suite kills it at the end. */
async function spawnReplica(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  // A port chosen here: the banner shows PUBLIC_URL (the balancer), not where this replica listens.
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', '--port', String(port), '--clock-frozen', '--log-level', 'warn', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  while (!out.includes('listening on')) await once(child.stdout!, 'data');
  return { child, url: `http://127.0.0.1:${port}` };
}

/** A fixture context over HTTP: every request through `base` (the balancer). */
function remoteFixture(base: string): FixtureContext {
  let now = Date.parse(START);
  const call = async (opts: { method?: string; url: string; headers?: Record<string, string>; payload?: unknown }) => {
    const res = await fetch(`${base}${opts.url}`, {
      method: opts.method ?? 'GET',
      headers: { ...(opts.payload !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      ...(opts.payload !== undefined ? { body: JSON.stringify(opts.payload) } : {}),
    });
    const body = Buffer.from(await res.arrayBuffer());
    return { statusCode: res.status, body: body.toString(), rawPayload: body, json: () => JSON.parse(body.toString()) };
  };
  const admin = (url: string, payload: unknown) =>
    call({ method: 'POST', url, payload }).then((r) => r.json() as { now: string });
  return {
    app: { inject: call } as unknown as FixtureContext['app'],
    runtime: { ctx: { config, clock: { now: () => now } } as unknown as FixtureContext['runtime']['ctx'], seeds },
    options: {},
    advance: async (seconds) => void (now = Date.parse((await admin('/__admin/clock/advance', { seconds })).now)),
    download: async (url) => {
      const res = await fetch(url);
      if (res.status !== 200) throw new Error(`download ${url}: ${res.status} ${await res.text()}`);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}

/** The same flow on one embedded server: the bytes every replica must give. */
async function embeddedFiles(vendorId: string): Promise<GeneratedFile[]> {
  const app = await testApp({ CLOCK_START: START, LINK_SECRET: SECRET });
  const vendor = VENDORS.find((v) => v.id === vendorId)!;
  return vendor.fixture!({
    app,
    runtime: app.mock,
    options: {},
    advance: async (seconds) => void (await app.mock.moveClock({ by: seconds })),
    download: async (url) => (await app.inject({ url })).rawPayload,
  });
}

if (!redisBinary) describe.skip(NO_REDIS, () => it('needs redis-server', () => undefined));
else
  describe('two replicas on one Redis and one DATA_DIR', () => {
    let redis: RunningRedis;
    let proxy: ReplicaProxy;
    let dir: string;
    const replicas: ChildProcess[] = [];

    const start = async (i: number) => {
      const { child, url } = await spawnReplica([
        ...['--state-url', redis.url, '--data-dir', dir, '--public-url', proxy.url, '--link-secret', SECRET],
        ...['--clock-start', START],
      ]);
      replicas[i] = child;
      proxy.targets[i] = url;
      return url;
    };

    /** Requests each replica served, per flow. */
    const served: number[][] = [];
    const send = (url: string, init: RequestInit = {}) => fetch(`${proxy.url}${url}`, init);
    const json = (body: unknown): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

    /** A fresh world on both (jobs, clock at its start, scenarios), through whichever replica. */
    const reset = async () => {
      const res = await fetch(`${proxy.url}/__admin/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
    };

    beforeAll(async () => {
      redis = await startRedis();
      dir = mkdtempSync(join(tmpdir(), 'aem-replicas-'));
      proxy = await startProxy(seededChoice(20));
      await Promise.all([start(0), start(1)]);
    }, 60_000);
    afterAll(async () => {
      for (const child of replicas) if (child.exitCode === null) child.kill('SIGKILL');
      await proxy?.close();
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const vendor of VENDORS.filter((v) => v.fixture))
      it(`runs ${vendor.id}'s full flow across both replicas with the bytes of one embedded server`, async () => {
        await reset();
        const before = [...proxy.served];
        const files = await vendor.fixture!(remoteFixture(proxy.url));
        const expected = await embeddedFiles(vendor.id);
        expect(files.map((f) => f.name)).toEqual(expected.map((f) => f.name));
        for (const [i, f] of files.entries()) expect(f.bytes.equals(expected[i]!.bytes), f.name).toBe(true);
        served.push(proxy.served.map((n, i) => n - (before[i] ?? 0)));
      }, 120_000);

    it("sent the flows' requests to both replicas", () => {
      const totals = served.reduce((t, flow) => t.map((n, i) => n + (flow[i] ?? 0)), [0, 0]);
      expect(
        totals.every((n) => n >= 5),
        JSON.stringify(served),
      ).toBe(true);
    });

    it('applies a "times: 1" scenario once in total and counts one rate limit across both replicas', async () => {
      await reset();
      const poll = () => send(`${sendbird.BASE}/nope`, { headers: sendbird.TOKEN });
      expect(
        (
          await send(
            '/__admin/scenarios',
            json({ name: 'once', match: { vendor: 'sendbird' }, times: 1, http: { status: 500 } }),
          )
        ).status,
      ).toBe(201);
      const first = await Promise.all(Array.from({ length: 6 }, () => poll()));
      expect(first.filter((r) => r.status === 500)).toHaveLength(1);
      expect(
        (await send('/__admin/scenarios', { method: 'DELETE', headers: { 'content-type': 'application/json' } }))
          .status,
      ).toBe(200);
      // Sendbird allows 10 GETs per endpoint, app and second: 12 in one frozen second give exactly 2 refusals.
      expect(
        (await send('/__admin/rate-limits', { ...json({ vendor: 'sendbird', enabled: true }), method: 'PUT' })).status,
      ).toBe(200);
      const limited = await Promise.all(Array.from({ length: 12 }, () => poll()));
      expect(
        limited.filter((r) => r.status === 429),
        limited.map((r) => r.status).join(),
      ).toHaveLength(2);
    });

    it("shows each replica's requests in the other's journal, in one order, and a reset clears both", async () => {
      await reset();
      const [one, two] = proxy.targets as [string, string];
      const paths = (requests: Array<{ id: number; path: string }>) => requests.map((r) => `${r.id} ${r.path}`);
      const journal = async (target: string) =>
        paths(((await (await fetch(`${target}/__admin/requests`)).json()) as { requests: [] }).requests);
      // A request one replica serves (a 400: no such export) wakes a waiter on the other (or is there when it asks).
      const waited = fetch(`${two}/__admin/requests/wait`, json({ path: '/first', timeout_ms: 10_000 }));
      const poll = (target: string, id: string) =>
        fetch(`${target}${sendbird.BASE}/${id}`, { headers: sendbird.TOKEN });
      // A replica writes its entry to Redis just after its answer leaves, so another replica's journal has it a moment
      // later: read-after-write across replicas goes through the journal's wait, as the README says.
      const arrived = async (target: string, path: string) =>
        expect((await fetch(`${target}/__admin/requests/wait`, json({ path, timeout_ms: 10_000 }))).status).toBe(200);
      expect((await poll(one, 'first')).status).toBe(400);
      const woken = await waited;
      expect(woken.status).toBe(200);
      const entry = (await woken.json()) as { path: string; headers: Record<string, string> };
      expect(entry.path).toBe(`${sendbird.BASE}/first`);
      expect(entry.headers['api-token']).toBe('demo…');
      expect((await poll(two, 'second')).status).toBe(400);
      expect((await poll(one, 'third')).status).toBe(400);
      await arrived(two, '/third');
      const seen = await journal(two);
      // One order for every replica, the order the entries reached Redis: 'first' was there before 'second' was sent
      // (the wait above saw it), but 'second' (written by replica two just after its answer left) and 'third' (replica
      // one) may arrive in either order, as the README says.
      const order = seen.map((line) => line.split(`${sendbird.BASE}/`)[1]);
      expect(order[0]).toBe('first');
      expect([...order].sort()).toEqual(['first', 'second', 'third']);
      const ids = seen.map((line) => Number(line.split(' ')[0]));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      await arrived(one, '/third');
      expect(await journal(one)).toEqual(seen);
      await fetch(`${one}/__admin/reset`, json({}));
      expect(await journal(two)).toEqual([]);
      expect(await journal(one)).toEqual([]);
      expect((await poll(two, 'fourth')).status).toBe(400);
      await arrived(one, '/fourth');
      expect(await journal(one)).toEqual([`${ids[2]! + 1} ${sendbird.BASE}/fourth`]);
      const cleared = await fetch(`${two}/__admin/requests`, {
        method: 'DELETE',
        headers: { 'content-type': 'application/json' },
      });
      expect(cleared.status).toBe(200);
      expect(await journal(one)).toEqual([]);
    });

    it('finishes a job on the other replica when the one generating it is killed with -9', async () => {
      await reset();
      // A week of conversations (the most Sendbird exports at once), killed while it is being written.
      const body = sendbird.BODY;
      const created = await fetch(`${proxy.targets[0]}${sendbird.BASE}`, {
        method: 'POST',
        headers: { ...sendbird.TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(created.status).toBe(200);
      const id = ((await created.json()) as { export_id: string }).export_id;
      // Kill replica 0 once the work is under way on one of them (its record says running).
      const watch = new Redis(redis.url, { keyPrefix: 'agent-export-mock:' });
      // (A week takes long enough to be caught running; a machine fast enough to finish first still passes the rest.)
      while ([undefined, 'pending'].includes(JSON.parse((await watch.hget('job-work', id)) ?? '{}').state))
        await new Promise((r) => setTimeout(r, 5));
      watch.disconnect();
      replicas[0]!.kill('SIGKILL');
      await once(replicas[0]!, 'exit');
      proxy.targets[0] = '';
      const advanced = await send('/__admin/clock/advance', json({ seconds: 3600 }));
      expect(advanced.status).toBe(200);
      const done = (await (await send(`${sendbird.BASE}/${id}`, { headers: sendbird.TOKEN })).json()) as {
        export_status: string;
        export_file: { url: string };
      };
      expect(done.export_status).toBe('done');
      const file = await fetch(done.export_file.url);
      expect(file.status).toBe(200);
      // The bytes one embedded server writes for the same request on the same clock.
      const app = await testApp({ CLOCK_START: START, LINK_SECRET: SECRET });
      const alone = await sendbird.create(app, body);
      await app.mock.moveClock({ by: 3600 });
      const expected = (await sendbird.details(app, alone.export_id)).export_file.url as string;
      expect(Buffer.from(await file.arrayBuffer()).equals((await app.inject({ url: expected })).rawPayload)).toBe(true);
    }, 120_000);
  });

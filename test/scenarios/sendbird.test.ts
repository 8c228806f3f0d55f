/** Every preset, end to end, as a Sendbird client sees it; plus rate limits and the flow view. */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { EmbeddedScenarioStore } from '../../src/core/scenarios/store.js';
import { startServer } from '../../src/server.js';
import { advance, download, testApp, unzip } from '../helpers.js';
import { BASE, BODY, create, details, TOKEN } from '../vendors/sendbird/sendbird.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

const preset = async (name: string) =>
  expect((await app.inject({ method: 'POST', url: `/__admin/presets/${name}`, payload: {} })).statusCode).toBe(200);
const poll = (id: string, headers: Record<string, string> = {}) =>
  app.inject({ url: `${BASE}/${id}`, headers: { ...TOKEN, ...headers } });

describe('presets for Sendbird', () => {
  it('happy-path: the export finishes and downloads', async () => {
    await preset('happy-path');
    const job = await create(app);
    await advance(app, 60);
    const done = await details(app, job.export_id);
    expect(done.export_status).toBe('done');
    expect((await download(app, done.export_file.url)).statusCode).toBe(200);
  });

  it('slow-export: still scheduled after a minute, exporting after two, done after 32', async () => {
    await preset('slow-export');
    const job = await create(app);
    await advance(app, 60);
    expect((await details(app, job.export_id)).export_status).toBe('scheduled');
    await advance(app, 61);
    expect((await details(app, job.export_id)).export_status).toBe('exporting');
    await advance(app, 1800);
    expect((await details(app, job.export_id)).export_status).toBe('done');
  });

  it('job-failed: the export ends failed with no file', async () => {
    await preset('job-failed');
    const job = await create(app);
    await advance(app, 60);
    const failed = await details(app, job.export_id);
    expect(failed).toMatchObject({ export_status: 'failed', export_file: null });
    expect(failed.export_ended_at).not.toBeNull();
  });

  it('empty-export: the export ends no_data', async () => {
    await preset('empty-export');
    const job = await create(app);
    await advance(app, 60);
    expect(await details(app, job.export_id)).toMatchObject({ export_status: 'no_data', export_file: null });
  });

  it('expired-link: the link answers AccessDenied "Request has expired" one second after the export ended', async () => {
    await preset('expired-link');
    const job = await create(app);
    await advance(app, 35);
    const done = await details(app, job.export_id);
    expect((await download(app, done.export_file.url)).statusCode).toBe(200);
    await advance(app, 1);
    const expired = await download(app, done.export_file.url);
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
  });

  it("rate-limited: three requests answer Sendbird's 429 (500910, X-RateLimit-*), then requests pass", async () => {
    await preset('rate-limited');
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ url: BASE, headers: TOKEN });
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ error: true, code: 500910 });
      expect(res.headers['x-ratelimit-retryafter']).toBe('1.000');
      expect(res.headers['x-ratelimit-remaining']).toBe('0');
    }
    expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(200);
  });

  it('flaky-download: the first download answers S3 503 SlowDown, the retry gets the file', async () => {
    await preset('flaky-download');
    const job = await create(app);
    await advance(app, 60);
    const done = await details(app, job.export_id);
    const first = await download(app, done.export_file.url);
    expect(first.statusCode).toBe(503);
    expect(first.body).toContain('<Code>SlowDown</Code>');
    const second = await download(app, done.export_file.url);
    expect(second.statusCode).toBe(200);
    expect((await unzip(second.rawPayload)).size).toBe(1);
  });

  it('huge-export: the export holds a thousand times the volume', async () => {
    const small = await testApp({ WORLD_DAILY_VOLUME: 1 });
    await small.inject({ method: 'POST', url: '/__admin/presets/huge-export', payload: {} });
    const job = await create(small, { ...BODY, from: '2025-04-07', to: '2025-04-07', timezone: 'UTC' });
    await advance(small, 60);
    const done = await details(small, job.export_id);
    const conversations = JSON.parse(
      [...(await unzip((await download(small, done.export_file.url)).rawPayload)).values()][0]!.toString(),
    );
    expect(conversations.length).toBeGreaterThan(300);
    await small.close();
  });

  it('applies a preset to one request when named in X-Mock-Scenario, without installing it', async () => {
    const failing = await app.inject({
      method: 'POST',
      url: BASE,
      headers: { ...TOKEN, 'x-mock-scenario': 'job-failed' },
      payload: BODY,
    });
    const fine = await create(app);
    await advance(app, 60);
    expect((await details(app, failing.json().export_id)).export_status).toBe('failed');
    expect((await details(app, fine.export_id)).export_status).toBe('done');
  });

  it('installs presets at start-up with SCENARIO and again after a reset', async () => {
    const started = await testApp({ SCENARIO: 'job-failed' });
    await started.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    const job = await create(started);
    await advance(started, 60);
    expect((await details(started, job.export_id)).export_status).toBe('failed');
    await started.close();
  });
});

describe('custom scenarios', () => {
  it('applies to the next N matching requests only, matched by route and request fields', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: {
        name: 'third-poll-500',
        match: { vendor: 'sendbird', route: 'create', fields: { type: 'daily_analysis' } },
        times: 1,
        http: { status: 500 },
      },
    });
    expect(res.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: BASE, headers: TOKEN, payload: BODY })).statusCode).toBe(200);
    const failed = await app.inject({
      method: 'POST',
      url: BASE,
      headers: TOKEN,
      payload: { ...BODY, type: 'daily_analysis' },
    });
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({ error: true, code: 500901, message: 'Internal server error.' });
    expect(
      (await app.inject({ method: 'POST', url: BASE, headers: TOKEN, payload: { ...BODY, type: 'daily_analysis' } }))
        .statusCode,
    ).toBe(200);
    const listed = (await app.inject({ url: '/__admin/scenarios' })).json().scenarios[0];
    expect(listed).toMatchObject({ name: 'third-poll-500', applied: 1 });
  });

  it('answers the 500 on the third poll only', async () => {
    const job = await create(app);
    await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: { name: 'p', match: { route: 'poll' }, times: 3, http: { status: 500 } },
    });
    // times counts matches: make the first two polls pass by matching only from the third, via a fresh scenario per poll.
    await app.inject({ method: 'DELETE', url: '/__admin/scenarios/p' });
    expect((await poll(job.export_id)).statusCode).toBe(200);
    expect((await poll(job.export_id)).statusCode).toBe(200);
    await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: { name: 'p3', match: { route: 'poll' }, times: 1, http: { status: 500 } },
    });
    expect((await poll(job.export_id)).statusCode).toBe(500);
    expect((await poll(job.export_id)).statusCode).toBe(200);
  });

  it('draws latency ranges from the seed: the same scenario and requests give the same delays', async () => {
    const draws = async (seed: string) => {
      const store = new EmbeddedScenarioStore(seed);
      await store.add({ name: 'slow', match: {}, http: { latency_ms: [20, 2000] } });
      const facts = { vendor: 'sendbird', requested: [], field: () => undefined };
      const out: Array<number | undefined> = [];
      for (let i = 0; i < 5; i++) out.push((await store.apply(facts)).http.latency);
      return out;
    };
    expect(await draws('a')).toEqual(await draws('a'));
    expect(await draws('a')).not.toEqual(await draws('b'));
    for (const d of await draws('a')) expect(d).toBeGreaterThanOrEqual(20);
    await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: { name: 'slow', match: { route: 'list' }, times: 1, http: { latency_ms: 50 } },
    });
    const t0 = performance.now();
    await app.inject({ url: BASE, headers: TOKEN });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  });

  it('cuts the connection when asked (reset), over a real socket', async () => {
    const server = await startServer(
      parseConfig({ PORT: 0, LOG_LEVEL: 'silent', CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true }),
    );
    try {
      await fetch(`${server.url}/__admin/scenarios`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'cut', match: { route: 'list' }, times: 1, http: { reset: true } }),
      });
      const url = `${server.url}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`;
      await expect(fetch(url, { headers: TOKEN })).rejects.toThrow();
      expect((await fetch(url, { headers: TOKEN })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('cuts a download mid-body (reset_mid_body), over a real socket', async () => {
    const server = await startServer(
      parseConfig({ PORT: 0, LOG_LEVEL: 'silent', CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true }),
    );
    try {
      const post = (path: string, body: unknown, headers = {}) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      await post('/__admin/scenarios', {
        name: 'cut-file',
        match: { route: 'create' },
        file: { fault: 'reset_mid_body' },
      });
      const created = (await (
        await post('/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports', BODY, TOKEN)
      ).json()) as { export_id: string };
      await post('/__admin/clock/advance', { seconds: 60 });
      const done = (await (
        await fetch(`${server.url}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports/${created.export_id}`, {
          headers: TOKEN,
        })
      ).json()) as { export_file: { url: string } };
      const res = await fetch(done.export_file.url);
      expect(res.status).toBe(200);
      await expect(res.arrayBuffer()).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('serves truncated and corrupted archives as file faults', async () => {
    await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: { name: 'trunc', match: { route: 'create' }, times: 1, file: { fault: 'truncate' } },
    });
    const job = await create(app);
    const good = await create(app);
    await advance(app, 60);
    const bad = await download(app, (await details(app, job.export_id)).export_file.url);
    const ok = await download(app, (await details(app, good.export_id)).export_file.url);
    expect(bad.statusCode).toBe(200);
    expect(bad.rawPayload.length).toBe(Math.floor(ok.rawPayload.length / 2));
    await expect(unzip(bad.rawPayload)).rejects.toThrow();

    await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: { name: 'corrupt', match: { route: 'create' }, times: 1, file: { fault: 'corrupt' } },
    });
    const c = await create(app);
    await advance(app, 60);
    const corrupted = await download(app, (await details(app, c.export_id)).export_file.url);
    expect(corrupted.rawPayload.length).toBeGreaterThan(100);
    await expect(unzip(corrupted.rawPayload).then((m) => JSON.parse([...m.values()][0]!.toString()))).rejects.toThrow();
  });

  it('rejects a malformed scenario with a JSON error naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: { name: 'x', http: { status: 418 } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/http\.status/);
  });
});

describe('Sendbird rate limits', () => {
  it('are off by default; when on, the 11th GET in a virtual second answers 429 and the next second passes', async () => {
    for (let i = 0; i < 12; i++) expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(200);
    await app.inject({ method: 'PUT', url: '/__admin/rate-limits', payload: { vendor: 'sendbird', enabled: true } });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await app.inject({ url: BASE, headers: TOKEN })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = await app.inject({ url: BASE, headers: TOKEN });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe(500910);
    expect(limited.json().message).toContain('limit: 10;w=1');
    await advance(app, 1);
    expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(200);
  });

  it('count per endpoint, as the page documents them: ten list calls leave the details endpoint its own ten', async () => {
    const job = await create(app);
    await app.inject({ method: 'PUT', url: '/__admin/rate-limits', payload: { vendor: 'sendbird', enabled: true } });
    for (let i = 0; i < 10; i++) expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(200);
    expect((await app.inject({ url: `${BASE}/${job.export_id}`, headers: TOKEN })).statusCode).toBe(200);
    expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(429);
  });

  it("name the POST limit (5) in a scenario's 429 to a POST, and the GET limit (10) to a GET", async () => {
    await preset('rate-limited');
    const post = await app.inject({ method: 'POST', url: BASE, headers: TOKEN, payload: BODY });
    expect(post.statusCode).toBe(429);
    expect(post.json().message).toContain('limit: 5;w=1');
    expect(post.headers['x-ratelimit-limit']).toBe('5');
    const get = await app.inject({ url: BASE, headers: TOKEN });
    expect(get.json().message).toContain('limit: 10;w=1');
  });

  it('can be switched on for one tenant only', async () => {
    await app.inject({
      method: 'PUT',
      url: '/__admin/rate-limits',
      payload: { vendor: 'sendbird', tenant: 'another-app', enabled: true },
    });
    for (let i = 0; i < 12; i++) expect((await app.inject({ url: BASE, headers: TOKEN })).statusCode).toBe(200);
  });
});

describe('flow view', () => {
  it('lists jobs with their vendor state and shows a timeline with poll intervals and a late download', async () => {
    const job = await create(app);
    await advance(app, 10);
    await poll(job.export_id);
    await advance(app, 30);
    const done = await details(app, job.export_id);
    await download(app, done.export_file.url);
    await advance(app, 7 * 86400 + 3600);
    await download(app, done.export_file.url);

    const jobs = (await app.inject({ url: '/__admin/jobs' })).json().jobs;
    expect(jobs[0]).toMatchObject({ id: job.export_id, vendor: 'sendbird', state: 'done', phase: 'succeeded' });

    const flow = (await app.inject({ url: `/__admin/jobs/${job.export_id}` })).json();
    const types = flow.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(['created', 'state', 'poll', 'state', 'poll', 'download', 'download']);
    const polls = flow.timeline.filter((e: { type: string }) => e.type === 'poll');
    expect(polls.map((p: { detail: { interval_seconds: number | null } }) => p.detail.interval_seconds)).toEqual([
      null,
      30,
    ]);
    const downloads = flow.timeline.filter((e: { type: string }) => e.type === 'download');
    expect(
      downloads.map((d: { detail: { before_link_expiry: boolean; status: number } }) => [
        d.detail.before_link_expiry,
        d.detail.status,
      ]),
    ).toEqual([
      [true, 200],
      [false, 403],
    ]);
  });

  it('forces a state', async () => {
    const job = await create(app);
    const res = await app.inject({
      method: 'PUT',
      url: `/__admin/jobs/${job.export_id}/state`,
      payload: { phase: 'failed' },
    });
    expect(res.json()).toMatchObject({ state: 'failed', phase: 'failed' });
    expect((await details(app, job.export_id)).export_status).toBe('failed');
    expect(
      (await app.inject({ method: 'PUT', url: '/__admin/jobs/nope/state', payload: { phase: 'failed' } })).statusCode,
    ).toBe(404);
  });
});

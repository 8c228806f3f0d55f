/**
 * Two namespaces run every vendor's flow at the same time, with different clocks and presets: neither sees the other's
 * jobs, links, journal entries or time, and the default namespace sees nothing of either.
 */
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../src/vendors/registry.js';
import { download, PUBLIC_URL, testApp } from '../helpers.js';
import { runFlow, SMALL_WORLD } from './flow.js';
import { injectTransport } from './transport.js';

const START = '2025-04-08T12:00:00.000Z';
const LATER = '2025-05-20T08:00:00.000Z';
const FLOWS = VENDORS.filter((v) => v.dashboard);

describe('two namespaces side by side', () => {
  it('run every vendor flow at once without seeing each other', async () => {
    const app = await testApp(SMALL_WORLD);
    const a = injectTransport(app, 'suite-a', 'prefix');
    const b = injectTransport(app, 'suite-b', 'prefix');
    const json = { 'content-type': 'application/json' };
    expect((await b.send('PUT', '/__admin/clock', json, { now: LATER, frozen: true })).status).toBe(200);
    expect((await b.send('POST', '/__admin/presets/job-failed')).status).toBe(200);

    const [inA, inB] = await Promise.all([
      Promise.all(FLOWS.map((v) => runFlow(v, a))),
      Promise.all(FLOWS.map((v) => runFlow(v, b))),
    ]);

    // Presets: B's exports fail, A's finish; each clock moved by its own flows only (600 s per polled vendor).
    const polled = FLOWS.filter((v) => v.dashboard!.flow.poll).length;
    for (const r of inA) if (r.jobId) expect(r.done, `${r.vendor} in A`).toBe(true);
    for (const r of inB) if (r.jobId) expect(r.done, `${r.vendor} in B`).toBe(false);
    const clockOf = async (t: typeof a) => ((await t.send('GET', '/__admin/clock')).json() as { now: string }).now;
    expect(Date.parse(await clockOf(a))).toBe(Date.parse(START) + polled * 600_000);
    expect(Date.parse(await clockOf(b))).toBe(Date.parse(LATER) + polled * 600_000);
    // Every answer's Date header tells its namespace's time.
    const dateOf = async (t: typeof a) => (await t.send('GET', '/__admin/health')).headers.date;
    expect(await dateOf(b)).toBe(new Date(Date.parse(LATER) + polled * 600_000).toUTCString());
    expect(await dateOf(a)).toBe(new Date(Date.parse(START) + polled * 600_000).toUTCString());
    expect((await app.inject({ url: '/__admin/clock' })).json().now).toBe(START);

    // Jobs: each namespace lists its own, stamped with its own clock; the default namespace has none.
    const jobsOf = async (t: typeof a) =>
      ((await t.send('GET', '/__admin/jobs')).json() as { jobs: Array<{ created_at: string }> }).jobs;
    const jobsA = await jobsOf(a);
    const jobsB = await jobsOf(b);
    expect(jobsA.length).toBe(inA.filter((r) => r.jobId).length);
    expect(jobsB.length).toBe(inB.filter((r) => r.jobId).length);
    for (const job of jobsA) expect(job.created_at.slice(0, 10)).toBe(START.slice(0, 10));
    for (const job of jobsB) expect(job.created_at.slice(0, 10)).toBe(LATER.slice(0, 10));
    expect((await app.inject({ url: '/__admin/jobs' })).json().jobs).toEqual([]);

    // Journal: exactly the requests each flow sent, at its own virtual time; none in the default namespace.
    const journalOf = async (t: typeof a) =>
      ((await t.send('GET', '/__admin/requests')).json() as { requests: Array<{ at: string }> }).requests;
    const sent = (rs: typeof inA) => rs.reduce((n, r) => n + r.sent, 0);
    const journalA = await journalOf(a);
    const journalB = await journalOf(b);
    expect(journalA.length).toBe(sent(inA));
    expect(journalB.length).toBe(sent(inB));
    for (const e of journalA) expect(e.at.slice(0, 7)).toBe(START.slice(0, 7));
    for (const e of journalB) expect(e.at.slice(0, 7)).toBe(LATER.slice(0, 7));
    expect((await app.inject({ url: '/__admin/requests' })).json().requests).toEqual([]);

    // Links: minted with A's prefix, they work in A only, not with B's prefix nor without one.
    const links = inA.flatMap((r) => r.links);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.startsWith(`${PUBLIC_URL}/ns/suite-a/`), link).toBe(true);
      expect((await download(app, link)).statusCode).toBe(200);
      expect((await download(app, link.replace('/ns/suite-a/', '/ns/suite-b/'))).statusCode, link).not.toBe(200);
      expect((await download(app, link.replace('/ns/suite-a/', '/'))).statusCode, link).not.toBe(200);
    }
  });

  it('resets one namespace and leaves the other as it was', async () => {
    const app = await testApp(SMALL_WORLD);
    const a = injectTransport(app, 'a', 'prefix');
    const b = injectTransport(app, 'b', 'prefix');
    await Promise.all(FLOWS.map((v) => runFlow(v, a)));
    await Promise.all(FLOWS.map((v) => runFlow(v, b)));
    const get = async (t: typeof a, path: string) => (await t.send('GET', path)).json() as Record<string, unknown[]>;
    const before = (await b.send('GET', '/__admin/jobs')).json();
    const clockB = (await b.send('GET', '/__admin/clock')).json();

    expect((await a.send('POST', '/__admin/reset')).status).toBe(200);

    expect((await get(a, '/__admin/jobs')).jobs).toEqual([]);
    expect((await get(a, '/__admin/clock')).now).toBe(START);
    expect((await get(a, '/__admin/requests')).requests).toEqual([]);
    expect((await b.send('GET', '/__admin/jobs')).json()).toEqual(before);
    expect((await b.send('GET', '/__admin/clock')).json()).toEqual(clockB);
    expect((await get(b, '/__admin/requests')).requests!.length).toBeGreaterThan(0);
  });
});

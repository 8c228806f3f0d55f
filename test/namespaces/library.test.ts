/** The library's mock.namespace(name): the server's controls for one namespace, over a real socket. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { startMockServer } from '../../src/index.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { runFlow, SMALL_WORLD } from './flow.js';
import { fetchTransport } from './transport.js';

const START = '2025-04-08T12:00:00.000Z';
const FLOWS = VENDORS.filter((v) => v.dashboard);

describe('mock.namespace(name)', () => {
  it('gives each worker its own clock, presets, journal, base URLs and reset', async () => {
    const mock = await startMockServer({
      clockStart: START,
      clockFrozen: true,
      seed: 'ns-library',
      settings: SMALL_WORLD,
    });
    onTestFinished(() => mock.close());
    const one = mock.namespace('worker-1');
    const two = mock.namespace('worker-2');

    for (const urls of Object.values(one.baseUrls))
      for (const base of Object.values(urls)) expect(base.startsWith(`${mock.url}/ns/worker-1/`), base).toBe(true);
    await two.clock.set('2025-06-01T00:00:00Z', true);
    two.scenarios.preset('job-failed');
    expect(one.clock.now().toISOString()).toBe(START);
    expect(mock.clock.now().toISOString()).toBe(START);
    expect(one.scenarios.list()).toEqual([]);
    expect(two.scenarios.list().map((s) => s.name)).toEqual(['job-failed']);

    const [inOne, inTwo] = await Promise.all([
      Promise.all(FLOWS.map((v) => runFlow(v, fetchTransport(mock.url, one.name)))),
      Promise.all(FLOWS.map((v) => runFlow(v, fetchTransport(mock.url, two.name)))),
    ]);
    for (const r of inOne) if (r.jobId) expect(r.done, r.vendor).toBe(true);
    for (const r of inTwo) if (r.jobId) expect(r.done, r.vendor).toBe(false);
    const sent = (rs: typeof inOne) => rs.reduce((n, r) => n + r.sent, 0);
    expect(one.journal.list()).toHaveLength(sent(inOne));
    expect(two.journal.list()).toHaveLength(sent(inTwo));
    expect(mock.journal.list()).toEqual([]);

    await one.reset();
    expect(one.journal.list()).toEqual([]);
    expect(one.clock.now().toISOString()).toBe(START);
    expect(two.journal.list()).toHaveLength(sent(inTwo));
    expect(two.scenarios.list().map((s) => s.name)).toEqual(['job-failed']);
  });

  it('refuses an invalid name', async () => {
    const mock = await startMockServer({ clockStart: START, clockFrozen: true });
    onTestFinished(() => mock.close());
    expect(() => mock.namespace('Not Valid')).toThrow(/not a valid name/);
  });
});

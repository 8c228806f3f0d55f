/**
 * Contract tests of the state stores (src/core/state): what every implementation must do, embedded or shared. Each
 * takes a factory of fresh stores; the memory implementations run them in memory.test.ts, the Redis ones in
 * test/e2e/redis-stores.test.ts, against a real redis-server. Two stores from one factory call share their state (two
 * replicas of one mock): for memory that is one store seen twice.
 */
import { describe, expect, it } from 'vitest';
import type { RawEntry } from '../../../src/core/journal/journal.js';
import type { ScenarioInput } from '../../../src/core/scenarios/schema.js';
import type { ClockStore } from '../../../src/core/state/clock.js';
import type { CounterStore } from '../../../src/core/state/counters.js';
import type { JobInit, JobStore } from '../../../src/core/state/jobs.js';
import type { JournalStore } from '../../../src/core/state/journal.js';
import type { KeyValueStore } from '../../../src/core/state/key-value.js';
import type { LinkKeyStore } from '../../../src/core/state/link-keys.js';
import type { RateLimitStore } from '../../../src/core/state/rate-limits.js';
import type { ScenarioStore } from '../../../src/core/state/scenarios.js';

/** Makes two handles on one fresh shared state (for memory, the same store twice). */
export type Pair<S> = () => Promise<[S, S]>;

export function counterContract(name: string, pair: Pair<CounterStore>): void {
  describe(`CounterStore (${name})`, () => {
    it('hands out each value once, from 0, up to its limit, across handles', async () => {
      const [a, b] = await pair();
      const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take('k', 6)));
      expect(taken.filter((n) => n !== undefined).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(taken.filter((n) => n === undefined)).toHaveLength(4);
      expect(await b.peek('k')).toBe(6);
      expect(await a.take('unlimited')).toBe(0);
      expect(await b.take('unlimited')).toBe(1);
    });
    it('counts hits per window and starts a new window at 1', async () => {
      const [a, b] = await pair();
      expect(await a.hitWindow('w', 0, 1000)).toBe(1);
      expect(await b.hitWindow('w', 0, 1000)).toBe(2);
      expect(await a.hitWindow('w', 1000, 1000)).toBe(1);
      expect(await b.hitWindow('other', 1000, 1000)).toBe(1);
    });
    it('puts a saved count back and forgets counters by prefix', async () => {
      const [a, b] = await pair();
      await a.put('scenario:x', 3);
      await a.take('job:sendbird');
      expect(await b.take('scenario:x', 4)).toBe(3);
      await b.hitWindow('scenario:w', 0, 1000);
      await b.clear('scenario:');
      expect(await a.peek('scenario:x')).toBe(0);
      expect(await a.hitWindow('scenario:w', 0, 1000)).toBe(1);
      expect(await a.peek('job:sendbird')).toBe(1);
      await a.clear();
      expect(await b.peek('job:sendbird')).toBe(0);
    });
  });
}

export function keyValueContract(name: string, pair: Pair<KeyValueStore>): void {
  describe(`KeyValueStore (${name})`, () => {
    it('answers copies: changing what it gave back changes nothing stored', async () => {
      const [a, b] = await pair();
      await a.put('v', { n: 1, list: [1] });
      const got = (await b.get<{ n: number; list: number[] }>('v'))!;
      got.n = 2;
      got.list.push(2);
      expect(await a.get('v')).toEqual({ n: 1, list: [1] });
      expect(await a.get('missing')).toBeUndefined();
    });
    it('lets one caller win putIfAbsent', async () => {
      const [a, b] = await pair();
      const wins = await Promise.all([a.putIfAbsent('once', 'a'), b.putIfAbsent('once', 'b')]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await a.get('once')).toBe(wins[0] ? 'a' : 'b');
    });
    it('appends to lists in order and forgets by prefix', async () => {
      const [a, b] = await pair();
      expect(await a.append('out:list', { i: 1 })).toBe(1);
      expect(await b.append('out:list', { i: 2 })).toBe(2);
      expect(await a.list('out:list')).toEqual([{ i: 1 }, { i: 2 }]);
      await a.put('keep', 1);
      await b.clear('out:');
      expect(await a.list('out:list')).toEqual([]);
      expect(await a.get('keep')).toBe(1);
      await b.delete('keep');
      expect(await a.get('keep')).toBeUndefined();
    });
  });
}

export function clockContract(
  name: string,
  pair: (start: number, frozen: boolean) => Promise<[ClockStore, ClockStore]>,
) {
  describe(`ClockStore (${name})`, () => {
    it('shows a move on one handle to the other once it refreshes', async () => {
      const [a, b] = await pair(1_000_000, true);
      expect(await a.advance(5_000)).toEqual({ now: 1_005_000, frozen: true });
      await b.refresh?.();
      expect(b.state()).toEqual({ now: 1_005_000, frozen: true });
      await b.set(2_000_000, true);
      await a.refresh?.();
      expect(a.now()).toBe(2_000_000);
      expect(a.frozen).toBe(true);
      await a.reset();
      await b.refresh?.();
      expect(b.state()).toEqual({ now: 1_000_000, frozen: true });
    });
    it('runs on from a move when not frozen', async () => {
      const [a, b] = await pair(1_000_000, true);
      await a.set(3_000_000, false);
      await b.refresh?.();
      expect(b.frozen).toBe(false);
      expect(b.now()).toBeGreaterThanOrEqual(3_000_000);
      expect(b.now()).toBeLessThan(3_000_000 + 60_000);
    });
  });
}

export function linkKeyContract(name: string, pair: Pair<LinkKeyStore>): void {
  describe(`LinkKeyStore (${name})`, () => {
    it('gives every handle the same secret of at least 16 characters', async () => {
      const [a, b] = await pair();
      const [sa, sb] = await Promise.all([a.secret(), b.secret()]);
      expect(sa).toBe(sb);
      expect(sa.length).toBeGreaterThanOrEqual(16);
      expect(await a.secret()).toBe(sa);
    });
  });
}

const once: ScenarioInput = { name: 'once', match: { vendor: 'sendbird' }, times: 1, http: { status: 500 } };
const facts = (vendor = 'sendbird') => ({ vendor, requested: [], field: () => undefined });

export function scenarioContract(name: string, pair: Pair<ScenarioStore>): void {
  describe(`ScenarioStore (${name})`, () => {
    it('applies a "times: 1" scenario once in total, whichever handle serves the requests', async () => {
      const [a, b] = await pair();
      await a.add(once);
      await b.refresh?.();
      const applied = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).apply(facts())));
      expect(applied.filter((e) => e.scenarios.includes('once'))).toHaveLength(1);
      expect((await b.get('once'))?.applied).toBe(1);
      expect((await a.apply(facts('kore'))).scenarios).toEqual([]);
    });
    it('hands out copies and counts again from 0 when a scenario is installed anew', async () => {
      const [a, b] = await pair();
      await a.add(once);
      await a.apply(facts());
      await b.refresh?.();
      const listed = await b.list();
      listed[0]!.applied = 99;
      expect((await a.get('once'))?.applied).toBe(1);
      await b.add(once, 'preset:x');
      await a.refresh?.();
      expect(await a.list()).toEqual([{ ...once, applied: 0, source: 'preset:x' }]);
      expect(a.size).toBe(1);
      expect(await b.remove('once')).toBe(true);
      await a.refresh?.();
      expect(await a.list()).toEqual([]);
      expect(a.knows('once')).toBe(false);
    });
    it('restores saved scenarios with their counters, and clears them', async () => {
      const [a, b] = await pair();
      await a.restore([{ ...once, applied: 1, source: 'admin' }]);
      await b.refresh?.();
      expect((await b.apply(facts())).scenarios).toEqual([]);
      await b.clear();
      await a.refresh?.();
      expect(a.size).toBe(0);
    });
  });
}

const RULES = [{ name: 'per-minute', limit: 3, windowSeconds: 60 }];

export function rateLimitContract(
  name: string,
  pair: (defaultOn: boolean) => Promise<[RateLimitStore, RateLimitStore]>,
) {
  describe(`RateLimitStore (${name})`, () => {
    it('counts the requests of every handle against one limit, per window', async () => {
      const [a, b] = await pair(true);
      const verdicts = await Promise.all(
        Array.from({ length: 5 }, (_, i) => (i % 2 ? a : b).hit('sendbird', 't', 'GET', 'poll', RULES, 1_000)),
      );
      expect(verdicts.filter((v) => v !== undefined)).toHaveLength(2);
      expect(await a.hit('sendbird', 't', 'GET', 'poll', RULES, 60_000)).toBeUndefined();
      expect(await b.hit('sendbird', 'u', 'GET', 'poll', RULES, 1_000)).toBeUndefined();
    });
    it('shows a switch to every request refreshing at once, not only to the first', async () => {
      const [a, b] = await pair(false);
      await a.set('sendbird', 't', true);
      const seen = await Promise.all([1, 2, 3].map(async () => (await b.refresh?.(), b.enabled('sendbird', 't'))));
      expect(seen).toEqual([true, true, true]);
    });
    it('switches a tenant on for every handle, and reset forgets switches and counts', async () => {
      const [a, b] = await pair(false);
      expect(a.anyEnabled()).toBe(false);
      await a.set('sendbird', 't', true);
      await b.refresh?.();
      expect(b.enabled('sendbird', 't')).toBe(true);
      expect(b.state()).toEqual({ default: false, switches: { 'sendbird/t': true } });
      for (let i = 0; i < 3; i++) await b.hit('sendbird', 't', 'GET', 'poll', RULES, 0);
      await a.reset();
      await b.refresh?.();
      expect(b.anyEnabled()).toBe(false);
      await b.set('sendbird', 't', true);
      await a.refresh?.();
      expect(await a.hit('sendbird', 't', 'GET', 'poll', RULES, 0)).toBeUndefined();
    });
  });
}

/** A job store's contract needs the clock its jobs are read on, and a way to finish their work. */
export interface JobHarness {
  pair: Pair<JobStore>;
  setNow(ms: number): void;
}

const jobInit = (id: string, n = 1): JobInit<{ n: number }> => ({
  id,
  vendor: 'toy',
  tenant: 't',
  createdAt: 1_000_000,
  queuedMs: 0,
  runningMs: 10_000,
  outcome: { kind: 'success' },
  params: { n },
});

export function jobContract(name: string, harness: () => JobHarness): void {
  describe(`JobStore (${name})`, () => {
    it('numbers jobs once each across handles, and counts them per vendor', async () => {
      const { pair } = harness();
      const [a, b] = await pair();
      const made = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? a : b).createNumbered('toy', (n) => ({
            init: jobInit(`job-${n}`, n),
            task: async () => 'file',
          })),
        ),
      );
      expect(made.map((j) => j.id).sort()).toEqual(['job-1', 'job-2', 'job-3', 'job-4', 'job-5', 'job-6']);
      expect(await b.count('toy')).toBe(6);
      expect(await a.size()).toBe(6);
      expect((await b.list('toy', 't')).map((j) => j.seq)).toEqual([6, 5, 4, 3, 2, 1]);
      await a.remove('job-1');
      expect(await b.get('job-1')).toBeUndefined();
      expect(await b.count('toy')).toBe(6);
    });
    it('hands out frozen copies; changes go through patch', async () => {
      const { pair } = harness();
      const [a, b] = await pair();
      const job = await a.create(jobInit('j'), async () => 'file');
      expect(() => Object.assign(job, { outcome: { kind: 'stuck' } })).toThrow(TypeError);
      await b.patch('j', { outcome: { kind: 'failed', error: 'boom' } });
      expect((await a.get('j'))?.outcome).toEqual({ kind: 'failed', error: 'boom' });
      expect(await b.patch('missing', { outcome: { kind: 'stuck' } })).toBeUndefined();
    });
    it('serves a once-only file fault to exactly one caller', async () => {
      const { pair } = harness();
      const [a, b] = await pair();
      await a.create(jobInit('j'), async () => 'file');
      const claims = await Promise.all([a, b, a, b].map((s) => s.claimFault('j', 'http_500_once')));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await a.claimFault('j', 'http_503_once')).toBe(true);
    });
    it('records a late read, so the end time shows when the file was really written', async () => {
      const { pair, setNow } = harness();
      const [a, b] = await pair();
      let finish!: (r: string) => void;
      await a.create(jobInit('j'), () => new Promise<string>((r) => (finish = r)));
      setNow(1_020_000); // due at 1_010_000, file unwritten
      expect(b.view((await b.get('j'))!, 1_020_000).phase).toBe('running');
      setNow(1_030_000);
      finish('file');
      await a.drain();
      const view = a.view((await a.get('j'))!, 1_040_000);
      expect(view).toMatchObject({ phase: 'succeeded', endedAt: 1_030_000, result: 'file' });
    });
    it('forgets every job on reset, and numbers from 1 again', async () => {
      const { pair } = harness();
      const [a, b] = await pair();
      await a.createNumbered('toy', (n) => ({ init: jobInit(`job-${n}`), task: async () => 'file' }));
      await a.drain();
      await b.reset();
      expect(await a.all()).toEqual([]);
      const again = await b.createNumbered('toy', (n) => ({ init: jobInit(`job-${n}`), task: async () => 'file' }));
      expect(again.id).toBe('job-1');
    });
  });
}

const request = (path: string, extra: Partial<Omit<RawEntry, 'id'>> = {}): Omit<RawEntry, 'id'> => ({
  atMs: 1_000_000,
  realMs: 1_000_000,
  vendor: 'sendbird',
  tenant: 't',
  method: 'GET',
  path,
  search: 'api_key=abcdefgh&page=2',
  headers: { 'api-token': 'secret-token-value', accept: 'application/json' },
  body: null,
  status: 200,
  duration_ms: 1,
  response: { content_type: 'application/json', bytes: 2, body: '{}' },
  job_id: null,
  route: 'poll',
  scenarios: [],
  ...extra,
});

/** A handle's own writes reach the shared state before its own refresh answers (one connection, in order). */
const sync = async (writer: JournalStore, reader: JournalStore) => {
  await writer.refresh?.();
  await reader.refresh?.();
};

export function journalContract(name: string, pair: Pair<JournalStore>): void {
  describe(`JournalStore (${name})`, () => {
    it("shows every handle's requests on each, in one order with increasing ids, masked", async () => {
      const [a, b] = await pair();
      a.add(request('/one'));
      await sync(a, b);
      b.add(request('/two'));
      await sync(b, a);
      a.add(request('/three'));
      await sync(a, b);
      for (const handle of [a, b]) {
        const seen = handle.list();
        expect(seen.map((e) => e.path)).toEqual(['/one', '/two', '/three']);
        expect(seen.map((e) => e.id)).toEqual([1, 2, 3]);
        expect(seen[0]!.headers['api-token']).toBe('secr…');
        expect(seen[0]!.query).toEqual({ api_key: 'abcd…', page: '2' });
      }
      expect(b.list({ after_id: 2 }).map((e) => e.path)).toEqual(['/three']);
      expect(b.lastId).toBe(3);
    });
    it('cuts a large body once, wherever it is read', async () => {
      const [a, b] = await pair();
      a.add(request('/big', { body: 'x'.repeat(200_000) }));
      await sync(a, b);
      const body = b.list()[0]!.body as string;
      expect(body.endsWith('...[cut: 200000 characters in all]')).toBe(true);
      expect(body.match(/\[cut:/g)).toHaveLength(1);
    });
    it('wakes a waiter on one handle with a request another records, and times out otherwise', async () => {
      const [a, b] = await pair();
      const waited = b.wait({ path: '/later' }, 5_000);
      a.add(request('/sooner'));
      a.add(request('/later'));
      expect((await waited)?.path).toBe('/later');
      expect(await b.wait({ path: '/never' }, 50)).toBeUndefined();
    });
    it('clears for every handle, and numbers on from where it was', async () => {
      const [a, b] = await pair();
      a.add(request('/before'));
      await sync(a, b);
      expect(b.list()).toHaveLength(1);
      b.clear();
      await sync(b, a);
      expect(a.list()).toEqual([]);
      a.add(request('/after'));
      await sync(a, b);
      expect(b.list().map((e) => [e.id, e.path])).toEqual([[2, '/after']]);
    });
  });
}

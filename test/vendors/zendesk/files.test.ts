import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, utcMidnight } from '../../../src/core/world/dates.js';
import { prepareWorld } from '../../../src/core/world/dialogue.js';
import { generate } from '../../../src/generate.js';
import { instanceAccountId } from '../../../src/vendors/zendesk/catalogue.js';
import { candidatesFor, conversationRecord, type WorldRef } from '../../../src/vendors/zendesk/generator.js';
import { advance, download, testApp } from '../../helpers.js';
import { BOT, filesOf, ORG, recordsOf, signedUrls, urlsOf, YESTERDAY } from './zendesk.js';

const apps: FastifyInstance[] = [];
async function app(overrides: Record<string, unknown> = {}) {
  const a = await testApp(overrides);
  apps.push(a);
  return a;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const lines = (b: Buffer) => b.toString('utf8').split('\n');

describe('Zendesk export files', () => {
  it('hold one conversation JSON object a line, every one ended on the date', async () => {
    const a = await app();
    const [file] = await filesOf(a, YESTERDAY);
    const text = file!.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const rows = lines(file!)
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(r.conversation_end_time.slice(0, 10)).toBe(YESTERDAY);
      expect(r.conversation_end_date).toBe(YESTERDAY);
      expect(r.bot_id).toBe(BOT);
    }
    expect(new Set(rows.map((r) => r.conversation_id)).size).toBe(rows.length);
  });

  it('splits a day into …_000000000000.json, …_000000000001.json and on at ZENDESK_SHARD_SIZE conversations', async () => {
    const whole = await app();
    const sharded = await app({ ZENDESK_SHARD_SIZE: 10 });
    const one = await filesOf(whole, YESTERDAY);
    const urls = await urlsOf(sharded, YESTERDAY);
    const total = lines(one[0]!).filter(Boolean).length;
    expect(one).toHaveLength(1);
    expect(urls).toHaveLength(Math.ceil(total / 10));
    for (const [i, u] of urls.entries())
      expect(new URL(u).pathname).toMatch(
        new RegExp(`/conversation_${BOT}_20250407_${String(i).padStart(12, '0')}\\.json$`),
      );
    const shards = await filesOf(sharded, YESTERDAY);
    for (const s of shards.slice(0, -1)) expect(lines(s).filter(Boolean)).toHaveLength(10);
    expect(Buffer.concat(shards).equals(one[0]!)).toBe(true);
  });

  it('are byte-identical whatever the ttl, whenever asked, and after a restart with the same seed', async () => {
    const first = await app();
    const before = await filesOf(first, YESTERDAY, { ttl: 5 });
    const again = await filesOf(first, YESTERDAY, { ttl: 10_080 });
    expect(again[0]!.equals(before[0]!)).toBe(true);
    const oldLink = (await urlsOf(first, YESTERDAY))[0]!;
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const restarted = await app({ CLOCK_START: '2025-04-08T12:30:00Z' });
    const after = await filesOf(restarted, YESTERDAY);
    expect(after[0]!.equals(before[0]!)).toBe(true);
    // A link minted before the restart still verifies (the signing key comes from the seed) once the day is written again.
    const viaOld = await download(restarted, oldLink);
    expect(viaOld.statusCode).toBe(200);
    expect(viaOld.rawPayload.equals(before[0]!)).toBe(true);

    const otherSeed = await app({ SEED: 'another-world' });
    expect((await filesOf(otherSeed, YESTERDAY))[0]!.equals(before[0]!)).toBe(false);
  });

  it('are written once for concurrent first requests, and again (identically) after a reset', async () => {
    const a = await app({ ZENDESK_SHARD_SIZE: 10 });
    // Files are written in a generation worker: each one written reaches the server's store through adopt().
    const adopt = vi.spyOn(a.mock.ctx.store, 'adopt');
    const put = {
      get count() {
        return adopt.mock.calls.reduce((n, [objects]) => n + objects.length, 0);
      },
    };
    const answers = await Promise.all([1, 2, 3, 4].map(() => signedUrls(a, { date: YESTERDAY })));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const shards = answers[0]!.json().urls.length;
    expect(put.count).toBe(shards);
    const before = await filesOf(a, YESTERDAY);
    expect(put.count).toBe(shards);

    expect((await a.inject({ method: 'POST', url: '/__admin/reset', payload: {} })).statusCode).toBe(200);
    const after = await filesOf(a, YESTERDAY);
    expect(put.count).toBe(2 * shards);
    expect(Buffer.concat(after).equals(Buffer.concat(before))).toBe(true);
  });

  it('put a conversation that crosses midnight in the file of the day it ended, not the day it started', async () => {
    await prepareWorld();
    const world: WorldRef = {
      seed: 'agent-export-mock',
      orgId: ORG,
      botId: BOT,
      botName: 'INDUSTRY DEMO (Travel) - SunCo',
      volume: 400,
      instanceAccountId: instanceAccountId('agent-export-mock', ORG),
      company: 'sunco-travel',
    };
    // Find, in a busy bot's world, a day with a conversation that started before midnight and ended after it.
    let found: { date: string; id: string } | undefined;
    for (let date = '2025-04-07'; !found && date > '2025-01-01'; date = addDays(date, -1)) {
      for (const c of candidatesFor(world, date)) {
        if (c.startDate === date) break;
        const r = conversationRecord(world, c.startDate, c.index, c.startAt);
        if (Date.parse(r.conversation_end_time) >= utcMidnight(date)) found = { date, id: r.conversation_id };
      }
    }
    expect(found).toBeDefined();
    const a = await app({ WORLD_DAILY_VOLUME: 400 });
    const ended = await recordsOf(a, found!.date);
    const started = await recordsOf(a, addDays(found!.date, -1));
    const crossing = ended.find((r) => r.conversation_id === found!.id);
    expect(crossing).toBeDefined();
    expect(crossing!.conversation_start_time.slice(0, 10)).toBe(addDays(found!.date, -1));
    expect(crossing!.conversation_end_date).toBe(found!.date);
    expect(started.some((r) => r.conversation_id === found!.id)).toBe(false);
    // No conversation is in two files, and each file holds only its day's ends.
    expect(started.every((r) => r.conversation_end_time.startsWith(addDays(found!.date, -1)))).toBe(true);
  });

  it('scale with WORLD_DAILY_VOLUME × the bot volume', async () => {
    const small = (await recordsOf(await app({ WORLD_DAILY_VOLUME: 20 }), YESTERDAY)).length;
    const large = (await recordsOf(await app({ WORLD_DAILY_VOLUME: 200 }), YESTERDAY)).length;
    expect(small).toBeGreaterThan(10);
    expect(small).toBeLessThan(35);
    expect(large).toBeGreaterThan(130);
    expect(large).toBeLessThan(310);
  });
});

describe('Zendesk files over time', () => {
  it('are written again, identically, when retention has dropped them, so a later request never links to a missing file', async () => {
    const a = await app();
    const before = await filesOf(a, YESTERDAY);
    const [oldUrl] = await urlsOf(a, YESTERDAY, { ttl: 5 });
    // Unused for the longest link lifetime (7 days) plus RETENTION_SECONDS (1 day): the sweep on clock moves drops them.
    await advance(a, 8 * 86_400 + 1);
    expect((await download(a, oldUrl!)).statusCode).toBe(400);
    const after = await filesOf(a, YESTERDAY);
    expect(Buffer.concat(after).equals(Buffer.concat(before))).toBe(true);
  });

  it('are written again, identically, when deleted from disk behind the server, on the next call for the day', async () => {
    const a = await app();
    const before = await filesOf(a, YESTERDAY);
    // The day is known as written now: the next calls answer from that without waiting.
    await filesOf(a, YESTERDAY);
    const root = join(a.mock.ctx.store.location, 'objects');
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' }))
      if (name.endsWith('.json')) rmSync(join(root, name));
    const after = await filesOf(a, YESTERDAY);
    expect(Buffer.concat(after).equals(Buffer.concat(before))).toBe(true);
  });

  it('are what `agent-export-mock generate zendesk` writes offline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aem-zendesk-'));
    try {
      const quiet = { update: () => undefined, done: () => undefined };
      const files = await generate(['zendesk', '--out', join(dir, 'day.json'), '--at', '2025-04-08T12:00:00Z'], quiet);
      expect(files.map((f) => f.name)).toEqual([`conversation_${BOT}_20250407_000000000000.json`]);
      const served = await filesOf(await app(), YESTERDAY);
      expect(readFileSync(join(dir, 'day.json')).equals(served[0]!)).toBe(true);
      // A day not finalized at --at is what the server answers 404 for then: refused, naming the instant that works.
      await expect(
        generate(['zendesk', '--out', `${dir}/`, '--at', '2025-04-08T12:00:00Z', '--date', '2025-04-08'], quiet),
      ).rejects.toThrow(/2025-04-08 is not finalized at 2025-04-08T12:00:00.000Z.*--at 2025-04-09T02:00:00.000Z/);
      const later = await generate(
        ['zendesk', '--out', `${dir}/`, '--at', '2025-04-09T02:00:00Z', '--date', '2025-04-08'],
        quiet,
      );
      expect(later[0]!.name).toBe(`conversation_${BOT}_20250408_000000000000.json`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

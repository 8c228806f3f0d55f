import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { prepareWorld } from '../../../src/core/world/dialogue.js';
import { conversationsIn } from '../../../src/vendors/seasalt/generator.js';
import { seasalt } from '../../../src/vendors/seasalt/index.js';
import type { SeasaltJob } from '../../../src/vendors/seasalt/lifecycle.js';
import { advance, download, PUBLIC_URL, testApp, unzip } from '../../helpers.js';
import { COLUMNS, finishedExport, parseCsv, type Row, SMS } from './seasalt.js';

const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f]/;
const NAIVE_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const CSV_NAME = /^(.+)--(\d{4}-\d{2}-\d{2}_\d{6})--SMS Support \(\+12025550123\)( \(\d+\))?\.csv$/;
const SMS_STATUSES = new Set(['delivered', 'sent', 'undelivered', 'failed']);

let app: FastifyInstance;
/**
 * One three-day export of the SMS channel, shared by the read-only checks below: under the `awkward-contacts` preset,
 * so contact names with quotes, pipes, angle brackets and line breaks test the CSV and file-name handling.
 */
let exp: Awaited<ReturnType<typeof finishedExport>>;
let rows: Row[];

beforeAll(async () => {
  app = await testApp();
  await app.inject({ method: 'POST', url: '/__admin/presets/awkward-contacts', payload: {} });
  exp = await finishedExport(app, { channel_id: SMS, start_date: '2025-03-30', end_date: '2025-04-01' });
  rows = [...exp.csv.values()].flatMap((c) => c.rows);
});
afterAll(async () => {
  await app.close();
});

describe('Seasalt ZIP and CSV names', () => {
  it('names the ZIP <channel>_<YYYY-MM of start>_<8 hex>.zip, spaces as underscores', () => {
    const name = decodeURIComponent(new URL(exp.job.presigned_url).pathname.split('/').pop()!);
    expect(name).toMatch(/^SMS_Support_2025-03_[0-9a-f]{8}\.zip$/);
  });

  it('names each CSV <contact>--<YYYY-MM-DD_HHMMSS>--<channel (number)>.csv after its first message, in UTC', () => {
    for (const [name, { rows: r }] of exp.csv) {
      const m = CSV_NAME.exec(name);
      expect(m, name).not.toBeNull();
      const first = r[0]!.message_time!;
      expect(m![2]).toBe(`${first.slice(0, 10)}_${first.slice(11, 13)}${first.slice(14, 16)}${first.slice(17, 19)}`);
    }
  });

  it('keeps names safe on every file system while keeping Unicode, and unique even ignoring case', () => {
    const names = [...exp.entries.keys()];
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) {
      for (const part of name.replace(/\.csv$/, '').split('--')) {
        expect(part, name).not.toMatch(FORBIDDEN);
        expect(part, name).not.toMatch(/^[\s.]|[\s.]$/);
      }
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    }
    // Contacts saved with quotes, slashes, line breaks… keep their letters; non-Latin names stay as they are.
    expect(names.some((n) => /[^\u0000-\u024f]/u.test(n.split('--')[0]!))).toBe(true);
  });
});

describe('Seasalt CSV content', () => {
  it('has the documented columns in the documented order, CRLF line ends and no BOM', () => {
    for (const [name, bytes] of exp.entries) {
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), name).toBe(false);
      expect(bytes.toString('utf8').startsWith(`${COLUMNS.join(',')}\r\n`)).toBe(true);
      expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
      expect(exp.csv.get(name)!.header).toEqual(COLUMNS);
    }
  });

  it('round-trips commas, quotes, line breaks, emoji and non-Latin scripts through csv-parse, exactly as generated', async () => {
    const kinds = {
      comma: rows.some((r) => r.message_text!.includes(',')),
      quote: rows.some((r) => r.message_text!.includes('"')),
      newline: rows.some((r) => (r.message_text! + r.contact_name!).includes('\n')),
      emoji: rows.some((r) => /\p{Extended_Pictographic}/u.test(r.message_text! + r.contact_name!)),
      nonLatin: rows.some((r) =>
        /\p{Script=Han}|\p{Script=Arabic}|\p{Script=Cyrillic}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(
          r.contact_name!,
        ),
      ),
    };
    expect(kinds).toEqual({ comma: true, quote: true, newline: true, emoji: true, nonLatin: true });
    // The same rows as the world holds: nothing was lost or mangled by quoting.
    await prepareWorld();
    const job = (await app.mock.ctx.jobs.get(exp.job.export_job_id)) as SeasaltJob;
    const expected = [...conversationsIn(job.params.world, job.params.range)].flatMap((c) =>
      c.messages.map((m) => m.row),
    );
    expect(rows).toEqual(expected);
  });

  it('keeps direction, speaker_type, speaker_name and sender_account consistent', () => {
    const kinds = new Set<string>();
    for (const r of rows) {
      kinds.add(r.speaker_type!);
      if (r.speaker_type === 'customer') {
        expect(r.direction).toBe('inbound');
        expect(r.speaker_name).toBe(r.contact_name);
        expect(r.sender_account).toBe('');
        expect(r.status).toBe('received');
      } else {
        expect(r.direction).toBe('outbound');
        expect(SMS_STATUSES.has(r.status!), r.status).toBe(true);
        if (r.speaker_type === 'bot') {
          expect(r.speaker_name).toBe('SeaChat AI Agent');
          expect(r.sender_account).toBe('');
        } else {
          expect(r.speaker_type).toBe('agent');
          expect(r.speaker_name).toMatch(/^\S+ \S+/);
          expect(r.sender_account).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
        }
      }
    }
    expect([...kinds].sort()).toEqual(['agent', 'bot', 'customer']);
  });

  it('keeps one conversation per CSV: one conversation_id, contact and number; unique message ids; times in order', () => {
    const ids = new Set<string>();
    for (const [name, { rows: r }] of exp.csv) {
      expect(r.length).toBeGreaterThan(0);
      expect(new Set(r.map((x) => x.conversation_id)).size, name).toBe(1);
      expect(new Set(r.map((x) => `${x.contact_name}|${x.contact_phone}`)).size, name).toBe(1);
      expect(r[0]!.contact_phone).toMatch(/^\+1\d{10}$/);
      for (let i = 1; i < r.length; i++) expect(r[i]!.message_time! >= r[i - 1]!.message_time!).toBe(true);
      for (const x of r) ids.add(x.message_id!);
    }
    expect(ids.size).toBe(rows.length);
    // Unknown numbers are exported with the number as the contact.
    expect(rows.some((r) => r.contact_name === r.contact_phone)).toBe(true);
  });

  it('writes message times as naive ISO with microseconds, all inside the requested dates (UTC)', () => {
    for (const r of rows) {
      expect(r.message_time).toMatch(NAIVE_MICROS);
      expect(
        r.message_time! >= '2025-03-30T00:00:00.000000' && r.message_time! < '2025-04-02T00:00:00.000000',
        r.message_time,
      ).toBe(true);
    }
  });

  it('writes media_url empty or as comma-separated URLs, sometimes several', () => {
    const withMedia = rows.filter((r) => r.media_url !== '');
    expect(withMedia.length).toBeGreaterThan(0);
    expect(withMedia.some((r) => r.media_url!.split(',').length >= 2)).toBe(true);
    for (const r of withMedia)
      for (const url of r.media_url!.split(',')) expect(url).toMatch(/^https:\/\/\S+\.(jpg|png|pdf|mp4)$/);
  });
});

describe('Seasalt overlapping exports', () => {
  it('agree on every conversation they share (a conversation cut at the end of the shorter range is a prefix)', async () => {
    const other = await finishedExport(app, { channel_id: SMS, start_date: '2025-04-01', end_date: '2025-04-02' });
    const byId = (e: typeof exp) =>
      new Map([...e.csv].map(([name, c]) => [c.rows[0]!.conversation_id!, { name, rows: c.rows }]));
    const a = byId(exp);
    const b = byId(other);
    let shared = 0;
    for (const [id, conv] of a) {
      if (conv.rows[0]!.message_time! < '2025-04-01') {
        expect(b.has(id)).toBe(false);
        continue;
      }
      const match = b.get(id);
      expect(match, id).toBeDefined();
      expect(match!.name).toBe(conv.name);
      expect(conv.rows).toEqual(match!.rows.filter((r) => r.message_time! < '2025-04-02'));
      shared++;
    }
    expect(shared).toBeGreaterThan(10);
    // Conversations of 1 April in the second export all appear in the first.
    for (const [id, conv] of b) if (conv.rows[0]!.message_time! < '2025-04-02') expect(a.has(id)).toBe(true);
  });
});

describe('Seasalt exports of an unusual channel (own seeds)', () => {
  let dir: string;
  let custom: FastifyInstance;
  const WS2 = '11111111-2222-4333-8444-555555555555';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seasalt-seeds-'));
    writeFileSync(
      join(dir, 'seasalt.json'),
      JSON.stringify({
        workspaces: [
          {
            workspace_id: WS2,
            api_keys: ['k2'],
            bot_name: 'Sally',
            channels: [
              {
                channel_id: 'ig-1',
                name: 'Café / "VIP": Support?',
                channel_type: 'INSTAGRAM',
                volume: 1,
                agents: [{ name: 'Ada Lovelace', account: 'ada@shop.example' }],
              },
              { channel_id: 'tf-1', channel_type: 'TOLL_FREE', phone_number: '+18005550100' },
            ],
          },
        ],
      }),
    );
    custom = await buildApp(
      parseConfig({
        CLOCK_START: '2025-04-08T12:00:00Z',
        CLOCK_FROZEN: true,
        LOG_LEVEL: 'silent',
        PUBLIC_URL,
        SEEDS: dir,
      }),
      [seasalt],
    );
    await custom.ready();
  });
  afterAll(async () => {
    await custom.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportOf = async (body: Record<string, unknown>) => {
    const base = `/seasalt/seax-api/api/v1/workspace/${WS2}/export-conversations`;
    const created = await custom.inject({ method: 'POST', url: base, headers: { 'x-api-key': 'k2' }, payload: body });
    expect(created.statusCode, created.body).toBe(202);
    await advance(custom, 60);
    const job = (
      await custom.inject({ url: `${base}/${created.json().export_job_id}`, headers: { 'x-api-key': 'k2' } })
    ).json();
    expect(job.status).toBe('finished');
    const file = await download(custom, job.presigned_url);
    expect(file.statusCode, file.body).toBe(200);
    return { job, entries: await unzip(file.rawPayload) };
  };

  it('makes the ZIP name and the CSV names safe, uses the seeded bot and agents, and leaves contact_phone empty off phone channels', async () => {
    const { job, entries } = await exportOf({
      channel_id: 'ig-1',
      channel_type: 'instagram',
      start_date: '2025-04-01',
      end_date: '2025-04-03',
    });
    const zip = decodeURIComponent(new URL(job.presigned_url).pathname.split('/').pop()!);
    expect(zip).toMatch(/^Café____VIP___Support__2025-04_[0-9a-f]{8}\.zip$/);
    const all = [...entries].map(([name, bytes]) => ({ name, rows: parseCsv(bytes).rows }));
    for (const { name } of all) expect(name).toMatch(/^.+--\d{4}-\d{2}-\d{2}_\d{6}--Café _ _VIP__ Support_\.csv$/);
    const r = all.flatMap((c) => c.rows);
    expect(r.every((x) => x.contact_phone === '')).toBe(true);
    expect(r.filter((x) => x.speaker_type === 'bot').every((x) => x.speaker_name === 'Sally')).toBe(true);
    const agentRows = r.filter((x) => x.speaker_type === 'agent');
    expect(agentRows.length).toBeGreaterThan(0);
    for (const x of agentRows) {
      expect(x).toMatchObject({ speaker_name: 'Ada Lovelace', sender_account: 'ada@shop.example' });
      expect(x.message_text).toMatch(/this is Ada from|Ada here from/);
    }
    expect(
      r
        .filter((x) => x.direction === 'outbound')
        .every((x) => ['read', 'delivered', 'sent', 'failed'].includes(x.status!)),
    ).toBe(true);
  });

  it('names a channel without a name after its number (toll-free numbers answer to sms)', async () => {
    const { job, entries } = await exportOf({
      phone_number: '+18005550100',
      channel_type: 'sms',
      start_date: '2025-04-01',
      end_date: '2025-04-01',
    });
    expect(decodeURIComponent(new URL(job.presigned_url).pathname.split('/').pop()!)).toMatch(
      /^\+18005550100_2025-04_[0-9a-f]{8}\.zip$/,
    );
    for (const name of entries.keys()) expect(name).toMatch(/--\+18005550100\.csv$/);
  });
});

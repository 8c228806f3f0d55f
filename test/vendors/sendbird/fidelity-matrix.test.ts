/**
 * Statements of Sendbird's "Data export" page that no other test checked, each named by a row of the README's
 * fidelity matrix.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS } from '../../../src/config.js';
import { advance, testApp } from '../../helpers.js';
import { BASE, BODY, create, exportJson, TOKEN } from './sendbird.js';

type Message = Record<string, unknown> & { message_from: string };
type Conversation = Record<string, unknown> & { messages: Message[]; start_ts: number; close_ts: number };

let app: FastifyInstance;
let conversations: Conversation[];
let job: Record<string, unknown> & { export_file: { url: string; expires_at: number }; export_ended_at: number };
beforeAll(async () => {
  app = await testApp();
  const exported = await exportJson(app);
  conversations = exported.json;
  job = exported.job;
});
afterAll(async () => {
  await app.close();
});

// The key sets of the page's create and list/details samples (the mock adds export_file / timezone, README choices).
const CREATE_SAMPLE = [
  'created_at',
  'updated_at',
  'app_id',
  'ai_agent_id',
  'type',
  'from',
  'to',
  'timezone',
  'export_id',
  'export_status',
  'export_format',
  'export_started_at',
  'export_ended_at',
  'export_elapsed',
];
const DETAILS_SAMPLE = [
  'created_at',
  'updated_at',
  'app_id',
  'type',
  'ai_agent_id',
  'from',
  'to',
  'export_id',
  'export_status',
  'export_format',
  'export_started_at',
  'export_ended_at',
  'export_elapsed',
  'export_file',
];

describe('Sendbird export records, as the page samples them', () => {
  it('create answers every key of the create sample, plus export_file', async () => {
    const created = await create(app, { ...BODY, type: 'daily_analysis' });
    expect(Object.keys(created).sort()).toEqual([...CREATE_SAMPLE, 'export_file'].sort());
    expect(created).toMatchObject({
      type: 'daily_analysis',
      timezone: 'America/New_York',
      export_format: 'json',
      ai_agent_id: 'ai_agent_cx',
    });
  });

  it('details and list items answer every key of their samples, plus timezone', async () => {
    expect(Object.keys(job).sort()).toEqual([...DETAILS_SAMPLE, 'timezone'].sort());
    const list = (await app.inject({ url: BASE, headers: TOKEN })).json();
    expect(Object.keys(list).sort()).toEqual(['items', 'next', 'prev']);
    for (const item of list.items) expect(Object.keys(item).sort()).toEqual([...DETAILS_SAMPLE, 'timezone'].sort());
  });

  it('links to an S3 object of bucket sendbird-us-1 in us-west-2, signed with SigV4 at the end of the export', () => {
    const url = new URL(job.export_file.url);
    expect(url.pathname).toMatch(/^\/s3\/sendbird-us-1\/[0-9a-f]{15}\.zip$/);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^[A-Z0-9]+\/20250408\/us-west-2\/s3\/aws4_request$/);
    const signedAt = Math.floor(job.export_ended_at / 1000) * 1000;
    expect(url.searchParams.get('X-Amz-Date')).toBe(new Date(signedAt).toISOString().replace(/[-:]|\.\d{3}/g, ''));
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Sendbird conversation fields, as the page tables describe them', () => {
  it('user_sentiment is positive, neutral or negative, with a comment', () => {
    const seen = new Set(conversations.map((c) => c.user_sentiment));
    expect([...seen].sort()).toEqual(['negative', 'neutral', 'positive']);
    for (const c of conversations) expect(typeof c.user_sentiment_comment).toBe('string');
  });

  it('resolution_resolved_time and the unresolved handle time are seconds within the conversation', () => {
    for (const c of conversations) {
      const seconds = (c.resolution_resolved_time ?? c.resolution_unresolved_ai_handle_time) as number;
      expect(Number.isInteger(seconds)).toBe(true);
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(seconds).toBeLessThanOrEqual(Math.ceil((c.close_ts - c.start_ts) / 1000));
    }
  });

  it('scorecard: created_at in unix ms, seven criteria good or poor, answer_relevancy null, author int, comment', () => {
    const cards = conversations
      .map((c) => c.ai_agent_scorecard)
      .filter((s): s is Record<string, unknown> => s !== null);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(Object.keys(card).sort()).toEqual(['author', 'comment', 'created_at', 'scores']);
      expect(card.created_at as number).toBeGreaterThan(Date.parse('2025-03-01'));
      expect(Number.isInteger(card.author)).toBe(true);
      expect(typeof card.comment).toBe('string');
      const scores = card.scores as Record<string, { score: string; reason?: { id: number; message: string } } | null>;
      expect(Object.keys(scores).sort()).toEqual([
        'answer_relevancy',
        'category',
        'completeness',
        'correctness',
        'readability',
        'solution_offered',
        'tone',
      ]);
      expect(scores.answer_relevancy).toBeNull();
      for (const [name, s] of Object.entries(scores)) {
        if (name === 'answer_relevancy') continue;
        expect(['good', 'poor']).toContain(s!.score);
        if (s!.score === 'poor') expect(s!.reason).toEqual({ id: expect.any(Number), message: expect.any(String) });
      }
    }
  });

  it('ai_activity_trail_log lists the knowledge and tools an AI message used, each as {key, name}', () => {
    const logs = conversations
      .flatMap((c) => c.messages)
      .map((m) => m.ai_activity_trail_log)
      .filter((l) => l !== null);
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs as Array<Record<string, Array<{ key: string; name: string }>>>) {
      for (const [kind, refs] of Object.entries(log)) {
        expect(['knowledge', 'tools', 'actionbooks']).toContain(kind);
        for (const ref of refs) expect(ref).toEqual({ key: expect.any(String), name: expect.any(String) });
      }
    }
  });

  it('flagged_reason explains a flagged message and is null on others; feedback is {rating good|bad, comment} or null', () => {
    const messages = conversations.flatMap((c) => c.messages);
    for (const m of messages) {
      const flagged = m.ai_hallucination === true || (m.user_flagged as string) !== '';
      if (flagged) expect(typeof m.flagged_reason).toBe('string');
      else expect(m.flagged_reason).toBeNull();
      if (m.feedback !== null) {
        expect(m.message_from).toBe('ai');
        expect(Object.keys(m.feedback as object).sort()).toEqual(['comment', 'rating']);
        expect(['good', 'bad']).toContain((m.feedback as { rating: string }).rating);
      }
    }
    expect(messages.some((m) => m.ai_hallucination === true)).toBe(true);
    expect(messages.some((m) => m.feedback !== null)).toBe(true);
  });
});

describe('Sendbird Api-Token', () => {
  it('accepts a secondary API token of the application as well as the master token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sendbird-seeds-'));
    try {
      const seeds = JSON.parse(readFileSync(join(DEFAULT_SEEDS, 'sendbird.json'), 'utf8'));
      seeds.apps[0].api_tokens.push('secondary-token');
      const file = join(dir, 'seeds.json');
      writeFileSync(file, JSON.stringify({ sendbird: seeds }));
      const local = await testApp({ SEEDS: file });
      for (const token of ['demo-sendbird-api-token', 'secondary-token']) {
        const res = await local.inject({ url: BASE, headers: { 'api-token': token } });
        expect(res.statusCode, token).toBe(200);
      }
      expect((await local.inject({ url: BASE, headers: { 'api-token': 'other' } })).json()).toMatchObject({
        code: 400401,
      });
      await local.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('needs no Content-Type on a GET, only on the POST that carries a body', async () => {
    await advance(app, 0);
    const res = await app.inject({ url: BASE, headers: TOKEN });
    expect(res.statusCode).toBe(200);
  });
});

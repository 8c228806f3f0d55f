import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedDateOf, zonedMidnight } from '../../../src/core/world/dates.js';
import { advance, testApp } from '../../helpers.js';
import { BODY, create, details, exportJson } from './sendbird.js';

type Message = {
  id: number;
  create_ts: number;
  message_from: string;
  message: string;
  ai_hallucination: true | null;
  ai_activity_trail_log: unknown;
  user_flagged: string;
  feedback: unknown;
};
type Conversation = Record<string, unknown> & { messages: Message[]; start_ts: number; close_ts: number };

let app: FastifyInstance;
let conversations: Conversation[];
beforeAll(async () => {
  app = await testApp();
  conversations = (await exportJson(app)).json;
});
afterAll(async () => {
  await app.close();
});

const SAMPLE_FIELDS = [
  'id',
  'channel_url',
  'start_ts',
  'close_ts',
  'total_user_message',
  'total_ai_agent_responses',
  'user_sentiment',
  'user_sentiment_comment',
  'csat_score',
  'resolution_resolved',
  'resolution_resolved_by',
  'resolution_resolved_time',
  'resolution_unresolved_ai_handle_time',
  'human_handoff',
  'abandoned',
  'revisit',
  'ai_agent_scorecard',
  'messages',
  'ai_agent_context',
  'category',
  'sub_category',
];
const TABLE_ONLY_FIELDS = ['user_id', 'summary', 'country', 'language'];

describe('Sendbird conversation export', () => {
  it('holds every field of the vendor sample and table, with the sample spellings', () => {
    expect(conversations.length).toBeGreaterThan(100);
    for (const c of conversations) {
      for (const f of [...SAMPLE_FIELDS, ...TABLE_ONLY_FIELDS]) expect(c, f).toHaveProperty(f);
      expect(c).not.toHaveProperty('total_user_messages');
      expect(c).not.toHaveProperty('resolution_unresovled_ai_handle_time');
      expect(Object.keys(c.ai_agent_context as object).sort()).toEqual(['context', 'country', 'language']);
    }
  });

  it('keeps only conversations that started within the requested days in the requested zone, in start order', () => {
    const start = zonedMidnight('2025-04-01', 'America/New_York');
    const end = zonedMidnight('2025-04-08', 'America/New_York');
    for (const c of conversations) {
      expect(c.start_ts).toBeGreaterThanOrEqual(start);
      expect(c.start_ts).toBeLessThan(end);
    }
    const starts = conversations.map((c) => c.start_ts);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(conversations.map((c) => c.id)).size).toBe(conversations.length);
  });

  it('is coherent: counters equal messages, times inside the conversation, resolution fields null where they do not apply', () => {
    for (const c of conversations) {
      expect(c.total_user_message).toBe(c.messages.filter((m) => m.message_from === 'user').length);
      expect(c.total_ai_agent_responses).toBe(c.messages.filter((m) => m.message_from === 'ai').length);
      expect(c.close_ts).toBeGreaterThanOrEqual(c.start_ts);
      for (const m of c.messages) {
        expect(m.create_ts).toBeGreaterThanOrEqual(c.start_ts);
        expect(m.create_ts).toBeLessThanOrEqual(c.close_ts);
        if (m.message_from !== 'ai') {
          expect(m.ai_hallucination).toBeNull();
          expect(m.ai_activity_trail_log).toBeNull();
          expect(m.feedback).toBeNull();
        }
        // As the page's sample message shows: "ai_hallucination": null and "user_flagged": "" when nothing was flagged.
        if (m.message_from === 'ai') expect([true, null]).toContain(m.ai_hallucination);
        if (m.message_from !== 'user') expect(m.user_flagged).toBe('');
        if (m.message_from === 'user')
          expect(['', 'harmful_content', 'adversarial_attack', 'context_injection', 'banned_phrases']).toContain(
            m.user_flagged,
          );
        expect(['ai', 'user', 'human', 'system']).toContain(m.message_from);
      }
      if (c.resolution_resolved) {
        expect(['ai', 'user']).toContain(c.resolution_resolved_by);
        expect(typeof c.resolution_resolved_time).toBe('number');
        expect(c.resolution_unresolved_ai_handle_time).toBeNull();
      } else {
        expect(c.resolution_resolved_by).toBeNull();
        expect(c.resolution_resolved_time).toBeNull();
        expect(typeof c.resolution_unresolved_ai_handle_time).toBe('number');
      }
      if (c.human_handoff) expect(c.messages.some((m) => m.message_from === 'human')).toBe(true);
      if (c.csat_score !== null) expect([1, 2, 3, 4, 5]).toContain(c.csat_score);
    }
  });

  it('reads like customer support, with faker names and order numbers, not lorem ipsum', () => {
    const text = conversations.flatMap((c) => c.messages.map((m) => m.message)).join('\n');
    expect(text).not.toMatch(/lorem|ipsum/i);
    expect(text).toMatch(/order #?\d{6}/i);
    expect(new Set(conversations.map((c) => c.category)).size).toBeGreaterThan(3);
    expect(conversations.some((c) => c.human_handoff)).toBe(true);
    expect(conversations.some((c) => c.abandoned)).toBe(true);
    expect(conversations.some((c) => c.ai_agent_scorecard !== null)).toBe(true);
  });
});

describe('Sendbird daily analysis', () => {
  it("has one object per date, each exactly the aggregate of that day's conversations in the conversation export", async () => {
    const { json: days } = await exportJson(app, { ...BODY, type: 'daily_analysis' });
    expect(days.map((d: { date: string }) => d.date)).toEqual([
      '2025-04-01',
      '2025-04-02',
      '2025-04-03',
      '2025-04-04',
      '2025-04-05',
      '2025-04-06',
      '2025-04-07',
    ]);
    const round = (x: number, p: number) => Math.round(x * 10 ** p) / 10 ** p;
    for (const day of days) {
      const cs = conversations.filter((c) => zonedDateOf(c.start_ts, 'America/New_York') === day.date);
      const n = cs.length;
      const rated = cs.filter((c) => c.csat_score !== null);
      const resolved = cs.filter((c) => c.resolution_resolved);
      expect(day).toEqual({
        date: day.date,
        total_number_of_conversations: n,
        number_of_user_message: cs.reduce((s, c) => s + (c.total_user_message as number), 0),
        number_of_ai_message: cs.reduce((s, c) => s + (c.total_ai_agent_responses as number), 0),
        average_csat_scores: rated.length
          ? round(rated.reduce((s, c) => s + (c.csat_score as number), 0) / rated.length, 2)
          : null,
        average_resolution_time: resolved.length
          ? round(resolved.reduce((s, c) => s + (c.resolution_resolved_time as number), 0) / resolved.length, 2)
          : null,
        human_handoff_rate: round(cs.filter((c) => c.human_handoff).length / n, 4),
        resolution_rate: round(resolved.length / n, 4),
        abandonment_rate: round(cs.filter((c) => c.abandoned).length / n, 4),
        revisit_rate: round(cs.filter((c) => c.revisit).length / n, 4),
      });
    }
  });

  it('ends no_data for an agent with no conversations, with no file', async () => {
    const created = await create(app, { ...BODY, ai_agent_id: 'ai_agent_quiet' });
    await advance(app, 60);
    const done = await details(app, created.export_id);
    expect(done.export_status).toBe('no_data');
    expect(done.export_file).toBeNull();
    expect(done.export_ended_at).not.toBeNull();
  });
});

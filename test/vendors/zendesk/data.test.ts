import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUNCO_TRAVEL } from '../../../src/core/world/companies.js';

/** The SunCo bot's company: its intents are the bot's. */
const TOPICS = SUNCO_TRAVEL.intents;

import { MAX_CONVERSATION_MS } from '../../../src/vendors/zendesk/generator.js';
import { testApp } from '../../helpers.js';
import { BOT, recordsOf, US, US_HEADERS } from './zendesk.js';

type Row = Record<string, any>;
let app: FastifyInstance;
let rows: Row[];
beforeAll(async () => {
  // Three days of a busier bot: enough conversations for rates to settle, still well under a second to write.
  app = await testApp({ WORLD_DAILY_VOLUME: 400 });
  rows = [
    ...(await recordsOf(app, '2025-04-05')),
    ...(await recordsOf(app, '2025-04-06')),
    ...(await recordsOf(app, '2025-04-07')),
  ];
});
afterAll(async () => {
  await app.close();
});

const ESCALATED = ['email', 'agent', 'customEscalation'];
const n = (s: string) => Number(s);

/** The names of the checks that some rows fail, with the first failing conversation id. */
function violations(data: Row[], checks: Record<string, (r: Row) => boolean>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, check] of Object.entries(checks)) {
    const row = data.find((r) => !check(r));
    if (row) out[name] = row.conversation_id;
  }
  return out;
}

/** The vendor page's "Popular metrics" query, in TypeScript. */
function popularMetrics(data: Row[]) {
  const total = new Set(data.map((r) => r.conversation_id)).size;
  const share = (p: (r: Row) => boolean) => data.filter(p).length / total;
  const customer = data.reduce((s, r) => s + n(r.customer_messages_count), 0);
  const notUnderstood = data.reduce((s, r) => s + n(r.not_understood_messages_count), 0);
  return {
    total,
    bot_handled_rate: share((r) => r.conversation_status === 'botHandled'),
    deflection_rate: share((r) => !ESCALATED.includes(r.conversation_status)),
    escalation_rate: share((r) => ESCALATED.includes(r.conversation_status)),
    failed_escalation_rate: share((r) => r.conversation_status === 'failedEscalation'),
    messages_understood_rate: (customer - notUnderstood) / customer,
  };
}

describe('Zendesk conversation records', () => {
  it('carry every field of the vendor table, sample and live files, with the documented types', () => {
    const stringCounts = [
      'knowledge_notUnderstood_count',
      'knowledge_responseGenerated_count',
      'knowledge_errorOccurred_count',
      'knowledge_escalationRequired_count',
      'knowledge_fallback_count',
      'bot_messages_count',
      'visitor_messages_count',
      'customer_messages_count',
      'not_understood_messages_count',
    ];
    const arrays = [
      'labels',
      'segments',
      'triggered_replies',
      'triggered_intent_replies',
      'triggered_procedures',
      'triggered_use_cases',
      'knowledge_sources',
    ];
    const others = [
      'bot_id',
      'bot_name',
      'conversation_id',
      'platform_conversation_id',
      'conversation_start_time',
      'conversation_end_time',
      'conversation_type',
      'language',
      'channel',
      'conversations_data',
      'test_mode',
      'conversation_status',
      'automated_resolution',
      'automated_resolution_reasoning',
      'last_resolution',
      'has_knowledge_response_attempt',
      'is_llm_conversation',
      'resolution_tier',
      'rbp_status_name',
      'session_ended_timestamp',
      'conversation_end_date',
      'instance_account_id',
    ];
    const fields = [...stringCounts, ...arrays, ...others].sort().join(',');
    const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;
    // Violations are collected, not asserted one by one: thousands of expect() calls would dominate the suite's time.
    const bad = violations(rows, {
      fields: (r) => Object.keys(r).sort().join(',') === fields,
      counts: (r) => stringCounts.every((k) => typeof r[k] === 'string' && /^\d+$/.test(r[k])),
      arrays: (r) => arrays.every((k) => Array.isArray(r[k])),
      data: (r) =>
        typeof r.conversations_data === 'object' &&
        r.conversations_data !== null &&
        !Array.isArray(r.conversations_data),
      times: (r) =>
        [r.conversation_start_time, r.conversation_end_time, r.session_ended_timestamp].every((t) => TIME.test(t)),
      type: (r) => ['Use case', 'Knowledge', 'Hybrid', 'Others'].includes(r.conversation_type),
      channel: (r) => ['chat', 'email'].includes(r.channel),
      bot: (r) => r.bot_id === BOT,
      customer: (r) => r.visitor_messages_count === r.customer_messages_count,
      bsat: (r) => [null, -1, 1, 2, 3, 4, 5].includes(r.conversations_data.bsatScore),
    });
    expect(bad).toEqual({});
    expect(rows.length).toBeGreaterThan(900);
  });

  it('are coherent: end after start, replies inside the conversation, status agreeing with last_resolution', () => {
    const lastOf: Record<string, string[]> = {
      botHandled: ['resolved', 'informed'],
      agent: ['escalated'],
      email: ['escalated'],
      customEscalation: ['escalated'],
      failedEscalation: ['informed'],
    };
    const span = (r: Row) => [Date.parse(r.conversation_start_time), Date.parse(r.conversation_end_time)] as const;
    const bad = violations(rows, {
      endAfterStart: (r) => span(r)[1] > span(r)[0],
      shorterThanBound: (r) => span(r)[1] - span(r)[0] < MAX_CONVERSATION_MS,
      sessionEndsAfter: (r) => Date.parse(r.session_ended_timestamp) >= span(r)[1],
      repliesInside: (r) =>
        r.triggered_replies.every(
          (t: Row) => Date.parse(t.reply_timestamp) >= span(r)[0] && Date.parse(t.reply_timestamp) <= span(r)[1],
        ),
      intentsInside: (r) =>
        r.triggered_intent_replies.every(
          (t: Row) => Date.parse(t.intent_timestamp) >= span(r)[0] && Date.parse(t.intent_timestamp) <= span(r)[1],
        ),
      statusAgrees: (r) => lastOf[r.conversation_status]!.includes(r.last_resolution),
      emailEscalates: (r) =>
        !(r.channel === 'email' && r.last_resolution === 'escalated') || r.conversation_status === 'email',
      botMessages: (r) => n(r.bot_messages_count) === r.triggered_replies.length,
      knowledgeFlag: (r) =>
        r.has_knowledge_response_attempt ===
        n(r.knowledge_responseGenerated_count) + n(r.knowledge_notUnderstood_count) + n(r.knowledge_fallback_count) > 0,
      knowledgeType: (r) => !['Knowledge', 'Hybrid'].includes(r.conversation_type) || r.has_knowledge_response_attempt,
      useCaseType: (r) => !['Use case', 'Hybrid'].includes(r.conversation_type) || r.triggered_use_cases.length > 0,
      testNotEvaluated: (r) => !r.test_mode || r.automated_resolution === null,
      automatedNotEscalated: (r) => r.automated_resolution !== 'true' || r.last_resolution !== 'escalated',
      notUnderstoodFallbacks: (r) =>
        n(r.not_understood_messages_count) ===
        r.triggered_replies.filter((t: Row) => t.reply_type === 'fallback').length,
    });
    expect(bad).toEqual({});
  });

  it('include test-mode and suggestion-engine conversations (bot_messages_count "0"), and every status', () => {
    const test = rows.filter((r) => r.test_mode);
    const suggestion = rows.filter((r) => r.bot_messages_count === '0');
    expect(test.length).toBeGreaterThan(5);
    expect(suggestion.length).toBeGreaterThan(10);
    for (const r of suggestion)
      expect(r).toMatchObject({ conversation_status: 'agent', conversation_type: 'Others', triggered_replies: [] });
    expect(new Set(rows.map((r) => r.conversation_status))).toEqual(
      new Set(['botHandled', 'agent', 'email', 'customEscalation', 'failedEscalation']),
    );
    expect(new Set(rows.map((r) => r.conversation_type))).toEqual(
      new Set(['Use case', 'Knowledge', 'Hybrid', 'Others']),
    );
  });

  it('give sensible rates through the vendor’s "popular metrics" query', () => {
    const m = popularMetrics(rows);
    const dashboard = popularMetrics(rows.filter((r) => n(r.bot_messages_count) > 0));
    expect(m.total).toBe(rows.length);
    expect(m.bot_handled_rate).toBeGreaterThan(0.65);
    expect(m.bot_handled_rate).toBeLessThan(0.9);
    expect(m.deflection_rate + m.escalation_rate).toBeCloseTo(1, 10);
    expect(m.escalation_rate).toBeGreaterThan(0.08);
    expect(m.escalation_rate).toBeLessThan(0.3);
    expect(m.failed_escalation_rate).toBeGreaterThan(0.002);
    expect(m.failed_escalation_rate).toBeLessThan(0.05);
    expect(m.messages_understood_rate).toBeGreaterThan(0.85);
    expect(m.messages_understood_rate).toBeLessThan(1);
    // Filtering out suggestion-engine conversations, as the FAQ advises, lowers the escalation rate.
    expect(dashboard.escalation_rate).toBeLessThan(m.escalation_rate);
  });

  it('name intents, replies, labels, segments and knowledge sources from one catalogue per bot', async () => {
    const intentIds = new Map<string, string>();
    for (const r of rows) {
      for (const i of r.triggered_intent_replies) {
        expect(intentIds.get(i.intent_name) ?? i.intent_id).toBe(i.intent_id);
        intentIds.set(i.intent_name, i.intent_id);
      }
      for (const s of r.knowledge_sources)
        expect(s).toMatch(/^.+ \(https:\/\/[a-z0-9-]+\.zendesk\.com\/hc\/en-us\/articles\/\d+-[a-z0-9-]+\)$/);
    }
    const names = new Set(TOPICS.map((t) => t.subCategory));
    expect([...intentIds.keys()].filter((k) => names.has(k)).length).toBe(TOPICS.length);
    const segments = new Set(rows.flatMap((r) => r.segments));
    expect(segments.size).toBeGreaterThanOrEqual(3);
    expect(segments.size).toBeLessThanOrEqual(5);
    // Another bot has a catalogue of its own, and another organization another Zendesk account.
    const us = await testApp();
    try {
      const usRows = await recordsOf(us, '2025-04-07', { url: US, headers: US_HEADERS });
      const usIntents = new Set(usRows.flatMap((r) => r.triggered_intent_replies.map((i: Row) => i.intent_id)));
      expect([...intentIds.values()].filter((id) => usIntents.has(id))).toEqual([]);
      expect(usRows[0]!.instance_account_id).not.toBe(rows[0]!.instance_account_id);
    } finally {
      await us.close();
    }
    expect(rows.every((r) => r.instance_account_id === rows[0]!.instance_account_id)).toBe(true);
  });

  it('carry no message text', () => {
    const text = JSON.stringify(rows);
    // What customers and the AI agent say in the world's dialogues: the fixed parts of every template.
    const phrases = TOPICS.flatMap((t) => [...t.openers, ...t.answers, ...t.followUps.flat(), ...t.human])
      .flatMap((s) => s.split(/\{\w+\}/))
      .map((s) => s.trim())
      .filter((s) => s.length >= 20);
    phrases.push(
      'Is there anything else I can help you with?',
      'I want to talk to a human',
      'Conversation handed off to a human agent.',
    );
    expect(phrases.length).toBeGreaterThan(20);
    const leaked = phrases.filter((p) => text.includes(p));
    expect(leaked).toEqual([]);
  });
});

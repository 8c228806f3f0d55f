import { beforeAll, describe, expect, it } from 'vitest';
import { companyOf } from '../../src/core/world/companies.js';
import { datesFrom } from '../../src/core/world/dates.js';
import { prepareWorld } from '../../src/core/world/dialogue.js';
import { botCatalogue } from '../../src/vendors/zendesk/catalogue.js';
import { type ConversationRecord, conversationsEndingOn, type WorldRef } from '../../src/vendors/zendesk/generator.js';
import { EXAMPLE_EMAIL, MONTH, SEED } from './coherence.js';

const bot = (botId: string, company: string, volume = 40): WorldRef => ({
  seed: SEED,
  orgId: 'org',
  botId,
  botName: botId,
  volume,
  instanceAccountId: '12345678',
  company,
});
const SUNCO = bot('98174e8d635471c383b9ec7b', 'sunco-travel');
const SHOP = bot('5f0e9d8c7b6a594837261504', 'harbor-and-pine');
const days = datesFrom(MONTH.from, MONTH.to);
let files: Map<string, ConversationRecord[]>;

beforeAll(async () => {
  await prepareWorld();
  files = new Map(days.map((d) => [d, [...conversationsEndingOn(SUNCO, d)]]));
});

describe('Zendesk world over a month', () => {
  it('puts at least 2% of conversations that started the day before into every day file of a week, for every bot', () => {
    for (const world of [SUNCO, SHOP, bot('quiet', 'harbor-and-pine', 3)])
      for (const date of days.slice(7, 14)) {
        const file = [...conversationsEndingOn(world, date)];
        const carried = file.filter((r) => !r.conversation_start_time.startsWith(date));
        expect(file.every((r) => r.conversation_end_date === date)).toBe(true);
        expect(carried.length / file.length, `${world.botId} ${date}`).toBeGreaterThanOrEqual(0.02);
      }
  });

  it('is the travel company for the SunCo bot: travel intents, booking references, English everywhere', () => {
    const travel = new Set(companyOf('sunco-travel').intents.map((i) => i.subCategory));
    const greeting = new Set(['Greeting', 'Anything else', 'Confirm resolution', 'Talk to an agent']);
    for (const rows of files.values())
      for (const r of rows) {
        for (const i of r.triggered_intent_replies)
          expect(travel.has(i.intent_name) || greeting.has(i.intent_name), i.intent_name).toBe(true);
        expect([r.language, r.conversations_data.lastDetectedLanguage, r.conversations_data.usedLanguage]).toEqual([
          'eng',
          'eng',
          'eng',
        ]);
        for (const reply of r.triggered_replies) expect(reply.reply_language).toBe('eng');
        const order = (r.conversations_data as { orderNumber?: string }).orderNumber;
        if (order) expect(order).toMatch(/^SC\d{4}[A-Z]{2}$/);
        if (r.conversations_data.email) expect(r.conversations_data.email).toMatch(EXAMPLE_EMAIL);
      }
  });

  it('labels what happened: a handover only when escalated, a booking reference only when one was given', () => {
    const cat = botCatalogue(SEED, SUNCO.orgId, SUNCO.botId, companyOf('sunco-travel'));
    const askNames = new Set([...cat.topics.values()].map((t) => t.askOrder.name));
    for (const rows of files.values())
      for (const r of rows) {
        const escalated = r.triggered_intent_replies.some((i) => i.intent_name === 'Talk to an agent');
        expect(r.labels.includes('handover-requested')).toBe(escalated);
        if (r.labels.includes('booking-reference-provided'))
          expect((r.conversations_data as { orderNumber?: string }).orderNumber).toBeDefined();
        // The bot asks for the reference at most once.
        expect(r.triggered_replies.filter((x) => askNames.has(x.reply_name)).length).toBeLessThanOrEqual(1);
        if (r.automated_resolution === 'true') expect(r.conversation_status).toBe('botHandled');
      }
  });

  it('keeps replies inside their conversation, and conversations no longer than the world allows', () => {
    for (const rows of files.values())
      for (const r of rows) {
        const [start, end] = [Date.parse(r.conversation_start_time), Date.parse(r.conversation_end_time)];
        for (const x of r.triggered_replies) {
          expect(Date.parse(x.reply_timestamp)).toBeGreaterThanOrEqual(start);
          expect(Date.parse(x.reply_timestamp)).toBeLessThanOrEqual(end);
        }
      }
  });
});

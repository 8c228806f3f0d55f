import { beforeAll, describe, expect, it } from 'vitest';
import { prepareWorld } from '../../src/core/world/dialogue.js';
import * as L from '../../src/core/world/dialogue-lines.js';
import { type ConversationRecord, conversationsIn, type WorldRef } from '../../src/vendors/sendbird/generator.js';
import {
  FAKER_COMMERCE,
  GENERIC_AI,
  intentBySubCategory,
  intentsAnswering,
  isAsk,
  isGenericAi,
  isOpenerOf,
  LATIN_TEXT,
  MONTH,
  SEED,
  SHOP,
  SLOT,
  withoutClaim,
} from './coherence.js';

const world: WorldRef = { seed: SEED, appId: 'app', aiAgentId: 'agent', volume: 40, company: SHOP.id };
/** The export was requested on 20 April at noon: nothing after that may be in it. */
const REQUESTED = Date.parse('2025-04-20T12:00:00Z');
let month: ConversationRecord[];

beforeAll(async () => {
  await prepareWorld();
  month = [...conversationsIn(world, { ...MONTH, timezone: 'America/New_York', cutoff: REQUESTED })];
});

describe('Sendbird world over a month: dialogues', () => {
  it('holds hundreds of conversations, every one opening with its intent', () => {
    expect(month.length).toBeGreaterThan(500);
    for (const c of month)
      expect(isOpenerOf(intentBySubCategory(SHOP, c.sub_category), c.messages[0]!.message)).toBe(true);
  });

  it('never asks for the order number once the customer gave it, and asks at most once', () => {
    let asked = 0;
    for (const c of month) {
      let given = false;
      let asks = 0;
      for (const m of c.messages) {
        if (m.message_from === 'user' && SLOT.test(m.message)) given = true;
        if (m.message_from === 'ai' && isAsk(m.message)) {
          expect(given, `${c.id}: ${m.message}`).toBe(false);
          asks++;
        }
      }
      expect(asks).toBeLessThanOrEqual(1);
      asked += asks;
    }
    expect(asked).toBeGreaterThan(20);
  });

  it("answers the opening intent: every AI message is the intent's answer or a line every intent shares", () => {
    for (const c of month) {
      const intent = intentBySubCategory(SHOP, c.sub_category);
      for (const m of c.messages.filter((x) => x.message_from === 'ai')) {
        if (isAsk(m.message) || isGenericAi(m.message)) continue;
        expect(
          intentsAnswering(SHOP, m.message).map((i) => i.id),
          m.message,
        ).toContain(intent.id);
      }
    }
  });

  it('lets a human agent continue after a handoff in their own words, never repeating the AI', () => {
    const handoffs = month.filter((c) => c.human_handoff);
    expect(handoffs.length).toBeGreaterThan(30);
    for (const c of handoffs) {
      const ai = new Set(c.messages.filter((m) => m.message_from === 'ai').map((m) => m.message));
      const human = c.messages.filter((m) => m.message_from === 'human');
      expect(human).toHaveLength(1);
      expect(ai.has(human[0]!.message)).toBe(false);
      expect(human[0]!.message).toMatch(/this is \S+ from|\S+ here from/);
    }
    for (const c of month.filter((x) => !x.human_handoff))
      expect(c.messages.some((m) => m.message_from === 'human')).toBe(false);
  });

  it('writes English under English tags, with the shop catalogue and no faker commerce words', () => {
    for (const c of month) {
      expect(c.ai_agent_context.language).toMatch(/^en-/);
      if (c.country) expect(c.ai_agent_context.language).toBe(`en-${c.country}`);
      expect(c.language).toBe(c.ai_agent_context.language);
      for (const m of c.messages.filter((x) => x.message_from !== 'human')) {
        expect(m.message, m.message).toMatch(LATIN_TEXT);
        expect(m.message).not.toMatch(FAKER_COMMERCE);
      }
    }
  });
});

describe('Sendbird world over a month: labels', () => {
  it('marks hallucinations only on answers stating a policy the company does not have, which the user contests', () => {
    let marked = 0;
    for (const c of month) {
      c.messages.forEach((m, k) => {
        const made = withoutClaim(m.message) !== m.message;
        expect(m.ai_hallucination === true, m.message).toBe(made);
        if (!made) return;
        marked++;
        const reply = c.messages.slice(k + 1).find((x) => x.message_from === 'user');
        expect(L.CONTEST_WRONG_POLICY as readonly string[]).toContain(reply!.message);
        expect(c.resolution_resolved).toBe(false);
      });
    }
    expect(marked).toBeGreaterThan(0);
  });

  it('flags only customer messages that deserve it, with the filter they trip', () => {
    const flagged = new Map<string, string>(L.FLAGGED.map(([text, flag]) => [text, flag]));
    for (const c of month)
      for (const m of c.messages) {
        expect(m.user_flagged).toBe(m.message_from === 'user' ? (flagged.get(m.message) ?? '') : '');
        expect(m.flagged_reason === null).toBe(m.user_flagged === '' && m.ai_hallucination !== true);
      }
  });

  it('gives feedback whose comment agrees with its rating, and sentiment comments that match the outcome', () => {
    const goodComments = new Set(['Helpful draft', 'Accurate answer', '']);
    for (const c of month) {
      for (const m of c.messages)
        if (m.feedback?.rating === 'good') expect(goodComments.has(m.feedback.comment)).toBe(true);
      for (const m of c.messages)
        if (m.feedback?.rating === 'bad')
          expect(goodComments.has(m.feedback.comment) && m.feedback.comment !== '').toBe(false);
      if (/human/.test(c.user_sentiment_comment)) expect(c.human_handoff).toBe(true);
      if (/pleased|gratitude/.test(c.user_sentiment_comment)) expect(c.resolution_resolved).toBe(true);
    }
  });

  it('gives scorecard reasons that belong to their criterion', () => {
    const cards = month.flatMap((c) => (c.ai_agent_scorecard ? [c.ai_agent_scorecard] : []));
    expect(cards.length).toBeGreaterThan(10);
    const belongs: Record<string, RegExp> = {
      tone: /tone/i,
      readability: /long/i,
      completeness: /step|partially/i,
      correctness: /policy/i,
      category: /category/i,
      solution_offered: /solution/i,
    };
    for (const card of cards)
      for (const [criterion, s] of Object.entries(card.scores))
        if (s && 'reason' in s) expect(s.reason!.message, criterion).toMatch(belongs[criterion]!);
  });
});

describe('Sendbird world over a month: time', () => {
  it('keeps every timestamp, scorecards included, at or before the export request', () => {
    for (const c of month) {
      expect(c.close_ts).toBeLessThanOrEqual(REQUESTED);
      for (const m of c.messages) expect(m.create_ts).toBeLessThanOrEqual(c.close_ts);
      if (c.ai_agent_scorecard) expect(c.ai_agent_scorecard.created_at).toBeLessThanOrEqual(REQUESTED);
    }
  });

  it('measures durations as the vendor page defines them, never beyond close_ts', () => {
    for (const c of month) {
      const first = c.messages.find((m) => m.message_from === 'user')!.create_ts;
      const upTo = Math.floor((c.close_ts - first) / 1000);
      const resolved = c.resolution_resolved_time;
      const handled = c.resolution_unresolved_ai_handle_time;
      if (c.resolution_resolved) expect(resolved!).toBeLessThanOrEqual(upTo);
      else if (c.human_handoff) {
        // To the handoff: the handover message.
        const handover = c.messages.find((m) => (L.HANDOVER as readonly string[]).includes(m.message))!;
        expect(handled).toBe(Math.floor((handover.create_ts - first) / 1000));
      } else expect(handled, `${c.id}`).toBe(upTo); // To the auto-close, which is close_ts.
    }
    expect(GENERIC_AI.length).toBeGreaterThan(0);
  });
});

/**
 * The Zendesk AI agents view of the world: one export record per conversation, with every field of the vendor's table
 * and sample plus those public clients see in live files, and no message text. A day's file holds the conversations that
 * *ended* on that UTC date ("Exported data for a specific date only includes conversations that ended on that date"),
 * so conversations are drawn from the previous and the same UTC day of the world and kept by their end.
 */
import { companyOf } from '../../core/world/companies.js';
import { addDays, utcDateOf, utcMidnight } from '../../core/world/dates.js';
import { type DayPlan, dayPlan, MAX_ACTIVE_MS, MAX_PAUSE_MS, recordRng } from '../../core/world/day-plan.js';
import { drawDialogue } from '../../core/world/dialogue.js';
import { botCatalogue } from './catalogue.js';
import { labelsOf, segmentsOf, statusOf, verdictOf } from './outcome.js';
import {
  conversationsData,
  conversationTypeOf,
  drawSetting,
  knowledgeCounts,
  listeningIntents,
  NO_KNOWLEDGE,
  resolutionTierOf,
} from './record-fields.js';
import { triggeredOf, vendorTime } from './replies.js';

export { CONVERSATION_STATUSES } from './outcome.js';

const VENDOR = 'zendesk';

export interface WorldRef {
  seed: string;
  orgId: string;
  botId: string;
  botName: string;
  /** Average conversations per day for this bot (WORLD_DAILY_VOLUME × the bot's volume). */
  volume: number;
  instanceAccountId: string;
  /** The bot's company (companies.ts); the default shop when absent. */
  company?: string;
}

/**
 * The longest a conversation can last: its active part plus the longest planned absence of its customer (day-plan.ts),
 * which ends before the next day is over, so only the previous day's conversations can end on a date.
 */
export const MAX_CONVERSATION_MS = MAX_ACTIVE_MS + MAX_PAUSE_MS;

const tenantOf = (world: WorldRef) => `${world.orgId}/${world.botId}`;
const planOf = (world: WorldRef, date: string): DayPlan =>
  dayPlan(world.seed, VENDOR, tenantOf(world), date, world.volume, companyOf(world.company).timeZone);

/** The conversation's own random stream, the dialogue drawn from it, and the bot's set-up for its topic. */
function drawConversation(world: WorldRef, startDate: string, index: number, startAt: number) {
  const tenant = tenantOf(world);
  const company = companyOf(world.company);
  const rng = recordRng(world.seed, VENDOR, tenant, startDate, index);
  const d = drawDialogue(rng, startAt, {
    company,
    pauseMs: planOf(world, startDate).pauses[index] ?? 0,
    rosterKey: [world.seed, `${VENDOR}/${tenant}`],
  });
  const cat = botCatalogue(world.seed, world.orgId, world.botId, company);
  return { rng, d, cat, setup: cat.topics.get(d.topic.id)! };
}

/** One conversation record in the vendor's sample shape (field order: the sample's, then the table's, then the live extras). */
export function conversationRecord(world: WorldRef, startDate: string, index: number, startAt: number) {
  const { rng, d, cat, setup } = drawConversation(world, startDate, index, startAt);
  const { channel, surface, testMode, suggestionEngine } = drawSetting(rng);
  // Every template is English, so is every conversation (its tag never contradicts its text).
  const language = cat.languages[0]!;
  const { status, last } = statusOf(rng, d, channel, suggestionEngine);
  const t = suggestionEngine ? undefined : triggeredOf(rng, d, cat, setup, { chat: channel === 'chat', language });
  const userTurns = d.turns.filter((turn) => turn.role === 'user');
  const labels = [...labelsOf(d, surface, suggestionEngine), ...(t?.apiLabels ?? [])];
  const segments = segmentsOf(rng, d, surface);
  const knowledge = t?.knowledge ?? NO_KNOWLEDGE;
  const hasKnowledge = knowledge.responseGenerated + knowledge.notUnderstood + knowledge.fallback > 0;
  const procedures = t?.procedures ?? [];

  // BSAT: a score 1-5, -1 when offered but not answered, null when not offered (vendor page, "BSAT Score Values").
  const offered = !suggestionEngine && d.ending !== 'abandoned' && (d.csat !== null || rng.chance(0.3));
  const bsatScore = d.csat ?? (offered ? -1 : null);
  const { automated, reasoning } = verdictOf(rng, d, status, last, testMode);
  const sessionEndedAt = d.endAt + (channel === 'chat' ? cat.sessionTimeoutMinutes * 60_000 : 0);

  return {
    bot_id: world.botId,
    bot_name: world.botName,
    conversation_id: rng.uuid(),
    platform_conversation_id: channel === 'email' ? String(rng.int(100_000, 9_999_999)) : rng.hex(24),
    conversation_start_time: vendorTime(d.startAt),
    conversation_end_time: vendorTime(d.endAt),
    conversation_type: conversationTypeOf(suggestionEngine, hasKnowledge, t?.usedUseCase ?? false),
    language,
    channel,
    labels: [...labels],
    segments,
    conversations_data: conversationsData(rng, d, { bsatScore, language, surface }),
    test_mode: testMode,
    conversation_status: status,
    automated_resolution: automated === null ? null : String(automated),
    automated_resolution_reasoning: reasoning,
    last_resolution: last,
    triggered_replies: t?.replies ?? [],
    triggered_intent_replies: t?.intents ?? listeningIntents(d, setup),
    triggered_procedures: procedures,
    triggered_use_cases: t?.useCases ?? [],
    has_knowledge_response_attempt: hasKnowledge,
    is_llm_conversation: hasKnowledge || procedures.length > 0,
    ...knowledgeCounts(knowledge),
    knowledge_sources: [...(t?.sources ?? [])],
    bot_messages_count: String(t?.replies.length ?? 0),
    visitor_messages_count: String(userTurns.length),
    customer_messages_count: String(userTurns.length),
    not_understood_messages_count: String(t?.notUnderstood ?? 0),
    resolution_tier: resolutionTierOf(automated, last),
    rbp_status_name: testMode ? 'test' : automated ? 'billable' : 'not_billable',
    session_ended_timestamp: vendorTime(sessionEndedAt),
    conversation_end_date: utcDateOf(d.endAt),
    instance_account_id: world.instanceAccountId,
  };
}
export type ConversationRecord = ReturnType<typeof conversationRecord>;

/** A conversation of the world that may end on a date: where it lives in the world, and when it starts. */
export interface Candidate {
  startDate: string;
  index: number;
  startAt: number;
}

/** Conversations that can end on `date`: the day's own, and the previous day's that can last past midnight. */
export function* candidatesFor(world: WorldRef, date: string): Generator<Candidate> {
  const midnight = utcMidnight(date);
  const previous = addDays(date, -1);
  const before = planOf(world, previous);
  for (let i = 0; i < before.starts.length; i++)
    if (before.starts[i]! + before.pauses[i]! + MAX_ACTIVE_MS >= midnight)
      yield { startDate: previous, index: i, startAt: before.starts[i]! };
  const same = planOf(world, date).starts;
  for (let i = 0; i < same.length; i++) yield { startDate: date, index: i, startAt: same[i]! };
}

/** Every conversation that ended on `date` (UTC), in start order. Call prepareWorld() first. */
export function* conversationsEndingOn(world: WorldRef, date: string): Generator<ConversationRecord> {
  const from = utcMidnight(date);
  const to = utcMidnight(addDays(date, 1));
  for (const c of candidatesFor(world, date)) {
    const record = conversationRecord(world, c.startDate, c.index, c.startAt);
    const end = Date.parse(record.conversation_end_time);
    if (end >= from && end < to) yield record;
  }
}

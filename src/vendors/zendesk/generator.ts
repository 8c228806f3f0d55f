/**
 * The Zendesk AI agents view of the world: one export record per conversation, with every field of the vendor's table
 * and sample plus those public clients see in live files, and no message text. A day's file holds the conversations that
 * *ended* on that UTC date ("Exported data for a specific date only includes conversations that ended on that date"),
 * so conversations are drawn from the previous and the same UTC day of the world and kept by their end.
 */
import type { Rng } from '../../core/random.js';
import { addDays, utcDateOf, utcMidnight } from '../../core/world/dates.js';
import { dayPlan, recordRng } from '../../core/world/day-plan.js';
import { type Dialogue, drawDialogue, type Turn } from '../../core/world/dialogue.js';
import { type BotCatalogue, botCatalogue, type Intent, type Reply, type TopicSetup } from './catalogue.js';

export const VENDOR = 'zendesk';

export interface WorldRef {
  seed: string;
  orgId: string;
  botId: string;
  botName: string;
  /** Average conversations per day for this bot (WORLD_DAILY_VOLUME × the bot's volume). */
  volume: number;
  instanceAccountId: string;
}

/**
 * No conversation lasts longer than this (the longest dialogues, abandoned ones, last well under an hour), so only the
 * previous day's conversations that started this close to midnight can end on the requested day.
 */
export const MAX_CONVERSATION_MS = 6 * 3_600_000;

export const CONVERSATION_STATUSES = ['botHandled', 'agent', 'email', 'customEscalation', 'failedEscalation'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type LastResolution = 'informed' | 'resolved' | 'escalated';

/** Timestamps as the vendor sample writes them: milliseconds and an explicit +00:00. */
export const vendorTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

const ISO3: Record<string, string> = { en: 'eng', es: 'spa', de: 'deu', fr: 'fra', ja: 'jpn', pt: 'por' };
const iso3 = (locale: string) => ISO3[locale.slice(0, 2)] ?? 'eng';

/** The automated-resolution evaluation's reasoning, by verdict and by how the conversation ended. */
const REASONING = {
  automated: {
    resolved: [
      'The customer confirmed that the answer solved their request and ended the conversation.',
      'The AI agent completed the request and the customer did not ask for further help.',
    ],
    informed: [
      'The AI agent answered the request with relevant information and the customer neither came back nor asked for a human agent.',
    ],
  },
  notAutomated: {
    resolved: ['The request was answered, but it needed an action the AI agent could not complete on its own.'],
    informed: [
      'The AI agent gave relevant information, but the customer did not confirm the issue was solved.',
      'The answer did not address the request and the customer left unsatisfied.',
    ],
    failedEscalation: ['The customer asked for a human agent, but no agent was available to take over.'],
    escalated: [
      'The customer asked to speak to a human agent, so the conversation was not resolved by the AI agent.',
      'The conversation was handed over to the support team.',
    ],
  },
} as const;

interface TriggeredReply {
  reply_timestamp: string;
  reply_id: string;
  reply_language: string;
  reply_name: string;
  reply_type: string;
  intent_id: string | null;
}
interface TriggeredIntent {
  intent_timestamp: string;
  intent_id: string;
  intent_name: string;
  not_meaningful: boolean;
}

function statusOf(
  rng: Rng,
  d: Dialogue,
  channel: string,
  suggestionEngine: boolean,
): { status: ConversationStatus; last: LastResolution } {
  // Suggestion-engine conversations are agent conversations in which the AI only suggests replies to the agent.
  if (suggestionEngine) return { status: 'agent', last: 'escalated' };
  switch (d.ending) {
    case 'resolved':
      return { status: 'botHandled', last: 'resolved' };
    case 'abandoned':
    case 'unresolved':
      return { status: 'botHandled', last: 'informed' };
    case 'handoff': {
      const status: ConversationStatus =
        channel === 'email'
          ? 'email'
          : rng.weighted<ConversationStatus>([
              ['agent', 70],
              ['customEscalation', 14],
              ['failedEscalation', 10],
              ['email', 6],
            ]);
      // A failed escalation leaves the customer with the AI agent's message that no agent is available.
      return { status, last: status === 'failedEscalation' ? 'informed' : 'escalated' };
    }
  }
}

/** One conversation record in the vendor's sample shape (field order: the sample's, then the table's, then the live extras). */
export function conversationRecord(world: WorldRef, startDate: string, index: number, startAt: number) {
  const tenant = `${world.orgId}/${world.botId}`;
  const rng = recordRng(world.seed, VENDOR, tenant, startDate, index);
  const d = drawDialogue(rng, startAt);
  const cat: BotCatalogue = botCatalogue(world.seed, world.orgId, world.botId);
  const setup: TopicSetup = cat.topics.get(d.topic.id)!;

  // The documented example row says "chat" where the table says "messaging": the example wins (vendor README).
  const channel = rng.chance(0.15) ? 'email' : 'chat';
  const surface =
    channel === 'email'
      ? 'email'
      : rng.weighted([
          ['web', 70],
          ['ios', 15],
          ['android', 15],
        ] as const);
  const testMode = rng.chance(0.03);
  const suggestionEngine = !testMode && channel === 'chat' && rng.chance(0.05);
  const customerLanguage = iso3(d.customer.language);
  const language = cat.languages.includes(customerLanguage) ? customerLanguage : cat.languages[0]!;
  const { status, last } = statusOf(rng, d, channel, suggestionEngine);

  const replies: TriggeredReply[] = [];
  const intents: TriggeredIntent[] = [];
  const useCases: Array<{
    intent_id: string;
    intent_name: string;
    use_case_name: string;
    use_case_type: 'dialogue' | 'procedure';
  }> = [];
  const procedures: Array<{ procedure_id: string; intent_id: string; use_case_name: string }> = [];
  const sources = new Set<string>();
  const labels = new Set<string>([surface]);
  const knowledge = { notUnderstood: 0, responseGenerated: 0, errorOccurred: 0, escalationRequired: 0, fallback: 0 };
  let notUnderstood = 0;
  let usedUseCase = false;

  const reply = (at: number, r: Reply, type: string, intent: Intent | null) => {
    replies.push({
      reply_timestamp: vendorTime(at),
      reply_id: r.id,
      reply_language: language,
      reply_name: r.name,
      reply_type: type,
      intent_id: intent?.id ?? null,
    });
  };
  const detect = (at: number, intent: Intent) => {
    if (intents.some((i) => i.intent_id === intent.id)) return;
    intents.push({
      intent_timestamp: vendorTime(at),
      intent_id: intent.id,
      intent_name: intent.name,
      not_meaningful: intent.notMeaningful,
    });
  };
  const useCase = (intent: Intent, name: string, type: 'dialogue' | 'procedure') => {
    if (!useCases.some((u) => u.intent_id === intent.id))
      useCases.push({ intent_id: intent.id, intent_name: intent.name, use_case_name: name, use_case_type: type });
    usedUseCase = true;
  };

  const aiTurns = d.turns.filter((t) => t.role === 'ai');
  const userTurns = d.turns.filter((t) => t.role === 'user');
  if (!suggestionEngine) {
    // The greeting answers the customer's first message, before the next turn (so inside the conversation).
    const second = d.turns[1]?.at ?? d.endAt;
    const greetAt = d.startAt + Math.min(1_500, Math.floor((second - d.startAt) / 2));
    if (channel === 'chat') {
      detect(greetAt, cat.greeting.intent);
      reply(greetAt, cat.greeting.reply, 'normal', cat.greeting.intent);
    }
    detect(greetAt, setup.intent);
    // The follow-up of a dialogue use case is sometimes answered by Knowledge: a hybrid conversation.
    const followUpByKnowledge = setup.mode === 'knowledge' || (setup.mode === 'dialogue' && rng.chance(0.4));
    // The AI turns of a dialogue are, in order: the order-number question (topics that need one), the answer, an
    // optional follow-up answer, and the turn that closes the ending (none when handed off).
    const closing = d.ending === 'handoff' ? undefined : aiTurns[aiTurns.length - 1];
    const ask = d.topic.needsOrder ? aiTurns[0] : undefined;
    const answers = aiTurns.filter((t) => t !== ask && t !== closing);
    if (ask) {
      reply(ask.at, setup.askOrder, setup.mode === 'knowledge' ? 'knowledge' : 'normal', setup.intent);
      if (setup.mode !== 'knowledge')
        useCase(setup.intent, setup.useCaseName, setup.mode === 'procedure' ? 'procedure' : 'dialogue');
    }
    answers.forEach((turn: Turn, k: number) => {
      const byKnowledge = setup.mode === 'knowledge' || (k > 0 && followUpByKnowledge);
      const r = k > 0 ? setup.followUp : setup.answer;
      if (byKnowledge) {
        knowledge.responseGenerated++;
        for (const title of turn.sources?.articles ?? []) sources.add(`${title} (${cat.articles.get(title)})`);
        reply(turn.at, r, 'knowledge', setup.intent);
      } else {
        useCase(setup.intent, setup.useCaseName, setup.mode === 'procedure' ? 'procedure' : 'dialogue');
        if (setup.mode === 'procedure' && setup.procedureId && procedures.length === 0) {
          procedures.push({
            procedure_id: setup.procedureId,
            intent_id: setup.intent.id,
            use_case_name: setup.useCaseName,
          });
        }
        reply(turn.at, r, setup.mode === 'procedure' ? 'procedure' : 'normal', setup.intent);
      }
      for (const tool of turn.sources?.tools ?? []) {
        const l = cat.toolLabels.get(tool);
        if (l) labels.add(rng.chance(0.93) ? l.success : l.failure);
      }
    });
    if (closing && d.ending === 'resolved') {
      detect(closing.at, cat.anythingElse.intent);
      reply(closing.at, cat.anythingElse.reply, 'normal', cat.anythingElse.intent);
    } else if (closing && d.ending === 'abandoned') {
      detect(closing.at, cat.didItResolve.intent);
      reply(closing.at, cat.didItResolve.reply, 'normal', cat.didItResolve.intent);
    } else if (closing && d.ending === 'unresolved') {
      // The customer's "that does not answer my question" is not understood: the fallback answers it.
      notUnderstood++;
      if (followUpByKnowledge) knowledge.notUnderstood++, knowledge.fallback++;
      reply(closing.at, cat.fallback, 'fallback', null);
    }
    if (d.ending === 'handoff') {
      // The customer's request for a human triggers the escalation use case; its handover reply is the AI's last message.
      const ask = userTurns[userTurns.length - 1]!;
      const handover = d.turns.find((t) => t.role === 'system' && t.at >= ask.at) ?? ask;
      detect(ask.at, cat.escalate.intent);
      useCase(cat.escalate.intent, cat.escalate.useCaseName, 'dialogue');
      reply(handover.at, cat.escalate.reply, 'normal', cat.escalate.intent);
      if (setup.mode === 'knowledge' && rng.chance(0.5)) knowledge.escalationRequired++;
    }
    if (knowledge.responseGenerated > 0 && rng.chance(0.01)) knowledge.errorOccurred++;
  } else {
    // The AI agent listens and suggests; intents are still detected on the customer's messages.
    detect(d.startAt, setup.intent);
  }

  if (d.topic.needsOrder && !suggestionEngine) labels.add('order-number-provided');
  for (const l of cat.labels) if (l !== 'order-number-provided' && rng.chance(0.08)) labels.add(l);
  if (d.ending === 'handoff') labels.add('handover-requested');
  const segments = cat.segments.filter(() => rng.chance(0.25));

  const hasKnowledge = knowledge.responseGenerated + knowledge.notUnderstood + knowledge.fallback > 0;
  const conversationType = suggestionEngine
    ? 'Others'
    : hasKnowledge && usedUseCase
      ? 'Hybrid'
      : hasKnowledge
        ? 'Knowledge'
        : usedUseCase
          ? 'Use case'
          : 'Others';
  const botMessages = suggestionEngine ? 0 : replies.length;

  // BSAT: a score 1-5, -1 when offered but not answered, null when not offered (vendor page, "BSAT Score Values").
  const offered = !suggestionEngine && d.ending !== 'abandoned' && (d.csat !== null || rng.chance(0.3));
  const bsatScore = d.csat ?? (offered ? -1 : null);

  const evaluated = !testMode;
  const automated = evaluated
    ? last === 'resolved'
      ? rng.chance(0.92)
      : last === 'informed'
        ? status === 'botHandled' && rng.chance(0.35)
        : false
    : null;
  const reasoning =
    automated === null
      ? null
      : automated
        ? rng.pick(REASONING.automated[last === 'resolved' ? 'resolved' : 'informed'])
        : rng.pick(REASONING.notAutomated[status === 'failedEscalation' ? 'failedEscalation' : last]);

  const endAt = d.endAt;
  const sessionEndedAt = endAt + (channel === 'chat' ? cat.sessionTimeoutMinutes * 60_000 : 0);
  const str = (n: number) => String(n);

  return {
    bot_id: world.botId,
    bot_name: world.botName,
    conversation_id: rng.uuid(),
    platform_conversation_id: channel === 'email' ? String(rng.int(100_000, 9_999_999)) : rng.hex(24),
    conversation_start_time: vendorTime(d.startAt),
    conversation_end_time: vendorTime(endAt),
    conversation_type: conversationType,
    language,
    channel,
    labels: [...labels],
    segments,
    conversations_data: {
      bsatScore,
      convoId: rng.hex(22),
      email: rng.chance(0.4) ? d.customer.email : null,
      location: rng.chance(0.3) ? d.customer.country : null,
      confidence_score: rng.int(42, 99),
      lastDetectedLanguage: customerLanguage,
      lastDetectedSentiment: d.sentiment,
      usedLanguage: language,
      channel: surface,
      ...(d.topic.needsOrder ? { orderNumber: d.orderId.slice(1) } : {}),
    },
    test_mode: testMode,
    conversation_status: status,
    automated_resolution: automated === null ? null : String(automated),
    automated_resolution_reasoning: reasoning,
    last_resolution: last,
    triggered_replies: replies,
    triggered_intent_replies: intents,
    triggered_procedures: procedures,
    triggered_use_cases: useCases,
    has_knowledge_response_attempt: hasKnowledge,
    is_llm_conversation: hasKnowledge || procedures.length > 0,
    knowledge_notUnderstood_count: str(knowledge.notUnderstood),
    knowledge_responseGenerated_count: str(knowledge.responseGenerated),
    knowledge_errorOccurred_count: str(knowledge.errorOccurred),
    knowledge_escalationRequired_count: str(knowledge.escalationRequired),
    knowledge_fallback_count: str(knowledge.fallback),
    knowledge_sources: [...sources],
    bot_messages_count: str(botMessages),
    visitor_messages_count: str(userTurns.length),
    customer_messages_count: str(userTurns.length),
    not_understood_messages_count: str(notUnderstood),
    resolution_tier:
      automated === null
        ? null
        : automated
          ? 'automated_resolution'
          : last === 'escalated'
            ? 'escalated'
            : 'unresolved',
    rbp_status_name: testMode ? 'test' : automated ? 'billable' : 'not_billable',
    session_ended_timestamp: vendorTime(sessionEndedAt),
    conversation_end_date: utcDateOf(endAt),
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

/** Conversations that can end on `date`: the day's own, and the previous day's that started within MAX_CONVERSATION_MS of midnight. */
export function* candidatesFor(world: WorldRef, date: string): Generator<Candidate> {
  const tenant = `${world.orgId}/${world.botId}`;
  const midnight = utcMidnight(date);
  const previous = addDays(date, -1);
  const before = dayPlan(world.seed, VENDOR, tenant, previous, world.volume).starts;
  for (let i = 0; i < before.length; i++)
    if (before[i]! >= midnight - MAX_CONVERSATION_MS) yield { startDate: previous, index: i, startAt: before[i]! };
  const same = dayPlan(world.seed, VENDOR, tenant, date, world.volume).starts;
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

/**
 * What the Zendesk bot triggered in one conversation, read from the dialogue's acts: the replies it sent, the intents
 * it detected, the use cases and procedures it ran, and how generative Knowledge took part.
 */
import type { Rng } from '../../core/random.js';
import { isoInstant } from '../../core/world/dates.js';
import type { Dialogue, Turn } from '../../core/world/dialogue.js';
import type { BotCatalogue, Intent, Reply, TopicSetup } from './catalogue.js';

/** Timestamps as the vendor sample writes them: milliseconds and an explicit +00:00. */
export const vendorTime = (ms: number) => isoInstant(ms, '+00:00');

export interface Triggered {
  replies: Array<{
    reply_timestamp: string;
    reply_id: string;
    reply_language: string;
    reply_name: string;
    reply_type: string;
    intent_id: string | null;
  }>;
  intents: Array<{ intent_timestamp: string; intent_id: string; intent_name: string; not_meaningful: boolean }>;
  useCases: Array<{
    intent_id: string;
    intent_name: string;
    use_case_name: string;
    use_case_type: 'dialogue' | 'procedure';
  }>;
  procedures: Array<{ procedure_id: string; intent_id: string; use_case_name: string }>;
  sources: Set<string>;
  /** API labels of the tools the answers called. */
  apiLabels: Set<string>;
  knowledge: {
    notUnderstood: number;
    responseGenerated: number;
    errorOccurred: number;
    escalationRequired: number;
    fallback: number;
  };
  notUnderstood: number;
  usedUseCase: boolean;
}

const nothingTriggered = (): Triggered => ({
  replies: [],
  intents: [],
  useCases: [],
  procedures: [],
  sources: new Set(),
  apiLabels: new Set(),
  knowledge: { notUnderstood: 0, responseGenerated: 0, errorOccurred: 0, escalationRequired: 0, fallback: 0 },
  notUnderstood: 0,
  usedUseCase: false,
});

/** The greeting answers the customer's first message, before the next turn (so inside the conversation). */
function greetingTime(d: Dialogue): number {
  const second = d.turns[1]?.at ?? d.endAt;
  return d.startAt + Math.min(1_500, Math.floor((second - d.startAt) / 2));
}

/** The bot's side of a dialogue; `chat` conversations open with the greeting. */
export function triggeredOf(
  rng: Rng,
  d: Dialogue,
  cat: BotCatalogue,
  setup: TopicSetup,
  opts: { chat: boolean; language: string },
): Triggered {
  const out = nothingTriggered();
  const reply = (at: number, r: Reply, type: string, intent: Intent | null) =>
    out.replies.push({
      reply_timestamp: vendorTime(at),
      reply_id: r.id,
      reply_language: opts.language,
      reply_name: r.name,
      reply_type: type,
      intent_id: intent?.id ?? null,
    });
  const detect = (at: number, intent: Intent) => {
    if (out.intents.some((i) => i.intent_id === intent.id)) return;
    out.intents.push({
      intent_timestamp: vendorTime(at),
      intent_id: intent.id,
      intent_name: intent.name,
      not_meaningful: intent.notMeaningful,
    });
  };
  const useCase = (intent: Intent, name: string, type: 'dialogue' | 'procedure') => {
    if (!out.useCases.some((u) => u.intent_id === intent.id))
      out.useCases.push({ intent_id: intent.id, intent_name: intent.name, use_case_name: name, use_case_type: type });
    out.usedUseCase = true;
  };
  const topicType = setup.mode === 'procedure' ? 'procedure' : 'dialogue';
  // The follow-up of a dialogue use case is sometimes answered by Knowledge: a hybrid conversation.
  const followUpByKnowledge = setup.mode === 'knowledge' || (setup.mode === 'dialogue' && rng.chance(0.4));

  const greetAt = greetingTime(d);
  if (opts.chat) {
    detect(greetAt, cat.greeting.intent);
    reply(greetAt, cat.greeting.reply, 'normal', cat.greeting.intent);
  }
  detect(greetAt, setup.intent);
  const answer = (turn: Turn, r: Reply, byKnowledge: boolean) => {
    if (byKnowledge) {
      out.knowledge.responseGenerated++;
      for (const title of turn.sources?.articles ?? []) out.sources.add(`${title} (${cat.articles.get(title)})`);
      reply(turn.at, r, 'knowledge', setup.intent);
    } else {
      useCase(setup.intent, setup.useCaseName, topicType);
      if (setup.mode === 'procedure' && setup.procedureId && out.procedures.length === 0)
        out.procedures.push({
          procedure_id: setup.procedureId,
          intent_id: setup.intent.id,
          use_case_name: setup.useCaseName,
        });
      reply(turn.at, r, topicType === 'procedure' ? 'procedure' : 'normal', setup.intent);
    }
    for (const tool of turn.sources?.tools ?? []) {
      const l = cat.toolLabels.get(tool);
      if (l) out.apiLabels.add(rng.chance(0.93) ? l.success : l.failure);
    }
  };
  const fallback = (at: number) => {
    out.notUnderstood++;
    if (followUpByKnowledge) out.knowledge.notUnderstood++, out.knowledge.fallback++;
    reply(at, cat.fallback, 'fallback', null);
  };
  for (const turn of d.turns) {
    switch (turn.act) {
      case 'ask-slot':
        reply(turn.at, setup.askOrder, setup.mode === 'knowledge' ? 'knowledge' : 'normal', setup.intent);
        if (setup.mode !== 'knowledge') useCase(setup.intent, setup.useCaseName, topicType);
        break;
      case 'answer':
        answer(turn, setup.answer, setup.mode === 'knowledge');
        break;
      case 'follow-answer':
        answer(turn, setup.followUp, followUpByKnowledge);
        break;
      case 'anything-else':
        detect(turn.at, cat.anythingElse.intent);
        reply(turn.at, cat.anythingElse.reply, 'normal', cat.anythingElse.intent);
        break;
      case 'check':
        detect(turn.at, cat.didItResolve.intent);
        reply(turn.at, cat.didItResolve.reply, 'normal', cat.didItResolve.intent);
        break;
      case 'refuse':
      case 'apology':
        fallback(turn.at);
        break;
      case 'ask-human':
        // The customer's request for a human triggers the escalation use case; its handover reply follows.
        detect(turn.at, cat.escalate.intent);
        useCase(cat.escalate.intent, cat.escalate.useCaseName, 'dialogue');
        break;
      case 'handover':
        reply(turn.at, cat.escalate.reply, 'normal', cat.escalate.intent);
        if (setup.mode === 'knowledge' && rng.chance(0.5)) out.knowledge.escalationRequired++;
        break;
    }
  }
  if (out.knowledge.responseGenerated > 0 && rng.chance(0.01)) out.knowledge.errorOccurred++;
  return out;
}

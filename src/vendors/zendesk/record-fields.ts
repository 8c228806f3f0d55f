/**
 * Fields of a Zendesk conversation record that follow from what happened in it: where it took place, the intents,
 * Knowledge counters and resolution tier the export reports, and the `conversations_data` block. The generator draws
 * the conversation; these helpers keep its field-by-field mapping short (vendor README: "Conversation data fields").
 */
import type { Rng } from '../../core/random.js';
import type { Dialogue } from '../../core/world/dialogue.js';
import type { TopicSetup } from './catalogue.js';
import type { LastResolution } from './outcome.js';
import { type Triggered, vendorTime } from './replies.js';

export interface Setting {
  channel: string;
  surface: string;
  testMode: boolean;
  suggestionEngine: boolean;
}

/** Where the conversation took place: its channel and surface, test mode, and whether the AI only suggested replies. */
export function drawSetting(rng: Rng): Setting {
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
  return { channel, surface, testMode, suggestionEngine };
}

/** The AI agent listens and suggests; intents are still detected on the customer's messages. */
export const listeningIntents = (d: Dialogue, setup: TopicSetup): Triggered['intents'] => [
  {
    intent_timestamp: vendorTime(d.startAt),
    intent_id: setup.intent.id,
    intent_name: setup.intent.name,
    not_meaningful: false,
  },
];

export const NO_KNOWLEDGE: Readonly<Triggered['knowledge']> = {
  notUnderstood: 0,
  responseGenerated: 0,
  errorOccurred: 0,
  escalationRequired: 0,
  fallback: 0,
};

export function conversationTypeOf(suggestionEngine: boolean, hasKnowledge: boolean, usedUseCase: boolean): string {
  if (suggestionEngine) return 'Others';
  if (hasKnowledge && usedUseCase) return 'Hybrid';
  if (hasKnowledge) return 'Knowledge';
  return usedUseCase ? 'Use case' : 'Others';
}

/** The Knowledge counters, as strings like every count of the export. */
export const knowledgeCounts = (k: Triggered['knowledge']) => ({
  knowledge_notUnderstood_count: String(k.notUnderstood),
  knowledge_responseGenerated_count: String(k.responseGenerated),
  knowledge_errorOccurred_count: String(k.errorOccurred),
  knowledge_escalationRequired_count: String(k.escalationRequired),
  knowledge_fallback_count: String(k.fallback),
});

export function resolutionTierOf(automated: boolean | null, last: LastResolution): string | null {
  if (automated === null) return null;
  if (automated) return 'automated_resolution';
  return last === 'escalated' ? 'escalated' : 'unresolved';
}

/** The `conversations_data` block: the customer's details the bot learnt, and what it detected. */
export function conversationsData(
  rng: Rng,
  d: Dialogue,
  fields: { bsatScore: number | null; language: string; surface: string },
) {
  return {
    bsatScore: fields.bsatScore,
    convoId: rng.hex(22),
    email: rng.chance(0.4) ? d.customer.email : null,
    location: rng.chance(0.3) ? d.customer.country : null,
    confidence_score: rng.int(42, 99),
    lastDetectedLanguage: fields.language,
    lastDetectedSentiment: d.sentiment,
    usedLanguage: fields.language,
    channel: fields.surface,
    ...(d.topic.needsOrder ? { orderNumber: d.orderNumber } : {}),
  };
}

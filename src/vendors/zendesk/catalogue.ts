/**
 * What one Zendesk bot is configured with: its intents and replies (one intent per intent of its company,
 * plus the system intents every Ultimate bot has), how it answers each topic (a dialogue use case, an agentic
 * procedure or generative Knowledge), its labels, segments and help-centre articles. A pure function of
 * (seed, organization, bot), so every file of the bot names the same ids.
 */
import { Rng } from '../../core/random.js';
import { type Company, companyOf } from '../../core/world/companies.js';

type AnswerMode = 'dialogue' | 'procedure' | 'knowledge';

export interface Reply {
  id: string;
  name: string;
}

export interface Intent {
  id: string;
  name: string;
  /** Greeting-like intents carry no meaning for analytics (the vendor sample: Greeting → not_meaningful true). */
  notMeaningful: boolean;
}

export interface TopicSetup {
  intent: Intent;
  mode: AnswerMode;
  /** The reply that asks for an order number, the answer, and the follow-up answer. */
  askOrder: Reply;
  answer: Reply;
  followUp: Reply;
  /** For procedures: the procedure id and its use-case name. */
  procedureId?: string;
  useCaseName: string;
}

export interface BotCatalogue {
  topics: ReadonlyMap<string, TopicSetup>;
  greeting: { intent: Intent; reply: Reply };
  anythingElse: { intent: Intent; reply: Reply };
  didItResolve: { intent: Intent; reply: Reply };
  escalate: { intent: Intent; reply: Reply; useCaseName: string };
  fallback: Reply;
  /** API labels per tool name ("API:orderLookup-Success"). */
  toolLabels: ReadonlyMap<string, { success: string; failure: string }>;
  /** Help-centre article title → URL. */
  articles: ReadonlyMap<string, string>;
  /** Minutes of inactivity after which a messaging session ends. */
  sessionTimeoutMinutes: number;
  /** Languages the bot speaks (ISO 639-3); others are answered in the first. */
  languages: readonly string[];
}

const camel = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))
    .replace(/^./, (c) => c.toLowerCase());
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const cache = new Map<string, BotCatalogue>();

export function botCatalogue(
  seed: string,
  orgId: string,
  botId: string,
  company: Company = companyOf(undefined),
): BotCatalogue {
  const cacheKey = `${seed}\u001f${orgId}\u001f${botId}\u001f${company.id}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const rng = Rng.of(seed, 'zendesk', `${orgId}/${botId}`, 'catalogue');
  // Ultimate ids are 24-hex MongoDB ObjectIds (the vendor sample's bot_id, reply_id and intent_id).
  const oid = () => rng.hex(24);
  const intent = (name: string, notMeaningful = false): Intent => ({ id: oid(), name, notMeaningful });
  const reply = (name: string): Reply => ({ id: oid(), name });

  const topics = new Map<string, TopicSetup>();
  for (const topic of company.intents) {
    const mode = rng.weighted<AnswerMode>([
      ['dialogue', 50],
      ['procedure', 20],
      ['knowledge', 30],
    ]);
    topics.set(topic.id, {
      intent: intent(topic.subCategory),
      mode,
      askOrder: reply(`${topic.subCategory} - ask ${topic.slot === 'booking' ? 'booking reference' : 'order number'}`),
      answer: reply(`${topic.subCategory} - answer`),
      followUp: reply(`${topic.subCategory} - follow-up`),
      ...(mode === 'procedure' ? { procedureId: oid() } : {}),
      useCaseName: topic.subCategory,
    });
  }
  const toolLabels = new Map<string, { success: string; failure: string }>();
  for (const tool of new Set(company.intents.flatMap((t) => t.tools)))
    toolLabels.set(tool, { success: `API:${camel(tool)}-Success`, failure: `API:${camel(tool)}-Failure` });
  const helpCentre = `https://${slug(rng.pick(['shop', 'store', 'help', 'support']))}-${rng.hex(6)}.zendesk.com/hc/en-us/articles`;
  const articles = new Map<string, string>();
  for (const title of new Set(company.intents.flatMap((t) => t.articles)))
    articles.set(title, `${helpCentre}/${rng.int(360000000000, 369999999999)}-${slug(title)}`);

  const catalogue: BotCatalogue = {
    topics,
    greeting: { intent: intent('Greeting', true), reply: reply('Greeting') },
    anythingElse: { intent: intent('Anything else', true), reply: reply('Anything else') },
    didItResolve: { intent: intent('Confirm resolution', true), reply: reply('Did that resolve your issue') },
    escalate: {
      intent: intent('Talk to an agent'),
      reply: reply('Handover to agent'),
      useCaseName: 'Escalate to agent',
    },
    fallback: reply('Fallback'),
    toolLabels,
    articles,
    sessionTimeoutMinutes: rng.pick([5, 10, 15, 30]),
    // Every template of the world is English: the bot speaks English, and so do its customers.
    languages: ['eng'],
  };
  if (cache.size >= 64) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, catalogue);
  return catalogue;
}

/** The Zendesk account (instance) an organization runs on: a Zendesk account id, drawn from the seed. */
export const instanceAccountId = (seed: string, orgId: string): string =>
  String(Rng.of(seed, 'zendesk', orgId, 'instance-account').int(10_000_000, 29_999_999));

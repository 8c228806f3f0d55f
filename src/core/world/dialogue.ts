/**
 * One customer-support conversation: who wrote what and when, and how it ended. Vendors map it onto their own record
 * shapes. Everything is drawn from `Rng` and a faker seeded from the same generator, so a conversation is a pure
 * function of its seed.
 */
import type { Faker } from '@faker-js/faker';
import { lazy } from '../lazy.js';
import type { Rng } from '../random.js';
import { CARRIERS, INTERNATIONAL_NAMES, THANKS, TOPICS, type Topic } from './catalogue.js';

export type Speaker = 'user' | 'ai' | 'human' | 'system';

export interface Turn {
  role: Speaker;
  text: string;
  at: number;
  /** For AI turns: the help articles and tools the answer drew on. */
  sources?: { articles: string[]; tools: string[] };
}

export type Ending = 'resolved' | 'handoff' | 'abandoned' | 'unresolved';

export interface Dialogue {
  topic: Topic;
  customer: {
    firstName: string;
    lastName: string;
    fullName: string;
    email: string;
    phone: string;
    country: string;
    language: string;
    userId: string;
  };
  orderId: string;
  product: string;
  startAt: number;
  endAt: number;
  turns: Turn[];
  ending: Ending;
  /** Who confirmed the resolution, when resolved. */
  resolvedBy?: 'user' | 'ai';
  /** Time of the resolution (resolved) or of the AI's last handling moment (otherwise). */
  decidedAt: number;
  humanAgent?: { name: string; email: string; id: number };
  csat: number | null;
  sentiment: 'positive' | 'neutral' | 'negative';
}

// One faker instance, re-seeded per conversation: building a Faker per conversation would cost more than the conversation.
// Loaded on first use, not at start-up: faker's English locale alone takes ~130 ms to import, a third of a cold start.
let faker: Faker | undefined;
// Its English entry, `new Faker({ locale: [en, base] })` and nothing else: the package's main entry also evaluates every
// other locale, ~39 MB of RSS in each generation worker for data no generator reads (bench: two exports at once).
const loadFaker = lazy(() => import('@faker-js/faker/locale/en'));

/** Loads faker; every generator awaits it once before drawing dialogues (it is a no-op after the first time). */
export async function prepareWorld(): Promise<void> {
  if (faker) return;
  faker ??= (await loadFaker()).faker;
}

const LOCALES: ReadonlyArray<readonly [readonly [string, string], number]> = [
  [['en-US', 'US'], 50],
  [['en-GB', 'GB'], 15],
  [['en-AU', 'AU'], 5],
  [['es-ES', 'ES'], 8],
  [['de-DE', 'DE'], 8],
  [['fr-FR', 'FR'], 6],
  [['ja-JP', 'JP'], 4],
  [['pt-BR', 'BR'], 4],
];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

/** Draws a conversation that starts at `startAt`. */
export function drawDialogue(rng: Rng, startAt: number): Dialogue {
  if (!faker) throw new Error('drawDialogue() before prepareWorld(): await prepareWorld() before generating');
  const f = faker;
  f.seed(rng.nextUint32());
  const topic = rng.pick(TOPICS);
  const international = rng.chance(0.08);
  const fullName = international ? rng.pick(INTERNATIONAL_NAMES) : `${f.person.firstName()} ${f.person.lastName()}`;
  const [firstName = fullName, ...rest] = fullName.split(' ');
  const lastName = rest.join(' ') || firstName;
  const [language, country] = rng.weighted(LOCALES);
  const customer = {
    firstName,
    lastName,
    fullName,
    email: f.internet.email({ firstName: f.person.firstName(), lastName: f.person.lastName() }).toLowerCase(),
    phone: `+1${rng.int(201, 989)}555${String(rng.int(0, 9999)).padStart(4, '0')}`,
    country,
    language,
    userId: `user_${rng.hex(10)}`,
  };
  const orderId = `#${rng.int(100000, 999999)}`;
  const product = f.commerce.productName();
  const values = {
    order: orderId,
    product,
    name: firstName,
    carrier: rng.pick(CARRIERS),
    days: String(rng.int(2, 6)),
    amount: `$${f.commerce.price({ min: 9, max: 480 })}`,
    city: f.location.city(),
    email: customer.email,
  };

  const turns: Turn[] = [];
  let t = startAt;
  const say = (role: Speaker, text: string, sources?: Turn['sources']) => {
    turns.push({ role, text, at: t, ...(sources ? { sources } : {}) });
    t += role === 'user' ? rng.int(8_000, 95_000) : rng.int(1_500, 9_000);
  };
  const cite = () => ({
    articles: rng.sample(topic.articles, rng.int(0, Math.min(2, topic.articles.length))),
    tools: rng.sample(topic.tools, rng.int(0, Math.min(2, topic.tools.length))),
  });

  let opener = fill(rng.pick(topic.openers), values);
  // Real messages carry quotes, commas and line breaks; exports must survive them.
  if (rng.chance(0.1))
    opener += `\nIt says "${rng.pick(['in transit', 'label created', 'delivered', 'payment pending'])}", but nothing happened since.`;
  say('user', opener);
  if (topic.needsOrder) {
    say(
      'ai',
      rng.pick([
        'May I have your order number?',
        'Happy to help! Could you share your order number?',
        'Sure, what is the order number?',
      ]),
    );
    say('user', rng.chance(0.5) ? `It's ${orderId}` : orderId);
  }
  say('ai', fill(rng.pick(topic.answers), values), cite());
  if (rng.chance(0.45)) {
    say('user', fill(rng.pick(topic.followUps), values));
    say('ai', fill(rng.pick(topic.followUpAnswers), values), cite());
  }

  const ending = rng.weighted<Ending>([
    ['resolved', 62],
    ['handoff', 16],
    ['abandoned', 14],
    ['unresolved', 8],
  ]);
  let resolvedBy: 'user' | 'ai' | undefined;
  let humanAgent: Dialogue['humanAgent'];
  let decidedAt = t;
  switch (ending) {
    case 'resolved':
      resolvedBy = rng.chance(0.6) ? 'user' : 'ai';
      say('ai', 'Is there anything else I can help you with?');
      if (resolvedBy === 'user') say('user', rng.pick(THANKS));
      decidedAt = t;
      if (resolvedBy === 'user') say('system', 'The user confirmed the issue was resolved.');
      break;
    case 'handoff': {
      say(
        'user',
        rng.pick(['I want to talk to a human', 'Can I speak to an agent please?', 'This is not helping. Agent!']),
      );
      decidedAt = t;
      say('system', 'Conversation handed off to a human agent.');
      const agentName = `${f.person.firstName()} ${f.person.lastName()}`;
      humanAgent = {
        name: agentName,
        email: f.internet.email({ firstName: agentName.split(' ')[0], provider: 'support.example.com' }).toLowerCase(),
        id: rng.int(10_000_000, 19_999_999),
      };
      say('human', `Hi ${firstName}, this is ${agentName.split(' ')[0]}. ${fill(rng.pick(topic.answers), values)}`);
      if (rng.chance(0.7)) say('user', rng.pick(THANKS));
      break;
    }
    case 'abandoned':
      say('ai', 'Did that resolve your issue?');
      decidedAt = t;
      t += rng.int(600_000, 1_800_000);
      say('system', 'The conversation was closed after no response from the user.');
      break;
    case 'unresolved':
      say('user', rng.pick(['That does not answer my question.', 'no that is wrong', 'Never mind.']));
      say('ai', 'I am sorry I could not help with that. You can reach our team by email at any time.', cite());
      decidedAt = t;
      break;
  }
  const endAt = turns[turns.length - 1]!.at;

  const rated = ending !== 'abandoned' && rng.chance(0.45);
  const csat = rated
    ? ending === 'resolved'
      ? rng.weighted([
          [5, 45],
          [4, 35],
          [3, 12],
          [2, 5],
          [1, 3],
        ])
      : rng.weighted([
          [5, 5],
          [4, 15],
          [3, 30],
          [2, 25],
          [1, 25],
        ])
    : null;
  const sentiment =
    ending === 'resolved'
      ? rng.weighted<Dialogue['sentiment']>([
          ['positive', 70],
          ['neutral', 25],
          ['negative', 5],
        ])
      : rng.weighted<Dialogue['sentiment']>([
          ['positive', 10],
          ['neutral', 40],
          ['negative', 50],
        ]);

  return {
    topic,
    customer,
    orderId,
    product,
    startAt,
    endAt,
    turns,
    ending,
    resolvedBy,
    decidedAt,
    humanAgent,
    csat,
    sentiment,
  };
}

/**
 * One customer-support conversation as a small state machine per intent: the customer opens; the AI asks for the slot
 * (order number, booking reference) only when the opener did not give it, then carries it through; it answers the
 * opening intent with the company's policy; the outcome (resolved, handed off, abandoned, unresolved) shapes the last
 * turns; after a handoff a human agent from the channel's roster continues in their own words. Vendors map it onto
 * their record shapes. A pure function of its generator, the company and the planned pause.
 */
import type { Rng } from '../random.js';
import { type Company, companyOf, listOf, money } from './companies.js';
import { finish } from './dialogue-finish.js';
import * as L from './dialogue-lines.js';
import type { Act, Dialogue, Ending, Speaker, Turn } from './dialogue-types.js';
import { ASK_SLOT, GIVE_SLOT, givesSlot, type Intent } from './intent.js';
import { type Agent, drawCustomer, prepareWorld, rosterOf } from './people.js';

export type { Act, Dialogue, Ending, Speaker, Turn } from './dialogue-types.js';
export { prepareWorld };

export interface DialogueOptions {
  company?: Company;
  /** A planned absence of the customer (day-plan.ts), spent before their first reply to the AI. */
  pauseMs?: number;
  /** The channel's human agents; a handoff goes to one of them. */
  roster?: readonly Agent[];
  /** The seed and channel key, to derive the roster when none is given. */
  rosterKey?: readonly [seed: string, channel: string];
}

/** An AI handling time that runs until the auto-close, i.e. until the conversation's end (vendor page of Sendbird). */
const UNTIL_CLOSE = Number.POSITIVE_INFINITY;

/** Inactivity after which a conversation auto-closes. */
export const AUTO_CLOSE_MS = [600_000, 900_000] as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

function slotValue(rng: Rng, intent: Intent): [shown: string, bare: string] {
  if (intent.slot === 'booking') {
    const ref = `SC${rng.int(1000, 9999)}${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}`;
    return [ref, ref];
  }
  const n = String(rng.int(100000, 999999));
  return [`#${n}`, n];
}

/** How long a speaker takes to write their turn after the previous one. */
function delayOf(rng: Rng, role: Speaker): number {
  if (role === 'user') return rng.int(8_000, 95_000);
  if (role === 'human') return rng.int(20_000, 120_000);
  if (role === 'system') return rng.int(300, 2_000);
  return rng.int(1_500, 9_000);
}

/** Draws a conversation that starts at `startAt`. */
export function drawDialogue(rng: Rng, startAt: number, options: DialogueOptions = {}): Dialogue {
  const company = options.company ?? companyOf(undefined);
  const intent = rng.pick(company.intents);
  const person = drawCustomer(rng);
  const customer = {
    ...person,
    country: rng.weighted(company.countries),
    language: rng.weighted(company.languages),
    userId: `user_${rng.hex(10)}`,
  };
  const [orderId, orderNumber] = slotValue(rng, intent);
  const item = rng.pick(company.catalogue);
  const plan = company.policies.plans[0]!;
  const values: Record<string, string> = {
    order: orderId,
    product: item.name,
    price: money(company, item.price),
    amount: money(company, item.price),
    carrier: rng.pick(company.policies.carriers),
    days: company.policies.refundBusinessDays,
    window: String(company.policies.returnWindowDays),
    payments: listOf(company.policies.paymentMethods),
    plan: plan.name,
    monthly: money(company, plan.monthly),
    yearly: money(company, plan.yearly),
    email: customer.email,
    name: customer.firstName,
    company: company.name,
    eta: rng.pick(L.ETAS),
  };
  const ending = rng.weighted<Ending>([
    ['resolved', 62],
    ['handoff', 16],
    ['abandoned', 14],
    ['unresolved', 8],
  ]);
  let pause = options.pauseMs ?? 0;

  const turns: Turn[] = [];
  let t = startAt;
  const say = (role: Speaker, act: Act, text: string, extra: Partial<Turn> = {}) => {
    // Each turn comes after its own speaker's delay: customers read and type, the AI answers within seconds.
    if (turns.length > 0) t += delayOf(rng, role);
    // The customer's planned absence: they read the AI's message and come back later.
    if (role === 'user' && pause > 0 && turns.at(-1)?.role === 'ai') (t += pause), (pause = 0);
    turns.push({ role, act, text: fill(text, values), at: t, ...extra });
  };
  const cite = () => ({
    articles: rng.sample(intent.articles, rng.int(1, Math.min(2, intent.articles.length))),
    tools: rng.sample(intent.tools, rng.int(0, Math.min(2, intent.tools.length))),
  });
  const autoClose = () => {
    t += rng.int(AUTO_CLOSE_MS[0], AUTO_CLOSE_MS[1]);
    say('system', 'system', 'The conversation was closed after no response from the user.');
  };

  const opener = rng.pick(intent.openers);
  say('user', 'open', opener);
  const hasSlot = !intent.slot || givesSlot(opener);
  const planned = pause > 0;
  // Some customers leave as soon as they are asked for the number, or want a person straight away.
  const leavesAtAsk = !planned && !hasSlot && ending === 'abandoned' && rng.chance(0.35);
  const humanAtOnce = !planned && hasSlot && ending === 'handoff' && rng.chance(0.2);
  let decidedAt = t;
  let resolvedBy: Dialogue['resolvedBy'];
  if (!hasSlot && !humanAtOnce) {
    say('ai', 'ask-slot', rng.pick(ASK_SLOT[intent.slot!]));
    if (leavesAtAsk) {
      say(
        'ai',
        'check',
        `Are you still there? I need your ${intent.slot === 'booking' ? 'booking reference' : 'order number'} to look into this.`,
      );
      autoClose();
      return finish(rng, {
        company,
        intent,
        customer,
        orderId,
        orderNumber,
        values,
        startAt,
        turns,
        ending,
        decidedAt: UNTIL_CLOSE,
      });
    }
    say('user', 'give-slot', rng.pick(GIVE_SLOT));
  }
  let hallucinated = false;
  if (!humanAtOnce) {
    hallucinated = ending === 'unresolved' && rng.chance(0.4);
    // A hallucination answers the intent and then states a policy the company does not have.
    const claim = hallucinated ? ` ${rng.pick(L.HALLUCINATIONS)}` : '';
    say('ai', 'answer', `${rng.pick(intent.answers)}${claim}`, {
      sources: cite(),
      ...(hallucinated ? { hallucinated: true } : {}),
    });
    if (!hallucinated && rng.chance(0.015)) {
      const [text, flag] = rng.pick(L.FLAGGED);
      say('user', 'flagged', text, { flag });
      say('ai', 'refuse', rng.pick(L.REFUSAL));
    }
    // A customer told a made-up policy contests it at once (the unresolved ending) rather than asking more.
    if (!hallucinated && (planned || rng.chance(0.4))) {
      const [question, answer] = rng.pick(intent.followUps);
      say('user', 'follow-up', question);
      say('ai', 'follow-answer', answer, { sources: cite() });
    }
  }
  let humanAgent: Dialogue['humanAgent'];
  switch (ending) {
    case 'resolved':
      resolvedBy = rng.chance(0.6) ? 'user' : 'ai';
      decidedAt = t;
      say('ai', 'anything-else', rng.pick(L.ANYTHING_ELSE));
      if (resolvedBy === 'user') {
        say('user', 'thanks', rng.pick(L.THANKS));
        decidedAt = t;
        say('system', 'system', 'The user confirmed the issue was resolved.');
      } else autoClose();
      break;
    case 'handoff': {
      say('user', 'ask-human', rng.pick(L.ASK_HUMAN));
      say('ai', 'handover', rng.pick(L.HANDOVER));
      decidedAt = t;
      say('system', 'system', 'Conversation handed off to a human agent.');
      const roster = options.roster ?? rosterOf(options.rosterKey?.[0] ?? '', company, options.rosterKey?.[1] ?? '');
      const agent = rng.pick(roster);
      humanAgent = { name: agent.name, email: agent.account, id: agent.id };
      values.agent = agent.name.split(' ')[0]!;
      t += rng.int(30_000, 300_000);
      say('human', 'human', `${rng.pick(L.HUMAN_GREETING)} ${rng.pick(intent.human)}`);
      if (rng.chance(0.7)) say('user', 'thanks', rng.pick(L.THANKS));
      break;
    }
    case 'abandoned':
      say('ai', 'check', rng.pick(L.DID_IT_RESOLVE));
      autoClose();
      decidedAt = UNTIL_CLOSE;
      break;
    case 'unresolved':
      say('user', 'contest', rng.pick(hallucinated ? L.CONTEST_WRONG_POLICY : L.CONTEST));
      say('ai', 'apology', rng.pick(L.APOLOGY), { sources: cite() });
      autoClose();
      decidedAt = UNTIL_CLOSE;
      break;
  }
  return finish(rng, {
    company,
    intent,
    customer,
    orderId,
    orderNumber,
    values,
    startAt,
    turns,
    ending,
    decidedAt,
    resolvedBy,
    humanAgent,
  });
}

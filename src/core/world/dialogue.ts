/**
 * One customer-support conversation as a small state machine per intent: the customer opens; the AI asks for the slot
 * (order number, booking reference) only when the opener did not give it, then carries it through; it answers the
 * opening intent with the company's policy; the outcome (resolved, handed off, abandoned, unresolved) shapes the last
 * turns; after a handoff a human agent from the channel's roster continues in their own words. Vendors map it onto
 * their record shapes. A pure function of its generator, the company and the planned pause.
 */
import type { Rng } from '../random.js';
import { type Company, companyOf, languageOf, listOf, money } from './companies.js';
import { finish } from './dialogue-finish.js';
import * as L from './dialogue-lines.js';
import { Scene } from './dialogue-scene.js';
import type { Dialogue, Ending } from './dialogue-types.js';
import type { Intent } from './intent.js';
import { type Agent, drawCustomer, prepareWorld, rosterOf } from './people.js';

export type { Dialogue, Ending, Turn } from './dialogue-types.js';
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

function slotValue(rng: Rng, intent: Intent): [shown: string, bare: string] {
  if (intent.slot === 'booking') {
    const ref = `SC${rng.int(1000, 9999)}${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25))}`;
    return [ref, ref];
  }
  const n = String(rng.int(100000, 999999));
  return [`#${n}`, n];
}

/** Draws a conversation that starts at `startAt`. */
export function drawDialogue(rng: Rng, startAt: number, options: DialogueOptions = {}): Dialogue {
  const company = options.company ?? companyOf(undefined);
  const intent = rng.pick(company.intents);
  const person = drawCustomer(rng);
  const country = rng.weighted(company.countries);
  // Spelt out rather than spread: a spread into a literal with more keys took ~7% of a record's CPU (profiled).
  const customer = {
    firstName: person.firstName,
    lastName: person.lastName,
    fullName: person.fullName,
    email: person.email,
    phone: person.phone,
    country,
    language: languageOf(country),
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
  const scene = new Scene(rng, company, intent, values, ending, startAt, options.pauseMs ?? 0);
  const { wantsHumanAtOnce, stayed } = scene.open();
  if (stayed) {
    if (!wantsHumanAtOnce) scene.answer();
    scene.end(() => options.roster ?? rosterOf(options.rosterKey?.[0] ?? '', company, options.rosterKey?.[1] ?? ''));
  }
  return finish(rng, {
    company,
    intent,
    customer,
    orderId,
    orderNumber,
    values,
    startAt,
    turns: scene.turns,
    ending,
    decidedAt: scene.decidedAt,
    resolvedBy: scene.resolvedBy,
    humanAgent: scene.humanAgent,
  });
}

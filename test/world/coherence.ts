/**
 * Helpers of the coherence tests: a month of each vendor's world, generated in-process from the world functions, and
 * the company's templates turned into patterns so a message can be traced to the intent it belongs to.
 */
import { type Company, companyOf } from '../../src/core/world/companies.js';
import * as L from '../../src/core/world/dialogue-lines.js';
import { ASK_SLOT, type Intent } from '../../src/core/world/intent.js';

export const SEED = 'agent-export-mock';
export const MONTH = { from: '2025-04-01', to: '2025-04-30' } as const;
export const SHOP = companyOf('harbor-and-pine');

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A template as a whole-message pattern: every {token} matches any text. */
export const patternOf = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split(/\{\w+\}/)
      .map(escapeRegex)
      .join('.+?')}$`,
    's',
  );

const matchesAny = (text: string, templates: readonly string[]) => templates.some((t) => patternOf(t).test(text));

/** The AI lines that belong to no intent: closing questions, handovers, apologies, refusals, hallucinations. */
export const GENERIC_AI = [
  ...L.ANYTHING_ELSE,
  ...L.DID_IT_RESOLVE,
  ...L.HANDOVER,
  ...L.APOLOGY,
  ...L.REFUSAL,
  'Are you still there? I need your {x} to look into this.',
];

export const isAsk = (text: string) => matchesAny(text, [...ASK_SLOT.order, ...ASK_SLOT.booking]);

/** An answer without the made-up policy a hallucination adds to it. */
export const withoutClaim = (text: string) =>
  L.HALLUCINATIONS.reduce((t, claim) => (t.endsWith(` ${claim}`) ? t.slice(0, -claim.length - 1) : t), text);

/** The intents whose answers (first or follow-up) could have produced this AI text. */
export function intentsAnswering(company: Company, text: string): Intent[] {
  const answer = withoutClaim(text);
  return company.intents.filter((i) => matchesAny(answer, [...i.answers, ...i.followUps.map(([, a]) => a)]));
}

export const intentBySubCategory = (company: Company, sub: string): Intent =>
  company.intents.find((i) => i.subCategory === sub)!;

export const isGenericAi = (text: string) => matchesAny(text, GENERIC_AI);
export const isOpenerOf = (intent: Intent, text: string) => matchesAny(text, intent.openers);

/** The slot values customers give: an order number or a booking reference. */
export const SLOT = /#\d{6}|\bSC\d{4}[A-Z]{2}\b/;

/** Faker's commerce adjectives: none may appear in the default world. */
export const FAKER_COMMERCE =
  /\b(Ergonomic|Rustic|Gorgeous|Incredible|Fantastic|Bespoke|Handcrafted|Handmade|Unbranded|Licensed|Refined|Tasty|Sleek|Oriental|Luxurious|Generic|Intelligent|Awesome (Concrete|Granite|Wooden|Plastic|Steel|Fresh|Frozen|Rubber|Soft|Cotton|Metal|Bronze))\b/;

/** Latin script, digits, punctuation, symbols (emoji) and spaces: English text. */
export const LATIN_TEXT = /^[\p{Script=Latin}\p{N}\p{P}\p{S}\p{Zs}\n]*$/u;

/** A fictional NANP number: +1, a real area code, 555-01NN. */
export const FICTIONAL_PHONE = /^\+1[2-9]\d{2}55501\d{2}$/;
export const EXAMPLE_EMAIL = /^[a-z0-9.]+@(example\.(com|net|org)|[a-z-]+\.example)$/;

/** "Ada Lovelace" → "ada.lovelace" (the local part of an agent's account). */
export function accountOf(name: string): string {
  const clean = (w: string) =>
    w
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  const [first = '', ...rest] = name.split(' ');
  return `${clean(first)}.${clean(rest.join(''))}`;
}

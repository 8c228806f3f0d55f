/**
 * Who a SeaX conversation is with and what became of each outbound message: contact names as agents save them, and
 * delivery statuses as carriers and platforms report them.
 */
import type { Rng } from '../../core/random.js';

/**
 * Contact names as agents sometimes save them: punctuation, emoji and line breaks that break naive CSV writers and file
 * names. Only under the opt-in `awkward-contacts` scenario: the default world saves plain names.
 */
const DECORATIONS: ReadonlyArray<(first: string, last: string, full: string) => string> = [
  (f, l) => `${f} "${f.slice(0, 3)}" ${l}`,
  (_f, _l, full) => `${full} 🌟`,
  (f, l) => `${l}, ${f}`,
  (_f, _l, full) => `${full} (VIP) / Wholesale`,
  (_f, _l, full) => `${full}\nAcme Corp`,
  (f) => `${f}: returns?`,
  (_f, _l, full) => `<${full}> | *priority*`,
  (_f, _l, full) => `. ${full} .`,
];

/** The contact's name as saved; awkward for about one contact in three under the scenario. */
export function contactNameOf(
  rng: Rng,
  person: { firstName: string; lastName: string; fullName: string },
  awkward: boolean,
): string {
  if (awkward && rng.chance(0.35)) return rng.pick(DECORATIONS)(person.firstName, person.lastName, person.fullName);
  return person.fullName;
}

const STATUS_WEIGHTS: Record<'sms' | 'chat', ReadonlyArray<readonly [string, number]>> = {
  // Carrier delivery receipts (SMS has no read receipts).
  sms: [
    ['delivered', 88],
    ['sent', 6],
    ['undelivered', 4],
    ['failed', 2],
  ],
  // WhatsApp, Messenger, Instagram and LINE report reads.
  chat: [
    ['read', 70],
    ['delivered', 22],
    ['sent', 5],
    ['failed', 3],
  ],
};
const NEVER_ARRIVED = new Set(['failed', 'undelivered']);

/**
 * A delivery status per outbound message. A message that never arrived cannot be answered, so only outbound messages
 * after the customer's last message may have failed; earlier ones arrived (or were read, on chat apps).
 */
export function statusesOf(rng: Rng, inbound: readonly boolean[], sms: boolean): string[] {
  const lastInbound = inbound.lastIndexOf(true);
  const weights = STATUS_WEIGHTS[sms ? 'sms' : 'chat'];
  const arrived = weights.filter(([s]) => !NEVER_ARRIVED.has(s));
  return inbound.map((isIn, i) => (isIn ? 'received' : rng.weighted(i < lastInbound ? arrived : weights)));
}

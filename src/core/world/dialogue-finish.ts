/** How a drawn conversation is closed: its end, and the CSAT and sentiment that follow from its outcome. */
import type { Rng } from '../random.js';
import type { Company } from './companies.js';
import type { Dialogue, Ending, Turn } from './dialogue-types.js';
import type { Intent } from './intent.js';

export interface Draft {
  company: Company;
  intent: Intent;
  customer: Dialogue['customer'];
  orderId: string;
  orderNumber: string;
  values: Record<string, string>;
  startAt: number;
  turns: Turn[];
  ending: Ending;
  decidedAt: number;
  resolvedBy?: Dialogue['resolvedBy'];
  humanAgent?: Dialogue['humanAgent'];
}

/** Closes the draft: the end is the last turn; CSAT and sentiment follow the outcome. */
export function finish(rng: Rng, d: Draft): Dialogue {
  const endAt = d.turns[d.turns.length - 1]!.at;
  const good = d.ending === 'resolved';
  const rated = d.ending !== 'abandoned' && rng.chance(0.45);
  const csat = rated
    ? rng.weighted(
        good
          ? [
              [5, 45],
              [4, 35],
              [3, 12],
              [2, 5],
              [1, 3],
            ]
          : [
              [5, 5],
              [4, 15],
              [3, 30],
              [2, 25],
              [1, 25],
            ],
      )
    : null;
  const sentiment = rng.weighted<Dialogue['sentiment']>(
    good
      ? [
          ['positive', 70],
          ['neutral', 28],
          ['negative', 2],
        ]
      : d.ending === 'abandoned'
        ? [
            ['neutral', 80],
            ['negative', 20],
          ]
        : [
            ['neutral', 35],
            ['negative', 65],
          ],
  );
  return {
    company: d.company,
    topic: d.intent,
    customer: d.customer,
    orderId: d.orderId,
    orderNumber: d.orderNumber,
    product: d.values.product!,
    startAt: d.startAt,
    endAt,
    turns: d.turns,
    ending: d.ending,
    resolvedBy: d.resolvedBy,
    decidedAt: Math.min(d.decidedAt, endAt),
    humanAgent: d.humanAgent,
    csat,
    sentiment,
  };
}

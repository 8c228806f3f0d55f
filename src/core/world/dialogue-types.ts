/** The shape of a drawn conversation, shared by the dialogue state machine and the vendors that map it. */
import type { Company } from './companies.js';
import type { Flag } from './dialogue-lines.js';
import type { Intent } from './intent.js';

export type Speaker = 'user' | 'ai' | 'human' | 'system';
/** What a turn does in the dialogue: tests and vendors read it instead of guessing from the text. */
export type Act =
  | 'open'
  | 'ask-slot'
  | 'give-slot'
  | 'answer'
  | 'follow-up'
  | 'follow-answer'
  | 'flagged'
  | 'refuse'
  | 'anything-else'
  | 'thanks'
  | 'check'
  | 'ask-human'
  | 'handover'
  | 'human'
  | 'contest'
  | 'apology'
  | 'system';

export interface Turn {
  role: Speaker;
  act: Act;
  text: string;
  at: number;
  /** For AI turns: the help articles and tools the answer drew on. */
  sources?: { articles: string[]; tools: string[] };
  /** An AI answer stating a policy the company does not have. */
  hallucinated?: true;
  /** A customer message a safety filter flags, and which filter. */
  flag?: Flag;
}

export type Ending = 'resolved' | 'handoff' | 'abandoned' | 'unresolved';

export interface Dialogue {
  company: Company;
  /** The opening intent (named `topic` since world version 1). */
  topic: Intent;
  customer: { firstName: string; lastName: string; fullName: string; email: string; phone: string } & {
    country: string;
    language: string;
    userId: string;
  };
  /** The slot as written in messages (#482913, SC4821TX) and bare (482913, SC4821TX). */
  orderId: string;
  orderNumber: string;
  product: string;
  startAt: number;
  endAt: number;
  turns: Turn[];
  ending: Ending;
  /** Who confirmed the resolution, when resolved. */
  resolvedBy?: 'user' | 'ai';
  /** Resolved: the resolution; handed off: the handover; abandoned or unresolved: the auto-close (= endAt). */
  decidedAt: number;
  humanAgent?: { name: string; email: string; id: number };
  csat: number | null;
  sentiment: 'positive' | 'neutral' | 'negative';
}

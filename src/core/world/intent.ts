/**
 * What a customer contacts support about, as a small state machine's data: the opener, the slot the AI needs (an order
 * number or booking reference) and how it asks for it, the answers that follow the company's policy, paired follow-up
 * questions and answers, and what a human agent says in their own words after a handoff.
 *
 * Templates use {order} (the slot's value), {product}, {price}, {amount}, {carrier}, {days} (refund business days),
 * {window} (return window in days), {payments}, {plan}, {monthly}, {yearly}, {email}, {name}, {company} and {eta}.
 */
export type Slot = 'order' | 'booking';

export interface Intent {
  id: string;
  category: string;
  subCategory: string;
  /** The slot the AI needs before it can answer; none for questions it can answer straight away. */
  slot?: Slot;
  /** Whether a slot is needed (kept for the vendors that tell order conversations apart). */
  needsOrder: boolean;
  /** Customer's first message; those holding {order} already give the slot. */
  openers: readonly string[];
  /** The AI's answer once it knows the slot. */
  answers: readonly string[];
  /** A follow-up question and its answer, in pairs. */
  followUps: ReadonlyArray<readonly [string, string]>;
  /** A human agent taking over after a handoff: what they add, in their own words. */
  human: readonly string[];
  /** Help-centre articles the answer draws on. */
  articles: readonly string[];
  /** Actions (tools) the AI calls for this intent. */
  tools: readonly string[];
}

export const intent = (i: Omit<Intent, 'needsOrder'>): Intent => ({ ...i, needsOrder: i.slot !== undefined });

/** How the AI asks for a slot it does not have yet. */
export const ASK_SLOT: Record<Slot, readonly string[]> = {
  order: [
    'May I have your order number?',
    'Happy to help! Could you share your order number?',
    'Sure, what is the order number? You can find it in your confirmation email.',
  ],
  booking: [
    'Could you give me your booking reference? It starts with SC and is in your confirmation email.',
    'Happy to help. What is your booking reference?',
  ],
};

/** How a customer gives the slot when asked. */
export const GIVE_SLOT: readonly string[] = ['{order}', "It's {order}", 'sure, {order}', 'The number is {order}'];

/** An opener gives the slot when it mentions it. */
export const givesSlot = (opener: string): boolean => opener.includes('{order}');

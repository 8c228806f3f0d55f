/**
 * How a Zendesk conversation ended, in the export's words: its status and last resolution, the automated-resolution
 * verdict with its reasoning, and the labels and segments that follow from what happened.
 */
import type { Rng } from '../../core/random.js';
import { localHourOf } from '../../core/world/dates.js';
import type { Dialogue } from '../../core/world/dialogue.js';

export const CONVERSATION_STATUSES = ['botHandled', 'agent', 'email', 'customEscalation', 'failedEscalation'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type LastResolution = 'informed' | 'resolved' | 'escalated';

/** The automated-resolution evaluation's reasoning, by verdict and by how the conversation ended. */
const REASONING = {
  automated: {
    resolved: [
      'The customer confirmed that the answer solved their request and ended the conversation.',
      'The AI agent completed the request and the customer did not ask for further help.',
    ],
    informed: [
      'The AI agent answered the request with relevant information and the customer neither came back nor asked for a human agent.',
    ],
  },
  notAutomated: {
    resolved: ['The request was answered, but it needed an action the AI agent could not complete on its own.'],
    informed: [
      'The AI agent gave relevant information, but the customer did not confirm the issue was solved.',
      'The answer did not address the request and the customer left unsatisfied.',
    ],
    failedEscalation: ['The customer asked for a human agent, but no agent was available to take over.'],
    escalated: [
      'The customer asked to speak to a human agent, so the conversation was not resolved by the AI agent.',
      'The conversation was handed over to the support team.',
    ],
  },
} as const;

export function statusOf(
  rng: Rng,
  d: Dialogue,
  channel: string,
  suggestionEngine: boolean,
): { status: ConversationStatus; last: LastResolution } {
  // Suggestion-engine conversations are agent conversations in which the AI only suggests replies to the agent.
  if (suggestionEngine) return { status: 'agent', last: 'escalated' };
  switch (d.ending) {
    case 'resolved':
      return { status: 'botHandled', last: 'resolved' };
    case 'abandoned':
    case 'unresolved':
      return { status: 'botHandled', last: 'informed' };
    case 'handoff': {
      const status: ConversationStatus =
        channel === 'email'
          ? 'email'
          : rng.weighted<ConversationStatus>([
              ['agent', 70],
              ['customEscalation', 14],
              ['failedEscalation', 10],
              ['email', 6],
            ]);
      // A failed escalation leaves the customer with the AI agent's message that no agent is available.
      return { status, last: status === 'failedEscalation' ? 'informed' : 'escalated' };
    }
  }
}

/** The automated-resolution verdict (null in test mode) and its reasoning. */
export function verdictOf(
  rng: Rng,
  d: Dialogue,
  status: ConversationStatus,
  last: LastResolution,
  testMode: boolean,
): { automated: boolean | null; reasoning: string | null } {
  if (testMode) return { automated: null, reasoning: null };
  // Informed and automated: the customer got a real answer and neither came back nor contested it (abandoned after
  // the answer); a contested answer (unresolved) never counts.
  const answered = d.turns.some((t) => t.act === 'answer');
  const automated =
    last === 'resolved'
      ? rng.chance(0.92)
      : last === 'informed' && status === 'botHandled' && d.ending === 'abandoned' && answered && rng.chance(0.35);
  const reasoning = automated
    ? rng.pick(REASONING.automated[last === 'resolved' ? 'resolved' : 'informed'])
    : rng.pick(REASONING.notAutomated[status === 'failedEscalation' ? 'failedEscalation' : last]);
  return { automated, reasoning };
}

/** Labels that follow from the conversation: its surface, the order number given, the hour, the handover. */
export function labelsOf(d: Dialogue, surface: string, suggestionEngine: boolean): string[] {
  const labels = [surface];
  if (d.topic.needsOrder && !suggestionEngine && d.turns.some((t) => t.text.includes(d.orderId) && t.role === 'user'))
    labels.push(d.topic.slot === 'booking' ? 'booking-reference-provided' : 'order-number-provided');
  const localHour = localHourOf(d.startAt, d.company.timeZone);
  if (localHour < 9 || localHour >= 18) labels.push('out-of-office-hours');
  if (d.ending === 'handoff' && !suggestionEngine) labels.push('handover-requested');
  return labels;
}

/** Segments the customer belongs to. */
export function segmentsOf(rng: Rng, d: Dialogue, surface: string): string[] {
  const segments = [rng.chance(0.35) ? 'Returning customers' : 'New customers'];
  segments.push(d.company.industry === 'travel' ? 'EU customers' : 'US customers');
  if (surface === 'ios' || surface === 'android') segments.push('Mobile app users');
  return segments;
}

/**
 * What Sendbird's models and admins say about a conversation, derived from what happened in it: the sentiment comment
 * that matches its outcome, the flag reasons of flagged messages, copilot feedback whose comment agrees with its rating,
 * and scorecards whose reasons belong to their criterion.
 */
import type { Rng } from '../../core/random.js';
import type { Dialogue, Ending } from '../../core/world/dialogue.js';

const SENTIMENT_COMMENTS: Record<Ending, Record<Dialogue['sentiment'], readonly string[]>> = {
  resolved: {
    positive: [
      'User expressed gratitude and satisfaction after AI agent provided a suitable solution to their issue.',
      'User was pleased with the quick answer.',
    ],
    neutral: ['User acknowledged the answer without strong emotion.'],
    negative: ['User accepted the solution but remained unhappy about the original problem.'],
  },
  handoff: {
    positive: ['User was polite and asked to continue with a human agent.'],
    neutral: ['User asked for a human agent to handle the request.'],
    negative: ['User was frustrated with the answers and asked for a human agent.'],
  },
  abandoned: {
    positive: ['User left after receiving the answer.'],
    neutral: ['User stopped responding after the AI agent answered.', 'User left without confirming the resolution.'],
    negative: ['User left the conversation without a resolution.'],
  },
  unresolved: {
    positive: ['User stayed polite although the answer did not help.'],
    neutral: ['User said the answer did not address the question.'],
    negative: ['User expressed dissatisfaction with the answers provided.', 'User said the answer was wrong.'],
  },
};

export const sentimentComment = (rng: Rng, d: Dialogue): string => rng.pick(SENTIMENT_COMMENTS[d.ending][d.sentiment]);

export const FLAG_REASONS = {
  harmful_content: 'Message matched the harmful content filter.',
  adversarial_attack: 'Message tried to make the AI agent reveal its instructions.',
  context_injection: 'Message tried to override the AI agent instructions.',
  banned_phrases: 'Message contained a banned phrase.',
} as const;
export const HALLUCINATION_REASON = 'The answer states a policy that is not in the knowledge base.';

/** Copilot feedback on an AI message: a bad rating for a hallucination, otherwise mostly good; comments agree. */
export function feedbackOf(rng: Rng, hallucinated: boolean): { rating: 'good' | 'bad'; comment: string } {
  if (hallucinated) return { rating: 'bad', comment: rng.pick(['Wrong policy', 'Made up a refund rule', '']) };
  const good = rng.chance(0.85);
  return good
    ? { rating: 'good', comment: rng.pick(['Helpful draft', 'Accurate answer', '']) }
    : { rating: 'bad', comment: rng.pick(['Too long', 'Missed the order number', '']) };
}

/** Each criterion's own reasons for a poor score. */
const REASONS: Record<string, ReadonlyArray<{ id: number; message: string }>> & {
  correctness: readonly [{ id: number; message: string }];
} = {
  tone: [{ id: 0, message: 'The tone was too formal for a chat' }],
  readability: [{ id: 1, message: 'Responses are too long' }],
  completeness: [
    { id: 2, message: 'The answer missed a step of the procedure' },
    { id: 3, message: "the response partially addressed the user's pain point" },
  ],
  correctness: [{ id: 4, message: 'The answer states a policy that is not in the knowledge base' }],
  category: [{ id: 5, message: 'The conversation was filed under the wrong category' }],
  solution_offered: [{ id: 6, message: 'No solution was offered before the handoff' }],
};

/** An admin's scorecard, submitted some time after the conversation closed. */
export function scorecardOf(rng: Rng, d: Dialogue) {
  const hallucinated = d.turns.some((t) => t.hallucinated);
  const good = d.ending === 'resolved' ? 0.85 : 0.4;
  const score = (criterion: string, pGood: number) =>
    rng.chance(pGood) ? { score: 'good' } : { score: 'poor', reason: rng.pick(REASONS[criterion]!) };
  const scores = {
    tone: score('tone', 0.9),
    readability: score('readability', 0.8),
    completeness: score('completeness', good),
    correctness: hallucinated ? { score: 'poor', reason: REASONS.correctness[0] } : score('correctness', 0.95),
    category: score('category', 0.95),
    // Deprecated criteria (vendor table): answer_relevancy is null; solution_offered still scored, as in the sample.
    answer_relevancy: null,
    solution_offered: score('solution_offered', d.ending === 'handoff' ? 0.5 : 0.9),
  };
  const poor = Object.values(scores).some((s) => s?.score === 'poor');
  return {
    created_at: d.endAt + rng.int(3_600_000, 3 * 86_400_000),
    scores,
    author: rng.int(10_000_000, 19_999_999),
    comment: poor
      ? rng.pick(
          hallucinated ? ['Wrong policy quoted', ''] : ['Could be shorter', 'Should have offered a refund earlier', ''],
        )
      : rng.pick(['Good handling', 'Clear and friendly', '']),
  };
}

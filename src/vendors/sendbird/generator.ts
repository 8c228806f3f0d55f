/**
 * The Sendbird view of the world: conversation records exactly as the vendor's sample shows them, and the daily
 * analysis computed from those same records, so a day's analysis always equals the aggregate of its conversations.
 */
import { Rng } from '../../core/random.js';
import { companyOf } from '../../core/world/companies.js';
import { addDays, DAY_MS, utcDateOf, utcMidnight, zonedDateOf, zonedMidnight } from '../../core/world/dates.js';
import { type DayPlan, dayPlan, recordRng } from '../../core/world/day-plan.js';
import { type Dialogue, drawDialogue } from '../../core/world/dialogue.js';
import { FLAG_REASONS, feedbackOf, HALLUCINATION_REASON, scorecardOf, sentimentComment } from './labels.js';

const VENDOR = 'sendbird';

export interface WorldRef {
  seed: string;
  appId: string;
  aiAgentId: string;
  /** Average conversations per day for this agent. */
  volume: number;
  /** The app's company (companies.ts); the default shop when absent. */
  company?: string;
}

export interface ExportWindow {
  from: string;
  to: string;
  timezone: string;
  /** Only conversations closed by this instant are exported (the export cannot contain the future). */
  cutoff: number;
}

const keyOf = (prefix: string, name: string) => `${prefix}-${Buffer.from(name).toString('hex').slice(0, 10)}`;

/** A conversation id unique per agent: the UTC day number and the conversation's index in that day. */
const conversationId = (date: string, index: number) => (utcMidnight(date) / DAY_MS) * 10_000_000 + index + 1;

function summaryOf(d: Dialogue): string {
  const outcome = {
    resolved: 'the AI agent resolved it',
    handoff: 'the conversation was handed off to a human agent',
    abandoned: 'the user left without confirming',
    unresolved: 'the issue stayed unresolved',
  }[d.ending];
  const about =
    d.topic.slot === 'booking' ? ` for booking ${d.orderId}` : d.topic.needsOrder ? ` for order ${d.orderId}` : '';
  return `${d.customer.firstName} contacted ${d.company.name} about ${d.topic.subCategory.toLowerCase()}${about}; ${outcome}.`;
}

const tenantOf = (world: WorldRef) => `${world.appId}/${world.aiAgentId}`;
/** The agent's day plan, in its company's time zone. */
export const planOf = (world: WorldRef, date: string): DayPlan =>
  dayPlan(world.seed, VENDOR, tenantOf(world), date, world.volume, companyOf(world.company).timeZone);

/**
 * One conversation record in the vendor's sample shape. `cutoff` is when the export was requested: a scorecard an
 * admin submits later does not exist yet (it is null).
 */
function conversationRecord(world: WorldRef, date: string, index: number, startAt: number, cutoff = Infinity) {
  const rng = recordRng(world.seed, VENDOR, tenantOf(world), date, index);
  const d = drawDialogue(rng, startAt, {
    company: companyOf(world.company),
    pauseMs: planOf(world, date).pauses[index] ?? 0,
    rosterKey: [world.seed, `${VENDOR}/${tenantOf(world)}`],
  });
  const id = conversationId(date, index);
  const firstUserAt = d.turns.find((t) => t.role === 'user')?.at ?? d.startAt;
  const resolved = d.ending === 'resolved';
  // Vendor page: resolved time runs from the user's first message to the resolution; the unresolved handle time to the
  // auto-close or the handoff. The dialogue's decidedAt is exactly that instant, never after close_ts; whole seconds
  // rounded down so the duration never reaches past close_ts.
  const handledSeconds = Math.floor((d.decidedAt - firstUserAt) / 1000);
  const messages = d.turns.map((turn, k) => {
    const isAi = turn.role === 'ai';
    // The page's sample AI message says "ai_hallucination": null and "user_flagged": "" (its table says bool, and
    // user_flagged only on user messages): the sample wins, so an unflagged message carries null and "" (README).
    const hallucination = turn.hallucinated ? true : null;
    const flag = turn.flag ?? '';
    return {
      id: id * 100 + k + 1,
      create_ts: turn.at,
      message_from: turn.role,
      message: turn.text,
      ai_hallucination: hallucination,
      ai_activity_trail_log:
        isAi && turn.sources && turn.sources.articles.length + turn.sources.tools.length > 0
          ? {
              knowledge: turn.sources.articles.map((name) => ({ key: keyOf('knowledge', name), name })),
              tools: turn.sources.tools.map((name) => ({ key: keyOf('manual', name), name })),
            }
          : null,
      user_flagged: flag,
      flagged_reason: hallucination ? HALLUCINATION_REASON : turn.flag ? FLAG_REASONS[turn.flag] : null,
      feedback:
        isAi && d.ending === 'handoff' && (turn.act === 'answer' || turn.act === 'follow-answer') && rng.chance(0.3)
          ? feedbackOf(rng, turn.hallucinated === true)
          : null,
    };
  });
  const card = rng.chance(0.12) ? scorecardOf(rng, d) : null;
  const country = rng.chance(0.15) ? null : d.customer.country;
  return {
    id,
    channel_url: `sendbird_group_channel_${rng.int(100000, 999999)}_${rng.hex(40)}`,
    start_ts: d.startAt,
    close_ts: d.endAt,
    // The sample's spelling (the table says total_user_messages): clients see the sample's.
    total_user_message: messages.filter((m) => m.message_from === 'user').length,
    total_ai_agent_responses: messages.filter((m) => m.message_from === 'ai').length,
    user_sentiment: d.sentiment,
    user_sentiment_comment: sentimentComment(rng, d),
    csat_score: d.csat,
    resolution_resolved: resolved,
    resolution_resolved_by: resolved ? d.resolvedBy! : null,
    resolution_resolved_time: resolved ? handledSeconds : null,
    // The sample's spelling (the table says resolution_unresovled_ai_handle_time).
    resolution_unresolved_ai_handle_time: resolved ? null : handledSeconds,
    human_handoff: d.ending === 'handoff',
    abandoned: d.ending === 'abandoned',
    revisit: rng.chance(0.08),
    ai_agent_scorecard: card && card.created_at <= cutoff ? card : null,
    messages,
    country,
    language: d.customer.language,
    ai_agent_context: {
      country,
      language: d.customer.language,
      context: {
        memberSrl: d.customer.userId.replace('user_', 'user'),
        orderId: d.topic.needsOrder ? d.orderNumber : null,
      },
    },
    category: d.topic.category,
    sub_category: d.topic.subCategory,
    user_id: d.customer.userId,
    summary: summaryOf(d),
  };
}
export type ConversationRecord = ReturnType<typeof conversationRecord>;

/**
 * Every conversation of the agent that started within [from 00:00, to+1 00:00) in `timezone` and closed by the
 * cutoff, in start order. The world is kept by UTC day, so the UTC days overlapping the window are walked.
 */
export function* conversationsIn(world: WorldRef, window: ExportWindow): Generator<ConversationRecord> {
  const start = zonedMidnight(window.from, window.timezone);
  const end = zonedMidnight(addDays(window.to, 1), window.timezone);
  for (let date = utcDateOf(start); utcMidnight(date) < end; date = addDays(date, 1)) {
    const plan = planOf(world, date);
    for (let i = 0; i < plan.starts.length; i++) {
      const at = plan.starts[i]!;
      if (at < start || at >= end || at > window.cutoff) continue;
      const record = conversationRecord(world, date, i, at, window.cutoff);
      if (record.close_ts <= window.cutoff) yield record;
    }
  }
}

export interface DailyAnalysis {
  date: string;
  total_number_of_conversations: number;
  number_of_user_message: number;
  number_of_ai_message: number;
  average_csat_scores: number | null;
  average_resolution_time: number | null;
  human_handoff_rate: number;
  resolution_rate: number;
  abandonment_rate: number;
  revisit_rate: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Accumulates conversations into one day's analysis; `finish` rounds averages to 2 places and rates to 4. */
class DayAggregate {
  private n = 0;
  private user = 0;
  private ai = 0;
  private csatSum = 0;
  private csatN = 0;
  private resSum = 0;
  private resN = 0;
  private handoff = 0;
  private resolved = 0;
  private abandoned = 0;
  private revisit = 0;

  constructor(readonly date: string) {}

  add(c: ConversationRecord): void {
    this.n++;
    this.user += c.total_user_message;
    this.ai += c.total_ai_agent_responses;
    if (c.csat_score !== null) (this.csatSum += c.csat_score), this.csatN++;
    if (c.resolution_resolved_time !== null) (this.resSum += c.resolution_resolved_time), this.resN++;
    if (c.human_handoff) this.handoff++;
    if (c.resolution_resolved) this.resolved++;
    if (c.abandoned) this.abandoned++;
    if (c.revisit) this.revisit++;
  }

  finish(): DailyAnalysis {
    const rate = (k: number) => (this.n === 0 ? 0 : round(k / this.n, 4));
    return {
      date: this.date,
      total_number_of_conversations: this.n,
      number_of_user_message: this.user,
      number_of_ai_message: this.ai,
      average_csat_scores: this.csatN === 0 ? null : round(this.csatSum / this.csatN, 2),
      average_resolution_time: this.resN === 0 ? null : round(this.resSum / this.resN, 2),
      human_handoff_rate: rate(this.handoff),
      resolution_rate: rate(this.resolved),
      abandonment_rate: rate(this.abandoned),
      revisit_rate: rate(this.revisit),
    };
  }
}

/** One analysis per date from `from` to `to`, each the aggregate of the conversations that started on it (in the zone). */
export function dailyAnalysis(world: WorldRef, window: ExportWindow): DailyAnalysis[] {
  const days = new Map<string, DayAggregate>();
  for (let d = window.from; d <= window.to; d = addDays(d, 1)) days.set(d, new DayAggregate(d));
  for (const c of conversationsIn(world, window)) days.get(zonedDateOf(c.start_ts, window.timezone))?.add(c);
  return [...days.values()].map((a) => a.finish());
}

/** Deterministic ids for a job: the export id and the file name. */
export function exportIds(seed: string, appId: string, seq: number) {
  const rng = Rng.of(seed, VENDOR, appId.toLowerCase(), 'export', seq);
  return { exportId: rng.hex(15), fileId: rng.hex(15) };
}

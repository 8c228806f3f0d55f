/**
 * The Kore view of the world: one answer-insights record per search a bot answered, drawn from
 * `(seed, "kore", bot, UTC day, index)` with the day's spine from core/world/day-plan.ts, so exports of overlapping
 * ranges agree record for record. The first two draws of a record decide its outcome and feedback, so an export can
 * count what an `event` filter will keep (and name its fragments) before it writes a single record.
 */
import { Rng } from '../../core/random.js';
import { companyOf } from '../../core/world/companies.js';
import { addDays, isoInstant, utcDateOf, utcMidnight } from '../../core/world/dates.js';
import { dayPlan, recordRng } from '../../core/world/day-plan.js';
import { answerDebugOf, distractors } from './answer-debug.js';
import { type BotCatalogue, catalogueOf } from './bot-catalogue.js';
import { uuid5 } from './ids.js';
import { DOCUMENTS, NO_ANSWER, UNANSWERABLE } from './knowledge-base.js';
import type { FeedbackEvent, SearchRecord } from './schemas.js';
import { clientOf, typed } from './searchers.js';

export const VENDOR = 'kore';

export interface WorldRef {
  seed: string;
  botId: string;
  botName: string;
  /** Average searches per day for this bot. */
  volume: number;
  /** The bot's company (companies.ts): its time zone shapes the hours of searches. */
  company?: string;
}

export interface SearchWindow {
  /** Unix ms, inclusive. */
  from: number;
  /** Unix ms, inclusive. */
  to: number;
  /** Searches after this instant do not exist yet (the export was asked for then). */
  cutoff: number;
}

export interface PlannedSearch {
  date: string;
  index: number;
  at: number;
}

/** Every search of the bot inside the window, in time order (without drawing the records). */
export function* plannedSearches(world: WorldRef, window: SearchWindow): Generator<PlannedSearch> {
  const last = Math.min(window.to, window.cutoff);
  if (last < window.from) return;
  for (let date = utcDateOf(window.from); utcMidnight(date) <= last; date = addDays(date, 1)) {
    const plan = dayPlan(world.seed, VENDOR, world.botId, date, world.volume, companyOf(world.company).timeZone);
    for (let i = 0; i < plan.starts.length; i++) {
      const at = plan.starts[i]!;
      if (at >= window.from && at <= last) yield { date, index: i, at };
    }
  }
}

type Kind = 'answered' | 'missed' | 'no-results';

/** The first two draws of every record: how the search went, and the feedback its answer got. */
function drawOutcome(rng: Rng): { kind: Kind; event: FeedbackEvent | null } {
  const kind = rng.weighted<Kind>([
    ['answered', 82],
    ['missed', 11],
    ['no-results', 7],
  ]);
  const r = rng.float();
  // Good answers get thumbs up now and then; answers that missed collect most of the thumbs down.
  const [up, down] = kind === 'answered' ? [0.16, 0.04] : kind === 'missed' ? [0.02, 0.35] : [0, 0];
  return { kind, event: r < up ? 'thumbsUp' : r < up + down ? 'thumbsDown' : null };
}

/** The feedback of one search, without drawing the rest of it. */
export function eventOf(world: WorldRef, s: PlannedSearch): FeedbackEvent | null {
  return drawOutcome(recordRng(world.seed, VENDOR, world.botId, s.date, s.index)).event;
}

const USER_POOL = 2000;

/** Articles people look for most come first: shipping, tracking and refunds outweigh the size guide. */
const DOC_WEIGHTS = DOCUMENTS.map((_, d) => [d, Math.max(1, 12 - d)] as const);

/**
 * What the person typed and what the retriever made of it: a known question answered from its chunk, a question the
 * retriever missed, or one nothing in the index answers (no answer debug at all).
 */
function drawQueryAndAnswer(
  rng: Rng,
  world: WorldRef,
  kb: BotCatalogue,
  kind: Kind,
): { query: string; answerDebug: SearchRecord['answerDebug'] } {
  if (kind === 'answered') {
    const d = rng.weighted(DOC_WEIGHTS);
    const question = rng.pick(DOCUMENTS[d]!.questions);
    const query = typed(rng, question.query);
    const target = kb.chunks[d]![question.chunk]!;
    const top = rng.float() * 0.17 + 0.78;
    const siblings = kb.chunks[d]!.filter((c) => c !== target).map((chunk) => ({
      chunk,
      score: rng.float() * (top - 0.48) + 0.45,
    }));
    const ranked = [
      { chunk: target, score: top },
      ...siblings,
      ...distractors(rng, kb, d, rng.int(2, 4), 0.28, 0.62),
    ].slice(0, 7);
    return { query, answerDebug: [answerDebugOf(rng, world.botName, query, ranked, target, question.answer)] };
  }
  if (kind === 'missed') {
    // Either nobody wrote the article, or the retriever missed the one that exists.
    const known = rng.chance(0.3) ? rng.pick(rng.pick(DOCUMENTS).questions).query : rng.pick(UNANSWERABLE);
    const query = typed(rng, known);
    const ranked = distractors(rng, kb, undefined, rng.int(3, 5), 0.22, 0.5);
    ranked[0]!.score = rng.float() * 0.12 + 0.42;
    return { query, answerDebug: [answerDebugOf(rng, world.botName, query, ranked, undefined, NO_ANSWER)] };
  }
  return { query: typed(rng, rng.pick(UNANSWERABLE)), answerDebug: [] };
}

/** One search and its answer, in the shape of the vendor's answer-insights export. */
export function searchRecord(world: WorldRef, s: PlannedSearch): SearchRecord {
  const rng = recordRng(world.seed, VENDOR, world.botId, s.date, s.index);
  const { kind, event } = drawOutcome(rng);
  const kb = catalogueOf(world.seed, world.botId);

  const userIndex = rng.int(0, USER_POOL - 1);
  const user = Rng.of(world.seed, VENDOR, world.botId, 'user', userIndex);
  const channelUId = `u-${uuid5(user)}`;
  const viaApi = user.chance(0.25);
  const client = clientOf(user, viaApi);
  // One session per user and day: the searches of a visit share it.
  const sessionId = Rng.of(world.seed, VENDOR, world.botId, 'session', s.date, userIndex).hex(24);

  const { query, answerDebug } = drawQueryAndAnswer(rng, world, kb, kind);

  const queryType = rng.weighted([
    ['search', 85],
    ['chat', 15],
  ] as const);
  const facet = rng.chance(0.08) ? [{ fieldName: 'sourceType', values: [rng.pick(['web', 'file'])] }] : [];
  return {
    _id: `fsh-${uuid5(rng)}`,
    sessionId,
    channelUId,
    clientInfo: { ...client },
    query,
    isFullSearch: queryType === 'search' && rng.chance(0.9),
    searchRequestId: `fsr-${uuid5(rng)}`,
    answerType: kind === 'no-results' ? null : 'generative',
    event,
    selectedFacets: facet,
    botId: world.botId,
    searchIndexId: kb.searchIndexId,
    language: 'en',
    hasResults: kind !== 'no-results',
    timeStampValue: s.at,
    createdOn: isoInstant(s.at),
    accountId: kb.accountId,
    isDev: rng.chance(0.03),
    queryPipelineId: kb.queryPipelineId,
    indexPipelineId: kb.indexPipelineId,
    requestSource: viaApi ? 'api' : 'sdk',
    connectionType: viaApi ? 'http' : 'websocket',
    queryType,
    snippetEnabled: true,
    model: kb.model,
    graphAnswer: false,
    channel: viaApi ? 'api' : 'webclient',
    messageId: `ms-${uuid5(rng)}`,
    __v: 0,
    answerDebug,
  };
}

/** Deterministic ids of a job: the job id, and per file its storage key and Mongo-ObjectId-like fileId parts. */
export function jobIds(seed: string, botId: string, seq: number) {
  const rng = Rng.of(seed, VENDOR, botId, 'job', seq);
  return { jobId: `fj-${uuid5(rng)}`, machine: rng.hex(10), counter: rng.int(0, 0xffffff - 100_000) };
}

export function fileKey(seed: string, botId: string, seq: number, part: number): string {
  return `f-${uuid5(Rng.of(seed, VENDOR, botId, 'job', seq, 'file', part))}.json`;
}

/** A MongoDB ObjectId: 4 bytes of seconds, 5 bytes per process, 3 bytes of counter (as in the vendor's fileIds). */
export function objectId(ms: number, machine: string, counter: number): string {
  return `${Math.floor(ms / 1000)
    .toString(16)
    .padStart(8, '0')}${machine}${(counter & 0xffffff).toString(16).padStart(6, '0')}`;
}

/** The user who "created" jobs made with an app's credentials. */
export const creatorOf = (seed: string, clientId: string) => `u-${uuid5(Rng.of(seed, VENDOR, 'creator', clientId))}`;

/**
 * The Kore view of the world: one answer-insights record per search a bot answered, drawn from
 * `(seed, "kore", bot, UTC day, index)` with the day's spine from core/world/day-plan.ts, so exports of overlapping
 * ranges agree record for record. The first two draws of a record decide its outcome and feedback, so an export can
 * count what an `event` filter will keep (and name its fragments) before it writes a single record.
 */
import { Rng } from '../../core/random.js';
import { addDays, utcDateOf, utcMidnight } from '../../core/world/dates.js';
import { dayPlan, recordRng } from '../../core/world/day-plan.js';
import {
  type BotCatalogue,
  catalogueOf,
  DOCUMENTS,
  type KbChunk,
  NO_ANSWER,
  UNANSWERABLE,
  uuid5,
} from './knowledge-base.js';
import type { FeedbackEvent, SearchRecord } from './schemas.js';

export const VENDOR = 'kore';

export interface WorldRef {
  seed: string;
  botId: string;
  botName: string;
  /** Average searches per day for this bot. */
  volume: number;
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
    const plan = dayPlan(world.seed, VENDOR, world.botId, date, world.volume);
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

const STOP_WORDS = new Set([
  'how',
  'do',
  'does',
  'i',
  'my',
  'the',
  'what',
  'is',
  'a',
  'an',
  'can',
  'you',
  'your',
  'to',
  'of',
  'for',
  'it',
  'are',
  'there',
  'get',
  'which',
  'will',
  'why',
  'was',
  'on',
  'after',
  'that',
]);

/** How people actually type a question into a search box. */
function typed(rng: Rng, query: string): string {
  const style = rng.weighted([
    ['as-is', 50],
    ['lower', 25],
    ['keywords', 15],
    ['typo', 10],
  ] as const);
  switch (style) {
    case 'as-is':
      return query;
    case 'lower':
      return query.toLowerCase().replace(/[?!.]$/, '');
    case 'keywords': {
      const words = query
        .toLowerCase()
        .replace(/[?!.,]/g, '')
        .split(/\s+/)
        .filter((w) => !STOP_WORDS.has(w));
      return words.length > 0 ? words.join(' ') : query.toLowerCase();
    }
    case 'typo': {
      const words = query.split(' ');
      const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/i.test(w));
      if (long.length === 0) return query.toLowerCase();
      const [w, i] = rng.pick(long);
      const k = rng.int(1, w.length - 2);
      words[i] = `${w.slice(0, k)}${w[k + 1]}${w[k]}${w.slice(k + 2)}`;
      return words.join(' ').toLowerCase();
    }
  }
}

const USER_AGENTS = [
  {
    browser: 'Chrome',
    os: 'Windows',
    deviceType: 'desktop',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  },
  {
    browser: 'Safari',
    os: 'macOS',
    deviceType: 'desktop',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  },
  {
    browser: 'Safari',
    os: 'iOS',
    deviceType: 'mobile',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  },
  {
    browser: 'Chrome',
    os: 'Android',
    deviceType: 'mobile',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  },
  {
    browser: 'Edge',
    os: 'Windows',
    deviceType: 'desktop',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
  },
  {
    browser: 'Firefox',
    os: 'Linux',
    deviceType: 'desktop',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  },
] as const;
const USER_POOL = 2000;

/** Articles people look for most come first: shipping, tracking and refunds outweigh the size guide. */
const DOC_WEIGHTS = DOCUMENTS.map((_, d) => [d, Math.max(1, 12 - d)] as const);

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function chunkView(
  c: KbChunk,
  score: number,
  rerank: number,
  flags: { sent: boolean; used: boolean; qualified: boolean },
) {
  return {
    score: round4(score),
    chunkText: c.text,
    sentToLLM: flags.sent,
    usedInAnswer: flags.used,
    chunkQualified: flags.qualified,
    sourceType: c.sourceType,
    sourceUrl: c.sourceUrl,
    sourceName: c.sourceName,
    recordTitle: c.title,
    recordUrl: c.recordUrl,
    chunkRerank: round4(rerank),
    additionalInfo: {
      chunkId: c.chunkId,
      docId: c.docId,
      sourceId: c.sourceId,
      chunkType: 'Text',
      extractionMethod: c.extractionMethod,
    },
  };
}

/** Chunks with a qualifying score; the best five go to the LLM. */
const QUALIFY = 0.4;
const SENT_TO_LLM = 5;

function promptOf(botName: string, query: string, sent: readonly KbChunk[]): string {
  const context = sent.map((c, i) => `[${i + 1}] ${c.title} (${c.recordUrl})\n${c.text}`).join('\n\n');
  return [
    `You are the search assistant of ${botName || 'the help center'}. Answer the user's question using only the context below.`,
    'If the context does not contain the answer, say that you could not find it and suggest contacting support. Be concise and do not invent policies.',
    '',
    'Context:',
    context,
    '',
    `Question: ${query}`,
    'Answer:',
  ].join('\n');
}

function answerDebugOf(
  rng: Rng,
  world: WorldRef,
  query: string,
  ranked: Array<{ chunk: KbChunk; score: number }>,
  target: KbChunk | undefined,
  answer: string,
) {
  ranked.sort((a, b) => b.score - a.score);
  const flags = ranked.map(({ chunk, score }, rank) => {
    const qualified = score >= QUALIFY;
    const sent = qualified && rank < SENT_TO_LLM;
    const used = sent && target !== undefined && (chunk === target || (chunk.doc === target.doc && rng.chance(0.3)));
    return { qualified, sent, used };
  });
  const sent = ranked.filter((_, i) => flags[i]!.sent).map((r) => r.chunk);
  const used = ranked.filter((_, i) => flags[i]!.used).map((r) => r.chunk);
  return {
    extractiveChunks: ranked.map(({ chunk, score }, i) =>
      chunkView(chunk, score, Math.min(0.9999, score + rng.around(0.03, 0.05, -0.1, 0.12)), flags[i]!),
    ),
    generativeChunks: [],
    chunksSentToLLM: sent.map((c) => c.chunkId),
    chunksUsedInAnswer: used.map((c) => c.chunkId),
    prompt: { promptText: promptOf(world.botName, query, sent) },
    llmResponse: { responseDetails: { completionText: answer }, responseTime: rng.int(650, 4200) },
    answeredBy: 'LLM',
    answeringSource: used
      .filter((c, i, all) => all.findIndex((o) => o.docId === c.docId) === i)
      .map((c) => ({ title: c.title, url: c.recordUrl })),
    retrieverUsed: 'vector',
    vectorSearchType: 'hybrid',
  };
}

/** Other chunks the retriever also brings back, with scores below `ceiling`. */
function distractors(rng: Rng, kb: BotCatalogue, exclude: number | undefined, n: number, lo: number, ceiling: number) {
  const others = kb.chunks.filter((_, d) => d !== exclude).flat();
  return rng.sample(others, n).map((chunk) => ({ chunk, score: rng.float() * (ceiling - lo) + lo }));
}

/** One search and its answer, in the shape of the vendor's answer-insights export. */
export function searchRecord(world: WorldRef, s: PlannedSearch): SearchRecord {
  const rng = recordRng(world.seed, VENDOR, world.botId, s.date, s.index);
  const { kind, event } = drawOutcome(rng);
  const kb = catalogueOf(world.seed, world.botId);

  const userIndex = rng.int(0, USER_POOL - 1);
  const user = Rng.of(world.seed, VENDOR, world.botId, 'user', userIndex);
  const channelUId = `u-${uuid5(user)}`;
  const client = user.pick(USER_AGENTS);
  const viaApi = user.chance(0.25);
  // One session per user and day: the searches of a visit share it.
  const sessionId = Rng.of(world.seed, VENDOR, world.botId, 'session', s.date, userIndex).hex(24);

  let query: string;
  let answerDebug: SearchRecord['answerDebug'] = [];
  if (kind === 'answered') {
    const d = rng.weighted(DOC_WEIGHTS);
    const question = rng.pick(DOCUMENTS[d]!.questions);
    query = typed(rng, question.query);
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
    answerDebug = [answerDebugOf(rng, world, query, ranked, target, question.answer)];
  } else if (kind === 'missed') {
    // Either nobody wrote the article, or the retriever missed the one that exists.
    const known = rng.chance(0.3) ? rng.pick(rng.pick(DOCUMENTS).questions).query : rng.pick(UNANSWERABLE);
    query = typed(rng, known);
    const ranked = distractors(rng, kb, undefined, rng.int(3, 5), 0.22, 0.5);
    ranked[0]!.score = rng.float() * 0.12 + 0.42;
    answerDebug = [answerDebugOf(rng, world, query, ranked, undefined, NO_ANSWER)];
  } else {
    query = typed(rng, rng.pick(UNANSWERABLE));
  }

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
    createdOn: new Date(s.at).toISOString(),
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

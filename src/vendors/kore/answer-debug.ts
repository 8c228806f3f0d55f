/**
 * The retrieval and generation trace of one Kore search (`answerDebug`): the chunks the retriever ranked, which of them
 * qualified, went to the LLM and were used, the prompt and the completion.
 */
import type { Rng } from '../../core/random.js';
import type { BotCatalogue, KbChunk } from './bot-catalogue.js';

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

export function answerDebugOf(
  rng: Rng,
  botName: string,
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
    prompt: { promptText: promptOf(botName, query, sent) },
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
export function distractors(
  rng: Rng,
  kb: BotCatalogue,
  exclude: number | undefined,
  n: number,
  lo: number,
  ceiling: number,
) {
  const others = kb.chunks.filter((_, d) => d !== exclude).flat();
  return rng.sample(others, n).map((chunk) => ({ chunk, score: rng.float() * (ceiling - lo) + lo }));
}

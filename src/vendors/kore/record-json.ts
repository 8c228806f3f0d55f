/**
 * A search record's JSON, byte for byte what JSON.stringify gives, at less CPU. Most of a record's bytes are the
 * retrieved chunks (`answerDebug[].extractiveChunks`, ~60 %), and a chunk's text, source and ids are the knowledge
 * base's constants: their escaped JSON is built once per chunk and reused, only the scores and flags are written per
 * record. The rest goes through JSON.stringify as before.
 */
import type { SearchRecord } from './schemas.js';

type DebugEntry = SearchRecord['answerDebug'][number];
type ChunkView = DebugEntry['extractiveChunks'][number];

/** A chunk's constant JSON pieces, with the values they were made from (a reused id with other values is rebuilt). */
interface Pieces {
  /** The constants these pieces were made from (strings: kept, not the view, which its owner may change). */
  from: readonly string[];
  text: string;
  source: string;
  info: string;
}

const J = JSON.stringify;
const pieces = new Map<string, Pieces>();

const constantsOf = (v: ChunkView): string[] => [
  v.chunkText,
  v.sourceType,
  v.sourceUrl,
  v.sourceName,
  v.recordTitle,
  v.recordUrl,
  v.additionalInfo.chunkId,
  v.additionalInfo.docId,
  v.additionalInfo.sourceId,
  v.additionalInfo.chunkType,
  v.additionalInfo.extractionMethod,
];

/** Compared one by one, not through constantsOf: no array per chunk per record. */
const sameConstants = (from: readonly string[], v: ChunkView): boolean =>
  from[0] === v.chunkText &&
  from[1] === v.sourceType &&
  from[2] === v.sourceUrl &&
  from[3] === v.sourceName &&
  from[4] === v.recordTitle &&
  from[5] === v.recordUrl &&
  from[6] === v.additionalInfo.chunkId &&
  from[7] === v.additionalInfo.docId &&
  from[8] === v.additionalInfo.sourceId &&
  from[9] === v.additionalInfo.chunkType &&
  from[10] === v.additionalInfo.extractionMethod;

function piecesOf(v: ChunkView): Pieces {
  const key = v.additionalInfo.chunkId;
  const hit = pieces.get(key);
  if (hit && sameConstants(hit.from, v)) return hit;
  const made = {
    from: constantsOf(v),
    text: `,"chunkText":${J(v.chunkText)}`,
    source: `,"sourceType":${J(v.sourceType)},"sourceUrl":${J(v.sourceUrl)},"sourceName":${J(v.sourceName)},"recordTitle":${J(v.recordTitle)},"recordUrl":${J(v.recordUrl)}`,
    info: `,"additionalInfo":${J(v.additionalInfo)}}`,
  };
  if (pieces.size > 65_536) pieces.clear();
  pieces.set(key, made);
  return made;
}

/** JSON.stringify's number: finite numbers as String gives them, the rest null. */
const num = (x: number) => (Number.isFinite(x) ? String(x) : 'null');

function chunkJson(v: ChunkView): string {
  const p = piecesOf(v);
  return `{"score":${num(v.score)}${p.text},"sentToLLM":${v.sentToLLM},"usedInAnswer":${v.usedInAnswer},"chunkQualified":${v.chunkQualified}${p.source},"chunkRerank":${num(v.chunkRerank)}${p.info}`;
}

/**
 * The object's JSON without one key: JSON.stringify leaves an undefined property out. The key is unset and put back
 * rather than spread into a copy (a spread of a record-sized object costs more than the JSON it saves).
 */
function without<T extends object, K extends keyof T>(o: T, key: K): string {
  const value = o[key];
  (o as Record<K, unknown>)[key] = undefined;
  try {
    return J(o);
  } finally {
    o[key] = value;
  }
}

function debugJson(entry: DebugEntry): string {
  const chunks = entry.extractiveChunks;
  let out = '{"extractiveChunks":[';
  for (let i = 0; i < chunks.length; i++) out += (i === 0 ? '' : ',') + chunkJson(chunks[i]!);
  const rest = without(entry, 'extractiveChunks');
  return `${out}]${rest === '{}' ? '}' : `,${rest.slice(1)}`}`;
}

/** The record as JSON.stringify(record) writes it (answerDebug is its last key). */
export function searchRecordJson(record: SearchRecord): string {
  const head = without(record, 'answerDebug');
  let debug = '[';
  for (let i = 0; i < record.answerDebug.length; i++) debug += (i === 0 ? '' : ',') + debugJson(record.answerDebug[i]!);
  return `${head.slice(0, -1)},"answerDebug":${debug}]}`;
}

/**
 * A bot's view of the knowledge base (knowledge-base.ts): per bot, every document, chunk and source gets its own
 * deterministic ids and article URL, and the bot its search index, pipelines, account and model.
 */
import { Rng } from '../../core/random.js';
import { uuid5 } from './ids.js';
import { DOCUMENTS } from './knowledge-base.js';

export interface KbChunk {
  doc: number;
  index: number;
  text: string;
  title: string;
  sourceType: 'web' | 'file';
  sourceName: string;
  sourceUrl: string;
  recordUrl: string;
  chunkId: string;
  docId: string;
  sourceId: string;
  extractionMethod: string;
}

/** A bot's view of the knowledge base: its ids and URLs; also its search index, pipelines and account. */
export interface BotCatalogue {
  chunks: KbChunk[][];
  searchIndexId: string;
  queryPipelineId: string;
  indexPipelineId: string;
  accountId: string;
  model: string;
}

const HELP_CENTER = 'https://help.example-shop.com';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const cache = new Map<string, BotCatalogue>();

export function catalogueOf(seed: string, botId: string): BotCatalogue {
  const key = `${seed}\u001f${botId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rng = Rng.of(seed, 'kore', botId, 'knowledge-base');
  const webSource = { id: `fs-${uuid5(rng)}`, name: 'Help Center', url: `${HELP_CENTER}/hc/en-us` };
  const fileSource = { id: `fs-${uuid5(rng)}`, name: 'Policy documents', url: `${HELP_CENTER}/files` };
  const chunks = DOCUMENTS.map((doc, d) => {
    const docId = `fd-${uuid5(rng)}`;
    const source = doc.sourceType === 'web' ? webSource : fileSource;
    const recordUrl =
      doc.sourceType === 'web'
        ? `${webSource.url}/articles/${rng.int(360_000_000_000, 369_999_999_999)}-${slug(doc.title)}`
        : `${fileSource.url}/${slug(doc.title)}-2025.pdf`;
    return doc.chunks.map((text, index) => ({
      doc: d,
      index,
      text,
      title: doc.title,
      sourceType: doc.sourceType,
      sourceName: source.name,
      sourceUrl: source.url,
      recordUrl,
      chunkId: `fc-${uuid5(rng)}`,
      docId,
      sourceId: source.id,
      extractionMethod: doc.sourceType === 'web' ? 'html' : 'layout',
    }));
  });
  const catalogue: BotCatalogue = {
    chunks,
    searchIndexId: `sidx-${uuid5(rng)}`,
    queryPipelineId: `fqp-${uuid5(rng)}`,
    indexPipelineId: `fip-${uuid5(rng)}`,
    accountId: rng.hex(24),
    model: rng.pick(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1']),
  };
  if (cache.size > 64) cache.delete(cache.keys().next().value!);
  cache.set(key, catalogue);
  return catalogue;
}

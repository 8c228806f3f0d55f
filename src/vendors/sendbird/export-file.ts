/**
 * Writes a Sendbird export: a ZIP holding one JSON file (an array, one record per line), streamed from the world into
 * storage. Returns how many records it holds; an export with none is `no_data` and leaves no file behind.
 */
import { Readable } from 'node:stream';
import type { CoreContext } from '../../core/context.js';
import { defineTask, type GenerationIO, siblingModule } from '../../core/generation/task.js';
import { type GenerationTask, yielder } from '../../core/jobs/job.js';
import { writeZip } from '../../core/storage/archive.js';
import type { StoredObject } from '../../core/storage/object-store.js';
import { addDays, utcDateOf, utcMidnight, zonedMidnight } from '../../core/world/dates.js';
import { prepareWorld } from '../../core/world/dialogue.js';
import { conversationsIn, dailyAnalysis, type ExportWindow, planOf, type WorldRef } from './generator.js';

export const BUCKET = 'sendbird-us-1';
export const REGION = 'us-west-2';
/** Demo access key id of the mock's "S3" (not a real AWS key). */
export const ACCESS_KEY_ID = 'AKIAMOCKSENDBIRD0001';

export interface ExportParams {
  world: WorldRef;
  window: ExportWindow;
  type: 'conversation' | 'daily_analysis';
  exportId: string;
  fileId: string;
  /** Set by an empty-export scenario: the export finds nothing (no_data). */
  empty?: boolean;
}

export interface ExportResult {
  records: number;
  object?: StoredObject;
}

/** Conversations the window may hold, before the cutoff is applied: the denominator of progress. */
function expectedConversations(world: WorldRef, window: ExportWindow): number {
  const start = zonedMidnight(window.from, window.timezone);
  const end = zonedMidnight(addDays(window.to, 1), window.timezone);
  let n = 0;
  for (let date = utcDateOf(start); utcMidnight(date) < end; date = addDays(date, 1)) {
    for (const at of planOf(world, date).starts) if (at >= start && at < end) n++;
  }
  return n;
}

const entryName = (p: ExportParams) => `${p.type}_${p.world.aiAgentId}_${p.window.from}_${p.window.to}.json`;

/** `stampAt`: when the export finishes, the ZIP entries' time and the file's Last-Modified (core/jobs/create.ts). */
export async function writeExport(
  ctx: GenerationIO,
  params: ExportParams,
  stampAt: number,
  report: (f: number) => void,
): Promise<ExportResult> {
  if (params.empty) return { records: 0 };
  await prepareWorld();
  const expected = Math.max(1, expectedConversations(params.world, params.window));
  let records = 0;

  async function* conversationChunks(): AsyncGenerator<string> {
    const pause = yielder(200);
    let batch: string[] = [];
    yield '[';
    for (const record of conversationsIn(params.world, params.window)) {
      batch.push(`${records === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
      records++;
      if (batch.length === 64) {
        yield batch.join('');
        batch = [];
        report(records / expected);
      }
      await pause(records);
    }
    batch.push(records === 0 ? ']\n' : '\n]\n');
    yield batch.join('');
  }

  async function* analysisChunks(): AsyncGenerator<string> {
    const days = dailyAnalysis(params.world, params.window);
    records = days.reduce((s, d) => s + d.total_number_of_conversations, 0);
    yield `[\n${days.map((d) => JSON.stringify(d)).join(',\n')}\n]\n`;
  }

  const key = `${params.fileId}.zip`;
  const owner = { vendor: 'sendbird', tenant: params.world.appId, jobId: params.exportId };
  const object = await ctx.store.put(
    { bucket: BUCKET, key, contentType: 'application/zip', lastModified: stampAt, owner },
    async (out) => {
      // One chunk in flight: chunks that wait in a buffer survive young-generation GCs and swell the old space.
      const body = Readable.from(params.type === 'conversation' ? conversationChunks() : analysisChunks(), {
        highWaterMark: 1,
      });
      await writeZip(out, [{ name: entryName(params), body }], new Date(stampAt));
    },
  );
  if (records === 0) {
    await ctx.store.delete(BUCKET, key);
    return { records };
  }
  return { records, object };
}

/** The export written in a generation worker (export-task.ts runs writeExport there). */
const EXPORT_TASK = defineTask<{ params: ExportParams; stampAt: number }, ExportResult>(
  'sendbird.export',
  siblingModule(import.meta.url, 'export-task'),
);

/** A job's work: its export, written in the generation pool. */
export const exportWork =
  (ctx: CoreContext, params: ExportParams, stampAt: number): GenerationTask<ExportResult> =>
  (report, signal) =>
    ctx.generation.run(EXPORT_TASK, { params, stampAt }, report, signal);

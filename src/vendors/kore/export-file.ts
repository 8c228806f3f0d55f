/**
 * Writes a Kore answer-insights export: JSON files of at most 150 records each (vendor page: "split into fragments of
 * 150 records each"), every file a JSON array with one record per line, streamed from the world into storage. The
 * records are counted first (two random draws each), so the fragments can be named `…_part_<i>_of_<n>` before the
 * first one is written and progress has a true denominator.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CoreContext } from '../../core/context.js';
import { defineTask, type GenerationIO, siblingModule } from '../../core/generation/task.js';
import { type GenerationTask, yielder } from '../../core/jobs/job.js';
import { Rng } from '../../core/random.js';
import {
  eventOf,
  fileKey,
  jobIds,
  objectId,
  type PlannedSearch,
  plannedSearches,
  type SearchWindow,
  searchRecord,
  VENDOR,
  type WorldRef,
} from './generator.js';
import { searchRecordJson } from './record-json.js';
import type { FeedbackEvent } from './schemas.js';

export const BUCKET = 'kore-findly';
const FRAGMENT_SIZE = 150;

export interface ExportParams {
  world: WorldRef;
  window: SearchWindow;
  /** Only searches whose answer got this feedback. */
  event?: FeedbackEvent;
  /** The job's creation order in the vendor: the source of its ids. */
  seq: number;
  jobId: string;
  /** When the job runs (virtual time): the files are stamped across it, as a real export writes them one by one. */
  schedule: { startAt: number; runningMs: number };
  /** Set by an empty-export scenario: the export finds nothing. */
  empty?: boolean;
}

interface StoredFragment {
  fileId: string;
  fileName: string;
  /** Storage key in BUCKET, f-<uuid>.json: the last segment of the media-stream link. */
  key: string;
  recordCount: number;
  /** Virtual time the file was written. */
  writtenAt: number;
}

export interface ExportResult {
  totalRecords: number;
  files: StoredFragment[];
}

function* matching(params: ExportParams): Generator<PlannedSearch> {
  for (const s of plannedSearches(params.world, params.window))
    if (params.event === undefined || eventOf(params.world, s) === params.event) yield s;
}

/** How many records the export holds (cheap: no record is drawn beyond its outcome). */
async function countRecords(params: ExportParams): Promise<number> {
  if (params.empty) return 0;
  const pause = yielder(20_000);
  let n = 0;
  for (const _ of matching(params)) await pause(++n);
  return n;
}

/** Virtual write time of file `part` of `n`: spread over the running phase, the last one just before it ends. */
function writtenAt(params: ExportParams, part: number, n: number, rng: Rng): number {
  const { startAt, runningMs } = params.schedule;
  const slot = runningMs / n;
  return Math.max(startAt, Math.floor(startAt + slot * part - rng.float() * Math.min(999, slot / 2)));
}

export async function writeExport(
  ctx: GenerationIO,
  params: ExportParams,
  report: (f: number) => void,
): Promise<ExportResult> {
  const total = await countRecords(params);
  if (total === 0) return { totalRecords: 0, files: [] };
  const n = Math.ceil(total / FRAGMENT_SIZE);
  const { world, seq } = params;
  const ids = jobIds(world.seed, world.botId, seq);
  const rng = Rng.of(world.seed, VENDOR, world.botId, 'job', seq, 'files');
  const source = matching(params);
  const pause = yielder(100);
  let written = 0;
  let counter = ids.counter;

  async function* records(count: number): AsyncGenerator<string> {
    let batch: string[] = [];
    for (let i = 0; i < count; i++) {
      const next = source.next();
      if (next.done) throw new Error(`export ${params.jobId}: the world changed while it was written`);
      batch.push(`${i === 0 ? '[\n' : ',\n'}${searchRecordJson(searchRecord(world, next.value))}`);
      written++;
      if (batch.length === 50) {
        yield batch.join('');
        batch = [];
        report(written / total);
      }
      await pause(written);
    }
    batch.push('\n]\n');
    yield batch.join('');
  }

  const files: StoredFragment[] = [];
  for (let part = 1; part <= n; part++) {
    const at = writtenAt(params, part, n, rng);
    const fileName = n === 1 ? `analytics_data_${at}` : `analytics_data_${at}_part_${part}_of_${n}`;
    const key = fileKey(world.seed, world.botId, seq, part);
    const recordCount = Math.min(FRAGMENT_SIZE, total - (part - 1) * FRAGMENT_SIZE);
    await ctx.store.put(
      {
        bucket: BUCKET,
        key,
        contentType: 'application/json',
        lastModified: at,
        downloadName: `${fileName}.json`,
        owner: { vendor: VENDOR, tenant: world.botId, jobId: params.jobId },
      },
      (out) => pipeline(Readable.from(records(recordCount)), out),
    );
    counter += rng.int(17, 160);
    files.push({ fileId: objectId(at, ids.machine, counter), fileName, key, recordCount, writtenAt: at });
  }
  return { totalRecords: total, files };
}

/** The export written in a generation worker (export-task.ts runs writeExport there). */
const EXPORT_TASK = defineTask<ExportParams, ExportResult>(
  'kore.export',
  siblingModule(import.meta.url, 'export-task'),
);

/** A job's work: its export, written in the generation pool. */
export const exportWork =
  (ctx: CoreContext, params: ExportParams): GenerationTask<ExportResult> =>
  (report, signal) =>
    ctx.generation.run(EXPORT_TASK, params, report, signal);

/**
 * Writes a SeaX export: one ZIP, one CSV per conversation, streamed from the world into storage one entry at a time
 * (a CSV is built, deflated and written before the next conversation is drawn).
 *
 * CSV dialect: RFC 4180 as Python's csv module writes it by default (QUOTE_MINIMAL, CRLF line ends): a field is quoted
 * only when it holds a comma, a double quote (doubled inside) or a line break. UTF-8 without a byte-order mark, so
 * programmatic readers see `message_id` as the first header, not `\ufeffmessage_id` (Excel users import as UTF-8).
 */

import type { CoreContext } from '../../core/context.js';
import { defineTask, type GenerationIO, siblingModule } from '../../core/generation/task.js';
import { type GenerationTask, yielder } from '../../core/jobs/job.js';
import { writeZip, type ZipEntry } from '../../core/storage/archive.js';
import type { StoredObject } from '../../core/storage/object-store.js';
import { prepareWorld } from '../../core/world/dialogue.js';
import { COLUMNS, conversationsIn, type ExportRange, expectedConversations, type WorldRef } from './generator.js';
import { CsvNamer } from './names.js';

export const BUCKET = 'seax-bulksms';
/** Demo access key id of the mock's "S3" (not a real AWS key). */
export const ACCESS_KEY_ID = 'AKIAMOCKSEASALT00001';

export interface ExportParams {
  world: WorldRef;
  range: ExportRange;
  exportJobId: string;
  /** `<channel>_<YYYY-MM>_<id>.zip` */
  zipName: string;
  /** `conversation_exports/<workspace>/<zip name>` in BUCKET. */
  key: string;
  /** The channel as CSV names call it: "SMS Support (+12025550123)". */
  channelLabel: string;
  notificationEmail: string | null;
  /** Set by an empty-export scenario: the export finds no conversations. */
  empty?: boolean;
}

export interface ExportResult {
  conversations: number;
  messages: number;
  object: StoredObject;
}

const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const csvLine = (values: readonly string[]): string => `${values.map(csvField).join(',')}\r\n`;
const HEADER = csvLine(COLUMNS);

/** `stampAt`: when the export finishes, the ZIP entries' time and the file's Last-Modified (core/jobs/create.ts). */
export async function writeExport(
  ctx: GenerationIO,
  params: ExportParams,
  stampAt: number,
  report: (f: number) => void,
): Promise<ExportResult> {
  await prepareWorld();
  const expected = Math.max(1, expectedConversations(params.world, params.range));
  const namer = new CsvNamer();
  let conversations = 0;
  let messages = 0;

  async function* entries(): AsyncGenerator<ZipEntry> {
    if (params.empty) return;
    const pause = yielder(50);
    for (const c of conversationsIn(params.world, params.range)) {
      let body = HEADER;
      for (const m of c.messages) body += csvLine(COLUMNS.map((k) => m.row[k]));
      yield { name: namer.name(c.contactName, c.startAt, params.channelLabel), body };
      conversations++;
      messages += c.messages.length;
      if (conversations % 50 === 0) report(conversations / expected);
      await pause(conversations);
    }
  }

  const owner = { vendor: 'seasalt', tenant: params.world.workspaceId, jobId: params.exportJobId };
  const object = await ctx.store.put(
    { bucket: BUCKET, key: params.key, contentType: 'application/zip', lastModified: stampAt, owner },
    async (out) => {
      await writeZip(out, entries(), new Date(stampAt));
    },
  );
  return { conversations, messages, object };
}

/** The export written in a generation worker (export-task.ts runs writeExport there). */
const EXPORT_TASK = defineTask<{ params: ExportParams; stampAt: number }, ExportResult>(
  'seasalt.export',
  siblingModule(import.meta.url, 'export-task'),
);

/** A job's work: its export, written in the generation pool. */
export const exportWork =
  (ctx: CoreContext, params: ExportParams, stampAt: number): GenerationTask<ExportResult> =>
  (report, signal) =>
    ctx.generation.run(EXPORT_TASK, { params, stampAt }, report, signal);

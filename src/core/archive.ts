/**
 * Streams ZIP archives with archiver. Entries are appended one at a time and the next only after the previous has been
 * written, so an archive of 100,000 files never holds more than one of them in memory. Entry dates are given, never
 * taken from the real clock, so the same input gives the same bytes.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export interface ZipEntry {
  name: string;
  body: Readable | string | Buffer;
}

export async function writeZip(out: Writable, entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, date: Date, level = 6): Promise<number> {
  // Imported on first use: archiver costs ~70 ms of a cold start and most runs never write a ZIP at once.
  const { ZipArchive } = await import('archiver');
  const archive = new ZipArchive({ zlib: { level }, forceZip64: false });
  const failed = new Promise<never>((_, reject) => archive.once('error', reject));
  failed.catch(() => undefined);
  archive.pipe(out);
  let count = 0;
  for await (const entry of entries) {
    const written = once(archive, 'entry');
    archive.append(entry.body, { name: entry.name, date });
    await Promise.race([written, failed]);
    count++;
  }
  await Promise.race([archive.finalize(), failed]);
  // Only the writable side: the store reads `out` on, and that side ends when the file is written.
  await Promise.race([finished(out, { readable: false }), failed]);
  return count;
}

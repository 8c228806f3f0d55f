/**
 * A streaming ZIP writer over zlib whose memory does not grow with the number of entries. Each entry is deflated and
 * written before the next is read; what the central directory needs of it (a ~100-byte record) goes to a spill file
 * once 1 MiB of records has gathered, so a 1,000,000-entry archive holds at most one entry and 1 MiB of records.
 *
 * Why not archiver: measured (Node 20, 3 KB CSV entries to /dev/null, heap after GC), archiver keeps ~0.45 KB of live
 * objects per entry while appending (48 MB at 100k entries), then writes the whole central directory at finalize
 * without back-pressure: the heap peaks at 647 MB and RSS at 967 MB for 100k entries.
 *
 * Format (PKWARE APPNOTE 6.3): UTF-8 names (bit 11), deflate (method 8; an empty body is stored, method 0); a body of known bytes gets its CRC and sizes
 * in the local header, a streamed body gets them in a data descriptor (bit 3). ZIP64 records appear only where a size,
 * an offset or the entry count overflows the 32/16-bit fields. Dates are the given instant in UTC (never the wall
 * clock, nor the machine's time zone), so the same input gives the same bytes anywhere.
 */
import { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import {
  centralRecord,
  DATA_DESCRIPTOR,
  dataDescriptor,
  dosDateTime,
  endRecords,
  localHeader,
  UTF8_NAMES,
  type Written,
} from './records.js';
import { CentralDirectory, Sink } from './sink.js';

export interface ZipEntry {
  name: string;
  body: Readable | string | Buffer;
}

const DEFLATE_CHUNK = 256 * 1024;

/** Deflates a streamed body into the sink, counting its CRC and sizes on the way. */
async function streamBody(
  body: Readable,
  sink: Sink,
  level: number,
): Promise<{ crc: number; compressed: number; uncompressed: number }> {
  let crc = 0;
  let uncompressed = 0;
  let compressed = 0;
  async function* measured(): AsyncGenerator<Buffer> {
    for await (const chunk of body) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      crc = crc32(buf, crc);
      uncompressed += buf.length;
      yield buf;
    }
  }
  const into = new Writable({
    write(chunk: Buffer, _enc, cb) {
      compressed += chunk.length;
      sink.write(chunk).then(() => cb(), cb);
    },
  });
  // 256 KiB output buffers instead of zlib's 16 KiB: a sixteenth of the callbacks and sink writes. Without flushes,
  // deflate's output does not depend on how its output buffer is cut, so the bytes stay the same.
  const deflate = createDeflateRaw({ level, chunkSize: DEFLATE_CHUNK });
  await pipeline(Readable.from(measured(), { objectMode: false }), deflate, into);
  return { crc, compressed, uncompressed };
}

/**
 * Writes `entries` as a ZIP to `out`, one entry at a time, and ends `out`. Returns the number of entries. `date` is
 * every entry's modification time.
 */
export async function writeZip(
  out: Writable,
  entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  date: Date,
  level = 6,
): Promise<number> {
  const sink = new Sink(out);
  const dos = dosDateTime(date);
  const directory = new CentralDirectory();
  try {
    for await (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8');
      const offset = sink.offset;
      let written: Written;
      if (entry.body instanceof Readable) {
        const flags = UTF8_NAMES | DATA_DESCRIPTOR;
        await sink.write(localHeader(name, flags, 8, dos));
        const sizes = await streamBody(entry.body, sink, level);
        written = { name, flags, method: 8, offset, ...sizes };
        await sink.write(dataDescriptor(written));
      } else {
        const data = typeof entry.body === 'string' ? Buffer.from(entry.body, 'utf8') : entry.body;
        // Synchronous: generation runs in a worker thread, and one entry is a few KB (about 4x faster than a
        // thread-pool round trip per entry, measured at 20k entries: 74 against 135 µs per entry).
        const method = data.length === 0 ? 0 : 8;
        const packed = method === 0 ? data : deflateRawSync(data, { level });
        const known = { crc: crc32(data), compressed: packed.length, uncompressed: data.length };
        written = { name, flags: UTF8_NAMES, method, offset, ...known };
        await sink.write(localHeader(name, UTF8_NAMES, method, dos, known));
        if (packed.length > 0) await sink.write(packed);
      }
      await directory.add(centralRecord(written, dos));
    }
    const cdOffset = sink.offset;
    await directory.writeTo(sink);
    for (const record of endRecords(directory.count, directory.size, cdOffset)) await sink.write(record);
  } finally {
    await directory.dispose();
  }
  out.end();
  // Only the writable side: the store reads `out` on, and that side ends when the file is written.
  await finished(out, { readable: false });
  return directory.count;
}

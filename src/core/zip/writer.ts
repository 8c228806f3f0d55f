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
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';

export interface ZipEntry {
  name: string;
  body: Readable | string | Buffer;
}

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const UTF8_NAMES = 0x0800;
const DATA_DESCRIPTOR = 0x0008;
/** Unix "made by" (high byte 3) so the external attributes carry a file mode; spec version 4.5 (ZIP64). */
const MADE_BY = (3 << 8) | 45;
const FILE_MODE = 0o100644;
const SPILL_AT = 1 << 20;

/** MS-DOS time and date fields of an instant, read in UTC. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, Math.min(2107, date.getUTCFullYear()));
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Writes to a stream, honouring back-pressure, and counts the bytes (the offsets of the archive). */
class Sink {
  offset = 0;
  constructor(private readonly out: Writable) {}

  async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** The central directory's records: in memory up to 1 MiB, then appended to a spill file in a temporary folder. */
class CentralDirectory {
  count = 0;
  size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private spill?: { dir: string; file: import('node:fs/promises').FileHandle };

  async add(record: Buffer): Promise<void> {
    this.pending.push(record);
    this.pendingBytes += record.length;
    this.size += record.length;
    this.count++;
    if (this.pendingBytes >= SPILL_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.spill) {
      const dir = await mkdtemp(join(tmpdir(), 'zip-cd-'));
      this.spill = { dir, file: await open(join(dir, 'cd'), 'w') };
    }
    await this.spill.file.write(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  async writeTo(sink: Sink): Promise<void> {
    if (this.spill) {
      await this.flush();
      await this.spill.file.close();
      for await (const chunk of createReadStream(join(this.spill.dir, 'cd'))) await sink.write(chunk as Buffer);
    } else {
      for (const record of this.pending) await sink.write(record);
    }
    await this.dispose();
  }

  async dispose(): Promise<void> {
    if (!this.spill) return;
    const { dir, file } = this.spill;
    this.spill = undefined;
    await file.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

interface Written {
  name: Buffer;
  flags: number;
  /** 8 deflate; 0 stored (an empty body: nothing to compress). */
  method: number;
  crc: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

function localHeader(
  name: Buffer,
  flags: number,
  method: number,
  dos: { time: number; date: number },
  known?: { crc: number; compressed: number; uncompressed: number },
): Buffer {
  const zip64 = known !== undefined && (known.compressed >= MAX32 || known.uncompressed >= MAX32);
  const extra = zip64 ? 20 : 0;
  const h = Buffer.alloc(30 + name.length + extra);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(zip64 ? 45 : 20, 4);
  h.writeUInt16LE(flags, 6);
  h.writeUInt16LE(method, 8);
  h.writeUInt16LE(dos.time, 10);
  h.writeUInt16LE(dos.date, 12);
  if (known) {
    h.writeUInt32LE(known.crc, 14);
    h.writeUInt32LE(zip64 ? MAX32 : known.compressed, 18);
    h.writeUInt32LE(zip64 ? MAX32 : known.uncompressed, 22);
  }
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(extra, 28);
  name.copy(h, 30);
  if (zip64 && known) {
    h.writeUInt16LE(0x0001, 30 + name.length);
    h.writeUInt16LE(16, 32 + name.length);
    h.writeBigUInt64LE(BigInt(known.uncompressed), 34 + name.length);
    h.writeBigUInt64LE(BigInt(known.compressed), 42 + name.length);
  }
  return h;
}

function dataDescriptor(w: Written): Buffer {
  const zip64 = w.compressed >= MAX32 || w.uncompressed >= MAX32;
  const d = Buffer.alloc(zip64 ? 24 : 16);
  d.writeUInt32LE(0x08074b50, 0);
  d.writeUInt32LE(w.crc, 4);
  if (zip64) {
    d.writeBigUInt64LE(BigInt(w.compressed), 8);
    d.writeBigUInt64LE(BigInt(w.uncompressed), 16);
  } else {
    d.writeUInt32LE(w.compressed, 8);
    d.writeUInt32LE(w.uncompressed, 12);
  }
  return d;
}

function centralRecord(w: Written, dos: { time: number; date: number }): Buffer {
  // ZIP64 extra: only the fields that overflow, in the order the spec gives (uncompressed, compressed, offset).
  const big = [w.uncompressed, w.compressed, w.offset].filter((v) => v >= MAX32);
  const extra = big.length > 0 ? 4 + 8 * big.length : 0;
  const r = Buffer.alloc(46 + w.name.length + extra);
  r.writeUInt32LE(0x02014b50, 0);
  r.writeUInt16LE(MADE_BY, 4);
  r.writeUInt16LE(big.length > 0 ? 45 : 20, 6);
  r.writeUInt16LE(w.flags, 8);
  r.writeUInt16LE(w.method, 10);
  r.writeUInt16LE(dos.time, 12);
  r.writeUInt16LE(dos.date, 14);
  r.writeUInt32LE(w.crc, 16);
  r.writeUInt32LE(Math.min(w.compressed, MAX32), 20);
  r.writeUInt32LE(Math.min(w.uncompressed, MAX32), 24);
  r.writeUInt16LE(w.name.length, 28);
  r.writeUInt16LE(extra, 30);
  // comment length, disk number, internal attributes: 0
  r.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  r.writeUInt32LE(Math.min(w.offset, MAX32), 42);
  w.name.copy(r, 46);
  if (extra > 0) {
    r.writeUInt16LE(0x0001, 46 + w.name.length);
    r.writeUInt16LE(8 * big.length, 48 + w.name.length);
    big.forEach((v, i) => {
      r.writeBigUInt64LE(BigInt(v), 50 + w.name.length + 8 * i);
    });
  }
  return r;
}

function endRecords(count: number, cdSize: number, cdOffset: number): Buffer[] {
  const zip64 = count >= MAX16 || cdSize >= MAX32 || cdOffset >= MAX32;
  const out: Buffer[] = [];
  if (zip64) {
    const e = Buffer.alloc(56);
    e.writeUInt32LE(0x06064b50, 0);
    e.writeBigUInt64LE(44n, 4);
    e.writeUInt16LE(MADE_BY, 12);
    e.writeUInt16LE(45, 14);
    e.writeBigUInt64LE(BigInt(count), 24);
    e.writeBigUInt64LE(BigInt(count), 32);
    e.writeBigUInt64LE(BigInt(cdSize), 40);
    e.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    out.push(e, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, MAX16), 8);
  end.writeUInt16LE(Math.min(count, MAX16), 10);
  end.writeUInt32LE(Math.min(cdSize, MAX32), 12);
  end.writeUInt32LE(Math.min(cdOffset, MAX32), 16);
  out.push(end);
  return out;
}

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
  await pipeline(Readable.from(measured(), { objectMode: false }), createDeflateRaw({ level }), into);
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

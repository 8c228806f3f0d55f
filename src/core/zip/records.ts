/**
 * The ZIP records (PKWARE APPNOTE 6.3) as bytes: local header, data descriptor, central directory record and the end
 * records, each with ZIP64 fields only where a size, an offset or the entry count overflows the 32/16-bit fields.
 */

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
export const UTF8_NAMES = 0x0800;
export const DATA_DESCRIPTOR = 0x0008;
/** Unix "made by" (high byte 3) so the external attributes carry a file mode; spec version 4.5 (ZIP64). */
const MADE_BY = (3 << 8) | 45;
const FILE_MODE = 0o100644;

/** MS-DOS time and date fields of an instant, read in UTC. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, Math.min(2107, date.getUTCFullYear()));
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

export interface Written {
  name: Buffer;
  flags: number;
  /** 8 deflate; 0 stored (an empty body: nothing to compress). */
  method: number;
  crc: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

export function localHeader(
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

export function dataDescriptor(w: Written): Buffer {
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

export function centralRecord(w: Written, dos: { time: number; date: number }): Buffer {
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

export function endRecords(count: number, cdSize: number, cdOffset: number): Buffer[] {
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

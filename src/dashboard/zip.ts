/**
 * Just enough ZIP reading for the dashboard's preview: the end-of-central-directory record, the central directory, a
 * local header, and the first bytes of one entry inflated. The central directory is read rather than the local headers
 * because the ZIP writer (core/zip) streams entries with data descriptors (flag bit 3): their local headers carry zero sizes, and only
 * the central directory says where an entry ends. ZIP64 archives (over 4 GiB or 65,535 entries) are refused plainly.
 */
import { constants, inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The EOCD record is 22 bytes plus a comment of at most 65,535 bytes. */
export const EOCD_SEARCH_BYTES = 22 + 0xffff;
export const LOCAL_HEADER_BYTES = 30;

export class ZipError extends Error {}

export interface CentralDirectory {
  entries: number;
  size: number;
  offset: number;
}

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Finds the end-of-central-directory record in the last bytes of an archive (`tail`). */
export function readEndOfCentralDirectory(tail: Buffer): CentralDirectory {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD) continue;
    const entries = tail.readUInt16LE(i + 10);
    const size = tail.readUInt32LE(i + 12);
    const offset = tail.readUInt32LE(i + 16);
    if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff)
      throw new ZipError('ZIP64 archives are not previewed; download the file instead.');
    return { entries, size, offset };
  }
  throw new ZipError('Not a ZIP archive: no end-of-central-directory record.');
}

/** Reads the central directory's records; stops at the first incomplete one (a directory cut short still lists its start). */
export function readCentralDirectory(cd: Buffer, max = Number.POSITIVE_INFINITY): ZipEntryInfo[] {
  const out: ZipEntryInfo[] = [];
  let p = 0;
  while (p + 46 <= cd.length && out.length < max) {
    if (cd.readUInt32LE(p) !== CENTRAL) break;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength > cd.length) break;
    out.push({
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      // Bit 11 says UTF-8; the writer sets it, and ASCII reads the same either way.
      name: cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Where an entry's data starts, from its local header (whose name and extra lengths may differ from the central ones). */
export function dataOffset(localHeader: Buffer, entry: ZipEntryInfo): number {
  if (localHeader.length < LOCAL_HEADER_BYTES || localHeader.readUInt32LE(0) !== LOCAL)
    throw new ZipError(`No local header for "${entry.name}".`);
  return entry.localHeaderOffset + LOCAL_HEADER_BYTES + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28);
}

/**
 * The first bytes of an entry, from the first bytes of its data (`data` may stop before the entry does): stored entries
 * as they are, deflated ones inflated as far as the input goes (a sync flush, so a cut stream is not an error).
 */
export function inflatePrefix(data: Buffer, entry: ZipEntryInfo, maxOutput: number): Buffer {
  if (entry.flags & 1) throw new ZipError(`"${entry.name}" is encrypted.`);
  if (entry.method === 0) return data.subarray(0, maxOutput);
  if (entry.method !== 8)
    throw new ZipError(
      `"${entry.name}" uses compression method ${entry.method}; only stored and deflated entries are previewed.`,
    );
  // Highly repetitive data inflates a thousandfold: give up input until the output fits.
  for (let input = data; ; input = input.subarray(0, Math.floor(input.length / 2))) {
    try {
      return inflateRawSync(input, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE' || input.length < 1024)
        throw new ZipError(`"${entry.name}" could not be inflated: ${(error as Error).message}`);
    }
  }
}

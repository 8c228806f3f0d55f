/**
 * The preview of a download link: the dashboard fetches the link through the app itself (inject, with the link's Host,
 * so signature, expiry and file faults apply exactly as to any client, and the fetch shows in the journal as a
 * download by "agent-export-mock dashboard preview"), reading only what it needs with Range requests: the first MiB of
 * a plain file; for a ZIP its tail, central directory, and the first 256 KiB of the first entry. Large exports are never
 * read whole.
 */
import type { FastifyInstance } from 'fastify';
import { DASHBOARD_HEADER } from '../core/http/journal-hooks.js';
import { firstRecords, type Records } from './records.js';
import {
  dataOffset,
  EOCD_SEARCH_BYTES,
  inflatePrefix,
  LOCAL_HEADER_BYTES,
  readCentralDirectory,
  readEndOfCentralDirectory,
  ZipError,
} from './zip.js';

const HEAD_BYTES = 1 << 20;
const ENTRY_INPUT_BYTES = 256 << 10;
const ENTRY_OUTPUT_BYTES = 4 << 20;
const MAX_CENTRAL_DIRECTORY = 4 << 20;
const LISTED_ENTRIES = 50;
const USER_AGENT = 'agent-export-mock dashboard preview';

export type Preview = {
  url: string;
  /** What the link answered (200 or 206 when it served the file). */
  status: number;
  name: string;
  size: number | null;
  content_type: string | null;
  /** The storage error's text when the link did not serve the file (e.g. S3's AccessDenied "Request has expired"). */
  error?: string;
  archive?: {
    count: number;
    entries: Array<{ name: string; size: number; compressed_size: number }>;
    previewed: string | null;
  };
  /** True when the records come from the beginning of a larger file or entry. */
  partial?: boolean;
} & Partial<Records>;

interface Fetched {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

/** GETs `target` through the app, with a Range when given, reading at most `cap` bytes. */
async function get(
  app: FastifyInstance,
  target: URL,
  range: [number, number] | undefined,
  cap: number,
): Promise<Fetched> {
  const res = await app.inject({
    method: 'GET',
    url: `${target.pathname}${target.search}`,
    headers: {
      host: target.host,
      'user-agent': USER_AGENT,
      // The preview is the dashboard looking, not a client downloading: the journal leaves it out unless asked.
      [DASHBOARD_HEADER]: '1',
      ...(range ? { range: `bytes=${range[0]}-${range[1]}` } : {}),
    },
    payloadAsStream: true,
  });
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = res.stream();
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= cap) break;
    }
  } catch {
    // A connection cut mid-body (a reset_mid_body fault): keep what arrived.
  } finally {
    // A server that ignored the Range keeps writing: end its response so the file stream behind it is released.
    (res.raw.res as unknown as { destroy(): void }).destroy();
    stream.destroy();
  }
  return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).subarray(0, cap) };
}

const header = (f: Fetched, name: string) => {
  const v = f.headers[name];
  return v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v);
};

function fileName(target: URL, disposition: string | undefined): string {
  const quoted = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  if (quoted?.[1]) return decodeURIComponent(quoted[1]);
  const last = target.pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export async function preview(app: FastifyInstance, target: URL, limit: number): Promise<Preview> {
  const first = await get(app, target, [0, HEAD_BYTES - 1], HEAD_BYTES);
  const contentType = header(first, 'content-type') ?? null;
  const base = {
    url: target.href,
    status: first.status,
    name: fileName(target, header(first, 'content-disposition')),
    content_type: contentType,
  };
  if (first.status !== 200 && first.status !== 206) {
    return { ...base, size: null, error: first.body.toString('utf8').slice(0, 2000) || `HTTP ${first.status}` };
  }
  const range = /\/(\d+)\s*$/.exec(header(first, 'content-range') ?? '');
  const length = header(first, 'content-length');
  const announced = first.status === 206 && range ? Number(range[1]) : length !== undefined ? Number(length) : null;
  // Without a length (chunked), a body shorter than what was asked for is the whole file.
  const whole = announced !== null ? first.body.length >= announced : first.body.length < HEAD_BYTES;
  const size = announced ?? (whole ? first.body.length : null);

  const isZip = first.body.length >= 4 && first.body.readUInt32LE(0) === 0x04034b50;
  if (!isZip || size === null) {
    return {
      ...base,
      size,
      partial: !whole,
      ...firstRecords(first.body.toString('utf8'), base.name, contentType ?? '', limit, whole),
    };
  }

  /** Bytes [start, end) of the archive, from the first read when it holds them, else by a Range request. */
  const read = async (start: number, end: number): Promise<Buffer> => {
    if (end <= first.body.length) return first.body.subarray(start, end);
    const r = await get(app, target, [start, end - 1], end - start + (first.status === 200 ? start : 0));
    if (r.status === 206) return r.body;
    if (r.status === 200) return r.body.subarray(start, end);
    throw new ZipError(`The link answered ${r.status} to a Range request for bytes ${start}-${end - 1}.`);
  };
  try {
    const eocd = readEndOfCentralDirectory(await read(Math.max(0, size - EOCD_SEARCH_BYTES), size));
    const entries = readCentralDirectory(
      await read(eocd.offset, eocd.offset + Math.min(eocd.size, MAX_CENTRAL_DIRECTORY)),
    );
    const entry = entries.find((e) => !e.name.endsWith('/'));
    const archive = {
      count: eocd.entries,
      entries: entries
        .slice(0, LISTED_ENTRIES)
        .map((e) => ({ name: e.name, size: e.size, compressed_size: e.compressedSize })),
      previewed: entry?.name ?? null,
    };
    if (!entry) return { ...base, size, archive, format: 'text', text: '' };
    const start = dataOffset(await read(entry.localHeaderOffset, entry.localHeaderOffset + LOCAL_HEADER_BYTES), entry);
    const input = Math.min(entry.compressedSize, ENTRY_INPUT_BYTES);
    const bytes = inflatePrefix(await read(start, start + input), entry, ENTRY_OUTPUT_BYTES);
    const complete = input === entry.compressedSize && bytes.length === entry.size;
    return {
      ...base,
      size,
      archive,
      partial: !complete,
      ...firstRecords(bytes.toString('utf8'), entry.name, '', limit, complete),
    };
  } catch (error) {
    if (error instanceof ZipError) return { ...base, size, error: error.message };
    throw error;
  }
}

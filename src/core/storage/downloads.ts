/**
 * Serves a stored object the way S3 and GCS do: Content-Length, ETag, Last-Modified, Accept-Ranges, HEAD, conditional
 * GET (If-None-Match → 304) and single byte ranges (206 with Content-Range; 416 when unsatisfiable). Like S3, a request
 * for several ranges at once is answered with the whole object.
 */

import { PassThrough, Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Mangle } from '../scenarios/file-faults.js';
import { xmlError } from '../signing/xml-errors.js';
import type { ObjectStore, StoredObject } from './object-store.js';

type ByteRange = { start: number; end: number };

/** Parses a Range header against an object size: a range, 'unsatisfiable', or undefined (absent, invalid or multiple: whole object). */
function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Flips the bits of 64 bytes from the middle of the object on, wherever a read starts (a corrupted archive). */
function corrupter(size: number, start: number): Transform {
  const from = Math.floor(size / 2);
  let pos = start;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const out = Buffer.from(chunk);
      for (let i = Math.max(0, from - pos); i < out.length && pos + i < from + 64; i++) out[i] = out[i]! ^ 0xff;
      pos += chunk.length;
      cb(null, out);
    },
  });
}

/**
 * @param mangle a file fault from a scenario: `truncate` serves the first half as if it were the whole object,
 * `corrupt` flips bytes in the middle, `reset` announces the whole length and cuts the connection halfway.
 */
export function sendStoredObject(
  request: FastifyRequest,
  reply: FastifyReply,
  store: ObjectStore,
  stored: StoredObject,
  mangle?: Mangle,
): FastifyReply {
  const object = mangle === 'truncate' ? { ...stored, size: Math.floor(stored.size / 2) } : stored;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', object.etag)
    .header('last-modified', new Date(object.lastModified).toUTCString())
    .header('content-type', object.contentType);
  if (object.downloadName)
    reply.header('content-disposition', `attachment; filename="${object.downloadName.replace(/["\\]/g, '_')}"`);

  const inm = request.headers['if-none-match'];
  if (
    inm
      ?.split(',')
      .map((s) => s.trim())
      .some((t) => t === object.etag || t === '*')
  ) {
    return reply.code(304).send();
  }

  const range = parseRange(request.headers.range, object.size);
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-range', `bytes */${object.size}`)
      .type('application/xml')
      .send(
        xmlError('InvalidRange', 'The requested range is not satisfiable', [
          ['RangeRequested', request.headers.range ?? ''],
          ['ActualObjectSize', String(object.size)],
        ]),
      );
  }
  const length = range ? range.end - range.start + 1 : object.size;
  reply.header('content-length', String(length));
  if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${object.size}`);
  if (request.method === 'HEAD' || length === 0) return reply.send();
  const bytes = range ?? { start: 0, end: object.size - 1 };
  if (mangle === 'corrupt') return reply.send(store.read(object, bytes).pipe(corrupter(object.size, bytes.start)));
  if (mangle === 'reset') {
    const half = Math.max(bytes.start, bytes.start + Math.floor(length / 2) - 1);
    const body = new PassThrough();
    const source = store.read(object, { start: bytes.start, end: half });
    source.pipe(body, { end: false });
    // The socket is cut after half the body: the client sees a connection reset before Content-Length is reached.
    source.on('end', () => setImmediate(() => (request.raw.socket?.destroy(), body.destroy())));
    return reply.send(body);
  }
  return reply.send(store.read(object, bytes));
}

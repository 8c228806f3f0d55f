/**
 * Answers for what no route owns, so that Fastify's default bodies (`FST_ERR_BAD_URL`, `FST_ERR_CTP_*`, its 404) never
 * reach a client. Each answer speaks for whoever owns the path: storage XML on /s3 and /gcs, the vendor's envelope
 * under a vendor prefix, and elsewhere (control plane, dashboard, unknown paths) the one documented shape
 * `{"error": "<code>", "message": "<sentence>"}` (README, "Errors outside vendor routes").
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { classifyFailure } from '../errors.js';
import { sha256Hex } from '../signing/hmac.js';
import { GCS_PATH, S3_PATH } from '../signing/links.js';
import { xmlError } from '../signing/xml-errors.js';
import type { ClockStore } from '../state/clock.js';
import type { VendorModule } from '../vendor.js';

interface PlainError {
  error: string;
  message: string;
}

const pathOf = (request: FastifyRequest) => (request.url.split('?', 1)[0] ?? '').toLowerCase();
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export interface FallbackDeps {
  vendors: readonly VendorModule[];
  clock: ClockStore;
}

const sendXml = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('application/xml').send(body);

/** S3's request id and host id on every error, derived from the request (as storage-s3.ts does) to stay deterministic. */
function s3Ids(rawPath: string, now: number): Array<readonly [string, string]> {
  const h = sha256Hex(`${rawPath}\n${now}`).toUpperCase();
  return [
    ['RequestId', h.slice(0, 16)],
    ['HostId', Buffer.from(h.slice(16, 64), 'hex').toString('base64')],
  ];
}

/** 's3' or 'gcs' when the path is under one of the storage prefixes. */
function storageOf(path: string): 's3' | 'gcs' | undefined {
  if (under(path, S3_PATH)) return 's3';
  if (under(path, GCS_PATH)) return 'gcs';
  return undefined;
}

/**
 * What storage answers where no storage route matched: a method other than GET or HEAD on an object is S3's
 * `405 MethodNotAllowed`; a bucket or the service root (a listing) is `403 AccessDenied` to an anonymous caller.
 */
function storageFallback(kind: 's3' | 'gcs', request: FastifyRequest, reply: FastifyReply, now: number): FastifyReply {
  const rawPath = request.url.split('?', 1)[0] ?? '';
  const readOnly = request.method === 'GET' || request.method === 'HEAD';
  const notAllowed = 'The specified method is not allowed against this resource.';
  if (kind === 's3') {
    const ids = s3Ids(rawPath, now);
    if (!readOnly) {
      return sendXml(
        reply,
        405,
        xmlError('MethodNotAllowed', notAllowed, [['Method', request.method], ['ResourceType', 'OBJECT'], ...ids]),
      );
    }
    return sendXml(reply, 403, xmlError('AccessDenied', 'Access Denied', ids));
  }
  if (!readOnly)
    return sendXml(reply, 405, xmlError('MethodNotAllowed', notAllowed, [['Details', `${request.method} ${rawPath}`]]));
  const anonymous = 'Anonymous caller does not have storage.objects.list access to the Google Cloud Storage bucket.';
  return sendXml(reply, 403, xmlError('AccessDenied', 'Access denied.', [['Details', anonymous]]));
}

/**
 * The root error handler: failures outside vendor scopes in the words of the path's owner: storage XML on /s3 and
 * /gcs, the vendor's not-found under a vendor prefix, the documented JSON shape elsewhere (dashboard, unknown paths).
 */
export function plainErrorHandler(deps: FallbackDeps) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = pathOf(request);
    const storage = storageOf(path);
    if (!storage) {
      // Under a vendor prefix only a path no vendor route matched reaches here (bad body on an unknown path): the
      // vendor's own not-found, as without the body.
      const vendor = deps.vendors.find((v) => under(path, v.prefix));
      return vendor ? vendor.notFound(request, reply) : plainError(error, request, reply);
    }
    const failure = classifyFailure(error);
    if (failure.kind !== 'unexpected') return storageFallback(storage, request, reply, deps.clock.now());
    request.log.error(failure.error);
    const ids = storage === 's3' ? s3Ids(request.url.split('?', 1)[0] ?? '', deps.clock.now()) : [];
    return sendXml(reply, 500, xmlError('InternalError', 'We encountered an internal error. Please try again.', ids));
  };
}

function plainError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const failure = classifyFailure(error);
  const send = (status: number, body: PlainError) =>
    reply.code(status).type('application/json; charset=utf-8').send(body);
  switch (failure.kind) {
    case 'validation': {
      const message = failure.issues.map((i) => `${i.path.join('.') || failure.part}: ${i.message}`).join('; ');
      return send(400, { error: 'invalid_request', message });
    }
    case 'invalid-json':
    case 'empty-body':
      return send(400, { error: 'invalid_json', message: 'The request body must be valid JSON.' });
    case 'unsupported-media-type':
      return send(415, {
        error: 'unsupported_media_type',
        message: `${request.method} ${pathOf(request)} does not take a body of type ${request.headers['content-type'] ?? '(none)'}.`,
      });
    case 'body-too-large':
      return send(413, { error: 'body_too_large', message: 'The request body is too large.' });
    default: {
      const status = (error as FastifyError).statusCode;
      // Fastify's own 4xx (a bad header, say) keep their status in our shape; anything else is ours to log.
      if (status !== undefined && status >= 400 && status < 500) {
        return send(status, { error: 'bad_request', message: error.message });
      }
      request.log.error(failure.error);
      return send(500, { error: 'internal', message: 'Unexpected error.' });
    }
  }
}

/** The root 404: storage's answer on /s3 and /gcs, a vendor's own not-found under its prefix, JSON elsewhere. */
export function notFoundAnswer(deps: FallbackDeps) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = pathOf(request);
    const storage = storageOf(path);
    if (storage) return storageFallback(storage, request, reply, deps.clock.now());
    const vendor = deps.vendors.find((v) => under(path, v.prefix));
    if (vendor) return vendor.notFound(request, reply);
    const message = `No route ${request.method} ${path}. See /docs for the routes this server offers.`;
    return reply.code(404).send({ error: 'not_found', message } satisfies PlainError);
  };
}

/**
 * Fastify's `frameworkErrors`: a path the router cannot decode (`%zz`, a truncated UTF-8 escape) or a parameter that is
 * too long. No hook has run, so nothing is journaled and no credential is checked; the answer reveals nothing.
 */
export function badUrlAnswer(deps: FallbackDeps) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const rawPath = request.url.split('?', 1)[0] ?? '';
    const path = rawPath.toLowerCase();
    // The same words storage-s3.ts and storage-gcs.ts use for a key it cannot address.
    if (under(path, S3_PATH)) {
      const ids = s3Ids(rawPath, deps.clock.now());
      return sendXml(
        reply,
        400,
        xmlError('InvalidURI', "Couldn't parse the specified URI.", [['URI', rawPath], ...ids]),
      );
    }
    if (under(path, GCS_PATH)) {
      return sendXml(
        reply,
        400,
        xmlError('InvalidArgument', 'Invalid argument.', [['Details', `Invalid object name: ${rawPath}`]]),
      );
    }
    const vendor = deps.vendors.find((v) => under(path, v.prefix));
    // No vendor route can match a path that does not decode: the vendor's own not-found says so in its envelope.
    if (vendor) return vendor.notFound(request, reply);
    const status = error.statusCode ?? 400;
    const body: PlainError =
      error.code === 'FST_ERR_BAD_URL'
        ? { error: 'bad_url', message: `The request path ${rawPath} is not valid percent-encoding (RFC 3986).` }
        : { error: 'bad_request', message: error.message };
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  };
}

/**
 * Fastify's `clientErrorHandler`: bytes Node's HTTP parser rejects (a garbled request line, headers past 16 KiB) or a
 * request that did not arrive in time. Same statuses as Fastify's default, in the documented shape; the connection
 * closes, since the parser cannot know where the next request would start.
 */
export function clientErrorAnswer(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body]: [number, string, PlainError] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', { error: 'timeout', message: 'The request did not arrive in time.' }]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            { error: 'headers_too_large', message: 'The headers exceed 16 KiB.' },
          ]
        : [400, 'Bad Request', { error: 'bad_request', message: 'The request is not valid HTTP/1.1.' }];
  const text = JSON.stringify(body);
  if (socket.writable) {
    const head = [
      `HTTP/1.1 ${status} ${reason}`,
      `Content-Length: ${Buffer.byteLength(text)}`,
      'Content-Type: application/json; charset=utf-8',
      'Connection: close',
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n${text}`);
  }
  socket.destroy(err);
}

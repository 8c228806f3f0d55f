/**
 * Answers for what no route owns, so that Fastify's default bodies (`FST_ERR_BAD_URL`, `FST_ERR_CTP_*`, its 404) never
 * reach a client. Each answer speaks for whoever owns the path: storage XML on /s3 and /gcs, the vendor's envelope
 * under a vendor prefix, and elsewhere (control plane, dashboard, unknown paths) the one documented shape
 * `{"error": "<code>", "message": "<sentence>"}` (README, "Errors outside vendor routes").
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import { classifyFailure } from '../errors.js';
import { sha256Hex } from '../signing/hmac.js';
import { GCS_PATH, S3_PATH } from '../signing/links.js';
import { xmlError } from '../signing/xml-errors.js';
import type { VendorModule } from '../vendor.js';

export interface PlainError {
  error: string;
  message: string;
}

const pathOf = (request: FastifyRequest) => (request.url.split('?', 1)[0] ?? '').toLowerCase();
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The root error handler: failures outside vendor scopes (dashboard, unknown paths) in the documented JSON shape. */
export function plainErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const failure = classifyFailure(error);
  const send = (status: number, body: PlainError) => reply.code(status).type('application/json; charset=utf-8').send(body);
  switch (failure.kind) {
    case 'validation':
      return send(400, { error: 'invalid_request', message: failure.issues.map((i) => `${i.path.join('.') || failure.part}: ${i.message}`).join('; ') });
    case 'invalid-json':
    case 'empty-body':
      return send(400, { error: 'invalid_json', message: 'The request body must be valid JSON.' });
    case 'unsupported-media-type':
      return send(415, { error: 'unsupported_media_type', message: `${request.method} ${pathOf(request)} does not take a body of type ${request.headers['content-type'] ?? '(none)'}.` });
    case 'body-too-large':
      return send(413, { error: 'body_too_large', message: 'The request body is too large.' });
    default: {
      const status = (error as FastifyError).statusCode;
      // Fastify's own 4xx (a bad header, say) keep their status in our shape; anything else is ours to log.
      if (status !== undefined && status >= 400 && status < 500) return send(status, { error: 'bad_request', message: error.message });
      request.log.error(failure.error);
      return send(500, { error: 'internal', message: 'Unexpected error.' });
    }
  }
}

/** The root 404: a vendor's own not-found under its prefix, the documented JSON shape elsewhere. */
export function notFoundAnswer(vendors: readonly VendorModule[]) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = pathOf(request);
    const vendor = vendors.find((v) => under(path, v.prefix));
    if (vendor) return vendor.notFound(request, reply);
    return reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${path}. See /docs for the routes this server offers.` } satisfies PlainError);
  };
}

/**
 * Fastify's `frameworkErrors`: a path the router cannot decode (`%zz`, a truncated UTF-8 escape) or a parameter that is
 * too long. No hook has run, so nothing is journaled and no credential is checked; the answer reveals nothing.
 */
export function badUrlAnswer(deps: { vendors: readonly VendorModule[]; clock: Clock }) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const rawPath = request.url.split('?', 1)[0] ?? '';
    const path = rawPath.toLowerCase();
    if (under(path, S3_PATH)) {
      // S3 answers an undecodable key with InvalidURI and, as on every error, a request id and host id (derived from
      // the request, as storage-routes.ts does, so they stay deterministic).
      const h = sha256Hex(`${rawPath}\n${deps.clock.now()}`).toUpperCase();
      const ids = [['RequestId', h.slice(0, 16)], ['HostId', Buffer.from(h.slice(16, 64), 'hex').toString('base64')]] as const;
      return reply.code(400).type('application/xml').send(xmlError('InvalidURI', "Couldn't parse the specified URI.", [['URI', rawPath], ...ids]));
    }
    if (under(path, GCS_PATH)) {
      return reply.code(400).type('application/xml').send(xmlError('InvalidArgument', 'Invalid argument.', [['Details', `Invalid object name: ${rawPath}`]]));
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

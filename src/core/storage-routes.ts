/**
 * This server playing S3 (`/s3/{bucket}/{key}`, Signature V4 or V2 query auth) and Google Cloud Storage
 * (`/gcs/{bucket}/{key}`, V4 query auth) for the files vendors generate. Auth is checked before the object is looked
 * up, as on the real services, and every failure is the service's own XML error.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from './clock.js';
import type { DownloadGate } from './download-gate.js';
import { sendStoredObject } from './downloads.js';
import type { JobStore } from './jobs.js';
import { tagRequest } from './journal-hooks.js';
import type { Mangle } from './scenarios/file-faults.js';
import { fileFaultFor } from './scenarios/file-faults.js';
import { sha256Hex } from './signing/hmac.js';
import { GCS_PATH, type LinkSigner, S3_PATH } from './signing/links.js';
import { isoSeconds, xmlError } from './signing/xml-errors.js';
import { isSafeKey, type ObjectStore, type StoredObject } from './storage.js';

export interface StorageRouteDeps {
  store: ObjectStore;
  signer: LinkSigner;
  clock: Clock;
  jobs: JobStore;
  /** Admits downloads fairly; a refused one answers the storage's 503, as S3's SlowDown and GCS's throttling do. */
  gate: DownloadGate;
}

function splitUrl(rawUrl: string): { path: string; query: Array<[string, string]> } {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? [] : [...new URLSearchParams(rawUrl.slice(q + 1)).entries()];
  return { path, query };
}

/**
 * S3 gives every request its own request id and host id (in x-amz-request-id / x-amz-id-2, and in every error's XML).
 * Ours hash the path, the virtual instant and the request's place in the sequence of storage requests: distinct for
 * every request, and the same for the same requests in the same order.
 */
function requestIdsOf(path: string, now: number, seq: number): Array<readonly [string, string]> {
  const h = sha256Hex(`${path}\n${now}\n${seq}`).toUpperCase();
  return [
    ['RequestId', h.slice(0, 16)],
    ['HostId', Buffer.from(h.slice(16, 64), 'hex').toString('base64')],
  ] as const;
}

/** What GCS says of an object it serves: its hash (MD5 here; real GCS adds a CRC32C), generation and size. */
function gcsObjectHeaders(reply: FastifyReply, object: StoredObject): void {
  reply
    .header('x-goog-hash', `md5=${Buffer.from(object.etag.replace(/"/g, ''), 'hex').toString('base64')}`)
    // A generation is the object's creation time in microseconds.
    .header('x-goog-generation', String(object.lastModified * 1000))
    .header('x-goog-metageneration', '1')
    .header('x-goog-stored-content-length', String(object.size))
    .header('x-goog-storage-class', 'STANDARD');
}

function sendXml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('application/xml').send(body);
}

function parseObjectAddress(request: FastifyRequest): { bucket: string; key: string } | undefined {
  const params = request.params as { bucket?: string; '*'?: string };
  const bucket = params.bucket ?? '';
  const key = params['*'] ?? '';
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(bucket) || !isSafeKey(key)) return undefined;
  return { bucket, key };
}

export async function registerStorageRoutes(app: FastifyInstance, deps: StorageRouteDeps): Promise<void> {
  // Read at request time, not here: in a namespace they are the namespace's (src/core/namespaces).
  let s3Requests = 0;
  const requestIds = (reply: FastifyReply, path: string, now: number) => {
    const ids = requestIdsOf(path, now, ++s3Requests);
    reply.header('server', 'AmazonS3').header('x-amz-request-id', ids[0]![1]).header('x-amz-id-2', ids[1]![1]);
    return ids;
  };
  /** Serves a body if the gate admits it (every slot taken, or this client's share: the storage's 503). */
  const serve = (
    request: FastifyRequest,
    reply: FastifyReply,
    object: StoredObject,
    mangle: Mangle | undefined,
    busy: () => FastifyReply,
  ) => {
    if (deps.gate.admit(request, reply)) return busy();
    return sendStoredObject(request, reply, deps.store, object, mangle);
  };

  const s3 = async (request: FastifyRequest, reply: FastifyReply) => {
    const { store, signer, clock, jobs } = deps;
    const now = clock.now();
    const { path, query } = splitUrl(request.raw.url ?? '');
    const ids = requestIds(reply, path, now);
    const address = parseObjectAddress(request);
    if (!address)
      return sendXml(reply, 400, xmlError('InvalidURI', "Couldn't parse the specified URI.", [['URI', path], ...ids]));
    // Tag the owner before checking the signature, so refused downloads show in the job's flow view too.
    const owned = store.head(address.bucket, address.key);
    if (owned?.owner) tagRequest(request, owned.owner);
    const host = request.headers.host ?? '';
    const check = signer.verifyS3(path, address.bucket, address.key, host, query, now);
    if (check.style === 'none') return sendXml(reply, 403, xmlError('AccessDenied', 'Access Denied', ids));
    const v = check.verdict;
    if (!v.ok) {
      switch (v.reason) {
        case 'malformed':
          return sendXml(reply, 400, xmlError('AuthorizationQueryParametersError', v.message, ids));
        case 'unknown-key':
          return sendXml(
            reply,
            403,
            xmlError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', [
              ['AWSAccessKeyId', v.accessKeyId],
              ...ids,
            ]),
          );
        case 'mismatch':
          return sendXml(
            reply,
            403,
            xmlError(
              'SignatureDoesNotMatch',
              'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
              [
                ['AWSAccessKeyId', v.accessKeyId],
                ['StringToSign', v.stringToSign],
                ['SignatureProvided', v.provided],
                ...ids,
              ],
            ),
          );
        case 'expired': {
          const extra: Array<readonly [string, string]> = [];
          if ('expiresSeconds' in v) extra.push(['X-Amz-Expires', String(v.expiresSeconds)]);
          extra.push(['Expires', isoSeconds(v.expiresAt)], ['ServerTime', isoSeconds(now)], ...ids);
          return sendXml(reply, 403, xmlError('AccessDenied', 'Request has expired', extra));
        }
      }
    }
    const object = store.head(address.bucket, address.key);
    if (!object)
      return sendXml(
        reply,
        404,
        xmlError('NoSuchKey', 'The specified key does not exist.', [['Key', address.key], ...ids]),
      );
    const fault = fileFaultFor(object, jobs, now);
    if (fault?.kind === 'expired') {
      const extra: Array<readonly [string, string]> = [];
      if (check.style === 'v4' && 'expiresSeconds' in v) extra.push(['X-Amz-Expires', String(v.expiresSeconds)]);
      return sendXml(
        reply,
        403,
        xmlError('AccessDenied', 'Request has expired', [
          ...extra,
          ['Expires', isoSeconds(fault.expiresAt)],
          ['ServerTime', isoSeconds(now)],
          ...ids,
        ]),
      );
    }
    if (fault?.kind === 'status') {
      return fault.status === 500
        ? sendXml(reply, 500, xmlError('InternalError', 'We encountered an internal error. Please try again.', ids))
        : sendXml(reply, 503, xmlError('SlowDown', 'Please reduce your request rate.', ids));
    }
    return serve(request, reply, object, fault?.kind === 'mangle' ? fault.mangle : undefined, () =>
      sendXml(reply, 503, xmlError('SlowDown', 'Please reduce your request rate.', ids)),
    );
  };

  const gcs = async (request: FastifyRequest, reply: FastifyReply) => {
    const { store, signer, clock, jobs } = deps;
    const now = clock.now();
    const { path, query } = splitUrl(request.raw.url ?? '');
    const address = parseObjectAddress(request);
    if (!address)
      return sendXml(
        reply,
        400,
        xmlError('InvalidArgument', 'Invalid argument.', [['Details', `Invalid object name: ${path}`]]),
      );
    if (!query.some(([k]) => k.startsWith('X-Goog-'))) {
      return sendXml(
        reply,
        403,
        xmlError('AccessDenied', 'Access denied.', [
          ['Details', 'Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object.'],
        ]),
      );
    }
    const owned = store.head(address.bucket, address.key);
    if (owned?.owner) tagRequest(request, owned.owner);
    const v = signer.verifyGcs(path, request.headers.host ?? '', query, now);
    if (!v.ok) {
      switch (v.reason) {
        case 'malformed':
          return sendXml(
            reply,
            400,
            xmlError('AuthorizationQueryParametersError', 'Error parsing the X-Goog-Credential parameter.', [
              ['Details', v.message],
            ]),
          );
        case 'unknown-key':
          return sendXml(
            reply,
            403,
            xmlError('InvalidAccessKeyId', 'The access key ID you provided does not exist in our records.', [
              ['Details', v.accessKeyId],
            ]),
          );
        case 'mismatch':
          return sendXml(
            reply,
            403,
            xmlError('SignatureDoesNotMatch', 'Access denied.', [
              [
                'Details',
                'The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.',
              ],
              ['StringToSign', v.stringToSign],
            ]),
          );
        case 'expired':
          return sendXml(
            reply,
            400,
            xmlError('ExpiredToken', 'The provided token has expired.', [
              ['Details', `Request signature expired at: ${isoSeconds(v.expiresAt).replace('Z', '+00:00')}`],
            ]),
          );
      }
    }
    const object = store.head(address.bucket, address.key);
    if (!object)
      return sendXml(
        reply,
        404,
        xmlError('NoSuchKey', 'The specified key does not exist.', [
          ['Details', `No such object: ${address.bucket}/${address.key}`],
        ]),
      );
    const fault = fileFaultFor(object, jobs, now);
    if (fault?.kind === 'expired') {
      return sendXml(
        reply,
        400,
        xmlError('ExpiredToken', 'The provided token has expired.', [
          ['Details', `Request signature expired at: ${isoSeconds(fault.expiresAt).replace('Z', '+00:00')}`],
        ]),
      );
    }
    if (fault?.kind === 'status') {
      return fault.status === 500
        ? sendXml(reply, 500, xmlError('InternalError', 'We encountered an internal error. Please try again.'))
        : sendXml(reply, 503, xmlError('ServiceUnavailable', 'We encountered an internal error. Please try again.'));
    }
    gcsObjectHeaders(reply, object);
    return serve(request, reply, object, fault?.kind === 'mangle' ? fault.mangle : undefined, () =>
      sendXml(reply, 503, xmlError('ServiceUnavailable', 'We encountered an internal error. Please try again.')),
    );
  };

  // HEAD first: Fastify would otherwise add its own HEAD twin of the GET route, which opens the file for nothing.
  for (const method of ['HEAD', 'GET'] as const) {
    app.route({ method, url: `${S3_PATH}/:bucket/*`, handler: s3, schema: { hide: true } });
    app.route({ method, url: `${GCS_PATH}/:bucket/*`, handler: gcs, schema: { hide: true } });
  }
}

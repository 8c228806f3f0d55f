/**
 * This server playing Google Cloud Storage (`/gcs/{bucket}/{key}`, V4 query auth) for the files vendors generate. Auth
 * is checked before the object is looked up, as on GCS, and every failure is GCS's own XML error.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tagRequest } from '../http/journal-hooks.js';
import { fileFaultFor } from '../scenarios/file-faults.js';
import type { V4Verdict } from '../signing/query-v4.js';
import { isoSeconds, xmlError } from '../signing/xml-errors.js';
import { parseObjectAddress, type Serve, type StorageRouteDeps, sendXml, splitUrl } from './http.js';
import type { StoredObject } from './object-store.js';

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

/** GCS's answer to a signed URL it refuses, in GCS's words for each reason. */
function refuseGcsLink(reply: FastifyReply, v: Extract<V4Verdict, { ok: false }>): FastifyReply {
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

/** The GCS GET/HEAD handler. */
export function gcsHandler(deps: StorageRouteDeps, serve: Serve) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
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
    const owned = await store.find(address.bucket, address.key);
    if (owned?.owner) tagRequest(request, owned.owner);
    const v = signer.verifyGcs(path, request.headers.host ?? '', query, now);
    if (!v.ok) return refuseGcsLink(reply, v);
    const object = await store.find(address.bucket, address.key);
    if (!object)
      return sendXml(
        reply,
        404,
        xmlError('NoSuchKey', 'The specified key does not exist.', [
          ['Details', `No such object: ${address.bucket}/${address.key}`],
        ]),
      );
    const fault = await fileFaultFor(object, jobs, now);
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
}

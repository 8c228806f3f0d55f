/**
 * This server playing S3 (`/s3/{bucket}/{key}`, Signature V4 or V2 query auth) for the files vendors generate. Auth is
 * checked before the object is looked up, as on S3, and every failure is S3's own XML error.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tagRequest } from '../http/journal-hooks.js';
import { fileFaultFor } from '../scenarios/file-faults.js';
import { sha256Hex } from '../signing/hmac.js';
import type { V4Verdict } from '../signing/query-v4.js';
import type { V2Verdict } from '../signing/s3-v2.js';
import { isoSeconds, xmlError } from '../signing/xml-errors.js';
import { parseObjectAddress, type Serve, type StorageRouteDeps, sendXml, splitUrl } from './http.js';

type RequestIds = Array<readonly [string, string]>;

/**
 * S3 gives every request its own request id and host id (in x-amz-request-id / x-amz-id-2, and in every error's XML).
 * Ours hash the path, the virtual instant and the request's place in the sequence of storage requests: distinct for
 * every request, and the same for the same requests in the same order.
 */
export function requestIdsOf(path: string, now: number, seq: number): Array<readonly [string, string]> {
  const h = sha256Hex(`${path}\n${now}\n${seq}`).toUpperCase();
  return [
    ['RequestId', h.slice(0, 16)],
    ['HostId', Buffer.from(h.slice(16, 64), 'hex').toString('base64')],
  ] as const;
}

/** S3's answer to a presigned link it refuses, in S3's words for each reason. */
function refuseS3Link(
  reply: FastifyReply,
  v: Extract<V4Verdict | V2Verdict, { ok: false }>,
  ids: RequestIds,
  now: number,
): FastifyReply {
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

/** The S3 GET/HEAD handler; `requestIds` numbers the request and sets S3's id headers. */
export function s3Handler(
  deps: StorageRouteDeps,
  requestIds: (reply: FastifyReply, path: string, now: number) => RequestIds,
  serve: Serve,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { store, signer, clock, jobs } = deps;
    const now = clock.now();
    const { path, query } = splitUrl(request.raw.url ?? '');
    const ids = requestIds(reply, path, now);
    const address = parseObjectAddress(request);
    if (!address)
      return sendXml(reply, 400, xmlError('InvalidURI', "Couldn't parse the specified URI.", [['URI', path], ...ids]));
    // Tag the owner before checking the signature, so refused downloads show in the job's flow view too.
    const owned = await store.find(address.bucket, address.key);
    if (owned?.owner) tagRequest(request, owned.owner);
    const host = request.headers.host ?? '';
    const check = signer.verifyS3(path, address.bucket, address.key, host, query, now);
    if (check.style === 'none') return sendXml(reply, 403, xmlError('AccessDenied', 'Access Denied', ids));
    const v = check.verdict;
    if (!v.ok) return refuseS3Link(reply, v, ids, now);
    const object = await store.find(address.bucket, address.key);
    if (!object)
      return sendXml(
        reply,
        404,
        xmlError('NoSuchKey', 'The specified key does not exist.', [['Key', address.key], ...ids]),
      );
    const fault = await fileFaultFor(object, jobs, now);
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
}

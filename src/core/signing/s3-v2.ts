/**
 * S3 Signature Version 2 query-string authentication (`AWSAccessKeyId`, `Expires`, `Signature`), as the Seasalt
 * download links use it. StringToSign = "GET\n\n\n<Expires>\n/<bucket>/<key>", signed with HMAC-SHA1 and base64.
 * Reference: AWS "Signing and authenticating REST requests" (query string request authentication alternative).
 */
import { createHmac } from 'node:crypto';
import { rfc3986, safeEqual } from './hmac.js';

const sign = (secret: string, toSign: string) => createHmac('sha1', secret).update(toSign, 'utf8').digest('base64');

/** The resource part of the string to sign: /bucket/key with the key's segments URI-encoded as on the wire. */
const resourceOf = (bucket: string, key: string) => `/${bucket}/${key.split('/').map(rfc3986).join('/')}`;

/** Presigns `origin + pathPrefix + /bucket/key`, expiring at `expiresAt` (unix ms, rounded down to a second). */
export function presignV2(
  creds: { accessKeyId: string; secret: string },
  origin: string,
  pathPrefix: string,
  bucket: string,
  key: string,
  expiresAt: number,
): string {
  const expires = Math.floor(expiresAt / 1000);
  const resource = resourceOf(bucket, key);
  const signature = sign(creds.secret, `GET\n\n\n${expires}\n${resource}`);
  return `${origin}${pathPrefix}${resource}?AWSAccessKeyId=${rfc3986(creds.accessKeyId)}&Signature=${rfc3986(signature)}&Expires=${expires}`;
}

export type V2Verdict =
  | { ok: true; expiresAt: number }
  | { ok: false; reason: 'malformed'; message: string }
  | { ok: false; reason: 'unknown-key'; accessKeyId: string }
  | { ok: false; reason: 'mismatch'; accessKeyId: string; stringToSign: string; provided: string }
  | { ok: false; reason: 'expired'; expiresAt: number };

/**
 * Verifies a V2 presigned GET; valid while now < Expires (at the instant itself the link has expired). V2 puts no
 * limit on Expires, but a vendor does: a link expiring more than `maxLifetimeMs` after `now` was never signed by it,
 * so it is refused as a link signed with another key would be (SignatureDoesNotMatch), whatever its signature.
 */
export function verifyV2(
  lookupSecret: (accessKeyId: string) => string | undefined,
  bucket: string,
  key: string,
  query: ReadonlyArray<readonly [string, string]>,
  now: number,
  maxLifetimeMs?: number,
): V2Verdict {
  const get = (name: string) => query.find(([k]) => k === name)?.[1];
  const accessKeyId = get('AWSAccessKeyId');
  const provided = get('Signature');
  const expires = get('Expires');
  if (!accessKeyId || !provided || !expires) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters',
    };
  }
  if (!/^\d+$/.test(expires))
    return { ok: false, reason: 'malformed', message: `Invalid date (should be seconds since epoch): ${expires}` };
  const secret = lookupSecret(accessKeyId);
  if (secret === undefined) return { ok: false, reason: 'unknown-key', accessKeyId };
  const toSign = `GET\n\n\n${expires}\n${resourceOf(bucket, key)}`;
  const beyondLifetime = maxLifetimeMs !== undefined && Number(expires) * 1000 - now > maxLifetimeMs;
  if (!safeEqual(sign(secret, toSign), provided) || beyondLifetime)
    return { ok: false, reason: 'mismatch', accessKeyId, stringToSign: toSign, provided };
  const expiresAt = Number(expires) * 1000;
  if (now >= expiresAt) return { ok: false, reason: 'expired', expiresAt };
  return { ok: true, expiresAt };
}

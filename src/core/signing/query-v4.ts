/**
 * Query-string presigning in the V4 family: AWS Signature V4 (`X-Amz-*`, AWS4-HMAC-SHA256) and Google Cloud Storage V4
 * (`X-Goog-*`). Both build the same canonical request and string to sign; they differ in the parameter prefix, the
 * algorithm name, the key-derivation prefix and the scope terminator. GCS's RSA variant cannot be reproduced without a
 * service-account key, so GCS links are signed with HMAC (GCS's own GOOG4-HMAC-SHA256 style) under the configured label.
 *
 * References: AWS "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)";
 * Google Cloud "V4 signing process with your own program".
 */

import { BoundedMemo } from '../memo.js';
import { compactIso, hmac, parseCompactIso, rfc3986, safeEqual, sha256Hex } from './hmac.js';

export interface V4Style {
  /** `X-Amz` or `X-Goog` */
  prefix: string;
  /** Value of the Algorithm parameter, e.g. AWS4-HMAC-SHA256 */
  algorithm: string;
  /** Key derivation prefix: AWS4 (AWS) or GOOG4 (GCS HMAC keys) */
  keyPrefix: string;
  region: string;
  service: string;
  /** aws4_request or goog4_request */
  terminator: string;
  /** Largest accepted Expires, in seconds (604800 for both services). */
  maxExpires: number;
}

export const S3_V4 = (region: string): V4Style => ({
  prefix: 'X-Amz',
  algorithm: 'AWS4-HMAC-SHA256',
  keyPrefix: 'AWS4',
  region,
  service: 's3',
  terminator: 'aws4_request',
  maxExpires: 604800,
});

export const GCS_V4 = (algorithm = 'GOOG4-HMAC-SHA256'): V4Style => ({
  prefix: 'X-Goog',
  algorithm,
  keyPrefix: 'GOOG4',
  region: 'auto',
  service: 'storage',
  terminator: 'goog4_request',
  maxExpires: 604800,
});

export interface V4Credentials {
  accessKeyId: string;
  secret: string;
}

/** Canonical URI: each path segment RFC 3986-encoded, slashes kept. */
const canonicalPath = (path: string): string =>
  path
    .split('/')
    .map((seg) => rfc3986(decodeURIComponentSafe(seg)))
    .join('/');

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function canonicalQuery(params: ReadonlyArray<readonly [string, string]>): string {
  return params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function stringToSign(
  style: V4Style,
  path: string,
  host: string,
  params: ReadonlyArray<readonly [string, string]>,
  date: string,
): string {
  const scope = `${date.slice(0, 8)}/${style.region}/${style.service}/${style.terminator}`;
  const canonicalRequest = [
    'GET',
    canonicalPath(path),
    canonicalQuery(params),
    `host:${host.trim().toLowerCase()}\n`,
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  return [style.algorithm, date, scope, sha256Hex(canonicalRequest)].join('\n');
}

/** The derived signing key of a (secret, day, region, service): four HMACs, the same for every link of that day. */
const signingKeys = new BoundedMemo<Buffer>(1024);

function signature(style: V4Style, secret: string, toSign: string, date: string): string {
  const day = date.slice(0, 8);
  const id = [style.keyPrefix, secret, day, style.region, style.service, style.terminator].join('\u0000');
  const key = signingKeys.get(id, () => {
    let k = hmac(`${style.keyPrefix}${secret}`, day);
    k = hmac(k, style.region);
    k = hmac(k, style.service);
    return hmac(k, style.terminator);
  });
  return hmac(key, toSign).toString('hex');
}

/**
 * A presigned link is a pure function of its inputs, and polls ask for the same ones again and again (Zendesk signs a
 * link per file on every call, at the same signing second): remembered, so a poll does not pay five HMACs and a SHA-256
 * per file each time.
 */
const presigned = new BoundedMemo<string>(8192);

/** Presigns a GET of `origin + path` valid for `expiresSeconds` from `signedAt` (unix ms). Returns the full URL. */
export function presignV4(
  style: V4Style,
  creds: V4Credentials,
  origin: string,
  path: string,
  signedAt: number,
  expiresSeconds: number,
): string {
  const id = [
    style.prefix,
    style.algorithm,
    style.keyPrefix,
    style.region,
    style.service,
    style.terminator,
    creds.accessKeyId,
    creds.secret,
    origin,
    path,
    signedAt,
    expiresSeconds,
  ].join('\u0000');
  return presigned.get(id, () => computePresignV4(style, creds, origin, path, signedAt, expiresSeconds));
}

function computePresignV4(
  style: V4Style,
  creds: V4Credentials,
  origin: string,
  path: string,
  signedAt: number,
  expiresSeconds: number,
): string {
  const host = new URL(origin).host;
  const date = compactIso(signedAt);
  const p = style.prefix;
  const params: Array<[string, string]> = [
    [`${p}-Algorithm`, style.algorithm],
    [
      `${p}-Credential`,
      `${creds.accessKeyId}/${date.slice(0, 8)}/${style.region}/${style.service}/${style.terminator}`,
    ],
    [`${p}-Date`, date],
    [`${p}-Expires`, String(expiresSeconds)],
    [`${p}-SignedHeaders`, 'host'],
  ];
  const sig = signature(style, creds.secret, stringToSign(style, path, host, params, date), date);
  const query = [...params, [`${p}-Signature`, sig] as const].map(([k, v]) => `${k}=${rfc3986(v)}`).join('&');
  return `${origin}${canonicalPath(path)}?${query}`;
}

export type V4Verdict =
  | { ok: true; expiresAt: number }
  | { ok: false; reason: 'malformed'; message: string }
  | { ok: false; reason: 'unknown-key'; accessKeyId: string }
  | { ok: false; reason: 'mismatch'; accessKeyId: string; stringToSign: string; provided: string }
  | { ok: false; reason: 'expired'; expiresSeconds: number; expiresAt: number };

/**
 * Verifies a V4 presigned request. `query` is the raw list of query pairs in arrival order; `host` the request's Host
 * header (it is a signed header, as on the real services); expiry is read from `now` (the virtual clock). A link is
 * valid while now < signedAt + expires: at its expiry instant it is already expired.
 */
export function verifyV4(
  style: V4Style,
  lookupSecret: (accessKeyId: string) => string | undefined,
  path: string,
  host: string,
  query: ReadonlyArray<readonly [string, string]>,
  now: number,
): V4Verdict {
  const p = style.prefix;
  const get = (name: string) => query.find(([k]) => k === name)?.[1];
  const algorithm = get(`${p}-Algorithm`);
  const credential = get(`${p}-Credential`);
  const date = get(`${p}-Date`);
  const expires = get(`${p}-Expires`);
  const signedHeaders = get(`${p}-SignedHeaders`);
  const provided = get(`${p}-Signature`);
  if (!algorithm || !credential || !date || !expires || !signedHeaders || !provided) {
    return {
      ok: false,
      reason: 'malformed',
      message: `Query-string authentication requires the ${p}-Algorithm, ${p}-Credential, ${p}-Signature, ${p}-Date, ${p}-SignedHeaders, and ${p}-Expires parameters.`,
    };
  }
  if (algorithm !== style.algorithm)
    return { ok: false, reason: 'malformed', message: `${p}-Algorithm only supports "${style.algorithm}"` };
  const signedAt = parseCompactIso(date);
  if (signedAt === undefined)
    return {
      ok: false,
      reason: 'malformed',
      message: `${p}-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    };
  if (!/^\d+$/.test(expires)) return { ok: false, reason: 'malformed', message: `${p}-Expires should be a number` };
  const expiresSeconds = Number(expires);
  if (expiresSeconds < 1 || expiresSeconds > style.maxExpires) {
    return {
      ok: false,
      reason: 'malformed',
      message: `${p}-Expires must be less than a week (in seconds) that is 604800`,
    };
  }
  const accessKeyId = credential.split('/')[0] ?? '';
  const secret = lookupSecret(accessKeyId);
  if (secret === undefined) return { ok: false, reason: 'unknown-key', accessKeyId };
  const signedParams = query.filter(([k]) => k !== `${p}-Signature`);
  const toSign = stringToSign(style, path, host, signedParams, date);
  const expected = signature(style, secret, toSign, date);
  if (!safeEqual(expected, provided.toLowerCase()))
    return { ok: false, reason: 'mismatch', accessKeyId, stringToSign: toSign, provided };
  const expiresAt = signedAt + expiresSeconds * 1000;
  if (now >= expiresAt) return { ok: false, reason: 'expired', expiresSeconds, expiresAt };
  return { ok: true, expiresAt };
}

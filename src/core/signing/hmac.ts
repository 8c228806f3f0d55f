/** Primitives shared by every link style: real HMAC, SHA-256 and a comparison that does not leak timing. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BoundedMemo } from '../memo.js';

export const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();
export const hmacHex = (key: string | Buffer, data: string): string => hmac(key, data).toString('hex');
export const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

/**
 * The SHA-256 of a compared value, remembered: every poll compares the same API token with the same seeded ones, and
 * hashing both sides of each comparison was 6% of a Sendbird poll's CPU (bench/profile-poll.mjs).
 */
const digests = new BoundedMemo<Buffer>(4096);
const digestOf = (s: string) => digests.get(s, () => createHash('sha256').update(s, 'utf8').digest());

/**
 * Constant-time equality of two strings. Both sides are hashed first, so neither the content nor the length of the
 * expected value leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digestOf(a), digestOf(b));
}

/** RFC 3986 encoding as AWS and GCS canonical requests use it (encodeURIComponent leaves !'()* alone). */
export const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** yyyymmddTHHMMSSZ */
export function compactIso(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function parseCompactIso(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The secret behind a demo access key, derived from the installation's LINK_SECRET (never from the public world seed,
 * or anyone who knows the seed could sign links).
 */
export const keySecret = (linkSecret: string, keyId: string): string =>
  sha256Hex(`${linkSecret}\u001fstorage-secret\u001f${keyId}`);

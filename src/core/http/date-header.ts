/**
 * The HTTP `Date` header from the virtual clock. Node stamps every response with the wall clock, so a client that reads
 * `Date` (to check link expiry, to compute clock skew, as S3 clients do) saw a time beside `<ServerTime>` and
 * `X-Amz-Date` from the virtual clock. One string per virtual second keeps the hot path to a comparison.
 */
import type { FastifyReply } from 'fastify';
import type { ClockStore } from '../state/clock.js';

/** The step of the root onRequest hook (src/app/hooks.ts) that puts the virtual `Date` on a reply. */
export function dateStamper(clock: ClockStore): (reply: FastifyReply) => void {
  let second = Number.NaN;
  let value = '';
  return (reply) => {
    const now = Math.floor(clock.now() / 1000);
    if (now !== second) {
      second = now;
      value = new Date(now * 1000).toUTCString();
    }
    reply.header('date', value);
  };
}

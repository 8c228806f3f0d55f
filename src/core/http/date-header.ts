/**
 * The HTTP `Date` header from the virtual clock. Node stamps every response with the wall clock, so a client that reads
 * `Date` (to check link expiry, to compute clock skew, as S3 clients do) saw a time beside `<ServerTime>` and
 * `X-Amz-Date` from the virtual clock. One string per virtual second keeps the hot path to a comparison.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';

export function registerDateHeader(app: FastifyInstance, clock: Pick<Clock, 'now'>): void {
  let second = Number.NaN;
  let value = '';
  app.addHook('onRequest', (_request, reply, done) => {
    const now = Math.floor(clock.now() / 1000);
    if (now !== second) {
      second = now;
      value = new Date(now * 1000).toUTCString();
    }
    reply.header('date', value);
    done();
  });
}

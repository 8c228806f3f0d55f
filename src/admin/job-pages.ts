/**
 * One page of the job list, newest first, without sorting every job: a single pass keeps the `limit` newest jobs
 * older than the cursor. The cursor is opaque to callers (base64url of the last job's creation time and sequence).
 */
import { createHash } from 'node:crypto';
import type { Job } from '../core/jobs/job.js';

/** Newest first: later creation, then later sequence on ties. */
const newerThan = (a: Pick<Job, 'createdAt' | 'seq'>, b: Pick<Job, 'createdAt' | 'seq'>) =>
  a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.seq > b.seq);

export interface Position {
  createdAt: number;
  seq: number;
}

export const encodeCursor = (job: Position): string =>
  Buffer.from(JSON.stringify([job.createdAt, job.seq])).toString('base64url');

/** The position a cursor stands for, or undefined when it is not one this server wrote. */
export function decodeCursor(cursor: string): Position | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n)))
      return { createdAt: v[0], seq: v[1] };
  } catch {
    /* not ours */
  }
  return undefined;
}

/**
 * The `limit` newest jobs strictly older than `after` (all jobs when absent), newest first, and whether older ones
 * remain. `jobs` is read from its end: jobs are kept in creation order, so the newest come first and every later one
 * is rejected by one comparison with the page's oldest. O(n log limit) comparisons for any order.
 */
export function pageOf(jobs: readonly Job[], limit: number, after?: Position): { page: Job[]; more: boolean } {
  const page: Job[] = [];
  let more = false;
  for (let j = jobs.length - 1; j >= 0; j--) {
    const job = jobs[j]!;
    if (after && !newerThan(after, job)) continue;
    if (page.length === limit) {
      more = true;
      if (!newerThan(job, page[limit - 1]!)) continue;
      page.pop();
    }
    // Binary search for its place among the (newest first) page.
    let lo = 0;
    let hi = page.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newerThan(page[mid]!, job)) lo = mid + 1;
      else hi = mid;
    }
    page.splice(lo, 0, job);
  }
  return { page, more };
}

/** A short fingerprint of what a caller was sent: equal revisions mean an identical answer. */
export const revisionOf = (total: number, page: unknown): string =>
  createHash('sha256')
    .update(`${total}\n${JSON.stringify(page)}`)
    .digest('base64url')
    .slice(0, 16);

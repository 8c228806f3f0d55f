/**
 * One page of the job list, newest first, without sorting every job: a single pass keeps the `limit` newest jobs
 * older than the cursor. The cursor is opaque to callers (base64url of the last job's creation time and sequence).
 */
import { createHash } from 'node:crypto';
import type { Job } from '../core/jobs.js';

/** Newest first: later creation, then later sequence on ties. */
const newerThan = (a: Pick<Job, 'createdAt' | 'seq'>, b: Pick<Job, 'createdAt' | 'seq'>) => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.seq > b.seq);

export interface Position {
  createdAt: number;
  seq: number;
}

export const encodeCursor = (job: Position): string => Buffer.from(JSON.stringify([job.createdAt, job.seq])).toString('base64url');

/** The position a cursor stands for, or undefined when it is not one this server wrote. */
export function decodeCursor(cursor: string): Position | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n))) return { createdAt: v[0], seq: v[1] };
  } catch {
    /* not ours */
  }
  return undefined;
}

/**
 * The `limit` newest jobs strictly older than `after` (all jobs when absent), newest first, and whether older ones
 * remain. O(n · limit) at worst with tiny constants; a page is small (≤ 1000).
 */
export function pageOf(jobs: Iterable<Job>, limit: number, after?: Position): { page: Job[]; more: boolean } {
  const page: Job[] = [];
  let more = false;
  for (const job of jobs) {
    if (after && !newerThan(after, job)) continue;
    if (page.length === limit) {
      if (!newerThan(job, page[limit - 1]!)) {
        more = true;
        continue;
      }
      page.pop();
      more = true;
    }
    // Insert in order (the page is short).
    let i = page.length;
    while (i > 0 && newerThan(job, page[i - 1]!)) i--;
    page.splice(i, 0, job);
  }
  return { page, more };
}

/** A short fingerprint of what a caller was sent: equal revisions mean an identical answer. */
export const revisionOf = (total: number, page: unknown): string => createHash('sha256').update(`${total}\n${JSON.stringify(page)}`).digest('base64url').slice(0, 16);

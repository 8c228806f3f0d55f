/** Settling embedded jobs: waiting for exactly the work the virtual clock makes due. */
import { needsItsFile, workDueBy } from '../jobs/job.js';
import type { Job } from './jobs.js';

/**
 * Waits for exactly the work that the clock's `now` makes due, each part signalled by the work itself, however long
 * it takes: the whole file of a job that needs it (see needsItsFile), and of a job not yet due only the share of its
 * work its time has come for (workDueBy), so its progress reads the same on any machine while the rest goes on in
 * the pool. The clock moves call it (through settleAll), so a poll right after a move reads the same answer on a fast
 * or a slow machine. With `maxWaitMs`, a caller that must answer promptly (a poll) waits at most that long.
 */
export async function settleJobs(
  jobs: Job | readonly Job[],
  store: {
    now: number;
    get(id: string): Job | undefined;
    progressAtLeast(id: string, fraction: number): Promise<void>;
  },
  maxWaitMs?: number,
): Promise<void> {
  const now = store.now;
  const pending: Promise<void>[] = [];
  for (const given of Array.isArray(jobs) ? jobs : [jobs as Job]) {
    // The copy may be older than the work: read the job as it is now.
    const job = store.get(given.id);
    const gen = job?.generation;
    if (!job || !gen || (gen.state !== 'pending' && gen.state !== 'running')) continue;
    const forcedNow = job.forced !== undefined && now >= job.forced.at;
    const failedByRecord = job.outcome.kind === 'failed' && now >= job.createdAt + job.queuedMs + job.runningMs;
    if (needsItsFile(job, now)) pending.push(gen.promise);
    else if (!forcedNow && !failedByRecord) pending.push(store.progressAtLeast(job.id, workDueBy(job, now)));
  }
  if (pending.length === 0) return;
  if (maxWaitMs === undefined) {
    await Promise.all(pending);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise<void>((r) => (timer = setTimeout(r, maxWaitMs)))]);
  clearTimeout(timer);
}

/** Whether any of the jobs has work under way by its current record: settleJobs would find nothing to wait for. */
export const anyWorking = (jobs: readonly Job[], stateOf: (id: string) => string | undefined): boolean =>
  jobs.some((job) => {
    const state = stateOf(job.id);
    return state === 'pending' || state === 'running';
  });

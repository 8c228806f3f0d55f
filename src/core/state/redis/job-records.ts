/** Reading jobs back from Redis: the record, its work and its late-read flag joined into the frozen Job handed out. */
import type { Redis } from 'ioredis';
import { needsItsFile, workDueBy } from '../../jobs/job.js';
import type { Generation, Job, SavedJob } from '../jobs.js';

export type Work = Omit<Generation<unknown>, 'promise' | 'seenLate'>;
export type JobRecord = Omit<SavedJob, 'generation' | 'faultsServed'>;

type Hashes = [unknown, { [id: string]: string }];

const DONE = Promise.resolve();

/** The frozen copy handed out; the work runs elsewhere, so its promise is already settled. */
export function joinJob(record: JobRecord, work: Work, seenLate: boolean): Job {
  const generation = Object.freeze({ ...work, ...(seenLate ? { seenLate } : {}), promise: DONE });
  return Object.freeze({ ...record, generation });
}

/** One job as stored, or undefined. */
export async function readJob<P, R>(redis: Redis, id: string): Promise<Job<P, R> | undefined> {
  const [[, record], [, work], [, seen]] = (await redis
    .multi()
    .hget('jobs', id)
    .hget('job-work', id)
    .hget('job-seen', id)
    .exec()) as unknown as [[unknown, string | null], [unknown, string | null], [unknown, string | null]];
  if (!record) return undefined;
  const w = work ? (JSON.parse(work) as Work) : { state: 'pending' as const, progress: 0 };
  return joinJob(JSON.parse(record) as JobRecord, w, seen === '1') as Job<P, R>;
}

/** Every job as stored. */
export async function readAllJobs(redis: Redis): Promise<Job[]> {
  const [[, records], [, works], [, seen]] = (await redis
    .multi()
    .hgetall('jobs')
    .hgetall('job-work')
    .hgetall('job-seen')
    .exec()) as unknown as Array<[unknown, { [id: string]: string }]> as [Hashes, Hashes, Hashes];
  return Object.entries(records).map(([id, text]) =>
    joinJob(
      JSON.parse(text) as JobRecord,
      works[id] !== undefined ? (JSON.parse(works[id]!) as Work) : { state: 'pending', progress: 0 },
      seen[id] === '1',
    ),
  );
}

/** Whether the work `now` makes due is there (the whole file, or the share of progress its time has come for). */
export function isWorkDue(job: Job, now: number): boolean {
  const gen = job.generation;
  if (gen.state !== 'pending' && gen.state !== 'running') return true;
  const forcedNow = job.forced !== undefined && now >= job.forced.at;
  const failedByRecord = job.outcome.kind === 'failed' && now >= job.createdAt + job.queuedMs + job.runningMs;
  if (needsItsFile(job, now)) return false;
  return forcedNow || failedByRecord || gen.progress >= workDueBy(job, now);
}

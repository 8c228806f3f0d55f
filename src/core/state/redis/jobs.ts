/**
 * Jobs on Redis, for several replicas. A job's record is in the `jobs` hash (what it was created with, changed only
 * through patch), what its work produced in `job-work` (state, progress, result, end), a late read in `job-seen`, the
 * once-only faults it served in a set of its own: each change one command, so no replica's write overwrites another's.
 * The work goes through a BullMQ queue on the same Redis: whichever replica's worker claims it rebuilds the task from
 * the record (its vendor's resumeJob) and writes the file into the shared DATA_DIR; when a replica dies mid-work,
 * BullMQ finds the job stalled and another replica's worker does it again (the same bytes: the world is a pure
 * function of the seed). A replica waits for work it does not run by reading the work's record (settle).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, type Job as QueueJob, Worker } from 'bullmq';
import { realElapsed } from '../../clock.js';
import { isLateRead, isSystemError, viewJob } from '../../jobs/job.js';
import type { GenerationTask, Job, JobInit, JobPatch, JobStore, JobView } from '../jobs.js';
import type { RedisState } from './connection.js';
import { RedisCounters } from './counters.js';
import { isWorkDue, type JobRecord, joinJob, readAllJobs, readJob, type Work } from './job-records.js';

const QUEUE = 'generation';
// Each accepted job gets a token from a counter a reset never clears; its queue entry carries it, and work writes only
// while the token is still the job's: work for a forgotten job-1 must not land in the new job-1 after a reset.
const OWN_WORK = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HSET', KEYS[2], ARGV[1], ARGV[3]) end`;
/** How often a replica reads the record of work another replica runs (settle). */
const POLL_MS = 20;
/** A replica that dies holds its work this long before another takes it over (BullMQ's lock). */
const LOCK_MS = 5_000;

export interface RedisJobOptions {
  now: () => number;
  concurrency: number;
  /** Rebuilds a job's work from its record (its vendor's resumeJob); set once the vendors are registered. */
  taskOf?: (job: Job) => GenerationTask<unknown> | undefined;
  onFault?: (job: Job, err: Error) => void;
}

export class RedisJobStore implements JobStore {
  private readonly counters: RedisCounters;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  /** Work this replica's worker runs now. */
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly shared: RedisState,
    readonly options: RedisJobOptions,
  ) {
    this.counters = new RedisCounters(shared);
    this.queue = new Queue(QUEUE, {
      connection: shared.redis.duplicate({ keyPrefix: '' }),
      prefix: shared.queuePrefix,
    });
  }

  /** Starts this replica's worker: from now on it claims work of any replica. */
  startWorker(): void {
    this.worker = new Worker(QUEUE, (job) => this.process(job), {
      connection: this.shared.redis.duplicate({ keyPrefix: '', maxRetriesPerRequest: null }),
      prefix: this.shared.queuePrefix,
      concurrency: this.options.concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: LOCK_MS,
      maxStalledCount: 100,
    });
    this.worker.on('error', () => undefined);
  }

  private async process(queued: QueueJob<{ id: string; token: number }>): Promise<void> {
    const { id, token } = queued.data;
    if ((await this.shared.redis.hget('job-token', id)) !== String(token)) return; // a job forgotten by a reset
    const job = await this.get(id);
    if (!job || job.generation.state === 'done' || job.generation.state === 'error') return;
    const task = this.options.taskOf?.(job);
    if (!task)
      return this.finish(job.id, token, { state: 'error', progress: 0, error: 'The export cannot be written here.' });
    const run = this.run(job, token, task);
    this.running.add(run);
    await run.finally(() => this.running.delete(run));
  }

  private async run(job: Job, token: number, task: GenerationTask<unknown>): Promise<void> {
    await this.ownWork(job.id, token, { state: 'running', progress: 0 });
    let progress = 0;
    let written = 0;
    try {
      const result = await task((f) => {
        progress = Math.max(progress, Math.min(1, f));
        // Progress goes to the record now and then (every 1%): other replicas wait on it (settle).
        if (progress - written >= 0.01) {
          written = progress;
          void this.ownWork(job.id, token, { state: 'running', progress });
        }
      }, new AbortController().signal);
      await this.finish(job.id, token, { state: 'done', progress: 1, result });
    } catch (err) {
      if (isSystemError(err)) this.options.onFault?.(job, err as Error);
      await this.finish(job.id, token, {
        state: 'error',
        progress,
        ...(isSystemError(err) ? {} : { error: (err as Error).message }),
      });
    }
  }

  private async finish(id: string, token: number, work: Work): Promise<void> {
    // A job forgotten meanwhile (reset, retention) gets no record back, nor does a new job that took its id.
    await this.ownWork(id, token, { ...work, finishedAt: this.options.now() });
  }

  private async ownWork(id: string, token: number, work: Work): Promise<void> {
    await this.shared.redis.eval(OWN_WORK, 2, 'job-token', 'job-work', id, String(token), JSON.stringify(work));
  }

  private async setWork(id: string, work: Work): Promise<void> {
    await this.shared.redis.hset('job-work', id, JSON.stringify(work));
  }

  private async accept(record: JobRecord): Promise<Job> {
    await this.shared.redis.hset('jobs', record.id, JSON.stringify(record));
    await this.setWork(record.id, { state: 'pending', progress: 0 });
    const token = await this.shared.redis.incr('job-token-seq');
    await this.shared.redis.hset('job-token', record.id, token);
    const entry = { id: record.id, token };
    await this.queue.add('export', entry, {
      jobId: `${record.id}-${token}`,
      removeOnComplete: true,
      removeOnFail: true,
    });
    return joinJob(record, { state: 'pending', progress: 0 }, false);
  }

  async create<P, R>(init: JobInit<P>, _task: GenerationTask<R>): Promise<Job<P, R>> {
    const seq = (await this.counters.take('job-seq'))! + 1;
    await this.counters.take(`job:${init.vendor}`);
    return (await this.accept({ ...init, seq })) as Job<P, R>;
  }

  async createNumbered<P, R>(
    vendor: string,
    build: (n: number) => { init: JobInit<P>; task: GenerationTask<R> },
  ): Promise<Job<P, R>> {
    // One INCR gives this replica the number: no other replica builds a job with the same id.
    const n = (await this.counters.take(`job:${vendor}`))! + 1;
    const { init } = build(n);
    const seq = (await this.counters.take('job-seq'))! + 1;
    return (await this.accept({ ...init, seq })) as Job<P, R>;
  }

  async get<P, R>(id: string): Promise<Job<P, R> | undefined> {
    return readJob(this.shared.redis, id);
  }

  async all(): Promise<Job[]> {
    return readAllJobs(this.shared.redis);
  }

  async list<P, R>(vendor: string, tenant?: string): Promise<Job<P, R>[]> {
    return (await this.all())
      .filter((j) => j.vendor === vendor && (tenant === undefined || j.tenant === tenant))
      .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq) as Job<P, R>[];
  }

  size(): Promise<number> {
    return this.shared.redis.hlen('jobs');
  }

  count(vendor: string): Promise<number> {
    return this.counters.peek(`job:${vendor}`);
  }

  async patch(id: string, change: JobPatch): Promise<Job | undefined> {
    const job = await this.get(id);
    if (!job) return undefined;
    const { generation, ...fields } = change;
    const { generation: current, ...record } = job;
    if (Object.keys(fields).length > 0)
      await this.shared.redis.hset('jobs', id, JSON.stringify({ ...record, ...fields }));
    if (generation) {
      const { promise: _p, seenLate: _s, ...work } = current;
      await this.setWork(id, { ...work, ...generation });
    }
    return this.get(id);
  }

  view<R>(job: Job<unknown, R>, now: number): JobView<R> {
    // HSET of a flag: idempotent, and it overwrites nothing another replica wrote.
    if (isLateRead(job, now)) void this.shared.redis.hset('job-seen', job.id, '1');
    return viewJob(job, now);
  }

  async claimFault(id: string, fault: string): Promise<boolean> {
    return (await this.shared.redis.sadd(`job-faults:${id}`, fault)) === 1;
  }

  async rewrite(id: string, task: GenerationTask<unknown>): Promise<Error | undefined> {
    try {
      const result = await task(() => undefined, new AbortController().signal);
      const job = await this.get(id);
      if (job) await this.patch(id, { generation: { result } });
      return undefined;
    } catch (err) {
      await this.patch(id, { generation: { state: 'error', error: undefined } });
      return err as Error;
    }
  }

  async remove(id: string): Promise<void> {
    await this.shared.redis
      .multi()
      .hdel('jobs', id)
      .hdel('job-work', id)
      .hdel('job-seen', id)
      .hdel('job-token', id)
      .del(`job-faults:${id}`)
      .exec();
  }

  async settle(jobs: Job | readonly Job[], maxWaitMs?: number): Promise<void> {
    const now = this.options.now();
    const until = maxWaitMs === undefined ? Number.POSITIVE_INFINITY : realElapsed() + maxWaitMs;
    let waiting = (Array.isArray(jobs) ? jobs : [jobs as Job]).map((j) => j.id);
    while (waiting.length > 0 && realElapsed() < until) {
      const fresh = await Promise.all(waiting.map((id) => this.get(id)));
      waiting = fresh.filter((j): j is Job => j !== undefined && !isWorkDue(j, now)).map((j) => j.id);
      if (waiting.length > 0) await sleep(POLL_MS);
    }
  }

  async settleAll(): Promise<void> {
    return this.settle(await this.all());
  }

  async reset(): Promise<void> {
    await this.queue.drain(true);
    await this.shared.redis.del('jobs', 'job-work', 'job-seen', 'job-token');
    const faults = await this.shared.keys('job-faults:*');
    if (faults.length > 0) await this.shared.redis.del(...faults);
    await this.counters.clear('job');
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    await this.worker?.close(true);
    await this.queue.close();
  }
}

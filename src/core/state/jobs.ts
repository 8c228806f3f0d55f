/**
 * Jobs as a store. A job has two parts kept apart: its record (who, when, how long, the outcome chosen at creation, what
 * its work produced) is storable, in memory, on disk or on Redis; its generation handle (the promise of work running in
 * this process, and its live progress) belongs to the process doing the work. A store hands out frozen copies that
 * join the two: a caller never changes a job in place, it asks the store (patch, markSeenLate, claimFault). The
 * decisions that must be taken once across replicas (a job's number, a fault served once) are one store operation each.
 */
import type { FileEffect, JobEffect } from '../scenarios/schema.js';
import type { Awaitable } from './awaitable.js';

type JobPhase = 'queued' | 'running' | 'succeeded' | 'failed';

/** What the job will end as, decided when it is created (scenarios will choose failures and stalls). */
export type JobOutcome = { kind: 'success' } | { kind: 'failed'; error: string } | { kind: 'stuck' };

export interface Generation<R> {
  state: 'pending' | 'running' | 'done' | 'error';
  /** Fraction of the real work done, 0..1. */
  progress: number;
  result?: R;
  error?: string;
  /** Virtual time at which the work finished. */
  finishedAt?: number;
  /**
   * Set when a read saw the job due but its file not yet written. Only then does the file's real writing time show in
   * the job's end time; otherwise the job ends exactly when due, however fast this machine wrote the file, so the
   * same requests on the same clock give the same answers on any machine.
   */
  seenLate?: boolean;
  promise: Promise<void>;
}

/** What scenarios asked of a job when it was created (see core/scenarios). */
export interface JobEffects {
  scenarios: string[];
  job: JobEffect;
  file: FileEffect;
}

/** A state forced through the admin API, from the instant it was forced. */
export interface ForcedState {
  phase: JobPhase;
  at: number;
  error?: string;
}

export interface Job<P = unknown, R = unknown> {
  id: string;
  vendor: string;
  tenant: string;
  /** Creation order across the vendor, for newest-first listings with ties on time. */
  seq: number;
  createdAt: number;
  queuedMs: number;
  runningMs: number;
  outcome: JobOutcome;
  params: P;
  generation: Generation<R>;
  effects?: JobEffects;
  forced?: ForcedState;
  /** File faults already served once (http_500_once, …). */
  faultsServed?: string[];
}

/**
 * The real work of a job: writes its file and resolves with its result. Usually it runs in the generation pool
 * (core/generation); `signal` aborts it when the job is forgotten before the work started.
 */
export type GenerationTask<R> = (report: (fraction: number) => void, signal: AbortSignal) => Promise<R>;

/** A job as written to DATA_DIR: everything but the promise of its running work. */
export type SavedJob = Omit<Job, 'generation'> & { generation: Omit<Generation<unknown>, 'promise'> };

export const savedJobOf = ({ generation: { promise: _promise, ...gen }, ...rest }: Job): SavedJob => ({
  ...rest,
  generation: gen,
});

export interface JobView<R> {
  phase: JobPhase;
  /** 0..1: the lesser of the time elapsed in the running phase and the real work done. */
  progress: number;
  /** Virtual time the job started running (undefined while queued). */
  startedAt?: number;
  /** Virtual time the job ended (undefined until it has). */
  endedAt?: number;
  result?: R;
  error?: string;
}

/** What a job is created from: everything but its number in the vendor's sequence and its generation. */
export type JobInit<P> = Omit<Job<P, unknown>, 'seq' | 'generation'>;

/** A change to a stored job: fields of its record, and of its generation's record (not its promise). */
export type JobPatch = Partial<Pick<Job, 'outcome' | 'forced' | 'queuedMs' | 'runningMs'>> & {
  generation?: Partial<Omit<Generation<unknown>, 'promise'>>;
};

export interface JobStore {
  /** Accepts a job and starts its work; answers it as stored. A failure (a full disk) creates nothing. */
  create<P, R>(init: JobInit<P>, task: GenerationTask<R>): Awaitable<Job<P, R>>;
  /**
   * Takes the vendor's next job number (1, 2, …; ids derive from it), builds the job from it and creates it: the
   * number is taken in one store operation, so two replicas never build two jobs with one id.
   */
  createNumbered<P, R>(
    vendor: string,
    build: (n: number) => { init: JobInit<P>; task: GenerationTask<R> },
  ): Awaitable<Job<P, R>>;
  get<P, R>(id: string): Awaitable<Job<P, R> | undefined>;
  /** Jobs of a vendor, optionally of one tenant, newest first. */
  list<P, R>(vendor: string, tenant?: string): Awaitable<Job<P, R>[]>;
  all(): Awaitable<Job[]>;
  /** How many jobs are kept (MAX_JOBS counts them). */
  size(): Awaitable<number>;
  /** How many jobs a vendor has created since the last reset (evictions do not lower it). */
  count(vendor: string): Awaitable<number>;
  /** Changes a stored job (a forced state, a test's outcome); answers it as stored, undefined when unknown. */
  patch(id: string, change: JobPatch): Awaitable<Job | undefined>;
  /**
   * The job at `now` (viewJob), recording a read that finds it due with its file unwritten: from then on its end time
   * shows the file's real writing time (see Generation.seenLate).
   */
  view<R>(job: Job<unknown, R>, now: number): JobView<R>;
  /** Claims a once-only file fault of a job (http_500_once…): true for exactly one caller across replicas. */
  claimFault(id: string, fault: string): Awaitable<boolean>;
  /** Writes a finished job's file again (it vanished); answers the failure, if any (the job then reads failed). */
  rewrite(id: string, task: GenerationTask<unknown>): Awaitable<Error | undefined>;
  /** Forgets one job (retention). */
  remove(id: string): Awaitable<void>;
  /**
   * Waits for the work that `now` makes due (see the embedded store); with `maxWaitMs`, at most that long. An embedded
   * store answers at once (no promise) when none of the jobs has work under way: the poll of a finished job.
   */
  settle(jobs: Job | readonly Job[], maxWaitMs?: number): Awaitable<void>;
  /** After a clock move: waits for every piece of work the move made due, with no time bound. */
  settleAll(): Promise<void>;
  /** Forgets every job; their work still queued is dropped, and work under way lands nowhere. */
  reset(): Awaitable<void>;
  /** Resolves when all generation work under way in this process has finished (close, tests). */
  drain(): Promise<void>;
}

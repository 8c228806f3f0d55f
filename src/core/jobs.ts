/**
 * Asynchronous export jobs, vendor-agnostic. A job's state is never stored: it is computed from the job record and
 * the clock (created at, phase durations, the outcome chosen at creation) and from its generation, the real work of
 * writing its file. A job is finished when its time has come *and* its file is written; a vendor maps the phases
 * below onto its own words (scheduled/exporting/done, INPROGRESS/SUCCESS, queued/started/finished).
 */
import { setMaxListeners } from 'node:events';
import { setImmediate as tick } from 'node:timers/promises';

export type JobPhase = 'queued' | 'running' | 'succeeded' | 'failed';

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
  job: import('./scenarios/schema.js').JobEffect;
  file: import('./scenarios/schema.js').FileEffect;
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

/** The job at `now`. Pure but for one mark: a read that finds the job due with its file unwritten records it (seenLate). */
export function viewJob<R>(job: Job<unknown, R>, now: number): JobView<R> {
  if (job.forced && now >= job.forced.at) return forcedView(job, job.forced);
  const startAt = job.createdAt + job.queuedMs;
  const dueAt = startAt + job.runningMs;
  const gen = job.generation;
  if (now < startAt) return { phase: 'queued', progress: 0 };
  const timeFraction = job.runningMs === 0 ? 1 : Math.min(1, (now - startAt) / job.runningMs);
  const genFraction = gen.state === 'done' ? 1 : gen.progress;
  const running = (cap: number): JobView<R> => ({
    phase: 'running',
    progress: Math.min(cap, timeFraction, genFraction),
    startedAt: startAt,
  });
  if (job.outcome.kind === 'stuck') return running(0.99);
  if (now < dueAt) return running(0.99);
  if (job.outcome.kind === 'failed')
    return { phase: 'failed', progress: timeFraction, startedAt: startAt, endedAt: dueAt, error: job.outcome.error };
  if (gen.state !== 'done' && gen.state !== 'error') {
    gen.seenLate = true;
    return running(0.99);
  }
  const endedAt = gen.seenLate ? Math.max(dueAt, gen.finishedAt ?? dueAt) : dueAt;
  if (gen.state === 'error')
    return { phase: 'failed', progress: genFraction, startedAt: startAt, endedAt, error: gen.error };
  return { phase: 'succeeded', progress: 1, startedAt: startAt, endedAt, result: gen.result };
}

function forcedView<R>(job: Job<unknown, R>, forced: ForcedState): JobView<R> {
  const startedAt = Math.min(forced.at, job.createdAt + job.queuedMs);
  const gen = job.generation;
  switch (forced.phase) {
    case 'queued':
      return { phase: 'queued', progress: 0 };
    case 'running':
      return { phase: 'running', progress: Math.min(0.99, gen.progress), startedAt };
    case 'failed':
      return {
        phase: 'failed',
        progress: gen.progress,
        startedAt,
        endedAt: forced.at,
        error: forced.error ?? 'Forced to fail through the admin API',
      };
    case 'succeeded':
      // A finished export needs its file: until it is written the job stays running.
      if (gen.state !== 'done') return { phase: 'running', progress: Math.min(0.99, gen.progress), startedAt };
      return {
        phase: 'succeeded',
        progress: 1,
        startedAt,
        endedAt: Math.max(forced.at, gen.finishedAt ?? forced.at),
        result: gen.result,
      };
  }
}

/**
 * Applies the job effects of scenarios to a job being created: phase durations, and the outcome (failed with the
 * vendor's default message unless the scenario gives one; stuck). `empty`, `no_data` and `volume_factor` are read by
 * the vendor's generator from `job.effects`.
 */
export function withEffects<P>(
  init: Omit<Job<P, unknown>, 'seq' | 'generation'>,
  effects: JobEffects | undefined,
  defaultError: string,
): Omit<Job<P, unknown>, 'seq' | 'generation'> {
  if (!effects || effects.scenarios.length === 0) return init;
  const e = effects.job;
  return {
    ...init,
    effects,
    queuedMs: e.queued_seconds !== undefined ? e.queued_seconds * 1000 : init.queuedMs,
    runningMs: e.running_seconds !== undefined ? e.running_seconds * 1000 : init.runningMs,
    outcome:
      e.outcome === 'failed'
        ? { kind: 'failed', error: e.error ?? defaultError }
        : e.outcome === 'stuck'
          ? { kind: 'stuck' }
          : init.outcome,
  };
}

/**
 * The real work of a job: writes its file and resolves with its result. Usually it runs in the generation pool
 * (core/generation); `signal` aborts it when the job is forgotten before the work started.
 */
export type GenerationTask<R> = (report: (fraction: number) => void, signal: AbortSignal) => Promise<R>;

/**
 * Whether a read of the job at `now` needs its file: its time has come for a job that will succeed, or it was forced
 * to succeed. A job that fails or stalls by its record reads the same whether its file exists or not.
 */
export function needsItsFile(job: Job, now: number): boolean {
  if (job.forced && now >= job.forced.at) return job.forced.phase === 'succeeded';
  return job.outcome.kind === 'success' && now >= job.createdAt + job.queuedMs + job.runningMs;
}

/**
 * How much of its work a job not yet due has had time for at `now`: the fraction of its whole life (queued and
 * running) elapsed, which is at least the running-phase fraction that viewJob reads. Progress is shown as the lesser
 * of time and real work; once the work has reached this fraction, the lesser is the clock's, on any machine.
 */
export function workDueBy(job: Job, now: number): number {
  const life = job.queuedMs + job.runningMs;
  return life === 0 ? 1 : Math.min(1, Math.max(0, (now - job.createdAt) / life));
}

/** A job as written to DATA_DIR: everything but the promise of its running work. */
export type SavedJob = Omit<Job, 'generation'> & { generation: Omit<Generation<unknown>, 'promise'> };

export const savedJobOf = ({ generation: { promise: _promise, ...gen }, ...rest }: Job): SavedJob => ({
  ...rest,
  generation: gen,
});

export class JobStore {
  // biome-ignore lint/suspicious/noExplicitAny: jobs of every vendor, each with its own parameter and result types
  private readonly jobs = new Map<string, Job<any, any>>();
  private seq = 0;
  /** Jobs created per vendor since the last reset; ids derive from it, so it never goes down when jobs are evicted. */
  private readonly created = new Map<string, number>();
  /** Work under way (the generation pool decides how much of it runs at once). */
  private readonly running = new Set<Promise<void>>();
  /** Aborted on reset, so that work queued before a reset is dropped and its results do not land in the new world. */
  private world = JobStore.newWorld();
  /** Callers waiting for a job's work to reach a fraction (see settle); resolved by its progress or its end. */
  private readonly progressWaiters = new Map<Generation<unknown>, Array<{ fraction: number; resolve: () => void }>>();
  /** Called when a job's work ends (persistence saves then). */
  onSettled: (job: Job) => void = () => undefined;
  /**
   * Called with a job before it is accepted, with the vendor's count of jobs including it: persistence puts it on disk
   * there, before any answer names it. If it throws, the job is not created and no id is used up.
   */
  onAccept: (job: Job, created: number) => void = () => undefined;
  /** Called when a job's work fails on a system error (ENOSPC, EIO…): the detail goes to the log. */
  onFault: (job: Job, err: Error) => void = () => undefined;
  /** Called when every job is forgotten (reset), for persistence's log. */
  onCleared: () => void = () => undefined;

  constructor(private readonly now: () => number) {}

  /** One signal for every job of the world: each of thousands of jobs listens to it while its work is queued. */
  private static newWorld(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  create<P, R>(init: Omit<Job<P, R>, 'seq' | 'generation'>, task: GenerationTask<R>): Job<P, R> {
    const generation: Generation<R> = { state: 'pending', progress: 0, promise: Promise.resolve() };
    const job: Job<P, R> = { ...init, seq: this.seq + 1, generation };
    const created = (this.created.get(job.vendor) ?? 0) + 1;
    this.onAccept(job as Job, created);
    this.seq = job.seq;
    this.created.set(job.vendor, created);
    this.schedule(job, task);
    this.jobs.set(job.id, job);
    return job;
  }

  /**
   * Starts the job's work now: its promise is the job's completion event, settled (never rejected) when the file is
   * written or the work failed. A crashed worker fails the job like any other failure of its work.
   */
  private schedule<R>(job: Job<unknown, R>, task: GenerationTask<R>): void {
    const generation = job.generation;
    const world = this.world.signal;
    const work = (async () => {
      generation.state = 'running';
      try {
        const result = await task((f) => {
          generation.progress = Math.max(generation.progress, Math.min(1, f));
          this.wakeProgress(generation);
        }, world);
        if (world.aborted) return;
        generation.result = result;
        generation.state = 'done';
        generation.progress = 1;
      } catch (err) {
        if (world.aborted) return;
        generation.state = 'error';
        // A system error (a full disk) is no message for a client: the vendor's own failure wording shows instead.
        generation.error = isSystemError(err) ? undefined : (err as Error).message;
        if (isSystemError(err)) this.onFault(job as Job, err as Error);
      }
      generation.finishedAt = this.now();
      this.onSettled(job as Job);
    })();
    generation.promise = work;
    this.running.add(work);
    void work.finally(() => {
      this.running.delete(work);
      for (const w of this.progressWaiters.get(generation) ?? []) w.resolve();
      this.progressWaiters.delete(generation);
    });
  }

  private wakeProgress(generation: Generation<unknown>): void {
    const waiters = this.progressWaiters.get(generation);
    if (!waiters) return;
    const still = waiters.filter((w) => (generation.progress >= w.fraction ? (w.resolve(), false) : true));
    if (still.length > 0) this.progressWaiters.set(generation, still);
    else this.progressWaiters.delete(generation);
  }

  /** Resolves when the work has reached `fraction` or ended. */
  private progressAtLeast(generation: Generation<unknown>, fraction: number): Promise<void> {
    if (generation.progress >= fraction || !(generation.state === 'pending' || generation.state === 'running'))
      return Promise.resolve();
    const reached = new Promise<void>((resolve) => {
      const waiters = this.progressWaiters.get(generation) ?? [];
      waiters.push({ fraction, resolve });
      this.progressWaiters.set(generation, waiters);
    });
    return Promise.race([reached, generation.promise]);
  }

  /** Jobs as plain data, for DATA_DIR. */
  snapshot(): { jobs: SavedJob[]; created: Record<string, number>; seq: number } {
    const jobs = [...this.jobs.values()].map(savedJobOf);
    return { jobs, created: Object.fromEntries(this.created), seq: this.seq };
  }

  /**
   * Puts saved jobs back. A job whose work had not finished is given its work again by `resume` (the vendor rebuilds
   * it from the job's parameters); without it, the job ends failed, as a real export lost in an outage would.
   */
  restore(
    saved: { jobs: SavedJob[]; created: Record<string, number>; seq: number },
    resume: (job: Job) => GenerationTask<unknown> | undefined,
  ): void {
    this.seq = saved.seq;
    for (const [vendor, n] of Object.entries(saved.created)) this.created.set(vendor, n);
    for (const s of saved.jobs) {
      const job: Job = { ...s, generation: { ...s.generation, promise: Promise.resolve() } };
      this.jobs.set(job.id, job);
      if (job.generation.state === 'pending' || job.generation.state === 'running') {
        const task = resume(job);
        job.generation.state = 'pending';
        job.generation.progress = 0;
        if (task) this.schedule(job, task);
        else
          Object.assign(job.generation, {
            state: 'error',
            error: 'The export was interrupted by a restart.',
            finishedAt: this.now(),
          });
      }
    }
  }

  /** Forgets one job (retention). */
  remove(id: string): void {
    this.jobs.delete(id);
  }

  get<P, R>(id: string): Job<P, R> | undefined {
    return this.jobs.get(id);
  }

  /** Jobs of a vendor, optionally of one tenant, newest first. */
  list<P, R>(vendor: string, tenant?: string): Job<P, R>[] {
    const out: Job<P, R>[] = [];
    for (const job of this.jobs.values())
      if (job.vendor === vendor && (tenant === undefined || job.tenant === tenant)) out.push(job);
    return out.sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }

  /** How many jobs a vendor has created since the last reset (for deterministic ids; evictions do not lower it). */
  count(vendor: string): number {
    return this.created.get(vendor) ?? 0;
  }

  /**
   * Waits for exactly the work that the clock's `now` makes due, each part signalled by the work itself, however long
   * it takes: the whole file of a job that needs it (see needsItsFile), and of a job not yet due only the share of its
   * work its time has come for (workDueBy), so its progress reads the same on any machine while the rest goes on in
   * the pool. The clock moves call it (through settleAll), so a poll right after a move reads the same answer on a fast
   * or a slow machine. With `maxWaitMs`, a caller that must answer promptly (a poll) waits at most that long.
   */
  async settle(jobs: Job | readonly Job[], maxWaitMs?: number): Promise<void> {
    const now = this.now();
    const pending: Promise<void>[] = [];
    for (const job of Array.isArray(jobs) ? jobs : [jobs as Job]) {
      const gen = job.generation;
      if (gen.state !== 'pending' && gen.state !== 'running') continue;
      const forcedNow = job.forced !== undefined && now >= job.forced.at;
      const failedByRecord = job.outcome.kind === 'failed' && now >= job.createdAt + job.queuedMs + job.runningMs;
      if (needsItsFile(job, now)) pending.push(gen.promise);
      else if (!forcedNow && !failedByRecord) pending.push(this.progressAtLeast(gen, workDueBy(job, now)));
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

  /**
   * After a clock move: waits for exactly the work that the move made due (and any due work still running), with no
   * time bound: the work signals its own completion.
   */
  settleAll(): Promise<void> {
    return this.settle([...this.jobs.values()]);
  }

  /** Forgets every job; their work still queued is dropped, and work under way lands nowhere. */
  reset(): void {
    this.jobs.clear();
    this.created.clear();
    this.seq = 0;
    this.world.abort();
    this.world = JobStore.newWorld();
    this.onCleared();
  }

  /** Resolves when all generation work under way has finished (used by close and by tests). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

/** An error from the operating system (it has a code and a syscall), as opposed to one the work itself raised. */
export const isSystemError = (err: unknown): boolean =>
  typeof (err as NodeJS.ErrnoException | null)?.code === 'string' &&
  typeof (err as NodeJS.ErrnoException).syscall === 'string';

/** Yields to the event loop every `every` iterations; generators call it between records. */
export function yielder(every: number): (i: number) => Promise<void> | undefined {
  return (i) => (i > 0 && i % every === 0 ? tick() : undefined);
}

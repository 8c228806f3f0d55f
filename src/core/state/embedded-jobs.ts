/**
 * The embedded job store: records in a Map (DATA_DIR persistence hooks in through onAccept/onSettled/snapshot/restore),
 * generation handles beside them. A job is handed out as a frozen copy joining its record and its handle's live
 * progress and promise; every change goes through a method here.
 */
import { isLateRead, isSystemError, viewJob } from '../jobs/job.js';
import { anyWorking, settleJobs } from './embedded-settle.js';
import { DONE, type Handle, joinHandle, newWorld, wakeProgress } from './job-handle.js';
import type { GenerationTask, Job, JobInit, JobPatch, JobStore, JobView, SavedJob } from './jobs.js';

export interface JobsSnapshot {
  jobs: SavedJob[];
  created: Record<string, number>;
  seq: number;
}

export class EmbeddedJobStore implements JobStore {
  private readonly records = new Map<string, SavedJob>();
  private readonly handles = new Map<string, Handle>();
  private seq = 0;
  /** Jobs created per vendor since the last reset; ids derive from it, so it never goes down when jobs are evicted. */
  private readonly created = new Map<string, number>();
  /** Work under way (the generation pool decides how much of it runs at once). */
  private readonly running = new Set<Promise<void>>();
  /** Aborted on reset, so that work queued before a reset is dropped and its results do not land in the new world. */
  private world = newWorld();
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

  create<P, R>(init: JobInit<P>, task: GenerationTask<R>): Job<P, R> {
    const record: SavedJob = { ...init, seq: this.seq + 1, generation: { state: 'pending', progress: 0 } };
    const created = (this.created.get(record.vendor) ?? 0) + 1;
    this.onAccept(this.join(record), created);
    this.seq = record.seq;
    this.created.set(record.vendor, created);
    this.records.set(record.id, record);
    this.schedule(record.id, task);
    return this.join(record) as Job<P, R>;
  }

  createNumbered<P, R>(vendor: string, build: (n: number) => { init: JobInit<P>; task: GenerationTask<R> }): Job<P, R> {
    // One process: the count and the create happen in one synchronous step, and a refused accept uses up no number.
    const { init, task } = build(this.count(vendor) + 1);
    return this.create(init, task);
  }

  /** The copy handed out: the record with its handle's live progress and promise, frozen. */
  private join(record: SavedJob): Job {
    return joinHandle(record, this.handles.get(record.id));
  }

  private update(id: string, change: (record: SavedJob) => SavedJob): SavedJob | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    const next = change(record);
    this.records.set(id, next);
    return next;
  }

  private setGeneration(id: string, generation: Partial<SavedJob['generation']>): void {
    this.update(id, (r) => ({ ...r, generation: { ...r.generation, ...generation } }));
  }

  /**
   * Starts the job's work now: its promise is the job's completion event, settled (never rejected) when the file is
   * written or the work failed. A crashed worker fails the job like any other failure of its work.
   */
  private schedule(id: string, task: GenerationTask<unknown>): void {
    const world = this.world.signal;
    const handle: Handle = { promise: DONE, progress: 0, waiters: [] };
    this.handles.set(id, handle);
    const work = (async () => {
      this.setGeneration(id, { state: 'running' });
      let ended: Partial<SavedJob['generation']>;
      try {
        const result = await task((f) => {
          handle.progress = Math.max(handle.progress, Math.min(1, f));
          wakeProgress(handle);
        }, world);
        if (world.aborted) return;
        handle.progress = 1;
        ended = { state: 'done', result, progress: 1 };
      } catch (err) {
        if (world.aborted) return;
        // A system error (a full disk) is no message for a client: the vendor's own failure wording shows instead.
        ended = {
          state: 'error',
          error: isSystemError(err) ? undefined : (err as Error).message,
          progress: handle.progress,
        };
        if (isSystemError(err)) this.onFault(this.get(id)!, err as Error);
      }
      this.setGeneration(id, { ...ended, finishedAt: this.now() });
      const record = this.records.get(id);
      if (record) this.onSettled(this.join(record));
    })();
    handle.promise = work;
    this.running.add(work);
    void work.finally(() => {
      this.running.delete(work);
      for (const w of handle.waiters) w.resolve();
      handle.waiters = [];
      // The record now holds what the work produced; a handle of a job still stored stays for its promise.
      if (!this.records.has(id)) this.handles.delete(id);
    });
  }

  /** Resolves when the work has reached `fraction` or ended. */
  private progressAtLeast(id: string, fraction: number): Promise<void> {
    const handle = this.handles.get(id);
    const state = this.records.get(id)?.generation.state;
    if (!handle || handle.progress >= fraction || !(state === 'pending' || state === 'running')) return DONE;
    const reached = new Promise<void>((resolve) => handle.waiters.push({ fraction, resolve }));
    return Promise.race([reached, handle.promise]);
  }

  /** Jobs as plain data, for DATA_DIR. */
  snapshot(): JobsSnapshot {
    const jobs = [...this.records.values()].map((r) => {
      const handle = this.handles.get(r.id);
      return handle ? { ...r, generation: { ...r.generation, progress: handle.progress } } : r;
    });
    return { jobs, created: Object.fromEntries(this.created), seq: this.seq };
  }

  /**
   * Puts saved jobs back. A job whose work had not finished is given its work again by `resume` (the vendor rebuilds
   * it from the job's parameters); without it, the job ends failed, as a real export lost in an outage would.
   */
  restore(saved: JobsSnapshot, resume: (job: Job) => GenerationTask<unknown> | undefined): void {
    this.seq = saved.seq;
    for (const [vendor, n] of Object.entries(saved.created)) this.created.set(vendor, n);
    for (const s of saved.jobs) {
      this.records.set(s.id, s);
      if (s.generation.state !== 'pending' && s.generation.state !== 'running') continue;
      this.setGeneration(s.id, { state: 'pending', progress: 0 });
      const task = resume(this.join(this.records.get(s.id)!));
      if (task) this.schedule(s.id, task);
      else
        this.setGeneration(s.id, {
          state: 'error',
          error: 'The export was interrupted by a restart.',
          finishedAt: this.now(),
        });
    }
  }

  remove(id: string): void {
    this.records.delete(id);
    const handle = this.handles.get(id);
    if (handle && !this.running.has(handle.promise)) this.handles.delete(id);
  }

  get<P, R>(id: string): Job<P, R> | undefined {
    const record = this.records.get(id);
    return record && (this.join(record) as Job<P, R>);
  }

  list<P, R>(vendor: string, tenant?: string): Job<P, R>[] {
    const out: Job<P, R>[] = [];
    for (const record of this.records.values())
      if (record.vendor === vendor && (tenant === undefined || record.tenant === tenant))
        out.push(this.join(record) as Job<P, R>);
    return out.sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  }

  all(): Job[] {
    return [...this.records.values()].map((r) => this.join(r));
  }

  size(): number {
    return this.records.size;
  }

  count(vendor: string): number {
    return this.created.get(vendor) ?? 0;
  }

  patch(id: string, change: JobPatch): Job | undefined {
    const { generation, ...fields } = change;
    const next = this.update(id, (r) => ({ ...r, ...fields, generation: { ...r.generation, ...generation } }));
    const handle = this.handles.get(id);
    if (handle && generation?.progress !== undefined) handle.progress = generation.progress;
    return next && this.join(next);
  }

  view<R>(job: Job<unknown, R>, now: number): JobView<R> {
    if (isLateRead(job, now)) this.setGeneration(job.id, { seenLate: true });
    return viewJob(job, now);
  }

  claimFault(id: string, fault: string): boolean {
    const served = this.records.get(id)?.faultsServed ?? [];
    if (served.includes(fault)) return false;
    this.update(id, (r) => ({ ...r, faultsServed: [...served, fault] }));
    return true;
  }

  rewrite(id: string, task: GenerationTask<unknown>): Promise<Error | undefined> {
    const work = task(() => undefined, new AbortController().signal).then(
      (result) => void this.setGeneration(id, { result }),
      (err: Error) => (this.setGeneration(id, { state: 'error', error: undefined }), err),
    );
    this.handles.set(id, { promise: work.then(() => undefined), progress: 1, waiters: [] });
    return work;
  }

  /** Waits for exactly the work that the clock's `now` makes due (see settleJobs); a poll waits at most `maxWaitMs`. */
  settle(jobs: Job | readonly Job[], maxWaitMs?: number): Promise<void> | undefined {
    // No work under way for any of them (a poll of a finished job): no promise at all, so a poll answers synchronously.
    const list: readonly Job[] = Array.isArray(jobs) ? jobs : [jobs as Job];
    if (!anyWorking(list, (id) => this.records.get(id)?.generation.state)) return undefined;
    const store = {
      now: this.now(),
      get: (id: string) => this.get(id),
      progressAtLeast: (id: string, f: number) => this.progressAtLeast(id, f),
    };
    return settleJobs(list, store, maxWaitMs);
  }

  settleAll(): Promise<void> {
    return this.settle(this.all()) ?? DONE;
  }

  reset(): void {
    this.records.clear();
    this.handles.clear();
    this.created.clear();
    this.seq = 0;
    this.world.abort();
    this.world = newWorld();
    this.onCleared();
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

/**
 * Asynchronous export jobs, vendor-agnostic. A job's state is never stored: it is computed from the job record and
 * the clock (created at, phase durations, the outcome chosen at creation) and from its generation, the real work of
 * writing its file. A job is finished when its time has come *and* its file is written; a vendor maps the phases
 * below onto its own words (scheduled/exporting/done, INPROGRESS/SUCCESS, queued/started/finished).
 */
import { setImmediate as tick } from 'node:timers/promises';
import type { ForcedState, Job, JobEffects, JobView } from '../state/jobs.js';

export type {
  Generation,
  GenerationTask,
  Job,
  JobEffects,
  JobOutcome,
  JobView,
  SavedJob,
} from '../state/jobs.js';
export { savedJobOf } from '../state/jobs.js';

/**
 * The job at `now`, a pure function of its copy. A read that finds the job due with its file unwritten is recorded by
 * the store (JobStore.view, see isLateRead): only then does the file's real writing time show in the end time.
 */
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
  if (gen.state !== 'done' && gen.state !== 'error') return running(0.99);
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

/**
 * Whether a read of the job at `now` finds it due with its file unwritten (the mark viewJob's end time reads through
 * Generation.seenLate). A forced state, a failure or a stall by the record read the same whatever the file.
 */
export function isLateRead(job: Job, now: number): boolean {
  if (job.forced && now >= job.forced.at) return false;
  if (job.outcome.kind !== 'success' || job.generation.seenLate) return false;
  const gen = job.generation.state;
  return now >= job.createdAt + job.queuedMs + job.runningMs && gen !== 'done' && gen !== 'error';
}

/** An error from the operating system (it has a code and a syscall), as opposed to one the work itself raised. */
export const isSystemError = (err: unknown): boolean =>
  typeof (err as NodeJS.ErrnoException | null)?.code === 'string' &&
  typeof (err as NodeJS.ErrnoException).syscall === 'string';

/** Yields to the event loop every `every` iterations; generators call it between records. */
export function yielder(every: number): (i: number) => Promise<void> | undefined {
  return (i) => (i > 0 && i % every === 0 ? tick() : undefined);
}

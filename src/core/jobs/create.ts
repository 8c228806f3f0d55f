/**
 * Creating a vendor's export job: created now, the configured phase durations, a successful outcome, then whatever
 * the request's scenarios change (durations, failure, stall). Every vendor with jobs creates them here. A worker that
 * dies writing the file fails the job with the vendor's own message (`defaultError`).
 *
 * The job's number in its vendor's sequence (ids derive from it) is taken by the store in one operation, and the job
 * is built from it (`build`). The work is built from the instant the job will finish (created + queued + running, after
 * the scenarios): files are stamped with it (ZIP entry times, Last-Modified), as export_ended_at and the link's signing
 * time say, never with the request time.
 */
import type { CoreContext } from '../context.js';
import { failingAs } from '../generation/engine.js';
import { type GenerationTask, type Job, type JobEffects, type JobOutcome, withEffects } from './job.js';

export interface ExportJobInit<P> {
  id: string;
  tenant: string;
  params: P;
  createdAt: number;
  outcome?: JobOutcome;
}

export async function createExportJob<P, R>(
  ctx: CoreContext,
  vendor: string,
  effects: JobEffects | undefined,
  defaultError: string,
  build: (n: number) => { init: ExportJobInit<P>; work: (finishesAt: number) => GenerationTask<R> },
): Promise<Job<P, R>> {
  return ctx.jobs.createNumbered<P, R>(vendor, (n) => {
    const { init, work } = build(n);
    const base = {
      ...init,
      vendor,
      queuedMs: ctx.config.JOB_QUEUED_SECONDS * 1000,
      runningMs: ctx.config.JOB_RUNNING_SECONDS * 1000,
      outcome: init.outcome ?? { kind: 'success' as const },
    };
    const job = withEffects(base, effects, defaultError);
    return { init: job, task: failingAs(defaultError, work(finishesAt(job))) };
  });
}

/** When a job's time has come: created, queued, then running (the instant its file is stamped with). */
export function finishesAt(job: Pick<Job, 'createdAt' | 'queuedMs' | 'runningMs'>): number {
  return job.createdAt + job.queuedMs + job.runningMs;
}

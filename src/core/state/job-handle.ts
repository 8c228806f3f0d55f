/** The in-process side of an embedded job: its work's handle, the frozen copy joining it to the record, the world. */
import { setMaxListeners } from 'node:events';
import type { Generation, Job, SavedJob } from './jobs.js';

/** The in-process part of a job: the promise of its work (its completion event) and its live progress. */
export interface Handle {
  promise: Promise<void>;
  progress: number;
  /** Callers waiting for the work to reach a fraction (see settle); resolved by its progress or its end. */
  waiters: Array<{ fraction: number; resolve: () => void }>;
}

export const DONE = Promise.resolve();

/** One signal for every job of the world: each of thousands of jobs listens to it while its work is queued. */
export function newWorld(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/**
 * The last copy handed out for each record. A store never changes a record in place (every change makes a new one),
 * so a copy is stale only when its handle's live progress or promise moved: a poll of a finished job reuses one copy
 * instead of two spreads and two freezes per read.
 */
const copies = new WeakMap<SavedJob, Job>();

/** The copy handed out: the record with its handle's live progress and promise, frozen. */
export function joinHandle(record: SavedJob, handle: Handle | undefined): Job {
  const progress = handle ? handle.progress : record.generation.progress;
  const promise = handle?.promise ?? DONE;
  const last = copies.get(record);
  if (last !== undefined && last.generation.progress === progress && last.generation.promise === promise) return last;
  const generation: Generation<unknown> = Object.freeze({ ...record.generation, progress, promise });
  const job: Job = Object.freeze({ ...record, generation });
  copies.set(record, job);
  return job;
}

/** Resolves the callers waiting for a fraction the work has now reached. */
export function wakeProgress(handle: Handle): void {
  if (handle.waiters.length === 0) return;
  handle.waiters = handle.waiters.filter((w) => (handle.progress >= w.fraction ? (w.resolve(), false) : true));
}

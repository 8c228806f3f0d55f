/**
 * The generation engine the server's context holds: runs a named task in the worker pool, gives its progress to the
 * caller, and takes the files the worker wrote into the object store's index. Work given before a reset is not
 * taken into the new world (its result is dropped and its job forgotten).
 */
import { availableParallelism } from 'node:os';
import type { ObjectStore } from '../storage/object-store.js';
import { WorkerCrash, WorkerPool } from './pool.js';
import type { TaskDefinition } from './task.js';

/**
 * Each worker's V8 old-generation limit. Generation streams (a batch of records, one ZIP entry, the world's day plans
 * and faker's tables are alive at once), so a worker's heap does not grow with the export: sampled inside the worker,
 * its used heap (young generation included) peaked at 52 MB for Sendbird 100k records, 47 MB for Seasalt 10k
 * conversations, 53 MB for a Zendesk day of 114k, 34 MB for Kore 94k. 128 MB leaves over twice that for a busier day
 * or a bigger plan, and keeps a runaway export from taking the server with it: a worker past it dies alone, failing
 * its one job in the vendor's way.
 */
const WORKER_HEAP_MB = 128;

/**
 * Each worker's young generation: 16 MB, which V8 (Node 20) gives as two 8 MB semi-spaces; 32 to 48 MB, and V8's own
 * default for a 128 MB heap, all give two of 16 MB. Measured against 48 MB (100k records, process CPU time, alternating,
 * load ~6): Zendesk +3 %, Kore +5 %, Sendbird no difference; peak RSS -17 MB for one export and -32 MB for two at
 * once, which is what keeps two big exports under 256 MB.
 */
const WORKER_YOUNG_MB = 16;

/** A worker idle this long (real ms) exits and gives back its ~50 MB; a burst of exports keeps its workers. */
const WORKER_IDLE_MS = 1000;

/** Default pool size: one worker per core, at least two so a big export never holds a small one. */
const defaultWorkerCount = (): number => Math.max(2, availableParallelism());

/** The generation was given before a reset: its result belongs to a world that no longer exists. */
class GenerationDiscarded extends Error {
  override name = 'GenerationDiscarded';
}

export class GenerationEngine {
  private epoch = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number,
    private readonly pool: WorkerPool,
  ) {}

  /** Runs `task` with `params` in a worker; resolves with its result once its files are in the store. */
  async run<P, R>(
    task: TaskDefinition<P, R>,
    params: P,
    report: (fraction: number) => void = () => undefined,
    signal?: AbortSignal,
  ): Promise<R> {
    const epoch = this.epoch;
    const { result, objects } = await this.pool.run({
      name: task.name,
      module: task.module,
      params,
      root: this.store.location,
      now: this.now(),
      onProgress: report,
      signal,
    });
    if (epoch !== this.epoch) throw new GenerationDiscarded(`${task.name}: discarded by a reset`);
    this.store.adopt(objects);
    return result as R;
  }

  /** Forgets work given so far: what it writes is not taken into storage's index. */
  reset(): void {
    this.epoch++;
  }
}

/**
 * One pool per size in a process: servers built in the same process (tests, a library user's several mocks) share
 * the cores, so they share the workers too, and a worker's start (its modules, faker's tables) is paid once.
 */
const pools = new Map<number, WorkerPool>();

function sharedPool(workers: number): WorkerPool {
  const size = Math.max(2, workers);
  let pool = pools.get(size);
  if (!pool)
    pools.set(
      size,
      (pool = new WorkerPool({
        size,
        maxOldGenerationSizeMb: WORKER_HEAP_MB,
        maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
        idleMs: WORKER_IDLE_MS,
      })),
    );
  return pool;
}

/** The engine of one server: its own store and clock, the process's pool of `workers` threads. */
export function createGenerationEngine(
  store: ObjectStore,
  now: () => number,
  workers = defaultWorkerCount(),
): GenerationEngine {
  return new GenerationEngine(store, now, sharedPool(workers));
}

/**
 * Wraps a job's task so that a crashed worker (heap limit, uncaught error) fails the job with the vendor's own
 * message for a failed export, not with the thread's last words.
 */
export function failingAs<R>(message: string, task: (report: (f: number) => void, signal: AbortSignal) => Promise<R>) {
  return (report: (f: number) => void, signal: AbortSignal): Promise<R> =>
    task(report, signal).catch((err: unknown) => {
      throw err instanceof WorkerCrash ? new Error(message) : err;
    });
}

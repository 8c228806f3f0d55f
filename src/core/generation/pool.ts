/**
 * A pool of worker threads for generation. Tasks wait in one queue and start as soon as a worker is free; a worker is
 * started on demand, up to `size`, so a server that never exports starts no thread. Each worker's heap is bounded; a
 * worker that crashes or dies of its heap limit fails the task it held (WorkerCrash), and the next task gets a fresh
 * worker in its place. Idle workers do not keep the process alive, and exit after `idleMs`; a busy one does, so a CLI
 * waiting for a file ends only when the file is written.
 */
import { Worker } from 'node:worker_threads';
import type { StoredObject } from '../storage/object-store.js';
import type { RunMessage, WorkerMessage } from './protocol.js';
import { siblingModule } from './task.js';

/** The thread died (uncaught error, heap limit, exit) while running a task. */
export class WorkerCrash extends Error {
  override name = 'WorkerCrash';
}

export interface PoolOptions {
  size: number;
  /** V8 old-generation limit of each worker, MB. */
  maxOldGenerationSizeMb: number;
  /** V8 young-generation size of each worker, MB (default: V8's, derived from the old-generation limit). */
  maxYoungGenerationSizeMb?: number;
  /**
   * Real milliseconds a worker may stay idle before it exits: an idle worker holds ~50 MB (its isolate, faker, the
   * world's tables), which a server that is not exporting should give back. The next task starts a new one.
   */
  idleMs?: number;
}

export interface TaskRun {
  name: string;
  module: string;
  params: unknown;
  root: string;
  now: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

interface Queued extends TaskRun {
  id: number;
  resolve(value: { result: unknown; objects: StoredObject[] }): void;
  reject(err: Error): void;
}

interface PoolWorker {
  thread: Worker;
  current?: Queued;
  idleTimer?: NodeJS.Timeout;
  /** Set once the thread has died, so its 'error' and 'exit' fail its task once. */
  dead?: boolean;
}

const WORKER_URL = new URL(siblingModule(import.meta.url, 'worker'));

/**
 * From the built `dist/` the worker is plain JavaScript. From sources (vitest, tsx) it is TypeScript: the thread first
 * registers tsx's loader (tsx-worker.mjs), then imports the worker (`execArgv: ['--import', 'tsx']` does not reach a worker's module
 * loader on Node 20: it fails with "Unknown file extension .ts").
 */
function workerEntry(): { entry: URL; workerData?: { entry: string } } {
  if (!WORKER_URL.pathname.endsWith('.ts')) return { entry: WORKER_URL };
  return { entry: new URL('./tsx-worker.mjs', import.meta.url), workerData: { entry: WORKER_URL.href } };
}

export class WorkerPool {
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: Queued[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  get size(): number {
    return this.options.size;
  }

  /** Threads alive now (busy or idle). */
  get threads(): number {
    return this.workers.size;
  }

  run(task: TaskRun): Promise<{ result: unknown; objects: StoredObject[] }> {
    if (this.closed) return Promise.reject(new Error('the generation pool is closed'));
    return new Promise((resolve, reject) => {
      const onAbort = () => this.dropQueued(queued);
      const queued: Queued = {
        ...task,
        id: ++this.nextId,
        resolve: (v) => (task.signal?.removeEventListener('abort', onAbort), resolve(v)),
        reject: (e) => (task.signal?.removeEventListener('abort', onAbort), reject(e)),
      };
      task.signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(queued);
      this.dispatch();
    });
  }

  /** Terminates every thread; running and queued tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new Error('the generation pool is closed'));
    await Promise.all([...this.workers].map((w) => this.kill(w, new Error('the generation pool is closed'))));
  }

  private dropQueued(queued: Queued): void {
    const i = this.queue.indexOf(queued);
    if (i < 0) return;
    this.queue.splice(i, 1);
    queued.reject(new Error('generation cancelled'));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker = [...this.workers].find((w) => !w.current && !w.dead);
      if (!worker && this.workers.size < this.options.size) worker = this.spawn();
      if (!worker) return;
      const task = this.queue.shift()!;
      clearTimeout(worker.idleTimer);
      worker.current = task;
      worker.thread.ref();
      const msg: RunMessage = {
        id: task.id,
        name: task.name,
        module: task.module,
        params: task.params,
        root: task.root,
        now: task.now,
      };
      worker.thread.postMessage(msg);
    }
  }

  private spawn(): PoolWorker {
    const { entry, workerData } = workerEntry();
    const thread = new Worker(entry, {
      workerData,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb,
        ...(this.options.maxYoungGenerationSizeMb
          ? { maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb }
          : {}),
      },
      // Output of a task goes to the parent's streams; no stdin.
      stdin: false,
    });
    const worker: PoolWorker = { thread };
    this.workers.add(worker);
    thread.on('message', (m: WorkerMessage) => this.onMessage(worker, m));
    thread.on('error', (err) => this.onDeath(worker, err));
    thread.on('exit', (code) => this.onDeath(worker, new Error(`the generation worker exited with code ${code}`)));
    thread.unref();
    return worker;
  }

  private onMessage(worker: PoolWorker, m: WorkerMessage): void {
    const task = worker.current;
    if (!task || task.id !== m.id) return;
    if (m.kind === 'progress') {
      task.onProgress?.(m.fraction);
      return;
    }
    worker.current = undefined;
    worker.thread.unref();
    if (m.kind === 'done') task.resolve({ result: m.result, objects: m.objects });
    else
      task.reject(
        m.code ? Object.assign(new Error(m.message), { code: m.code, syscall: m.syscall }) : new Error(m.message),
      );
    this.dispatch();
    if (!worker.current) this.retireWhenIdle(worker);
  }

  private retireWhenIdle(worker: PoolWorker): void {
    const idleMs = this.options.idleMs;
    if (idleMs === undefined) return;
    worker.idleTimer = setTimeout(() => {
      if (worker.current || worker.dead) return;
      worker.dead = true;
      this.workers.delete(worker);
      void worker.thread.terminate();
    }, idleMs);
    worker.idleTimer.unref();
  }

  private onDeath(worker: PoolWorker, err: Error): void {
    if (worker.dead) return;
    worker.dead = true;
    this.workers.delete(worker);
    const task = worker.current;
    worker.current = undefined;
    task?.reject(new WorkerCrash(`${task.name}: ${err.message}`));
    // The thread may still be alive after an 'error' (never after 'exit'): make sure it is gone.
    void worker.thread.terminate();
    if (!this.closed) this.dispatch();
  }

  private async kill(worker: PoolWorker, err: Error): Promise<void> {
    clearTimeout(worker.idleTimer);
    const task = worker.current;
    worker.dead = true;
    worker.current = undefined;
    this.workers.delete(worker);
    task?.reject(err);
    await worker.thread.terminate();
  }
}

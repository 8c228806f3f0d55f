/**
 * Generation tasks: the CPU-bound writing of an export file, run in a worker thread. A task is addressed by a name and
 * the URL of its module, and given plain data (structured-clonable) params; its module exports `run(params, io)`,
 * which writes the file through `io.store` itself, so the file's bytes never cross the thread boundary.
 */
import type { StoredObject } from '../storage/object-store.js';

/** What a vendor's writer needs of the server: a place to put files and the time to stamp them with. */
export interface GenerationIO {
  store: {
    put(
      meta: Omit<StoredObject, 'size' | 'etag'>,
      produce: (out: import('node:stream').Writable) => Promise<void>,
    ): Promise<StoredObject>;
    delete(bucket: string, key: string): Promise<void>;
  };
  clock: { now(): number };
}

/** What a task's `run` receives besides its params: storage, the clock as it read when the task was given, progress. */
export interface TaskIO extends GenerationIO {
  report(fraction: number): void;
}

/** The shape of a task module: `export async function run(params, io) { … }`. */
export interface TaskModule<P = unknown, R = unknown> {
  run(params: P, io: TaskIO): Promise<R>;
}

/** A task as the main thread names it; P and R only type the call. */
export interface TaskDefinition<P, R> {
  name: string;
  /** file: URL of the module a worker imports. */
  module: string;
  /** Phantom fields for inference. */
  readonly _types?: { params: P; result: R };
}

/**
 * The URL of a sibling module of `callerUrl` (pass `import.meta.url`), with the caller's own extension: `.ts` when
 * running from sources (vitest, tsx), `.js` from the built `dist/`.
 */
export function siblingModule(callerUrl: string, basename: string): string {
  const ext = /\.([cm]?[jt]s)$/.exec(new URL(callerUrl).pathname)?.[1] ?? 'js';
  return new URL(`./${basename}.${ext}`, callerUrl).href;
}

export function defineTask<P, R>(name: string, module: string): TaskDefinition<P, R> {
  return { name, module };
}

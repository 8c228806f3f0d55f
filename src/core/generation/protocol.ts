/** Messages between the pool (main thread) and its workers. Plain data only. */
import type { StoredObject } from '../storage/object-store.js';

export interface RunMessage {
  id: number;
  name: string;
  module: string;
  params: unknown;
  /** The object store's folder: the worker writes files there itself. */
  root: string;
  /** The virtual clock when the task was given (files are stamped with it). */
  now: number;
}

export type WorkerMessage =
  | { id: number; kind: 'progress'; fraction: number }
  /** `objects`: every object the task left in storage, for the main thread's index. */
  | { id: number; kind: 'done'; result: unknown; objects: StoredObject[] }
  /** `code`/`syscall`: an operating-system error's (a full disk), so the job reads as the vendor's own failure. */
  | { id: number; kind: 'failed'; message: string; code?: string; syscall?: string };

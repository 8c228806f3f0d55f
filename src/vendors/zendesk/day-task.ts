/** Runs in a generation worker (core/generation): writes one Zendesk day's shards into storage. */
import type { TaskIO } from '../../core/generation/task.js';
import type { StoredObject } from '../../core/storage/object-store.js';
import { type DayRequest, writeDay } from './export-file.js';

export function run(req: DayRequest, io: TaskIO): Promise<StoredObject[]> {
  return writeDay(io, req);
}

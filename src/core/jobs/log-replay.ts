/** Replaying DATA_DIR/jobs.log over the last state.json save. */

import type { SavedState } from '../durability/state-file.js';
import type { StoredObject } from '../storage/object-store.js';
import type { LogRecord } from './log.js';

/**
 * Puts the log's records after a save over that save: accepted jobs (with their vendor's count, so ids are never handed
 * out twice), their finished work, written objects; a reset forgets everything before it.
 */
export function replay(
  saved: SavedState['jobs'],
  savedObjects: StoredObject[],
  records: LogRecord[],
): { jobs: SavedState['jobs']; objects: StoredObject[] } {
  let jobs = new Map(saved.jobs.map((j) => [j.id, j]));
  let created = { ...saved.created };
  let seq = saved.seq;
  let objects = new Map(savedObjects.map((o) => [`${o.bucket}/${o.key}`, o]));
  for (const r of records) {
    if ('accept' in r) {
      jobs.set(r.accept.id, r.accept);
      created[r.accept.vendor] = Math.max(created[r.accept.vendor] ?? 0, r.created);
      seq = Math.max(seq, r.accept.seq);
    } else if ('settled' in r) {
      const job = jobs.get(r.settled.id);
      if (job) jobs.set(job.id, { ...job, generation: r.settled.generation });
    } else if ('object' in r) {
      objects.set(`${r.object.bucket}/${r.object.key}`, r.object);
    } else {
      jobs = new Map();
      created = {};
      seq = 0;
      objects = new Map();
    }
  }
  return { jobs: { jobs: [...jobs.values()], created, seq }, objects: [...objects.values()] };
}

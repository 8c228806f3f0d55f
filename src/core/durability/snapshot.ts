/** What a DATA_DIR save holds: the parts of the runtime that persist, and the state read from them. */
import { wallClock } from '../clock.js';
import type { JobLog } from '../jobs/log.js';
import type { Journal } from '../journal/journal.js';
import type { ClockStore } from '../state/clock.js';
import type { EmbeddedJobStore } from '../state/embedded-jobs.js';
import type { RateLimitStore } from '../state/rate-limits.js';
import type { ScenarioStore } from '../state/scenarios.js';
import type { ObjectStore } from '../storage/object-store.js';
import { type SavedState, STATE_VERSION } from './state-file.js';

export interface Persisted {
  clock: ClockStore;
  jobs: EmbeddedJobStore;
  store: ObjectStore;
  scenarios: ScenarioStore;
  limiter: RateLimitStore;
  journal: Journal;
  vendorState: Map<string, { save(): unknown; load(data: unknown): void | Promise<void> }>;
}

/** The state to save, read from the parts in one go once the one read that may wait is done. */
export async function snapshotOf(p: Persisted, log: JobLog): Promise<SavedState> {
  // The one read that may wait comes first: everything after it (jobs, the log's position) is read in one go.
  const scenarios = await p.scenarios.list();
  const vendors = Object.fromEntries(await Promise.all([...p.vendorState].map(async ([k, v]) => [k, await v.save()])));
  return {
    version: STATE_VERSION,
    clock: { virtual: p.clock.now(), real: wallClock(), frozen: p.clock.frozen },
    jobs: p.jobs.snapshot(),
    objects: p.store.snapshot(),
    scenarios,
    limits: p.limiter.state(),
    journal: p.journal.snapshot(),
    vendors,
    log: log.position,
  };
}

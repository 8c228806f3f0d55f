/**
 * DATA_DIR: jobs, scenarios, rate-limit switches, the clock offset, the journal (bounded) and vendor state are saved
 * to DATA_DIR/state.json; generated files live in DATA_DIR/objects. Saving is atomic (write a temporary file, fsync,
 * rename over the old one, fsync the folder), so a kill -9 at any moment leaves the previous or the new state, never
 * half of one. Saves are coalesced: at most one every SAVE_INTERVAL_MS while something changed, and one on close.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import type { JobStore, SavedJob } from './jobs.js';
import type { Journal, JournalEntry } from './journal.js';
import type { RateLimiter } from './scenarios/rate-limiter.js';
import type { Scenario, ScenarioStore } from './scenarios/store.js';
import type { ObjectStore, StoredObject } from './storage.js';

const SAVE_INTERVAL_MS = 250;
const STATE_VERSION = 1;

export interface SavedState {
  version: number;
  /** Real and virtual time at the save: the clock's offset from real time is what survives. */
  clock: { virtual: number; real: number; frozen: boolean };
  jobs: { jobs: SavedJob[]; created: Record<string, number>; seq: number };
  objects: StoredObject[];
  scenarios: Scenario[];
  limits: { default: boolean; switches: Record<string, boolean> };
  journal: { entries: JournalEntry[]; nextId: number };
  vendors: Record<string, unknown>;
}

export interface Persisted {
  clock: Clock;
  jobs: JobStore;
  store: ObjectStore;
  scenarios: ScenarioStore;
  limiter: RateLimiter;
  journal: Journal;
  vendorState: Map<string, { save(): unknown; load(data: unknown): void }>;
}

export class Persistence {
  private dirty = false;
  private saving: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string;
  private closed = false;
  /** Where a failed save is reported (the server's logger). */
  onError: (err: Error) => void = () => undefined;

  constructor(
    private readonly dir: string,
    private readonly parts: Persisted,
  ) {
    this.file = join(dir, 'state.json');
  }

  /** Loads the saved state, if any; `resume` rebuilds the work of jobs that had not finished. */
  async load(resume: Parameters<JobStore['restore']>[1]): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return false;
    }
    const state = JSON.parse(text) as SavedState;
    if (state.version !== STATE_VERSION) throw new Error(`DATA_DIR: ${this.file} has state version ${state.version}, expected ${STATE_VERSION}`);
    const p = this.parts;
    p.clock.set(state.clock.frozen ? state.clock.virtual : state.clock.virtual + (Date.now() - state.clock.real), state.clock.frozen);
    p.store.restore(state.objects);
    p.jobs.restore(state.jobs, resume);
    p.scenarios.restore(state.scenarios);
    p.limiter.restore(state.limits);
    p.journal.restore(state.journal);
    for (const [key, part] of p.vendorState) if (key in state.vendors) part.load(state.vendors[key]);
    return true;
  }

  /** Marks state as changed; a save follows within SAVE_INTERVAL_MS. */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err: Error) => this.onError(err));
    }, SAVE_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** Saves now if anything changed (and waits for a save under way). */
  async flush(): Promise<void> {
    while (this.saving) await this.saving;
    if (!this.dirty) return;
    this.dirty = false;
    this.saving = this.write().finally(() => (this.saving = undefined));
    await this.saving;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = true;
    await this.flush();
    this.closed = true;
  }

  private snapshot(): SavedState {
    const p = this.parts;
    return {
      version: STATE_VERSION,
      clock: { virtual: p.clock.now(), real: Date.now(), frozen: p.clock.frozen },
      jobs: p.jobs.snapshot(),
      objects: p.store.snapshot(),
      scenarios: p.scenarios.list(),
      limits: p.limiter.state(),
      journal: p.journal.snapshot(),
      vendors: Object.fromEntries([...p.vendorState].map(([k, v]) => [k, v.save()])),
    };
  }

  private async write(): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(this.snapshot()));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    // Make the rename itself durable.
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}

/**
 * DATA_DIR: jobs, scenarios, rate-limit switches, the clock offset, the journal (bounded) and vendor state are saved
 * to DATA_DIR/state.json; generated files live in DATA_DIR/objects. Saving is atomic (write a temporary file, fsync,
 * rename over the old one, fsync the folder), so a kill -9 at any moment leaves the previous or the new state, never
 * half of one. Saves are coalesced: at most one every SAVE_INTERVAL_MS while something changed, and one on close.
 * Between two saves, what must not be lost (accepted jobs, finished work, written objects, resets) goes to the
 * append-only DATA_DIR/jobs.log (job-log.ts) as it happens; a load replays the log over state.json.
 */
import { readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../config.js';
import { wallClock } from '../clock.js';
import { type Job, type SavedJob, savedJobOf } from '../jobs/job.js';
import { JobLog } from '../jobs/log.js';
import { replay } from '../jobs/log-replay.js';
import type { Scenario } from '../scenarios/store.js';
import type { EmbeddedJobStore } from '../state/embedded-jobs.js';
import type { StoredObject } from '../storage/object-store.js';
import { type Persisted, snapshotOf } from './snapshot.js';
import { moveAside, readStateFile, type SavedState, writeAtomically } from './state-file.js';

const SAVE_INTERVAL_MS = 250;

export interface LoadOptions {
  /** Rebuilds the work of a job (its vendor's resumeJob), for jobs that had not finished and files that vanished. */
  resume: Parameters<EmbeddedJobStore['restore']>[1];
  /** RECOVER: move a state file that cannot be loaded aside and start clean, instead of refusing to start. */
  recover: boolean;
  /** Where what the load did is reported (the server's log, at warn level). */
  warn: (message: string) => void;
  /** Reads a job as its vendor shows it; throws when the job's record is one the vendor cannot read. */
  check?: (job: Job) => void;
}

export class Persistence {
  private dirty = false;
  private saving: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string;
  private readonly log: JobLog;
  private closed = false;
  /** Where a failed save is reported (the server's logger). */
  onError: (err: Error) => void = () => undefined;

  constructor(
    private readonly dir: string,
    private readonly parts: Persisted,
  ) {
    this.file = join(dir, 'state.json');
    this.log = new JobLog(join(dir, 'jobs.log'));
  }

  /**
   * Loads the saved state, if any, and the job log after it. A file that cannot be loaded is a ConfigError naming the
   * file and the field (the CLI exits 2), or with `recover` is moved aside for a clean start. Leftovers of a kill
   * (temporary and .partial files) are removed first; a finished job whose file vanished gets it written again.
   */
  async load(opts: LoadOptions): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    this.removeLeftovers();
    let loaded: Awaited<ReturnType<typeof readStateFile>>;
    try {
      loaded = await readStateFile(this.file, this.log);
    } catch (err) {
      if (!(err instanceof ConfigError) || !opts.recover) throw err;
      const moved = moveAside([this.file, this.log.file]);
      opts.warn(`${err.message}. RECOVER: moved ${moved.join(' and ')} aside and started with an empty state`);
      loaded = await readStateFile(this.file, this.log);
    }
    const { state, logged } = loaded;
    const p = this.parts;
    if (state) {
      await p.clock.set(
        state.clock.frozen ? state.clock.virtual : state.clock.virtual + (wallClock() - state.clock.real),
        state.clock.frozen,
      );
      await p.scenarios.restore(state.scenarios as Scenario[]);
      await p.limiter.restore(state.limits);
      p.journal.restore(state.journal as unknown as SavedState['journal']);
      for (const [key, part] of p.vendorState) {
        if (!(key in state.vendors)) continue;
        try {
          await part.load(state.vendors[key]);
        } catch (err) {
          const problem = `DATA_DIR: ${this.file}: vendors.${key}: ${(err as Error).message}`;
          if (!opts.recover) throw new ConfigError(problem);
          opts.warn(`${problem}. RECOVER: started without it`);
        }
      }
    }
    const merged = replay(
      (state?.jobs as SavedState['jobs'] | undefined) ?? { jobs: [], created: {}, seq: 0 },
      (state?.objects as StoredObject[] | undefined) ?? [],
      logged.records,
    );
    merged.jobs.jobs = merged.jobs.jobs.filter((job) => this.readable(job, opts));
    const vanished = p.store.restore(merged.objects);
    p.jobs.restore(merged.jobs, opts.resume);
    await this.regenerate(vanished, opts);
    this.log.open(logged.last, logged.validBytes);
    this.record();
    return state !== undefined || logged.records.length > 0;
  }

  /**
   * Whether the job's vendor can read it (its parameters are the vendor's own, so only the vendor can tell). Checked on
   * a copy: reading a job may mark it. An unreadable job is a ConfigError, or with RECOVER is dropped with a warning.
   */
  private readable(job: SavedJob, opts: LoadOptions): boolean {
    try {
      opts.check?.({
        ...structuredClone(job),
        generation: { ...structuredClone(job.generation), promise: Promise.resolve() },
      });
      return true;
    } catch (err) {
      const problem = `DATA_DIR: ${this.file}: job ${job.id} (${job.vendor}) cannot be read by its vendor (${(err as Error).message})`;
      if (!opts.recover) throw new ConfigError(problem);
      opts.warn(`${problem}. RECOVER: dropped it`);
      return false;
    }
  }

  /** Temporary files of saves a kill cut short, and half-written objects. */
  private removeLeftovers(): void {
    for (const name of readdirSync(this.dir))
      if (/\.\d+\.tmp$/.test(name)) rmSync(join(this.dir, name), { force: true });
    this.parts.store.removePartials();
  }

  /**
   * A finished job whose file vanished from disk gets it written again (the world is a pure function of the seed, so
   * the bytes and the link are the same), before the server answers; if it cannot be, the job ends failed in the
   * vendor's own words. Both are logged.
   */
  private async regenerate(vanished: StoredObject[], opts: LoadOptions): Promise<void> {
    const ids = new Set(vanished.map((o) => o.owner?.jobId).filter((id): id is string => id !== undefined));
    for (const id of ids) {
      const job = this.parts.jobs.get(id);
      if (job?.generation.state !== 'done') continue;
      const task = opts.resume(job);
      opts.warn(
        `DATA_DIR: the file of finished ${job.vendor} job ${id} vanished from disk; ${task ? 'regenerating it' : 'the job now reads failed'}`,
      );
      const failed = task
        ? await this.parts.jobs.rewrite(id, task)
        : new Error(`${job.vendor} cannot regenerate its files`);
      if (!task) this.parts.jobs.patch(id, { generation: { state: 'error', error: undefined } });
      if (failed)
        opts.warn(
          `DATA_DIR: regenerating the file of ${job.vendor} job ${id} failed (${failed.message}); the job now reads failed`,
        );
    }
  }

  /** From now on, what must survive a crash goes to the log as it happens. */
  private record(): void {
    const { jobs, store } = this.parts;
    // Before the job is visible to anyone, fsynced: its 2xx leaves only once it is on disk. A failure fails the create.
    jobs.onAccept = (job, created) => this.log.append({ accept: savedJobOf(job), created }, true);
    // The rest only needs to survive a kill (the OS has it once written); a failure is logged and the next save has it.
    const append = (entry: Parameters<JobLog['append']>[0]) => {
      try {
        this.log.append(entry);
      } catch (err) {
        this.onError(err as Error);
      }
      this.changed();
    };
    jobs.onSettled = (job) => append({ settled: { id: job.id, generation: savedJobOf(job).generation } });
    jobs.onCleared = () => append({ reset: true });
    store.onPut = (object) => append({ object });
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
    this.saving = this.write()
      .catch((err: unknown) => {
        // Nothing was replaced (a full disk, say): the next change saves everything again.
        this.dirty = true;
        throw err;
      })
      .finally(() => (this.saving = undefined));
    await this.saving;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = true;
    await this.flush();
    this.closed = true;
    this.log.close();
  }

  private async write(): Promise<void> {
    let state: SavedState | undefined;
    await writeAtomically(this.dir, this.file, async () =>
      JSON.stringify((state = await snapshotOf(this.parts, this.log))),
    );
    // The log's records up to this save are in state.json now.
    this.log.compact(state?.log ?? 0);
  }
}

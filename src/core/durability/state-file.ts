/**
 * DATA_DIR/state.json on disk: its shape, reading it back checked field by field, writing it atomically (a temporary
 * file, fsync, rename over the old one, fsync the folder) and moving a bad one aside for RECOVER.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { ConfigError } from '../../config.js';
import { wallClock } from '../clock.js';
import type { SavedJob } from '../jobs/job.js';
import type { JobLog } from '../jobs/log.js';
import type { JournalEntry } from '../journal/journal.js';
import type { Scenario } from '../scenarios/store.js';
import type { StoredObject } from '../storage/object-store.js';
import { firstIssue, SavedStateSchema } from './state-schema.js';

export const STATE_VERSION = 1;

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
  /** The number of the last jobs.log record this state holds. */
  log?: number;
}

/** state.json and the job log, checked field by field; throws ConfigError naming the file and the field. */
export async function readStateFile(
  file: string,
  log: JobLog,
): Promise<{
  state: z.output<typeof SavedStateSchema> | undefined;
  logged: ReturnType<JobLog['read']>;
}> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ConfigError(`DATA_DIR: cannot read ${file}: ${(err as Error).message}`);
  }
  let state: z.output<typeof SavedStateSchema> | undefined;
  if (text !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`DATA_DIR: ${file}: not valid JSON (${(err as Error).message})`);
    }
    const version = (raw as { version?: unknown } | null)?.version;
    if (version !== STATE_VERSION)
      throw new ConfigError(
        `DATA_DIR: ${file}: version: expected ${STATE_VERSION}, found ${JSON.stringify(version) ?? 'none'}`,
      );
    const parsed = SavedStateSchema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(`DATA_DIR: ${file}: ${firstIssue(parsed.error)}`);
    state = parsed.data;
  }
  return { state, logged: log.read(state?.log ?? 0) };
}

/** Moves state.json and the job log aside (RECOVER); returns where they went. */
export function moveAside(files: string[]): string[] {
  const suffix = `.bad-${new Date(wallClock()).toISOString().replace(/[:.]/g, '-')}`;
  const moved: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    renameSync(file, `${file}${suffix}`);
    moved.push(`${file} to ${file}${suffix}`);
  }
  return moved;
}

/**
 * Replaces `file` with what `contents` returns so that a kill at any moment leaves the old or the new file whole. The
 * contents are taken once the temporary file is open.
 */
export async function writeAtomically(dir: string, file: string, contents: () => Promise<string>): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  const text = await contents();
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  // Make the rename itself durable.
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * DATA_DIR/jobs.log: an append-only log of what must never be lost between two saves of state.json: jobs accepted
 * (written, and fsynced, before the 2xx that names them leaves), jobs whose work ended, objects written (so their links
 * work after a crash), and resets. One JSON record a line, numbered; state.json records the last number it contains,
 * and a load replays only the records after it. After each save the log is cut down to what the save does not hold.
 *
 * Why a log and not a synchronous save of state.json per create: the cost of a save grows with the state (journal,
 * jobs, objects), while an append costs one small write (and one fdatasync) whatever the state's size.
 */
import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../config.js';
import { SavedJobSchema, StoredObjectSchema } from '../durability/state-schema.js';
import type { StoredObject } from '../storage/object-store.js';
import type { SavedJob } from './job.js';

export type LogEntry =
  | { accept: SavedJob; created: number }
  | { settled: { id: string; generation: SavedJob['generation'] } }
  | { object: StoredObject }
  | { reset: true };
export type LogRecord = LogEntry & { n: number };

/** A record as the load checks it: the same field rules as state.json. */
const LogRecordSchema = z.union([
  z.object({ n: z.number().int(), accept: SavedJobSchema, created: z.number().int().min(1) }),
  z.object({ n: z.number().int(), settled: z.object({ id: z.string(), generation: SavedJobSchema.shape.generation }) }),
  z.object({ n: z.number().int(), object: StoredObjectSchema }),
  z.object({ n: z.number().int(), reset: z.literal(true) }),
]);
const isRecord = (v: unknown): v is LogRecord => LogRecordSchema.safeParse(v).success;

export class JobLog {
  private fd: number | undefined;
  private last = 0;

  /** `durable`: fdatasync after each record that must survive a power cut, not only a kill (accepts). */
  constructor(
    readonly file: string,
    private readonly durable = true,
  ) {}

  /**
   * The records numbered after `after`, in order. A last line without its newline is a write cut short by a kill (its
   * 2xx never left): it is dropped (`torn`). Any other line that is not a record is damage: ConfigError naming the line.
   */
  read(after: number): { records: LogRecord[]; torn: boolean; last: number; validBytes: number } {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return { records: [], torn: false, last: after, validBytes: 0 };
      throw new ConfigError(`DATA_DIR: cannot read ${this.file}: ${(err as Error).message}`);
    }
    const lines = text.split('\n');
    const tail = lines.pop()!;
    const records: LogRecord[] = [];
    let last = after;
    for (const [i, line] of lines.entries()) {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        record = undefined;
      }
      if (!isRecord(record)) throw new ConfigError(`DATA_DIR: ${this.file}: line ${i + 1} is not a job log record`);
      last = Math.max(last, record.n);
      if (record.n > after) records.push(record);
    }
    return { records, torn: tail !== '', last, validBytes: Buffer.byteLength(text) - Buffer.byteLength(tail) };
  }

  /** Opens for appending after a load: cuts a torn last line off, and numbers on from `last`. */
  open(last: number, validBytes: number): void {
    this.fd = openSync(this.file, 'a', 0o600);
    if (fstatSync(this.fd).size > validBytes) ftruncateSync(this.fd, validBytes);
    this.last = last;
  }

  /** The number of the last record written. */
  get position(): number {
    return this.last;
  }

  /**
   * Appends one record, synchronously: when it returns, the record survives a kill -9 (and, with `sync`, a power cut).
   * On failure (a full disk) the partial line is cut off again and the error is thrown.
   */
  append(entry: LogEntry, sync = false): void {
    if (this.fd === undefined) return;
    const bytes = Buffer.from(`${JSON.stringify({ n: this.last + 1, ...entry })}\n`);
    const before = fstatSync(this.fd).size;
    try {
      for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off, bytes.length - off);
      if (sync && this.durable) fdatasyncSync(this.fd);
    } catch (err) {
      try {
        ftruncateSync(this.fd, before);
      } catch {
        /* the error below is what matters */
      }
      throw err;
    }
    this.last++;
  }

  /** Drops the records up to `upTo`: a save of state.json holds them now. Synchronous, so no append interleaves. */
  compact(upTo: number): void {
    if (this.fd === undefined) return;
    if (upTo >= this.last) {
      ftruncateSync(this.fd, 0);
      return;
    }
    const { records } = this.read(upTo);
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
    renameSync(tmp, this.file);
    closeSync(this.fd);
    this.fd = openSync(this.file, 'a', 0o600);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

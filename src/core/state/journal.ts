/**
 * The request journal as a store. Every replica records the requests it served: with shared state the journal stays
 * per replica (reading it is synchronous: tests wait on it and the library hands it out as a value), so a shared
 * implementation would merge the replicas' journals behind the same methods.
 */
import type { JournalEntry, JournalFilter, RawEntry } from '../journal/journal.js';

export interface JournalStore {
  add(entry: Omit<RawEntry, 'id'>): void;
  /** Entries matching the filter, oldest first, as copies. */
  list(filter?: JournalFilter): JournalEntry[];
  /** The first matching entry already recorded or the next to arrive; undefined after the timeout. */
  wait(filter: JournalFilter, timeoutMs: number): Promise<JournalEntry | undefined>;
  clear(): void;
  /** The bytes the kept entries are counted as (bounded by JOURNAL_MAX_BYTES). */
  readonly accountedBytes: number;
  /** The id of the last entry recorded (0 when none). */
  readonly lastId: number;
}

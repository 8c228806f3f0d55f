/**
 * The request journal as a store. Every replica records the requests it served; reading stays synchronous (tests wait
 * on it and the library hands it out as a value), so the shared implementation (redis/journal.ts) keeps a copy of
 * every replica's entries, brought up to date by `refresh`.
 */
import type { JournalEntry, JournalFilter, RawEntry } from '../journal/journal.js';

export interface JournalStore {
  add(entry: Omit<RawEntry, 'id'>): void;
  /** Entries matching the filter, oldest first, as copies. */
  list(filter?: JournalFilter): JournalEntry[];
  /** The first matching entry already recorded or the next to arrive; undefined after the timeout. */
  wait(filter: JournalFilter, timeoutMs: number): Promise<JournalEntry | undefined>;
  clear(): void;
  /** Shared: brings this replica's copy up to every replica's entries (the control plane calls it before reading). */
  refresh?(): Promise<void>;
  /** The bytes the kept entries are counted as (bounded by JOURNAL_MAX_BYTES). */
  readonly accountedBytes: number;
  /** The id of the last entry recorded (0 when none). */
  readonly lastId: number;
}

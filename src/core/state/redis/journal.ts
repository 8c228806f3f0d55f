/**
 * One request journal for every replica (STATE_URL). Each replica appends the requests it served to one Redis stream,
 * numbered by one counter in the same script, so the stream's order is the ids' order (entry n has stream id `n-0`).
 * Each replica keeps a copy (an embedded Journal, which stays synchronous to read) filled only from the stream:
 * `refresh` catches it up in one round trip (the control plane calls it before its routes read the journal; vendor
 * routes never do), and while someone waits for a request a blocking read brings each entry as it is written. Entries
 * travel masked and with their bodies cut, as the embedded journal keeps them. A reset records the last id it forgot,
 * and every replica drops its copy up to there on its next refresh.
 */
import type { Redis } from 'ioredis';
import {
  Journal,
  type JournalEntry,
  type JournalFilter,
  maskHeaders,
  maskQuery,
  type RawEntry,
} from '../../journal/journal.js';
import type { JournalStore } from '../journal.js';
import type { RedisState } from './connection.js';

/** KEYS: stream, counter. ARGV: MAXLEN, then the entries' JSON, oldest first. */
const ADD = `
local id = redis.call('INCRBY', KEYS[2], #ARGV - 1) - (#ARGV - 1)
for i = 2, #ARGV do
  id = id + 1
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], id .. '-0', 'e', ARGV[i])
end
return id`;

/** KEYS: stream, cleared, counter. Forgets every entry so far, and says up to which id. */
const CLEAR = `
redis.call('SET', KEYS[2], redis.call('GET', KEYS[3]) or '0')
redis.call('DEL', KEYS[1])`;

/**
 * KEYS: stream, cleared, counter. ARGV: the last id read, the last clear seen. Answers the last clear, the counter and
 * the entries after the last id (after the clear when it is new: a copy dropped up to it reads the rest again).
 */
const CATCH_UP = `
local cleared = tonumber(redis.call('GET', KEYS[2]) or '0')
local from = tonumber(ARGV[1])
if cleared ~= tonumber(ARGV[2]) then from = cleared end
local top = tonumber(redis.call('GET', KEYS[3]) or '0')
return {cleared, top, redis.call('XRANGE', KEYS[1], (from + 1) .. '-0', '+')}`;

const STREAM = 'journal';
const CLEARED = 'journal:cleared';
const COUNTER = 'journal:seq';
/** How long one blocking read waits before the loop checks whether anyone still waits. */
const BLOCK_MS = 1_000;

type StreamEntry = [id: string, fields: string[]];
/** The add script, called by its SHA (EVALSHA). */
type WithAdd = Redis & {
  journalAdd(stream: string, counter: string, maxLen: string, ...json: string[]): Promise<number>;
};

export class RedisJournal implements JournalStore {
  private readonly local: Journal;
  /** The id of the last entry read from the stream. */
  private cursor = 0;
  private seenClear = 0;
  private waiting = 0;
  private following = false;
  private blocking: Redis | undefined;
  private closed = false;
  /** Entries recorded in this turn of the event loop, sent together at its end. */
  private pending: string[] = [];

  constructor(
    private readonly state: RedisState,
    private readonly limit: number,
    maxBytes: number,
  ) {
    this.local = new Journal(limit, maxBytes);
    state.redis.defineCommand('journalAdd', { numberOfKeys: 2, lua: ADD });
  }

  /** Masked and cut here, as the embedded journal shows it: what leaves the process holds no credential. */
  add(entry: Omit<RawEntry, 'id'>): void {
    const cut = this.local.bounded(entry);
    const search = new URLSearchParams(maskQuery(new URLSearchParams(cut.search))).toString();
    this.pending.push(JSON.stringify({ ...cut, search, headers: maskHeaders(cut.headers) }));
    // One command for the entries of one turn (a Redis command costs a poll about 10 µs of this process): sent in
    // the same turn, before the next request is read, so a control-plane read that follows still finds them.
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // A lost entry is not worth failing a request for; a Redis that is down fails the request's refresh anyway.
    (this.state.redis as WithAdd).journalAdd(STREAM, COUNTER, String(this.limit), ...batch).catch(() => undefined);
  }

  list(filter?: JournalFilter): JournalEntry[] {
    return this.local.list(filter);
  }

  async wait(filter: JournalFilter, timeoutMs: number): Promise<JournalEntry | undefined> {
    await this.refresh();
    this.waiting++;
    if (!this.following) void this.follow();
    try {
      return await this.local.wait(filter, timeoutMs);
    } finally {
      this.waiting--;
    }
  }

  clear(): void {
    this.flush();
    this.local.clear();
    this.state.redis.eval(CLEAR, 3, STREAM, CLEARED, COUNTER).catch(() => undefined);
  }

  get accountedBytes(): number {
    return this.local.accountedBytes;
  }

  get lastId(): number {
    return this.local.lastId;
  }

  /** Brings this replica's copy up to the stream: one round trip. */
  async refresh(): Promise<void> {
    // Its own entries first (one connection, in order): this replica reads what it recorded.
    this.flush();
    const [cleared, top, entries] = (await this.state.redis.eval(
      CATCH_UP,
      3,
      STREAM,
      CLEARED,
      COUNTER,
      String(this.cursor),
      String(this.seenClear),
    )) as [number, number, StreamEntry[]];
    // A counter below what was read: Redis lost its data (restarted without persistence), so the journal starts again.
    if (cleared !== this.seenClear || top < this.cursor) {
      this.local.clear();
      this.seenClear = cleared;
      this.cursor = top < this.cursor ? 0 : cleared;
    }
    this.ingest(entries);
  }

  /** Entries in stream order; any already read (by the other reader) are skipped. */
  private ingest(entries: StreamEntry[]): void {
    for (const [streamId, fields] of entries) {
      const id = Number.parseInt(streamId, 10);
      if (id <= this.cursor) continue;
      this.cursor = id;
      this.local.accept({ ...(JSON.parse(fields[1]!) as Omit<RawEntry, 'id'>), id });
    }
  }

  /** Reads each entry as it is written, for as long as someone waits (on a connection of its own: the read blocks). */
  private async follow(): Promise<void> {
    if (this.closed) return;
    this.following = true;
    this.blocking ??= this.state.redis.duplicate();
    try {
      while (this.waiting > 0 && !this.closed) {
        const answer = (await this.blocking.xread('BLOCK', BLOCK_MS, 'STREAMS', STREAM, `${this.cursor}-0`)) as Array<
          [string, StreamEntry[]]
        > | null;
        if (answer) this.ingest(answer[0]![1]);
      }
    } catch {
      // Closed, or Redis gone: the waiters time out; the next wait starts reading again.
    } finally {
      this.following = false;
    }
  }

  close(): void {
    this.closed = true;
    this.blocking?.disconnect();
  }
}

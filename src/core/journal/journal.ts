/**
 * The request journal: every request to a vendor route or a download link, with virtual and real time, tenant, method,
 * path, headers (credentials masked), body, status and a response summary. Bounded by count and by bytes (oldest
 * entries are dropped, large bodies cut), so neither a long-running sandbox nor a flood of large bodies grows it without
 * end. Tests wait on it instead of sleeping.
 */
import { type JournalEntry, type JournalFilter, matches, present, type RawEntry, unpresent } from './entry.js';
import { reuse, reuseHeaders, reuseResponse } from './reuse.js';

export type { JournalEntry, JournalFilter, RawEntry } from './entry.js';
export { isSecretName, maskHeaders, maskQuery, maskUrl } from './masking.js';

/** What the journal counts against JOURNAL_MAX_BYTES: V8 keeps a string in one or two bytes a character; count two. */
const BYTES_PER_CHAR = 2;
/** The entry object, its arrays and numbers, whatever its strings: a generous flat estimate. */
const ENTRY_OVERHEAD_BYTES = 512;
/** The longest body (request or response) kept whole; the journal's byte bound may lower it (see Journal). */
const MAX_BODY_CHARS = 64 * 1024;

/**
 * A body as the journal keeps it: text, cut above `maxChars` with a marker that says how long it was. The kept part is
 * copied (a plain `slice` of a long string can be a view that keeps the whole original alive).
 */
export function cutBody(body: unknown, maxChars: number): string | null {
  if (body === undefined || body === null) return null;
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = JSON.stringify(body) ?? String(body);
    } catch {
      return '[body not recorded: nested too deeply to serialize]';
    }
  }
  if (text.length <= maxChars) return text;
  const kept = Buffer.from(text.slice(0, maxChars), 'utf8').toString('utf8');
  // An ASCII marker: one non-Latin-1 character would make V8 store the whole kept text in two bytes a character.
  return `${kept}...[cut: ${text.length} characters in all]`;
}

const len = (s: string | null | undefined) => (s ? s.length : 0);

function accountedSize(e: RawEntry): number {
  let chars =
    len(e.vendor) + len(e.tenant) + len(e.method) + len(e.path) + len(e.search) + len(e.job_id) + len(e.route);
  for (const name in e.headers) {
    const value = e.headers[name];
    chars += name.length + (Array.isArray(value) ? value.join(', ').length : len(value));
  }
  chars += len(e.body as string | null) + len(e.response.body as string | null) + len(e.response.content_type);
  for (const s of e.scenarios) chars += s.length;
  return ENTRY_OVERHEAD_BYTES + BYTES_PER_CHAR * chars;
}

/**
 * Bounded by count (JOURNAL_LIMIT) and by bytes (JOURNAL_MAX_BYTES): one client sending large bodies could otherwise
 * fill memory, and a journal too large to render broke /__admin/requests and every state save. Bodies are cut to
 * MAX_BODY_CHARS (less when the byte bound is small, so that it always holds a few dozen entries); the oldest entries
 * go first when either bound is passed.
 */
export class Journal {
  /** Entries before `head` are evicted; the array is compacted now and then rather than shifted on every request. */
  private entries: Array<RawEntry | undefined> = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;
  private nextId = 1;
  private waiters = new Set<{ filter: JournalFilter; resolve: (e: JournalEntry) => void }>();
  private readonly maxBodyChars: number;

  constructor(
    private readonly limit: number,
    private readonly maxBytes: number = Number.POSITIVE_INFINITY,
  ) {
    this.maxBodyChars = Math.max(256, Math.min(MAX_BODY_CHARS, Math.floor(maxBytes / (64 * BYTES_PER_CHAR))));
  }

  /** The bytes the kept entries are counted as (always ≤ JOURNAL_MAX_BYTES). */
  get accountedBytes(): number {
    return this.bytes;
  }

  add(entry: Omit<RawEntry, 'id'>): void {
    // Field by field rather than a spread: this runs on every recorded request, and a spread of this size costs more.
    // The parts equal to the previous entry's are that entry's (journal/reuse.ts): a poll's own copies die young.
    const prev = this.entries.length > this.head ? this.entries[this.entries.length - 1] : undefined;
    const response = entry.response;
    const responseBody = cutBody(response.body, this.maxBodyChars);
    const full: RawEntry = {
      id: this.nextId++,
      atMs: entry.atMs,
      realMs: entry.realMs,
      vendor: entry.vendor,
      tenant: reuse(prev?.tenant, entry.tenant),
      method: entry.method,
      path: reuse(prev?.path, entry.path),
      search: reuse(prev?.search, entry.search),
      headers: reuseHeaders(prev?.headers, entry.headers),
      body: reuse(prev?.body, cutBody(entry.body, this.maxBodyChars)),
      status: entry.status,
      duration_ms: entry.duration_ms,
      response: reuseResponse(
        prev?.response,
        responseBody === response.body ? response : { ...response, body: responseBody },
      ),
      job_id: reuse(prev?.job_id, entry.job_id),
      route: entry.route,
      scenarios: entry.scenarios.length === 0 && prev?.scenarios.length === 0 ? prev.scenarios : entry.scenarios,
    };
    if (entry.dashboard) full.dashboard = true;
    this.accept(full);
  }

  /** An entry with its bodies cut to this journal's bound, as `add` keeps it (a shared journal sends it so). */
  bounded(entry: Omit<RawEntry, 'id'>): Omit<RawEntry, 'id'> {
    const response = { ...entry.response, body: cutBody(entry.response.body, this.maxBodyChars) };
    return { ...entry, body: cutBody(entry.body, this.maxBodyChars), response };
  }

  /** Keeps an entry already numbered and cut (by `add`, or by any replica of a shared journal), telling its waiters. */
  accept(full: RawEntry): void {
    if (full.id >= this.nextId) this.nextId = full.id + 1;
    this.keep(full);
    if (this.waiters.size === 0) return;
    for (const w of this.waiters) {
      if (matches(full, w.filter)) {
        this.waiters.delete(w);
        w.resolve(present(full));
      }
    }
  }

  private keep(entry: RawEntry): void {
    const size = accountedSize(entry);
    this.entries.push(entry);
    this.sizes.push(size);
    this.bytes += size;
    while (
      this.head < this.entries.length &&
      (this.entries.length - this.head > this.limit || this.bytes > this.maxBytes)
    ) {
      this.bytes -= this.sizes[this.head]!;
      this.entries[this.head] = undefined;
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  private kept(): RawEntry[] {
    return this.entries.slice(this.head) as RawEntry[];
  }

  /** Matching entries, oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    return this.kept()
      .filter((e) => matches(e, filter))
      .map(present);
  }

  /** The first matching entry already recorded, or the next one to arrive; undefined after `timeoutMs`. */
  wait(filter: JournalFilter, timeoutMs: number): Promise<JournalEntry | undefined> {
    const existing = this.kept().find((e) => matches(e, filter));
    if (existing) return Promise.resolve(present(existing));
    return new Promise((resolve) => {
      const waiter = { filter, resolve: (e: JournalEntry | undefined) => (clearTimeout(timer), resolve(e)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.entries = [];
    this.sizes = [];
    this.head = 0;
    this.bytes = 0;
  }

  snapshot(): { entries: JournalEntry[]; nextId: number } {
    return { entries: this.kept().map(present), nextId: this.nextId };
  }

  /** Puts saved entries back under today's bounds (the state may have been saved with larger ones). */
  restore(saved: { entries: JournalEntry[]; nextId: number }): void {
    this.clear();
    for (const e of saved.entries.slice(-this.limit)) {
      const raw = unpresent(e);
      this.keep({
        ...raw,
        body: cutBody(raw.body, this.maxBodyChars),
        response: { ...raw.response, body: cutBody(raw.response.body, this.maxBodyChars) },
      });
    }
    this.nextId = saved.nextId;
  }

  get lastId(): number {
    return this.nextId - 1;
  }
}

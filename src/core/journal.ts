/**
 * The request journal: every request to a vendor route or a download link, with virtual and real time, tenant, method,
 * path, headers (credentials masked), body, status and a response summary. Bounded by count and by bytes (oldest
 * entries are dropped, large bodies cut), so neither a long-running sandbox nor a flood of large bodies grows it without
 * end. Tests wait on it instead of sleeping.
 */
export interface JournalEntry {
  id: number;
  /** Virtual time the request arrived, ISO 8601. */
  at: string;
  /** Real time the request arrived, ISO 8601. */
  real_at: string;
  vendor: string;
  tenant: string | null;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  duration_ms: number;
  response: { content_type: string | null; bytes: number | null; body: unknown };
  /** The job the request read or created, when the vendor tells. */
  job_id: string | null;
  /** The kind of vendor route (create, poll, list, download), when known. */
  route: string | null;
  /** Scenarios and rate limits that acted on the request. */
  scenarios: string[];
  /** Set on the demo dashboard's own requests (X-Mock-Dashboard: 1), which readers skip unless they ask for them. */
  dashboard?: true;
}

export interface JournalFilter {
  vendor?: string;
  tenant?: string;
  method?: string;
  /** Substring of the path. */
  path?: string;
  status?: number;
  /** Virtual time bounds, unix ms, inclusive. */
  since?: number;
  until?: number;
  /** Only entries with a greater id. */
  after_id?: number;
  job_id?: string;
  /** Also the dashboard's own requests (left out by default: a page left open is not a client polling). */
  include_dashboard?: boolean;
}

/**
 * Names that suggest a secret, matched anywhere in a header or query parameter name (case-insensitive): a fixed list of
 * names let `X-Admin-Token`, `X-Auth-Token`, `X-Amz-Security-Token`, `?api_key=` and `?password=` through. Masking a
 * harmless name by mistake costs a reader four characters; missing a secret leaks it into the journal and DATA_DIR.
 */
const SECRET_WORDS = /token|key|secret|passw|pwd|signature|auth|cookie|credential|session/;
/** Short names that are signatures on their own: Kore's media links sign with `s` (see src/vendors/kore). */
const SECRET_NAMES = new Set(['s', 'sig']);

export const isSecretName = (name: string): boolean => {
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || SECRET_WORDS.test(lower);
};

const mask = (value: string): string => (value.length <= 4 ? '****' : `${value.slice(0, 4)}…`);

export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    out[name] = isSecretName(name) ? mask(value) : value;
  }
  return out;
}

export function maskQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = isSecretName(k) ? mask(v) : v;
  return out;
}

/** A URL with the values of secret-named query parameters masked, spelled otherwise as given: for the logs. */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        /* a name that does not decode is checked as written */
      }
      return isSecretName(name) ? `${pair.slice(0, eq)}=${mask(pair.slice(eq + 1))}` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

/**
 * What the hot path records: references and numbers only. Masking, ISO formatting and query parsing happen when the
 * journal is read, so recording a poll costs a few property writes.
 */
export interface RawEntry {
  id: number;
  atMs: number;
  realMs: number;
  vendor: string;
  tenant: string | null;
  method: string;
  path: string;
  search: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
  duration_ms: number;
  response: { content_type: string | null; bytes: number | null; body: unknown };
  job_id: string | null;
  route: string | null;
  scenarios: string[];
  dashboard?: true;
}

function present(e: RawEntry): JournalEntry {
  return {
    id: e.id,
    at: new Date(e.atMs).toISOString(),
    real_at: new Date(e.realMs).toISOString(),
    vendor: e.vendor,
    tenant: e.tenant,
    method: e.method,
    path: e.path,
    query: maskQuery(new URLSearchParams(e.search)),
    headers: maskHeaders(e.headers),
    body: e.body,
    status: e.status,
    duration_ms: e.duration_ms,
    response: e.response,
    job_id: e.job_id,
    route: e.route,
    scenarios: e.scenarios,
    ...(e.dashboard ? { dashboard: true as const } : {}),
  };
}

/** The inverse of present(), for entries read back from DATA_DIR (already masked). */
function unpresent(e: JournalEntry): RawEntry {
  const { at, real_at, query, ...rest } = e;
  return { ...rest, atMs: Date.parse(at), realMs: Date.parse(real_at), search: new URLSearchParams(query).toString() };
}

function matches(entry: RawEntry, f: JournalFilter): boolean {
  return (
    (f.vendor === undefined || entry.vendor === f.vendor) &&
    (f.tenant === undefined || entry.tenant === f.tenant) &&
    (f.method === undefined || entry.method === f.method.toUpperCase()) &&
    (f.path === undefined || entry.path.includes(f.path)) &&
    (f.status === undefined || entry.status === f.status) &&
    (f.since === undefined || entry.atMs >= f.since) &&
    (f.until === undefined || entry.atMs <= f.until) &&
    (f.after_id === undefined || entry.id > f.after_id) &&
    (f.job_id === undefined || entry.job_id === f.job_id) &&
    (entry.dashboard !== true || f.include_dashboard === true)
  );
}

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
    const full = {
      id: this.nextId++,
      ...entry,
      body: cutBody(entry.body, this.maxBodyChars),
      response: { ...entry.response, body: cutBody(entry.response.body, this.maxBodyChars) },
    } as RawEntry;
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

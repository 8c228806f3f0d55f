/**
 * The request journal: every request to a vendor route or a download link, with virtual and real time, tenant, method,
 * path, headers (credentials masked), body, status and a response summary. Bounded (oldest entries are dropped), so a
 * long-running sandbox does not grow without end. Tests wait on it instead of sleeping.
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
}

/** Header names whose values are credentials: shown as their first four characters and an ellipsis. */
const SECRET_HEADERS = new Set(['api-token', 'authorization', 'auth', 'x-api-key', 'cookie', 'proxy-authorization']);
/** Query parameters that are signatures or tokens. */
const SECRET_QUERY = new Set(['x-amz-signature', 'x-goog-signature', 'signature', 's', 'token']);

export const mask = (value: string): string => (value.length <= 4 ? '****' : `${value.slice(0, 4)}…`);

export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? mask(value) : value;
  }
  return out;
}

export function maskQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = SECRET_QUERY.has(k.toLowerCase()) ? mask(v) : v;
  return out;
}

export function matches(entry: JournalEntry, f: JournalFilter): boolean {
  const at = Date.parse(entry.at);
  return (
    (f.vendor === undefined || entry.vendor === f.vendor) &&
    (f.tenant === undefined || entry.tenant === f.tenant) &&
    (f.method === undefined || entry.method === f.method.toUpperCase()) &&
    (f.path === undefined || entry.path.includes(f.path)) &&
    (f.status === undefined || entry.status === f.status) &&
    (f.since === undefined || at >= f.since) &&
    (f.until === undefined || at <= f.until) &&
    (f.after_id === undefined || entry.id > f.after_id) &&
    (f.job_id === undefined || entry.job_id === f.job_id)
  );
}

export class Journal {
  private entries: JournalEntry[] = [];
  private nextId = 1;
  private waiters = new Set<{ filter: JournalFilter; resolve: (e: JournalEntry) => void }>();

  constructor(private readonly limit: number) {}

  add(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const full = { id: this.nextId++, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    for (const w of this.waiters) {
      if (matches(full, w.filter)) {
        this.waiters.delete(w);
        w.resolve(full);
      }
    }
    return full;
  }

  /** Matching entries, oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    return this.entries.filter((e) => matches(e, filter));
  }

  /** The first matching entry already recorded, or the next one to arrive; undefined after `timeoutMs`. */
  wait(filter: JournalFilter, timeoutMs: number): Promise<JournalEntry | undefined> {
    const existing = this.entries.find((e) => matches(e, filter));
    if (existing) return Promise.resolve(existing);
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
  }

  snapshot(): { entries: JournalEntry[]; nextId: number } {
    return { entries: this.entries, nextId: this.nextId };
  }

  restore(saved: { entries: JournalEntry[]; nextId: number }): void {
    this.entries = saved.entries.slice(-this.limit);
    this.nextId = saved.nextId;
  }

  get lastId(): number {
    return this.nextId - 1;
  }
}

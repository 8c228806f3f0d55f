/**
 * A journal entry in its two shapes: what the hot path records (RawEntry, references and numbers) and what readers see
 * (JournalEntry, masked and formatted), with the conversions between them and the filter readers select by.
 */
import { maskHeaders, maskQuery } from './masking.js';

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

export function present(e: RawEntry): JournalEntry {
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
    // Copies: kept entries share equal parts (journal/reuse.ts), and a reader may change what it is handed.
    response: { ...e.response },
    job_id: e.job_id,
    route: e.route,
    scenarios: [...e.scenarios],
    ...(e.dashboard ? { dashboard: true as const } : {}),
  };
}

/** The inverse of present(), for entries read back from DATA_DIR (already masked). */
export function unpresent(e: JournalEntry): RawEntry {
  const { at, real_at, query, ...rest } = e;
  return { ...rest, atMs: Date.parse(at), realMs: Date.parse(real_at), search: new URLSearchParams(query).toString() };
}

export function matches(entry: RawEntry, f: JournalFilter): boolean {
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

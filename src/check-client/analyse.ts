/**
 * What the journal says a client did under one condition: how many requests, how often it polled, whether it waited
 * as long as each 429 told it to, whether it kept trying a link that was refused, and whether it sent the vendor's
 * credentials to the storage host. Pure: journal entries in, figures out (unit-tested with fixed journals).
 */
import type { JournalEntry } from '../core/journal/journal.js';
import { GCS_PATH, S3_PATH } from '../core/signing/links.js';

interface RetryAfterCheck {
  /** 429 answers the condition's scenarios gave. */
  seen: number;
  /** Of those, how many were followed by a request only after the wait they told (10% and 50 ms of slack). */
  honoured: number;
  /** Followed by a request sooner than told. */
  ignored: number;
  /** The shortest real wait after a 429, in ms (null when no request followed one). */
  shortestWaitMs: number | null;
}

export interface Metrics {
  requests: number;
  byRoute: { create: number; poll: number; list: number; download: number; other: number };
  /** Real ms between consecutive status polls of one job (poll and list requests). */
  pollIntervalsMs: number[];
  retryAfter: RetryAfterCheck;
  /** Download attempts the storage refused (4xx): under expired-link, downloads after the link expired. */
  refusedDownloads: number;
  /** The most attempts at one refused link (the same path and query). */
  mostAttemptsAtRefusedLink: number;
  /** Credential headers (by name) sent with download requests, which go to the storage host. */
  credentialsToStorage: string[];
  /** Downloads answered 2xx. */
  downloadsOk: number;
  /** Responses 5xx the client got from the API (not downloads). */
  serverErrors: number;
}

/** A journal path without a namespace's `/ns/{name}` prefix. */
const withoutNamespace = (path: string) => path.replace(/^\/ns\/[^/]+(?=\/)/, '');

/** Download links: the storage routes (S3, GCS), and a vendor's own media links (route kind `download`). */
export function isDownload(entry: JournalEntry): boolean {
  if (entry.route === 'download') return true;
  const path = withoutNamespace(entry.path);
  return path.startsWith(`${S3_PATH}/`) || path.startsWith(`${GCS_PATH}/`);
}

const realMs = (e: JournalEntry) => Date.parse(e.real_at);

/** Slack for the server's millisecond stamps and the client's own timer: 10% of the wait and 50 ms. */
const honours = (waitedMs: number, toldSeconds: number) => waitedMs >= toldSeconds * 1000 * 0.9 - 50;

function retryAfterCheck(entries: readonly JournalEntry[], waits: ReadonlyMap<string, number>): RetryAfterCheck {
  const check: RetryAfterCheck = { seen: 0, honoured: 0, ignored: 0, shortestWaitMs: null };
  entries.forEach((entry, i) => {
    if (entry.status !== 429) return;
    const told = entry.scenarios.map((s) => waits.get(s)).find((w) => w !== undefined);
    if (told === undefined) return;
    check.seen++;
    const next = entries.slice(i + 1).find((e) => !isDownload(e));
    if (!next) return;
    const waited = realMs(next) - realMs(entry);
    check.shortestWaitMs = check.shortestWaitMs === null ? waited : Math.min(check.shortestWaitMs, waited);
    if (honours(waited, told)) check.honoured++;
    else check.ignored++;
  });
  return check;
}

function countRoutes(entries: readonly JournalEntry[]): Metrics['byRoute'] {
  const by = { create: 0, poll: 0, list: 0, download: 0, other: 0 };
  for (const e of entries) {
    if (isDownload(e)) by.download++;
    else if (e.route === 'create' || e.route === 'poll' || e.route === 'list') by[e.route]++;
    else by.other++;
  }
  return by;
}

/** Real ms between consecutive polls of the same job (a list, or a poll the vendor tags with no job, counts as one). */
function pollIntervals(entries: readonly JournalEntry[]): number[] {
  const byJob = new Map<string | null, number[]>();
  for (const e of entries) {
    if (e.route !== 'poll' && e.route !== 'list') continue;
    const stamps = byJob.get(e.job_id) ?? [];
    stamps.push(realMs(e));
    byJob.set(e.job_id, stamps);
  }
  return [...byJob.values()].flatMap((stamps) => stamps.slice(1).map((t, i) => t - stamps[i]!));
}

/** The link a download used, as the journal kept it (secret query values masked, the same way every time). */
const linkOf = (e: JournalEntry) => `${e.path}?${new URLSearchParams(e.query).toString()}`;

/**
 * @param credentialHeaders lowercase names of the headers that carry the vendor's credentials (api-token, auth…)
 * @param retryAfter the wait each 429 scenario of the condition tells, by scenario name
 */
export function analyse(
  entries: readonly JournalEntry[],
  credentialHeaders: readonly string[],
  retryAfter: ReadonlyMap<string, number>,
): Metrics {
  const sorted = [...entries].sort((a, b) => a.id - b.id);
  const downloads = sorted.filter(isDownload);
  const refused = downloads.filter((e) => e.status >= 400 && e.status < 500 && e.status !== 429);
  const attempts = new Map<string, number>();
  for (const e of refused) attempts.set(linkOf(e), (attempts.get(linkOf(e)) ?? 0) + 1);
  const leaked = new Set<string>();
  for (const e of downloads) {
    for (const name of Object.keys(e.headers)) {
      if (credentialHeaders.includes(name.toLowerCase())) leaked.add(name.toLowerCase());
    }
  }
  return {
    requests: sorted.length,
    byRoute: countRoutes(sorted),
    pollIntervalsMs: pollIntervals(sorted),
    retryAfter: retryAfterCheck(sorted, retryAfter),
    refusedDownloads: refused.length,
    mostAttemptsAtRefusedLink: Math.max(0, ...attempts.values()),
    credentialsToStorage: [...leaked].sort(),
    downloadsOk: downloads.filter((e) => e.status >= 200 && e.status < 300).length,
    serverErrors: sorted.filter((e) => !isDownload(e) && e.status >= 500).length,
  };
}

/** The median of some numbers (null for none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

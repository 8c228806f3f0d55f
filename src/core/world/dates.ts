/**
 * Calendar dates (YYYY-MM-DD strings) and their instants in a time zone. Vendors read days in different zones
 * (Sendbird in the requested IANA zone, Zendesk and Kore in UTC, Seasalt in the workspace's), so the conversions live
 * here once, built on Intl (no time-zone library needed on Node 20).
 */
const DAY_MS = 86_400_000;

export { DAY_MS };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30, 2025-13-01, 2025-1-1). */
export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** Midnight UTC of a date, unix ms. */
export const utcMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** The last instant's day, as `YYYY-MM-DDT`: an export formats instants of one day after another. */
let lastDay = Number.NaN;
let lastDayPrefix = '';
/** 9999-12-31T23:59:59.999Z: past it toISOString writes six-digit years. */
const LAST_FOUR_DIGIT_MS = 253_402_300_799_999;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()`, the same string, without a Date and its formatting per call: generation formats
 * millions of instants (the Zendesk day's timestamps were 8 % of its worker's time). Only the day goes through Date.
 * `zone` replaces the final Z (Zendesk writes +00:00) without a second string built and cut per instant.
 */
export function isoInstant(ms: number, zone = 'Z'): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > LAST_FOUR_DIGIT_MS) {
    const iso = new Date(ms).toISOString();
    return zone === 'Z' ? iso : `${iso.slice(0, -1)}${zone}`;
  }
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    lastDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    lastDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${lastDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}${zone}`;
}

export const utcDateOf = (ms: number): string => isoInstant(ms).slice(0, 10);

export const addDays = (date: string, n: number): string => utcDateOf(utcMidnight(date) + n * DAY_MS);

/** Every date from `from` to `to`, inclusive. */
export function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the IANA zone name (e.g. America/New_York, UTC). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** Offset of a zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a calendar date begins in a zone (midnight local; DST gaps are resolved to the first valid instant). */
export function zonedMidnight(date: string, timeZone: string): number {
  const wall = utcMidnight(date);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

/** The calendar date of an instant in a zone. */
export function zonedDateOf(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const noonOffsets = new Map<string, number>();

/**
 * The local hour (0-23) of an instant in a zone, using the zone's offset at noon of that UTC day: exact except in the
 * small hours around a daylight-saving change, and cheap enough to call per record (Intl runs once per zone and day).
 */
export function localHourOf(ms: number, timeZone: string): number {
  const date = utcDateOf(ms);
  const key = `${timeZone}\u001f${date}`;
  let offset = noonOffsets.get(key);
  if (offset === undefined) {
    offset = offsetAt(utcMidnight(date) + DAY_MS / 2, timeZone);
    if (noonOffsets.size >= 1024) noonOffsets.clear();
    noonOffsets.set(key, offset);
  }
  return Math.floor(((((ms + offset) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
}

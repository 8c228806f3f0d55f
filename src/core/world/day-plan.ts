/**
 * How many conversations (or searches) a tenant has on a UTC day, when each starts, and how long its customer stays
 * away mid-conversation. This is the spine of the world: `(seed, vendor, tenant, day)` → sorted start instants and
 * pauses; record i of that day is then drawn from its own generator `(seed, vendor, tenant, day, i)`, so any record can
 * be regenerated alone and exports of overlapping ranges agree record for record.
 *
 * Traffic follows the tenant's local clock (quiet at night, busy in office hours, quieter at weekends). Sessions have a
 * tail: most customers answer at once, some come back minutes or hours later, and every day some of the evening's
 * conversations run past midnight (UTC), at least 2.5% of the next day's count, the day boundary that Zendesk's FAQ
 * ("conversations that ended on that date") is about.
 */
import { Rng } from '../random.js';
import { DAY_MS, utcMidnight, zonedMidnight } from './dates.js';

export interface DayPlan {
  date: string;
  /** Start instants (unix ms), ascending. */
  starts: Float64Array;
  /** Per start: how long the customer is away before their first reply to the AI (0: answers at once), ms. */
  pauses: Float64Array;
}

/** Support traffic by local hour: quiet at night, busy in the working day. */
const HOUR_WEIGHTS = [2, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 4, 4, 3, 2] as const;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The least share of a day's conversations that began the day before (Zendesk day files, issue "world"). */
const CARRY_OVER_SHARE = 0.025;
/** No conversation is active (its turns, without the planned pause) longer than this. */
export const MAX_ACTIVE_MS = 2 * HOUR_MS;
/** The longest planned pause: a carried-over conversation waits at most until 4 a.m. of the next day. */
export const MAX_PAUSE_MS = 28 * HOUR_MS;

/**
 * Plans kept for reuse, most recently used last: at most CACHE_LIMIT of them and CACHE_BYTES together, but always the
 * newest. A day of a big world is megabytes (16 bytes a record: 2.5 MB at 160k), and an export walks its days in order
 * (often twice: counting, then writing), so older days are cheaper to plan again (~40 ms at 144k) than to keep: eight
 * cached days of a 1M-record week held 18 MB in each generation worker.
 */
const cache = new Map<string, DayPlan>();
const CACHE_LIMIT = 64;
const CACHE_BYTES = 4 << 20;
let cachedBytes = 0;
let newestKey = '';

const bytesOf = (plan: DayPlan) => plan.starts.byteLength + plan.pauses.byteLength;

function remember(key: string, plan: DayPlan): void {
  cache.set(key, plan);
  newestKey = key;
  cachedBytes += bytesOf(plan);
  for (const [oldest, old] of cache) {
    if (cache.size <= 1 || (cache.size <= CACHE_LIMIT && cachedBytes <= CACHE_BYTES)) break;
    cache.delete(oldest);
    cachedBytes -= bytesOf(old);
  }
}

/** How many records the day holds: `volume` on average, weekends quieter, each day varying by about ±20%. */
function countOf(rng: Rng, date: string, volume: number): number {
  const weekday = new Date(utcMidnight(date)).getUTCDay();
  const weekFactor = weekday === 0 || weekday === 6 ? 0.7 : 1.1;
  return volume <= 0 ? 0 : Math.max(0, Math.round(volume * weekFactor * rng.around(1, 0.2, 0.6, 1.4)));
}

/** How many records a day holds, without planning it. */
const dayCount = (seed: string, vendor: string, tenant: string, date: string, volume: number): number =>
  countOf(Rng.of(seed, vendor, tenant, date, 'day-plan'), date, volume);

/** Weights of the 24 UTC hours of a date for a zone: the local hour's weight. */
function utcHourWeights(date: string, timeZone: string): Array<readonly [number, number]> {
  const offsetHours = Math.round((utcMidnight(date) - zonedMidnight(date, timeZone)) / HOUR_MS);
  return HOUR_WEIGHTS.map((_, h) => [h, HOUR_WEIGHTS[(((h + offsetHours) % 24) + 24) % 24]!] as const);
}

/** A customer's absence: mostly none, sometimes minutes, now and then one to ten hours (a long tail). */
function pauseOf(rng: Rng): number {
  const r = rng.float();
  if (r < 0.75) return 0;
  if (r < 0.93) return rng.int(2, 30) * MINUTE_MS;
  return Math.round(HOUR_MS * 10 ** rng.float());
}

/** `volume` is the average per day; `timeZone` the tenant's, whose clock shapes the hours. */
export function dayPlan(
  seed: string,
  vendor: string,
  tenant: string,
  date: string,
  volume: number,
  timeZone = 'UTC',
): DayPlan {
  const cacheKey = `${seed}\u001f${vendor}\u001f${tenant}\u001f${date}\u001f${volume}\u001f${timeZone}`;
  const hit = cache.get(cacheKey);
  if (hit) {
    // The most recently used is kept longest (an export reads its current day's plan once a record).
    if (newestKey !== cacheKey) {
      cache.delete(cacheKey);
      cache.set(cacheKey, hit);
      newestKey = cacheKey;
    }
    return hit;
  }
  const rng = Rng.of(seed, vendor, tenant, date, 'day-plan');
  const count = countOf(rng, date, volume);
  const midnight = utcMidnight(date);
  const hours = utcHourWeights(date, timeZone);
  const starts = new Float64Array(count);
  for (let i = 0; i < count; i++)
    starts[i] = midnight + rng.weighted(hours) * HOUR_MS + Math.floor(rng.float() * HOUR_MS);
  starts.sort();
  const pauses = new Float64Array(count);
  for (let i = 0; i < count; i++) pauses[i] = pauseOf(rng);
  // The evening's latest conversations run into the next day often enough for its file to hold a share of them.
  const next = midnight + DAY_MS;
  const tomorrow = new Date(next).toISOString().slice(0, 10);
  let needed = Math.ceil(CARRY_OVER_SHARE * dayCount(seed, vendor, tenant, tomorrow, volume));
  for (let i = 0; i < count; i++) if (starts[i]! + pauses[i]! >= next) needed--;
  for (let i = count - 1; i >= 0 && needed > 0; i--) {
    if (starts[i]! + pauses[i]! >= next) continue;
    pauses[i] = next - starts[i]! + rng.int(5, 240) * MINUTE_MS;
    needed--;
  }
  const plan = { date, starts, pauses };
  remember(cacheKey, plan);
  return plan;
}

/** The generator for record `index` of a day. */
export const recordRng = (seed: string, vendor: string, tenant: string, date: string, index: number): Rng =>
  Rng.of(seed, vendor, tenant, date, index);

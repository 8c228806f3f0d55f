/**
 * How many conversations (or searches) a tenant has on a UTC day, and when each starts. This is the spine of the world:
 * `(seed, vendor, tenant, day)` → a sorted list of start instants; record i of that day is then drawn from its own
 * generator `(seed, vendor, tenant, day, i)`, so any record can be regenerated alone and exports of overlapping ranges
 * agree record for record.
 */
import { Rng } from '../random.js';
import { DAY_MS, utcMidnight } from './dates.js';

export interface DayPlan {
  date: string;
  /** Start instants (unix ms), ascending. */
  starts: Float64Array;
}

/** Support traffic by UTC hour: quiet at night, busy in the working day. */
const HOUR_WEIGHTS = [2, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 4, 4, 3, 2] as const;
const HOURS = HOUR_WEIGHTS.map((w, h) => [h, w] as const);

const cache = new Map<string, DayPlan>();
const CACHE_LIMIT = 64;

/** `volume` is the average per day; weekends are quieter and each day varies by about ±20%. */
export function dayPlan(seed: string, vendor: string, tenant: string, date: string, volume: number): DayPlan {
  const cacheKey = `${seed}\u001f${vendor}\u001f${tenant}\u001f${date}\u001f${volume}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const rng = Rng.of(seed, vendor, tenant, date, 'day-plan');
  const weekday = new Date(utcMidnight(date)).getUTCDay();
  const weekFactor = weekday === 0 || weekday === 6 ? 0.7 : 1.1;
  const count = volume <= 0 ? 0 : Math.max(0, Math.round(volume * weekFactor * rng.around(1, 0.2, 0.6, 1.4)));
  const midnight = utcMidnight(date);
  const starts = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const hour = rng.weighted(HOURS);
    starts[i] = midnight + hour * 3_600_000 + Math.floor(rng.float() * 3_600_000);
  }
  starts.sort();
  // Starts stay inside the day by construction; the clamp documents the invariant.
  for (let i = 0; i < count; i++) starts[i] = Math.min(starts[i]!, midnight + DAY_MS - 1);
  const plan = { date, starts };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, plan);
  return plan;
}

/** The generator for record `index` of a day. */
export const recordRng = (seed: string, vendor: string, tenant: string, date: string, index: number): Rng =>
  Rng.of(seed, vendor, tenant, date, index);

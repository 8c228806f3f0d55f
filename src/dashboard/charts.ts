/**
 * The numbers behind the dashboard's charts: each vendor's charts (declared in its dashboard.ts, computed by the world
 * functions its exports are cut from) over the last UTC days up to the virtual now, charts of the same id merged. The
 * answer carries an ETag of everything it depends on (now, days, seed, volume, seeds), so the page asks "changed?"
 * and gets a 304 without anything being computed.
 *
 * Drawing a day's conversations is not free (about 80 ms a day at the default volume): each day is computed apart,
 * yielding to the event loop in between so the server keeps answering, and a day two days past is kept, since
 * nothing about it changes any more (every conversation of it has closed). A clock move then recomputes today and
 * yesterday only.
 */
import type { Chart, ChartInput, ChartSeries } from '../core/dashboard-flow.js';
import type { Runtime } from '../core/runtime.js';
import { sha256Hex } from '../core/signing/hmac.js';
import type { VendorModule } from '../core/vendor.js';
import { addDays, DAY_MS, utcDateOf, utcMidnight } from '../core/world/dates.js';
import { prepareWorld } from '../core/world/dialogue.js';

export const DEFAULT_CHART_DAYS = 14;
export const MAX_CHART_DAYS = 42;
/** Days kept (vendor × day): six weeks of four vendors, a few kilobytes each. */
const SETTLED_LIMIT = 4 * MAX_CHART_DAYS;

interface WorldChart extends Omit<Chart, 'source' | 'series'> {
  /** One source line per vendor that contributed. */
  sources: string[];
  series: ChartSeries[];
}

export interface ChartsAnswer {
  now: string;
  days: string[];
  charts: WorldChart[];
}

/** The UTC dates of the last `count` days, oldest first, ending with the virtual today. */
function chartDays(now: number, count: number): string[] {
  const today = utcDateOf(now);
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

const worldKey = (state: Runtime, vendor: VendorModule) =>
  JSON.stringify([state.ctx.config.SEED, state.ctx.config.WORLD_DAILY_VOLUME, vendor.id, state.seeds.get(vendor.id)]);

export function chartsTag(state: Runtime, days: number): string {
  const worlds = state.vendors.filter((v) => v.dashboard?.charts).map((v) => worldKey(state, v));
  return `"charts-${sha256Hex(JSON.stringify([state.ctx.clock.now(), days, worlds])).slice(0, 24)}"`;
}

/** A day's charts of one vendor, once every conversation of it has closed: they cannot change any more. */
const settled = new Map<string, readonly Chart[]>();
const isSettled = (date: string, now: number) => utcMidnight(date) + 2 * DAY_MS <= now;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function vendorDay(state: Runtime, vendor: VendorModule, input: ChartInput): Promise<readonly Chart[]> {
  const date = input.days[0]!;
  const key = `${date}\u001f${worldKey(state, vendor)}`;
  // Kept only for a clock past the day's settling: a clock set back sees the day as it was then.
  const settledNow = isSettled(date, input.now);
  const kept = settledNow ? settled.get(key) : undefined;
  if (kept) return kept;
  await nextTurn();
  const charts = (await vendor.dashboard?.charts?.(input)) ?? [];
  if (settledNow) {
    if (settled.size >= SETTLED_LIMIT) settled.delete(settled.keys().next().value!);
    settled.set(key, charts);
  }
  return charts;
}

/** Day-by-day charts put together: a chart per id, a series per name, a value per day (0 or null where one lacks). */
function assemble(perDay: (readonly Chart[])[]): WorldChart[] {
  const byId = new Map<string, WorldChart>();
  perDay.forEach((charts, day) => {
    for (const { source, series, ...chart } of charts) {
      let merged = byId.get(chart.id);
      if (!merged) byId.set(chart.id, (merged = { ...chart, sources: [], series: [] }));
      if (!merged.sources.includes(source)) merged.sources.push(source);
      for (const s of series) {
        let line = merged.series.find((m) => m.name === s.name);
        if (!line) {
          line = { ...s, values: new Array(perDay.length).fill(chart.unit === 'count' ? 0 : null) };
          merged.series.push(line);
        }
        (line.values as (number | null)[])[day] = s.values[0] ?? null;
      }
    }
  });
  return [...byId.values()];
}

export async function worldCharts(state: Runtime, days: number): Promise<ChartsAnswer> {
  // The world's dialogue tables load once; every vendor's records are drawn from them.
  await prepareWorld();
  const now = state.ctx.clock.now();
  const dates = chartDays(now, days);
  const base = { seed: state.ctx.config.SEED, dailyVolume: state.ctx.config.WORLD_DAILY_VOLUME, now };
  const perDay: (readonly Chart[])[] = [];
  for (const date of dates) {
    const charts: Chart[] = [];
    for (const vendor of state.vendors.filter((v) => v.dashboard?.charts))
      charts.push(...(await vendorDay(state, vendor, { ...base, days: [date], seeds: state.seeds.get(vendor.id) })));
    perDay.push(charts);
  }
  return { now: new Date(now).toISOString(), days: dates, charts: assemble(perDay) };
}

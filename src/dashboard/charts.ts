/**
 * The numbers behind the dashboard's charts: each vendor's charts (declared in its dashboard.ts, computed by the world
 * functions its exports are cut from) over the last UTC days up to the virtual now, charts of the same id merged. The
 * answer carries an ETag of everything it depends on (now, days, seed, volume, seeds), so the page asks "changed?"
 * and gets a 304 without anything being computed; the last answer is kept for other tabs.
 */
import type { Chart, ChartSeries } from '../core/dashboard-flow.js';
import type { Runtime } from '../core/runtime.js';
import { sha256Hex } from '../core/signing/hmac.js';
import { addDays, utcDateOf } from '../core/world/dates.js';
import { prepareWorld } from '../core/world/dialogue.js';

export const DEFAULT_CHART_DAYS = 14;
export const MAX_CHART_DAYS = 42;

export interface WorldChart extends Omit<Chart, 'source' | 'series'> {
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
export function chartDays(now: number, count: number): string[] {
  const today = utcDateOf(now);
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

export function chartsTag(state: Runtime, days: number): string {
  const { SEED, WORLD_DAILY_VOLUME } = state.ctx.config;
  const seeds = state.vendors.map((v) => (v.dashboard?.charts ? state.seeds.get(v.id) : null));
  const key = JSON.stringify([state.ctx.clock.now(), days, SEED, WORLD_DAILY_VOLUME, seeds]);
  return `"charts-${sha256Hex(key).slice(0, 24)}"`;
}

function merge(charts: readonly Chart[]): WorldChart[] {
  const byId = new Map<string, WorldChart>();
  for (const { source, series, ...chart } of charts) {
    const seen = byId.get(chart.id);
    if (seen) {
      seen.sources.push(source);
      seen.series.push(...series);
    } else byId.set(chart.id, { ...chart, sources: [source], series: [...series] });
  }
  return [...byId.values()];
}

let last: { tag: string; answer: ChartsAnswer } | undefined;

export async function worldCharts(state: Runtime, days: number, tag = chartsTag(state, days)): Promise<ChartsAnswer> {
  if (last?.tag === tag) return last.answer;
  // The world's dialogue tables load once; every vendor's records are drawn from them.
  await prepareWorld();
  const now = state.ctx.clock.now();
  const dates = chartDays(now, days);
  const input = { seed: state.ctx.config.SEED, dailyVolume: state.ctx.config.WORLD_DAILY_VOLUME, days: dates, now };
  const perVendor = await Promise.all(
    state.vendors.map((v) => v.dashboard?.charts?.({ ...input, seeds: state.seeds.get(v.id) }) ?? []),
  );
  const answer = { now: new Date(now).toISOString(), days: dates, charts: merge(perVendor.flat()) };
  last = { tag, answer };
  return answer;
}

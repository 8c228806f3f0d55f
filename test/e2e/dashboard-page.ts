/**
 * Helpers of the dashboard's browser test: Debian's Chromium, axe-core injected from node_modules, the numbers the
 * page's charts draw (read from their SVG), and the same numbers straight from the world's functions.
 */
import { createRequire } from 'node:module';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { Config } from '../../src/config.js';
import { prepareWorld } from '../../src/core/world/dialogue.js';
import { dailyAnalysis } from '../../src/vendors/sendbird/generator.js';

export const CHROMIUM = '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--font-render-hinting=none',
    ],
  });
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  return page;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page (its context must bypass the CSP to inject the script). */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate<{ violations: Violation[] }>('axe.run(document, { resultTypes: ["violations"] })');
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

export interface DrawnChart {
  id: string;
  series: { name: string; values: (number | null)[] }[];
}

/** Every chart as the page drew it: each series' numbers from its SVG group's data-values. */
export function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval('#charts-body figure.chart', (figures) =>
    figures.map((f) => ({
      id: f.getAttribute('data-chart-id') ?? '',
      series: [...f.querySelectorAll('g[data-series]')].map((g) => ({
        name: g.getAttribute('data-series') ?? '',
        values: (g.getAttribute('data-values') ?? '').split(',').map((v: string) => (v === '' ? null : Number(v))),
      })),
    })),
  );
}

/** The Sendbird demo agent's daily analysis over `days`, cut at `now`: the world's own numbers. */
export async function sendbirdDays(config: Config, days: string[], now: number) {
  await prepareWorld();
  const world = {
    seed: config.SEED,
    appId: 'a245389gje349rt3429992Op',
    aiAgentId: 'ai_agent_cx',
    volume: config.WORLD_DAILY_VOLUME,
  };
  return dailyAnalysis(world, { from: days[0]!, to: days[days.length - 1]!, timezone: 'UTC', cutoff: now });
}

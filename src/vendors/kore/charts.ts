/**
 * Kore's chart on the dashboard: searches per UTC day and the feedback their answers got (thumbs up, thumbs down,
 * none), from plannedSearches() and eventOf(), the functions the answer-insights export is cut from.
 */
import type { Chart, ChartInput } from '../../core/dashboard-flow.js';
import { DAY_MS, utcMidnight } from '../../core/world/dates.js';
import { eventOf, plannedSearches } from './generator.js';
import type { KoreSeeds } from './schemas.js';

export async function koreCharts(input: ChartInput): Promise<readonly Chart[]> {
  const seeds = input.seeds as KoreSeeds;
  const up = input.days.map(() => 0);
  const down = up.slice();
  const none = up.slice();
  for (const bot of seeds.bots) {
    // The same world the exports are cut from (lifecycle.ts), the bot's company included.
    const world = {
      ...{ seed: input.seed, botId: bot.app_id, botName: bot.name },
      ...{ volume: input.dailyVolume * bot.volume, company: bot.company },
    };
    input.days.forEach((date, i) => {
      const from = utcMidnight(date);
      for (const s of plannedSearches(world, { from, to: from + DAY_MS - 1, cutoff: input.now })) {
        const event = eventOf(world, s);
        if (event === 'thumbsUp') up[i]!++;
        else if (event === 'thumbsDown') down[i]!++;
        else none[i]!++;
      }
    });
  }
  return [
    {
      id: 'kore-feedback',
      title: 'Kore.ai: searches per day, with thumbs up and down',
      kind: 'stacked',
      unit: 'count',
      source: 'Kore.ai answer-insights export: one record per search, its feedback event',
      series: [
        { name: 'thumbs up', tone: 'good', values: up },
        { name: 'thumbs down', tone: 'bad', values: down },
        { name: 'no feedback', tone: 'neutral', values: none },
      ],
    },
  ];
}

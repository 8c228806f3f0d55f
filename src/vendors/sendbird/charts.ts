/**
 * Sendbird's charts on the dashboard: conversations per day of each AI agent, and the daily analysis (average CSAT and
 * resolution rate), computed by dailyAnalysis() over the UTC days shown, exactly as a `daily_analysis` export in UTC
 * cut at the same instant reports them.
 */
import type { Chart, ChartInput } from '../../core/dashboard-flow.js';
import { type DailyAnalysis, dailyAnalysis } from './generator.js';
import type { SendbirdSeeds } from './schemas.js';

export async function sendbirdCharts(input: ChartInput): Promise<readonly Chart[]> {
  const seeds = input.seeds as SendbirdSeeds;
  const from = input.days[0]!;
  const to = input.days[input.days.length - 1]!;
  const agents = seeds.apps.flatMap((app) =>
    app.ai_agents
      .filter((agent) => agent.volume > 0)
      .map((agent) => ({
        name: `Sendbird · ${agent.name || agent.ai_agent_id}`,
        days: dailyAnalysis(
          {
            seed: input.seed,
            appId: app.app_id,
            aiAgentId: agent.ai_agent_id,
            volume: input.dailyVolume * agent.volume,
            // The same world the exports are cut from (service.ts): the app's company shapes its conversations.
            company: app.company,
          },
          { from, to, timezone: 'UTC', cutoff: input.now },
        ),
      })),
  );
  const series = (pick: (d: DailyAnalysis) => number | null) =>
    agents.map((a) => ({ name: a.name, values: a.days.map(pick) }));
  const source = 'Sendbird daily_analysis export, time zone UTC';
  return [
    {
      id: 'conversations',
      title: 'Conversations per day, per tenant',
      kind: 'lines',
      unit: 'count',
      source: `${source}: total_number_of_conversations`,
      series: series((d) => d.total_number_of_conversations),
    },
    {
      id: 'sendbird-csat',
      title: 'Sendbird: average CSAT per day',
      kind: 'lines',
      unit: 'score',
      source: `${source}: average_csat_scores`,
      series: series((d) => d.average_csat_scores),
    },
    {
      id: 'sendbird-resolution',
      title: 'Sendbird: resolution rate per day',
      kind: 'lines',
      unit: 'ratio',
      source: `${source}: resolution_rate`,
      series: series((d) => d.resolution_rate),
    },
  ];
}

/**
 * Seasalt's chart on the dashboard: conversations per UTC day of each channel, from conversationsIn(), the function
 * the conversation export is cut from (an export of that one day, asked for now, holds exactly these).
 */
import type { Chart, ChartInput } from '../../core/dashboard-flow.js';
import { conversationsIn } from './generator.js';
import type { SeasaltSeeds } from './schemas.js';

export async function seasaltCharts(input: ChartInput): Promise<readonly Chart[]> {
  const seeds = input.seeds as SeasaltSeeds;
  const series = seeds.workspaces.flatMap((workspace) =>
    workspace.channels
      .filter((channel) => channel.volume > 0)
      .map((channel) => {
        const world = {
          seed: input.seed,
          workspaceId: workspace.workspace_id,
          channel: {
            channelId: channel.channel_id,
            name: channel.name,
            phoneNumber: channel.phone_number,
            channelType: channel.channel_type,
            botName: channel.bot_name ?? workspace.bot_name,
            agents: channel.agents,
          },
          volume: input.dailyVolume * channel.volume,
          // The same world the exports are cut from (service.ts): the workspace's company shapes its conversations.
          company: workspace.company,
        };
        const values = input.days.map((date) => {
          let n = 0;
          for (const _ of conversationsIn(world, { startDate: date, endDate: date, cutoff: input.now })) n++;
          return n;
        });
        return { name: `Seasalt · ${channel.name}`, values };
      }),
  );
  return [
    {
      id: 'conversations',
      title: 'Conversations per day, per tenant',
      kind: 'lines',
      unit: 'count',
      source: 'Seasalt conversation export: conversations started that day',
      series,
    },
  ];
}

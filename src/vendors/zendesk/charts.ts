/**
 * Zendesk's charts on the dashboard: conversations per UTC day of each bot, and all bots' conversations by status,
 * from conversationsEndingOn(), the function the day files are cut from (a day file holds the conversations that
 * ended that day). Today counts the conversations ended by now.
 */
import type { Chart, ChartInput } from '../../core/dashboard-flow.js';
import { prepareWorld } from '../../core/world/dialogue.js';
import { instanceAccountId } from './catalogue.js';
import { CONVERSATION_STATUSES, conversationsEndingOn } from './generator.js';
import type { ZendeskSeeds } from './schemas.js';

export async function zendeskCharts(input: ChartInput): Promise<readonly Chart[]> {
  await prepareWorld();
  const seeds = input.seeds as ZendeskSeeds;
  const byStatus = new Map<string, number[]>(CONVERSATION_STATUSES.map((s) => [s, input.days.map(() => 0)]));
  const perBot = seeds.organizations.flatMap((org) =>
    org.bots
      .filter((bot) => bot.volume > 0)
      .map((bot) => {
        const world = {
          seed: input.seed,
          orgId: org.organization_id,
          botId: bot.bot_id,
          botName: bot.bot_name,
          volume: input.dailyVolume * bot.volume,
          instanceAccountId: instanceAccountId(input.seed, org.organization_id),
          // The same world the day files are cut from (service.ts): the bot's company shapes its conversations.
          company: bot.company,
        };
        const values = input.days.map((date, i) => {
          let n = 0;
          for (const c of conversationsEndingOn(world, date)) {
            if (Date.parse(c.conversation_end_time) > input.now) continue;
            n++;
            byStatus.get(c.conversation_status)![i]!++;
          }
          return n;
        });
        return { name: `Zendesk · ${bot.bot_name || bot.bot_id}`, values };
      }),
  );
  return [
    {
      id: 'conversations',
      title: 'Conversations per day, per tenant',
      kind: 'lines',
      unit: 'count',
      source: 'Zendesk day files: conversations ended that day',
      series: perBot,
    },
    {
      id: 'zendesk-status',
      title: 'Zendesk: conversations per day by status',
      kind: 'stacked',
      unit: 'count',
      source: 'Zendesk day files: conversation_status',
      series: [...byStatus].map(([name, values]) => ({
        name,
        values,
        ...(name === 'failedEscalation' ? { tone: 'bad' as const } : {}),
      })),
    },
  ];
}

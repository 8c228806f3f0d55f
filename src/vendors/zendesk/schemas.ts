/**
 * Zendesk AI agents – Advanced (formerly Ultimate) data-export wire shapes (vendor page:
 * Zendesk's "Using the AI Agents Data Export API"; what live files carry beyond it, as public clients see them).
 * The request schema checks types only loosely; the value rules (a real date, the 2024-01-01 limit, ttl bounds) are
 * checked in routes.ts so each failure names its field and says how to fix it.
 */

import { z } from 'zod';
import { CompanySeed } from '../../core/world/company-seed.js';

export const REGIONS = ['eu', 'us'] as const;
export type Region = (typeof REGIONS)[number];

/** Seeds: organizations (one region each), their API key and bots. `volume` scales WORLD_DAILY_VOLUME for a bot (0 = silent). */
export const ZendeskSeeds = z
  .object({
    organizations: z
      .array(
        z.object({
          organization_id: z.string().min(1),
          region: z.enum(REGIONS).default('eu'),
          api_key: z.string().min(1),
          bots: z
            .array(
              z.object({
                bot_id: z.string().min(1),
                bot_name: z.string().default(''),
                volume: z.number().min(0).default(1),
                company: CompanySeed,
              }),
            )
            .default([]),
        }),
      )
      .default([]),
  })
  .passthrough()
  .superRefine((seeds, ctx) => {
    // A bot id names a world and a storage folder: it must belong to one organization only.
    const seen = new Set<string>();
    for (const [i, org] of seeds.organizations.entries()) {
      for (const [j, bot] of org.bots.entries()) {
        if (seen.has(bot.bot_id))
          ctx.addIssue({
            code: 'custom',
            path: ['organizations', i, 'bots', j, 'bot_id'],
            message: `bot_id ${bot.bot_id} appears twice`,
          });
        seen.add(bot.bot_id);
      }
    }
  });
export type ZendeskSeeds = z.output<typeof ZendeskSeeds>;
export type ZendeskOrganization = ZendeskSeeds['organizations'][number];
export type ZendeskBot = ZendeskOrganization['bots'][number];

/** Link lifetime bounds in minutes: at least one minute, at most GCS's seven days (604800 s). */
export const TTL_MIN = 1;
export const TTL_MAX = 10_080;
/** "The URL to the file expires after one day from the request date." */
export const TTL_DEFAULT = 1_440;

export const SignedUrlsBody = z
  .object({
    date: z.iso.date().describe('The export day, YYYY-MM-DD (UTC), from 2024-01-01 up to the last finalized day'),
    ttl: z
      .number()
      .int()
      .min(TTL_MIN)
      .max(TTL_MAX)
      .optional()
      .describe(
        `Lifetime of the download links in minutes, ${TTL_MIN} to ${TTL_MAX} (seven days); default ${TTL_DEFAULT} (one day)`,
      ),
  })
  .describe('The day to export');

/** Documented only (auth runs before validation, in onRequest): the two id headers. `authorization` is the security scheme. */
export const SignedUrlsHeaders = z.looseObject({
  organizationid: z.string().describe('Your organization id (Organization management, in the dashboard URL)'),
  botid: z.string().describe('The bot (AI agent) whose conversations to export'),
});

export const SignedUrls = z.object({
  date: z.string().describe('The requested day'),
  urls: z.array(z.string()).describe('One signed Google Cloud Storage link per file of the day, in shard order'),
});

/** Every error: `error` is the HTTP reason phrase the vendor page shows ("Unauthorized", "Internal Server Error"). */
export const ZendeskError = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
});
export type ZendeskError = z.output<typeof ZendeskError>;

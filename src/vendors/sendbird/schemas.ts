/**
 * Sendbird AI agent data-export wire shapes (vendor page: "Data export", sendbird-ai-agent-data-export.md).
 * The request schemas only check types and presence; value rules (dates, zones, agents) are checked in routes.ts so
 * each failure gets its own Sendbird code and a message that says what to fix.
 */

import { z } from 'zod';
import { CompanySeed } from '../../core/world/company-seed.js';

export const EXPORT_TYPES = ['conversation', 'daily_analysis'] as const;
export const EXPORT_STATUSES = ['scheduled', 'exporting', 'done', 'no_data', 'failed'] as const;

/** Seeds: applications, their API tokens and AI agents. `volume` scales WORLD_DAILY_VOLUME for an agent (0 = silent). */
export const SendbirdSeeds = z
  .object({
    apps: z
      .array(
        z.object({
          app_id: z.string().min(1),
          api_tokens: z.array(z.string().min(1)).min(1),
          company: CompanySeed,
          ai_agents: z
            .array(
              z.object({
                ai_agent_id: z.string().min(1),
                name: z.string().default(''),
                volume: z.number().min(0).default(1),
              }),
            )
            .default([]),
        }),
      )
      .default([]),
  })
  .passthrough();
export type SendbirdSeeds = z.output<typeof SendbirdSeeds>;

const field = (description: string) => z.string().describe(description);

export const CreateExportBody = z
  .object({
    type: field('conversation or daily_analysis'),
    ai_agent_id: field('The AI agent to export data for'),
    from: field('Start date, YYYY-MM-DD, read in `timezone`; at most seven days before today'),
    to: field('End date, YYYY-MM-DD, read in `timezone`; not before `from`, not in the future'),
    timezone: field('IANA time zone, e.g. America/New_York'),
    export_format: field('json (the only format)'),
  })
  .describe('Request a data export');

export const ListQuery = z.object({
  type: z.string().optional().describe('conversation or daily_analysis'),
  ai_agent_id: z.string().optional(),
  export_status: z.string().optional().describe(EXPORT_STATUSES.join(', ')),
  export_from_ts: z.string().optional().describe('Creation time lower bound, unix milliseconds'),
  export_to_ts: z.string().optional().describe('Creation time upper bound, unix milliseconds'),
  limit: z.string().optional().describe('1 to 100, default 10'),
  token: z.string().optional().describe("Opaque page token from the previous page's `next`"),
});

const ExportFile = z.object({ url: z.string(), expires_at: z.number().int().describe('unix milliseconds') });

export const ExportView = z.object({
  created_at: z.number().int().describe('unix seconds'),
  updated_at: z.number().int().describe('unix seconds'),
  app_id: z.string(),
  ai_agent_id: z.string(),
  type: z.enum(EXPORT_TYPES),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  export_id: z.string(),
  export_status: z.enum(EXPORT_STATUSES),
  export_format: z.literal('json'),
  export_started_at: z.number().int().nullable().describe('unix milliseconds'),
  export_ended_at: z.number().int().nullable().describe('unix milliseconds'),
  export_elapsed: z.number().int().describe('seconds'),
  export_file: ExportFile.nullable(),
});
export type ExportView = z.output<typeof ExportView>;

export const ListView = z.object({ items: z.array(ExportView), prev: z.string().nullable(), next: z.string() });

export const SendbirdError = z.object({ error: z.literal(true), code: z.number().int(), message: z.string() });

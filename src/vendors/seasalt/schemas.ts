/**
 * Seasalt SeaX export-conversations wire shapes (vendor page: seasalt-seax-export-conversations.md): seeds, job views
 * and error bodies.
 * The request body lives in export-request.ts.
 */

import { z } from 'zod';
import { CompanySeed } from '../../core/world/company-seed.js';
import { isE164 } from './pydantic.js';

/** The coarse `channel_type` a client sends (vendor page: "Accepted values"). */
export const COARSE_TYPES = ['sms', 'whatsapp', 'messenger', 'instagram', 'line'] as const;
export type CoarseType = (typeof COARSE_TYPES)[number];

/**
 * Detailed internal types (shown in the 409 candidates) and the coarse value each answers to. The vendor page names
 * LOCAL→sms and WHATSAPP_BUSINESS_PLATFORM→whatsapp; the others are our reading of SeaX's channel kinds (US toll-free
 * and short-code numbers are SMS too).
 */
const DETAILED_TYPES = {
  LOCAL: 'sms',
  TOLL_FREE: 'sms',
  SHORT_CODE: 'sms',
  WHATSAPP_BUSINESS_PLATFORM: 'whatsapp',
  FACEBOOK_MESSENGER: 'messenger',
  INSTAGRAM: 'instagram',
  LINE: 'line',
} as const satisfies Record<string, CoarseType>;
export type DetailedType = keyof typeof DETAILED_TYPES;
export const coarseOf = (t: DetailedType): CoarseType => DETAILED_TYPES[t];

/** Channels whose contacts are phone numbers (the others know a contact by a platform id, not a number). */
export const PHONE_CONTACTS: ReadonlySet<CoarseType> = new Set(['sms', 'whatsapp']);

const Agent = z.object({
  name: z.string().min(1).describe('Full name, written as speaker_name'),
  account: z.string().min(1).describe('Login, written as sender_account'),
});

const Channel = z.object({
  channel_id: z.string().min(1),
  name: z.string().default('').describe('Empty: files are named after the phone number'),
  channel_type: z.enum(Object.keys(DETAILED_TYPES) as [DetailedType, ...DetailedType[]]),
  phone_number: z.string().refine(isE164, 'expected an E.164 number such as +12025550123').optional(),
  /** Scales WORLD_DAILY_VOLUME for this channel (0 = no conversations at all). */
  volume: z.number().min(0).default(1),
  /** The AI agent's name on this channel (speaker_name of bot messages); the workspace's otherwise. */
  bot_name: z.string().min(1).optional(),
  /** Human agents who take over conversations; without any, the channel's drawn roster of six to eight people. */
  agents: z.array(Agent).default([]),
});

/** Seeds: workspaces, their API keys and channels. */
export const SeasaltSeeds = z
  .object({
    workspaces: z
      .array(
        z
          .object({
            workspace_id: z.string().min(1),
            api_keys: z.array(z.string().min(1)).min(1),
            bot_name: z.string().min(1).default('SeaChat AI Agent'),
            company: CompanySeed,
            channels: z.array(Channel).default([]),
          })
          .superRefine((w, ctx) => {
            const seen = new Set<string>();
            w.channels.forEach((c, i) => {
              if (seen.has(c.channel_id))
                ctx.addIssue({
                  code: 'custom',
                  path: ['channels', i, 'channel_id'],
                  message: `duplicate channel_id ${c.channel_id}`,
                });
              seen.add(c.channel_id);
            });
          }),
      )
      .default([]),
  })
  .passthrough();
export type SeasaltSeeds = z.output<typeof SeasaltSeeds>;
export type Workspace = SeasaltSeeds['workspaces'][number];
export type ChannelSeed = Workspace['channels'][number];

const JOB_STATUSES = ['queued', 'started', 'finished', 'failed'] as const;

export const ExportCreated = z.object({
  export_job_id: z.string().describe('UUID of the export job'),
  status: z.literal('queued'),
  message: z.string(),
});

export const ExportJob = z.object({
  export_job_id: z.string(),
  workspace_id: z.string(),
  channel_id: z.string(),
  start_date: z.string().describe('YYYY-MM-DD'),
  end_date: z.string().describe('YYYY-MM-DD'),
  status: z.enum(JOB_STATUSES),
  presigned_url: z.string().nullable().describe('S3 Signature V2 link to the ZIP once finished; valid 24 hours'),
  presigned_url_expires_at: z.string().nullable().describe('Naive ISO 8601 (UTC), microseconds'),
  error_message: z.string().nullable(),
  created_time: z.string().describe('Naive ISO 8601 (UTC), microseconds, e.g. 2026-06-11T06:50:43.861185'),
});
export type ExportJob = z.output<typeof ExportJob>;

export const JobParams = z.object({
  workspace_id: z.string().describe('Workspace ID'),
  export_job_id: z.string().describe('The job ID returned by the trigger endpoint'),
});
export const WorkspaceParams = z.object({ workspace_id: z.string().describe('Workspace ID') });

/** FastAPI's HTTPException body. */
export const HttpError = z.object({ detail: z.string() });
export const ConflictError = z.object({
  detail: z.union([
    z.string(),
    z.object({
      message: z.string(),
      candidates: z.array(z.object({ channel_id: z.string(), channel_type: z.string(), name: z.string() })),
    }),
  ]),
});
/** FastAPI's RequestValidationError body with pydantic v2 items (no `url`: FastAPI ≥ 0.110.3 leaves it out). */
export const ValidationErrorBody = z.object({
  detail: z.array(
    z.object({
      type: z.string(),
      loc: z.array(z.union([z.string(), z.number()])),
      msg: z.string(),
      input: z.unknown(),
      ctx: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

export const OutboxEmail = z.object({
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  link: z.string(),
  export_job_id: z.string(),
  workspace_id: z.string(),
  sent_at: z.string().describe('Virtual time the export finished and the email went out (ISO 8601, UTC)'),
});
export type OutboxEmail = z.output<typeof OutboxEmail>;

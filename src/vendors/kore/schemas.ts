/**
 * Kore.ai Search AI answer-insights export wire shapes (vendor page: "Export Analytics Data",
 * Kore.ai "Export Analytics Data"; record fields from its record sample). The request schema only checks types and presence;
 * value rules (date formats, the seven-day window, the event names) are checked in routes.ts so each failure gets a
 * message that says what to fix.
 */

import { z } from 'zod';
import { CompanySeed } from '../../core/world/company-seed.js';

export const ANSWER_INSIGHTS_SCOPE = 'Answer Insights';
export const EVENTS = ['thumbsUp', 'thumbsDown'] as const;
export type FeedbackEvent = (typeof EVENTS)[number];
const JOB_STATUSES = ['INPROGRESS', 'SUCCESS', 'FAILED'] as const;

/**
 * Seeds: bots (Search AI apps, `app_id` is the AppID `st-…` of the URL) and the API apps allowed on each, with their
 * client secret (the JWT signing key) and API scopes. `volume` scales WORLD_DAILY_VOLUME for a bot (0 = no searches).
 */
export const KoreSeeds = z
  .object({
    bots: z
      .array(
        z.object({
          app_id: z.string().min(1),
          name: z.string().default(''),
          volume: z.number().min(0).default(1),
          company: CompanySeed,
          apps: z
            .array(
              z.object({
                client_id: z.string().min(1),
                client_secret: z.string().min(1),
                scopes: z.array(z.string()).default([]),
              }),
            )
            .default([]),
        }),
      )
      .default([]),
  })
  .passthrough();
export type KoreSeeds = z.output<typeof KoreSeeds>;
export type KoreBot = KoreSeeds['bots'][number];
export type KoreApp = KoreBot['apps'][number];

const instant = (what: string) =>
  z.string().describe(`${what}: a date YYYY-MM-DD (UTC) or an ISO 8601 UTC date-time such as 2025-01-25T07:32:58.611Z`);

export const ExportBody = z
  .object({
    filters: z
      .object({
        from: instant('Start of the range (inclusive; a date means 00:00:00.000Z)'),
        to: instant(
          'End of the range (inclusive; a date means 00:00:00.000Z, so 2025-04-01 to 2025-04-08 is one week); at most 7 days after `from`',
        ),
      })
      .describe('Date/time range of the export, in UTC'),
    event: z
      .enum(EVENTS)
      .nullable()
      .optional()
      .describe('Only searches whose answer received this feedback (case-sensitive)'),
  })
  .describe('Start an answer-insights export');

export const PathParams = z.object({ AppID: z.string().describe('The Search AI app (bot) id, st-…') });
export const JobPathParams = PathParams.extend({
  JobID: z.string().describe('The job id (_id) returned on creation, fj-…'),
});

const FileRef = z.object({
  fileId: z.string().describe('24 hex digits'),
  fileName: z.string().describe('analytics_data_<ms>, or analytics_data_<ms>_part_<i>_of_<n> for a fragment'),
  fileUrl: z.string().describe('Media-stream link to the JSON file, valid 24 hours after the job ended'),
});
export const Fragment = FileRef.extend({ recordCount: z.number().int() });
export type Fragment = z.output<typeof Fragment>;

export const JobView = z.object({
  _id: z.string().describe('fj-<uuid>'),
  status: z.enum(JOB_STATUSES),
  percentageDone: z.number().int().min(0).max(100),
  message: z
    .string()
    .optional()
    .describe('Once finished: "ANALYTICS DATA JSON Export Completed - <n> file(s) with <m> total records"'),
  title: z.literal('Exporting Analytics Data - JSON'),
  jobType: z.literal('DATA_EXPORT'),
  fileInfo: z
    .union([z.object({ ext: z.literal('json') }), FileRef, z.object({})])
    .describe('{"ext":"json"} while running; the file of a single-file export; {} for a fragmented (or empty) export'),
  analyticsFragments: z.array(Fragment).optional().describe('Every file of a finished export'),
  hasAnalyticsFragments: z.boolean().optional().describe('true when the export is split into files of 150 records'),
  store: z.object({ totalFiles: z.number().int(), totalRecords: z.number().int() }).optional(),
  createdOn: z.string(),
  streamId: z.string().describe('The AppID (st-…)'),
  searchIndexId: z.string().describe('sidx-…'),
  createdBy: z.string().describe('u-…'),
  opType: z.literal('Manual'),
  hidden: z.boolean(),
  read: z.boolean(),
  timedOut: z.boolean(),
  lMod: z.string(),
  startedAt: z.string(),
  error: z.string().nullable(),
  __v: z.number().int(),
});
export type JobView = z.output<typeof JobView>;

export const KoreError = z.object({ errors: z.array(z.object({ msg: z.string(), code: z.number().int() })) });

export const MediaQuery = z.object({
  n: z.string().optional().describe('Expiry of the link, unix seconds'),
  s: z.string().optional().describe('Signature of the link'),
});
export const MediaParams = z.object({ file: z.string().describe('f-<uuid>.json') });

const Chunk = z.object({
  score: z.number(),
  chunkText: z.string(),
  sentToLLM: z.boolean(),
  usedInAnswer: z.boolean(),
  chunkQualified: z.boolean(),
  sourceType: z.enum(['web', 'file']),
  sourceUrl: z.string(),
  sourceName: z.string(),
  recordTitle: z.string(),
  recordUrl: z.string(),
  chunkRerank: z.number(),
  additionalInfo: z.object({
    chunkId: z.string(),
    docId: z.string(),
    sourceId: z.string(),
    chunkType: z.string(),
    extractionMethod: z.string(),
  }),
});

const AnswerDebug = z.object({
  extractiveChunks: z.array(Chunk),
  generativeChunks: z.array(Chunk),
  chunksSentToLLM: z.array(z.string()).describe('chunkIds'),
  chunksUsedInAnswer: z.array(z.string()).describe('chunkIds'),
  prompt: z.object({ promptText: z.string() }),
  llmResponse: z.object({
    responseDetails: z.object({ completionText: z.string() }),
    responseTime: z.number().int().describe('ms'),
  }),
  answeredBy: z.string(),
  answeringSource: z.array(z.object({ title: z.string(), url: z.string() })),
  retrieverUsed: z.string(),
  vectorSearchType: z.string(),
});

/** One exported record: one search and its answer. */
export const SearchRecord = z.object({
  _id: z.string().describe('fsh-<uuid>'),
  sessionId: z.string(),
  channelUId: z.string(),
  clientInfo: z.object({ browser: z.string(), os: z.string(), deviceType: z.string(), userAgent: z.string() }),
  query: z.string(),
  isFullSearch: z.boolean(),
  searchRequestId: z.string(),
  answerType: z.string().nullable(),
  event: z.enum(EVENTS).nullable().describe('Feedback on the answer; null when none was given'),
  selectedFacets: z.array(z.object({ fieldName: z.string(), values: z.array(z.string()) })),
  botId: z.string(),
  searchIndexId: z.string(),
  language: z.string(),
  hasResults: z.boolean(),
  timeStampValue: z.number().int().describe('unix ms'),
  createdOn: z.string(),
  accountId: z.string(),
  isDev: z.boolean(),
  queryPipelineId: z.string(),
  indexPipelineId: z.string(),
  requestSource: z.string(),
  connectionType: z.string(),
  queryType: z.string(),
  snippetEnabled: z.boolean(),
  model: z.string(),
  graphAnswer: z.boolean(),
  channel: z.string(),
  messageId: z.string(),
  __v: z.number().int(),
  answerDebug: z.array(AnswerDebug),
});
export type SearchRecord = z.output<typeof SearchRecord>;

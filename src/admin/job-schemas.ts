/** Wire shapes and route schemas of the flow view (GET /__admin/jobs, one job's timeline, forcing a state). */
import { z } from 'zod';
import { ErrorBody } from './schemas.js';

/** Jobs per page of GET /__admin/jobs: the default keeps small setups' answer whole, the maximum bounds one answer. */
const DEFAULT_PAGE = 200;
const MAX_PAGE = 1000;

const tags = ['jobs'];

export const JobSummary = z.object({
  id: z.string(),
  vendor: z.string(),
  tenant: z.string(),
  state: z.string().describe("The state as the vendor's API shows it"),
  phase: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.number(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  link_expires_at: z.string().nullable(),
  scenarios: z.array(z.string()),
});
export const TimelineEvent = z.object({
  at: z.string(),
  type: z.enum(['created', 'state', 'poll', 'download', 'fault']),
  detail: z.record(z.string(), z.unknown()),
});

export const listJobsSchema = {
  tags,
  summary: 'Jobs of every vendor, newest first, one page at a time',
  description:
    'Without parameters: the newest 200 jobs as {"jobs": [...]}, plus paging fields. Follow next_cursor with after= for older ones. ' +
    'Pass since=<revision of your last answer> to get {"jobs": [], "unchanged": true} when that page has not changed (the dashboard polls this way).',
  querystring: z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE)
      .default(DEFAULT_PAGE)
      .describe(`Jobs per page (1–${MAX_PAGE}, default ${DEFAULT_PAGE})`),
    after: z.string().optional().describe('next_cursor of the previous page'),
    since: z.string().optional().describe('revision of an earlier answer for the same page'),
  }),
  response: {
    200: z.object({
      jobs: z.array(JobSummary),
      total: z.number().int().describe('Jobs the server keeps'),
      next_cursor: z.string().nullable().describe('Pass as after= for the next (older) page; null on the last page'),
      revision: z.string().describe('Fingerprint of this page; pass as since= to learn cheaply whether it changed'),
      unchanged: z.boolean().describe('True when since= matched: jobs is then empty'),
    }),
    400: ErrorBody,
  },
};

export const jobTimelineSchema = {
  tags,
  summary: 'One job and its timeline',
  params: z.object({ id: z.string() }),
  response: { 200: z.object({ job: JobSummary, timeline: z.array(TimelineEvent) }), 404: ErrorBody },
};

export const forceStateSchema = {
  tags,
  summary: 'Force a job into a phase from now on (succeeded waits for its file)',
  params: z.object({ id: z.string() }),
  body: z
    .object({ phase: z.enum(['queued', 'running', 'succeeded', 'failed']), error: z.string().optional() })
    .strict(),
  response: { 200: JobSummary, 400: ErrorBody, 404: ErrorBody },
};

/**
 * The flow view: every job of every vendor with its state in the vendor's words, one job's timeline (created, each
 * poll with the virtual interval since the previous one, each state change, each download and whether it came before
 * the link expired, each fault injected), and forcing a state.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../core/context.js';
import type { Job } from '../core/jobs.js';
import type { VendorModule } from '../core/vendor.js';
import { decodeCursor, encodeCursor, pageOf, revisionOf } from './job-pages.js';
import { ErrorBody } from './schemas.js';

/** Jobs per page of GET /__admin/jobs: the default keeps small setups' answer whole, the maximum bounds one answer. */
const DEFAULT_PAGE = 200;
const MAX_PAGE = 1000;

const iso = (ms: number | undefined | null) => (ms === undefined || ms === null ? null : new Date(ms).toISOString());

const JobSummary = z.object({
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
const TimelineEvent = z.object({
  at: z.string(),
  type: z.enum(['created', 'state', 'poll', 'download', 'fault']),
  detail: z.record(z.string(), z.unknown()),
});

export async function registerJobRoutes(
  scope: FastifyInstance,
  ctx: CoreContext,
  vendors: readonly VendorModule[],
): Promise<void> {
  const admin = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  const vendorOf = (job: Job) => vendors.find((v) => v.id === job.vendor);

  const summary = (job: Job, now: number): z.output<typeof JobSummary> => {
    const view = ctx.jobs.view(job, now);
    const described = vendorOf(job)?.describeJob?.(job, now, ctx);
    return {
      id: job.id,
      vendor: job.vendor,
      tenant: job.tenant,
      state: described?.state ?? view.phase,
      phase: view.phase,
      progress: Math.round(view.progress * 1000) / 1000,
      created_at: iso(job.createdAt)!,
      started_at: iso(view.startedAt),
      ended_at: iso(view.endedAt),
      link_expires_at: iso(described?.link_expires_at),
      scenarios: job.effects?.scenarios ?? [],
    };
  };

  admin.get(
    '/__admin/jobs',
    {
      schema: {
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
            next_cursor: z
              .string()
              .nullable()
              .describe('Pass as after= for the next (older) page; null on the last page'),
            revision: z
              .string()
              .describe('Fingerprint of this page; pass as since= to learn cheaply whether it changed'),
            unchanged: z.boolean().describe('True when since= matched: jobs is then empty'),
          }),
          400: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { limit, after, since } = request.query;
      const from = after === undefined ? undefined : decodeCursor(after);
      if (after !== undefined && !from)
        return reply.code(400).send({
          error: 'bad_request',
          message: 'after must be the next_cursor of an earlier page of GET /__admin/jobs.',
        });
      const now = ctx.clock.now();
      const all = await ctx.jobs.all();
      const { page, more } = pageOf(all, limit, from);
      const jobs = page.map((j) => summary(j, now));
      const next_cursor = more ? encodeCursor(page[page.length - 1]!) : null;
      const revision = revisionOf(all.length, { jobs, next_cursor });
      if (since === revision) return { jobs: [], unchanged: true, total: all.length, next_cursor, revision };
      return { jobs, total: all.length, next_cursor, revision, unchanged: false };
    },
  );

  admin.get(
    '/__admin/jobs/:id',
    {
      schema: {
        tags,
        summary: 'One job and its timeline',
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ job: JobSummary, timeline: z.array(TimelineEvent) }), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const job = await ctx.jobs.get(request.params.id);
      if (!job) return reply.code(404).send({ error: 'not_found', message: `No job "${request.params.id}".` });
      const now = ctx.clock.now();
      const s = summary(job, now);
      const events: Array<{
        ms: number;
        seq: number;
        type: z.output<typeof TimelineEvent>['type'];
        detail: Record<string, unknown>;
      }> = [];
      events.push({ ms: job.createdAt, seq: 0, type: 'created', detail: { scenarios: s.scenarios } });
      const view = ctx.jobs.view(job, now);
      if (view.startedAt !== undefined && view.startedAt <= now)
        events.push({ ms: view.startedAt, seq: 0, type: 'state', detail: { phase: 'running' } });
      if (view.endedAt !== undefined)
        events.push({
          ms: view.endedAt,
          seq: 0,
          type: 'state',
          detail: { phase: view.phase, state: s.state, ...(view.error ? { error: view.error } : {}) },
        });
      let lastPoll: number | undefined;
      const linkExpires = s.link_expires_at ? Date.parse(s.link_expires_at) : undefined;
      for (const e of ctx.journal.list({ job_id: job.id })) {
        const ms = Date.parse(e.at);
        if (e.scenarios.length > 0 && e.route !== 'create')
          events.push({
            ms,
            seq: e.id,
            type: 'fault',
            detail: { scenarios: e.scenarios, status: e.status, path: e.path },
          });
        if (e.route === 'poll') {
          events.push({
            ms,
            seq: e.id,
            type: 'poll',
            detail: {
              status: e.status,
              interval_seconds: lastPoll === undefined ? null : (ms - lastPoll) / 1000,
              request_id: e.id,
            },
          });
          lastPoll = ms;
        } else if (e.route === 'download' || e.path.startsWith('/s3/') || e.path.startsWith('/gcs/')) {
          events.push({
            ms,
            seq: e.id,
            type: 'download',
            detail: {
              status: e.status,
              bytes: e.response.bytes,
              before_link_expiry: linkExpires === undefined ? null : ms < linkExpires,
              request_id: e.id,
            },
          });
        }
      }
      events.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
      return { job: s, timeline: events.map((e) => ({ at: iso(e.ms)!, type: e.type, detail: e.detail })) };
    },
  );

  admin.put(
    '/__admin/jobs/:id/state',
    {
      schema: {
        tags,
        summary: 'Force a job into a phase from now on (succeeded waits for its file)',
        params: z.object({ id: z.string() }),
        body: z
          .object({ phase: z.enum(['queued', 'running', 'succeeded', 'failed']), error: z.string().optional() })
          .strict(),
        response: { 200: JobSummary, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await ctx.jobs.get(request.params.id);
      if (!found) return reply.code(404).send({ error: 'not_found', message: `No job "${request.params.id}".` });
      const now = ctx.clock.now();
      const forced = {
        phase: request.body.phase,
        at: now,
        error: request.body.error ?? (request.body.phase === 'failed' ? vendorOf(found)?.faults?.jobError : undefined),
      };
      const job = await ctx.jobs.patch(found.id, { forced });
      return summary(job ?? found, now);
    },
  );
}

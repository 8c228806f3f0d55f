/**
 * The flow view: every job of every vendor with its state in the vendor's words, one job's timeline (created, each
 * poll with the virtual interval since the previous one, each state change, each download and whether it came before
 * the link expired, each fault injected), and forcing a state.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../core/context.js';
import { type Job, viewJob } from '../core/jobs.js';
import type { VendorModule } from '../core/vendor.js';
import { ErrorBody } from './schemas.js';

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

export async function registerJobRoutes(scope: FastifyInstance, ctx: CoreContext, vendors: readonly VendorModule[]): Promise<void> {
  const admin = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  const vendorOf = (job: Job) => vendors.find((v) => v.id === job.vendor);

  const summary = (job: Job, now: number): z.output<typeof JobSummary> => {
    const view = viewJob(job, now);
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

  admin.get('/__admin/jobs', { schema: { tags, summary: 'Every job of every vendor, newest first', response: { 200: z.object({ jobs: z.array(JobSummary) }) } } }, async () => {
    const now = ctx.clock.now();
    return { jobs: ctx.jobs.all().sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq).map((j) => summary(j, now)) };
  });

  admin.get(
    '/__admin/jobs/:id',
    { schema: { tags, summary: "One job and its timeline", params: z.object({ id: z.string() }), response: { 200: z.object({ job: JobSummary, timeline: z.array(TimelineEvent) }), 404: ErrorBody } } },
    async (request, reply) => {
      const job = ctx.jobs.get(request.params.id);
      if (!job) return reply.code(404).send({ error: 'not_found', message: `No job "${request.params.id}".` });
      const now = ctx.clock.now();
      const s = summary(job, now);
      const events: Array<{ ms: number; seq: number; type: z.output<typeof TimelineEvent>['type']; detail: Record<string, unknown> }> = [];
      events.push({ ms: job.createdAt, seq: 0, type: 'created', detail: { scenarios: s.scenarios } });
      const view = viewJob(job, now);
      if (view.startedAt !== undefined && view.startedAt <= now) events.push({ ms: view.startedAt, seq: 0, type: 'state', detail: { phase: 'running' } });
      if (view.endedAt !== undefined) events.push({ ms: view.endedAt, seq: 0, type: 'state', detail: { phase: view.phase, state: s.state, ...(view.error ? { error: view.error } : {}) } });
      let lastPoll: number | undefined;
      const linkExpires = s.link_expires_at ? Date.parse(s.link_expires_at) : undefined;
      for (const e of ctx.journal.list({ job_id: job.id })) {
        const ms = Date.parse(e.at);
        if (e.scenarios.length > 0 && e.route !== 'create') events.push({ ms, seq: e.id, type: 'fault', detail: { scenarios: e.scenarios, status: e.status, path: e.path } });
        if (e.route === 'poll') {
          events.push({ ms, seq: e.id, type: 'poll', detail: { status: e.status, interval_seconds: lastPoll === undefined ? null : (ms - lastPoll) / 1000, request_id: e.id } });
          lastPoll = ms;
        } else if (e.route === 'download' || e.path.startsWith('/s3/') || e.path.startsWith('/gcs/')) {
          events.push({ ms, seq: e.id, type: 'download', detail: { status: e.status, bytes: e.response.bytes, before_link_expiry: linkExpires === undefined ? null : ms < linkExpires, request_id: e.id } });
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
        body: z.object({ phase: z.enum(['queued', 'running', 'succeeded', 'failed']), error: z.string().optional() }).strict(),
        response: { 200: JobSummary, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const job = ctx.jobs.get(request.params.id);
      if (!job) return reply.code(404).send({ error: 'not_found', message: `No job "${request.params.id}".` });
      const now = ctx.clock.now();
      job.forced = { phase: request.body.phase, at: now, error: request.body.error ?? (request.body.phase === 'failed' ? vendorOf(job)?.faults?.jobError : undefined) };
      return summary(job, now);
    },
  );
}

/**
 * The flow view: every job of every vendor with its state in the vendor's words, one job's timeline (job-view.ts),
 * and forcing a state.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CoreContext } from '../core/context.js';
import type { Job } from '../core/jobs/job.js';
import type { VendorModule } from '../core/vendor.js';
import { decodeCursor, encodeCursor, pageOf, revisionOf } from './job-pages.js';
import { forceStateSchema, jobTimelineSchema, listJobsSchema } from './job-schemas.js';
import { jobSummary, jobTimeline } from './job-view.js';

export async function registerJobRoutes(
  scope: FastifyInstance,
  ctx: CoreContext,
  vendors: readonly VendorModule[],
): Promise<void> {
  const admin = scope.withTypeProvider<ZodTypeProvider>();
  const vendorOf = (job: Job) => vendors.find((v) => v.id === job.vendor);
  const summary = (job: Job, now: number) => jobSummary(ctx, vendorOf(job), job, now);

  admin.get('/__admin/jobs', { schema: listJobsSchema }, async (request, reply) => {
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
  });

  admin.get('/__admin/jobs/:id', { schema: jobTimelineSchema }, async (request, reply) => {
    const job = await ctx.jobs.get(request.params.id);
    if (!job) return reply.code(404).send({ error: 'not_found', message: `No job "${request.params.id}".` });
    const now = ctx.clock.now();
    const s = summary(job, now);
    return { job: s, timeline: jobTimeline(ctx, job, s, now) };
  });

  admin.put('/__admin/jobs/:id/state', { schema: forceStateSchema }, async (request, reply) => {
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
  });
}

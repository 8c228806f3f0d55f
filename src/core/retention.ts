/**
 * Retention: a long-running sandbox must not grow without bound. A finished job (and its files) is forgotten once its
 * download link has expired and RETENTION_SECONDS more have passed on the virtual clock; a file no job owns (Zendesk's
 * daily files, regenerated on demand) once it has not been looked up for the longest link lifetime (7 days) plus the
 * retention.
 */
import type { CoreContext } from './context.js';
import { viewJob } from './jobs.js';
import type { VendorModule } from './vendor.js';

/** The longest any vendor's link lives (S3 and GCS cap presigned URLs at 7 days). */
const LONGEST_LINK_MS = 7 * 86_400_000;

export async function sweep(ctx: CoreContext, vendors: readonly VendorModule[]): Promise<{ jobs: number; objects: number }> {
  const now = ctx.clock.now();
  const retention = ctx.config.RETENTION_SECONDS * 1000;
  const evicted = new Set<string>();
  for (const job of ctx.jobs.all()) {
    const view = viewJob(job, now);
    if (view.endedAt === undefined || (view.phase !== 'succeeded' && view.phase !== 'failed')) continue;
    const vendor = vendors.find((v) => v.id === job.vendor);
    const linkEnd = vendor?.describeJob?.(job, now, ctx).link_expires_at ?? view.endedAt;
    if (now >= Math.max(linkEnd, view.endedAt) + retention) {
      ctx.jobs.remove(job.id);
      evicted.add(job.id);
    }
  }
  let objects = 0;
  for (const { object, accessedAt } of ctx.store.entries()) {
    const jobId = object.owner?.jobId;
    const orphaned = jobId !== undefined && (evicted.has(jobId) || !ctx.jobs.get(jobId));
    const stale = jobId === undefined && now >= accessedAt + LONGEST_LINK_MS + retention;
    if (orphaned || stale) {
      await ctx.store.delete(object.bucket, object.key);
      objects++;
    }
  }
  if (evicted.size > 0 || objects > 0) ctx.changed();
  return { jobs: evicted.size, objects };
}

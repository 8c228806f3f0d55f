/**
 * Retention: a long-running sandbox must not grow without bound. A finished job's files are dropped once its download
 * link has expired and RETENTION_SECONDS more have passed on the virtual clock, and the job with them, unless its vendor
 * keeps showing expired exports (`recordRetentionSeconds`: Sendbird's list and details do), in which case the record
 * stays that much longer with its expired link. A file no job owns (Zendesk's daily files, regenerated on demand) is
 * dropped once it has not been looked up for the longest link lifetime (7 days) plus the retention.
 */
import type { CoreContext } from '../context.js';
import type { VendorModule } from '../vendor.js';

/** The longest any vendor's link lives (S3 and GCS cap presigned URLs at 7 days). */
const LONGEST_LINK_MS = 7 * 86_400_000;

export async function sweep(
  ctx: CoreContext,
  vendors: readonly VendorModule[],
): Promise<{ jobs: number; objects: number }> {
  const now = ctx.clock.now();
  const retention = ctx.config.RETENTION_SECONDS * 1000;
  const evicted = new Set<string>();
  const filesDue = new Set<string>();
  for (const job of await ctx.jobs.all()) {
    const view = ctx.jobs.view(job, now);
    if (view.endedAt === undefined || (view.phase !== 'succeeded' && view.phase !== 'failed')) continue;
    const vendor = vendors.find((v) => v.id === job.vendor);
    const expired = Math.max(vendor?.describeJob?.(job, now, ctx).link_expires_at ?? view.endedAt, view.endedAt);
    if (now < expired + retention) continue;
    filesDue.add(job.id);
    if (now >= expired + Math.max(retention, (vendor?.recordRetentionSeconds ?? 0) * 1000)) {
      await ctx.jobs.remove(job.id);
      evicted.add(job.id);
    }
  }
  let objects = 0;
  for (const { object, accessedAt } of ctx.store.entries()) {
    const jobId = object.owner?.jobId;
    const orphaned = jobId !== undefined && (filesDue.has(jobId) || !(await ctx.jobs.get(jobId)));
    const stale = jobId === undefined && now >= accessedAt + LONGEST_LINK_MS + retention;
    if (orphaned || stale) {
      await ctx.store.delete(object.bucket, object.key);
      objects++;
    }
  }
  if (evicted.size > 0 || objects > 0) ctx.changed();
  return { jobs: evicted.size, objects };
}

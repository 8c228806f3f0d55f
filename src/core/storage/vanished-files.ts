/**
 * A file deleted from storage behind the server's back (by hand, or by a cleaner of the temporary folder): storage
 * forgets it and answers its own NoSuchKey, and the finished job that owns it gets it written again (the same bytes:
 * the world is a pure function of the seed) or, when its vendor cannot, ends failed in the vendor's own words. Both are
 * logged. Files no job owns (Zendesk's days) are written again by their vendor when next asked for.
 */
import type { CoreContext } from '../context.js';
import type { VendorModule } from '../vendor.js';
import type { StoredObject } from './object-store.js';

export function rewriteVanished(
  ctx: CoreContext,
  vendors: readonly VendorModule[],
  log: { warn(message: string): void },
): (object: StoredObject) => void {
  return (object) => void rewrite(ctx, vendors, log, object);
}

async function rewrite(
  ctx: CoreContext,
  vendors: readonly VendorModule[],
  log: { warn(message: string): void },
  object: StoredObject,
): Promise<void> {
  const where = `${object.bucket}/${object.key}`;
  const job = object.owner?.jobId === undefined ? undefined : await ctx.jobs.get(object.owner.jobId);
  if (job?.generation.state !== 'done') {
    log.warn(`storage: the file ${where} vanished from disk; it is written again when next asked for`);
    return;
  }
  const task = vendors.find((v) => v.id === job.vendor)?.resumeJob?.(job, ctx);
  log.warn(
    `storage: the file ${where} of finished ${job.vendor} job ${job.id} vanished from disk; ${task ? 'writing it again' : 'the job now reads failed'}`,
  );
  if (!task) await ctx.jobs.patch(job.id, { generation: { state: 'error', error: undefined } });
  const failed = task && (await ctx.jobs.rewrite(job.id, task));
  if (failed)
    log.warn(
      `storage: writing ${where} of ${job.vendor} job ${job.id} again failed (${failed.message}); the job now reads failed`,
    );
  ctx.changed();
}

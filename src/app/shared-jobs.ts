import type { CoreContext } from '../core/context.js';
import type { Job } from '../core/jobs/job.js';
import type { SharedStores } from '../core/state/stores.js';
import type { VendorModule } from '../core/vendor.js';

/**
 * Shared state: this replica's worker claims the work of any replica's jobs (its vendor rebuilds it from the record),
 * stored files are indexed for every replica, and a file this replica lacks is written again here.
 */
export function shareJobs(
  stores: SharedStores,
  ctx: CoreContext,
  vendors: readonly VendorModule[],
  onFault: (job: Job, err: Error) => void,
): void {
  const taskOf = (job: Job) => vendors.find((v) => v.id === job.vendor)?.resumeJob?.(job, ctx);
  const objects = stores.objects!;
  const previous = ctx.store.onPut;
  ctx.store.onPut = (object) => {
    previous(object);
    objects.put(object);
  };
  ctx.store.lookup = (bucket, key) => objects.get(bucket, key);
  ctx.store.writeAgain = async (object) => {
    const job = object.owner?.jobId === undefined ? undefined : await ctx.jobs.get(object.owner.jobId);
    const task = job && taskOf(job);
    if (job && task) await ctx.jobs.rewrite(job.id, task);
  };
  ctx.onReset(() => objects.clear());
  stores.jobs!.start(taskOf, onFault);
}

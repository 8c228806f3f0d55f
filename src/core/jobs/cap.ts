/**
 * MAX_JOBS: how many jobs the server keeps at once (queued, running or finished and not yet evicted). Every job holds
 * memory, usually a file on disk, and a place in the generation queue; without a cap a loop of creates grows them
 * without bound. Each vendor refuses a create past the cap in its own words (its README, "Choices"): a 429 with a
 * Retry-After, since the cap clears as retention evicts finished jobs or on POST /__admin/reset.
 */
import type { CoreContext } from '../context.js';

/** What a client is told to wait before trying again: about one retention sweep. */
export const JOB_CAP_RETRY_SECONDS = 60;

/** When the server already keeps MAX_JOBS jobs, the sentence a vendor's refusal carries; otherwise undefined. */
export async function jobCapReached(ctx: CoreContext): Promise<string | undefined> {
  const max = ctx.config.MAX_JOBS;
  if ((await ctx.jobs.size()) < max) return undefined;
  return `Too many export jobs: this server keeps at most ${max} (MAX_JOBS). Try again later; finished jobs are removed RETENTION_SECONDS after their links expire.`;
}

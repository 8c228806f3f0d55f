/**
 * A file deleted from storage behind the server's back (by hand, or by a cleaner of the temporary folder): storage
 * forgets it and answers its own NoSuchKey, and the finished job that owns it gets it written again (the same bytes:
 * the world is a pure function of the seed) or, when its vendor cannot, ends failed in the vendor's own words. Both are
 * logged. Files no job owns (Zendesk's days) are written again by their vendor when next asked for.
 */
import type { CoreContext } from './context.js';
import type { StoredObject } from './storage.js';
import type { VendorModule } from './vendor.js';

export function rewriteVanished(
  ctx: CoreContext,
  vendors: readonly VendorModule[],
  log: { warn(message: string): void },
): (object: StoredObject) => void {
  return (object) => {
    const where = `${object.bucket}/${object.key}`;
    const job = object.owner?.jobId === undefined ? undefined : ctx.jobs.get(object.owner.jobId);
    if (job?.generation.state !== 'done') {
      log.warn(`storage: the file ${where} vanished from disk; it is written again when next asked for`);
      return;
    }
    const task = vendors.find((v) => v.id === job.vendor)?.resumeJob?.(job, ctx);
    log.warn(
      `storage: the file ${where} of finished ${job.vendor} job ${job.id} vanished from disk; ${task ? 'writing it again' : 'the job now reads failed'}`,
    );
    const generation = job.generation;
    const fail = () => Object.assign(generation, { state: 'error', error: undefined });
    if (!task) return void fail();
    generation.promise = task(() => undefined, new AbortController().signal)
      .then(
        (result) => void (generation.result = result),
        (err: Error) => {
          log.warn(
            `storage: writing ${where} of ${job.vendor} job ${job.id} again failed (${err.message}); the job now reads failed`,
          );
          fail();
        },
      )
      .then(() => ctx.changed());
  };
}

/** DATA_DIR: load the saved state at start-up and save it after every request (embedded state only). */
import type { FastifyInstance } from 'fastify';
import { Persistence } from '../core/durability/persistence.js';
import type { Assembly } from './assembly.js';

/** Loads the saved state, if any; true when it brought the clock back. */
export async function restoreDataDir(app: FastifyInstance, a: Assembly): Promise<boolean> {
  const { config, embeddedJobs, ctx, vendors } = a;
  const { clock } = a.stores;
  // Shared state lives on its store; DATA_DIR then only holds the files every replica serves.
  if (!config.DATA_DIR || !embeddedJobs) return false;
  const persistence = new Persistence(config.DATA_DIR, {
    clock,
    jobs: embeddedJobs,
    store: a.store,
    scenarios: ctx.scenarios,
    limiter: ctx.limiter,
    journal: a.embeddedJournal!,
    vendorState: a.vendorState,
  });
  a.live.persistence = persistence;
  persistence.onError = (err) => app.log.error({ err }, 'DATA_DIR: saving the state failed');
  // A saved state brings its clock back (jobs and links were made on it); CLOCK_START is then the clock of a reset.
  // The start-up banner says which one the server runs on (server.ts).
  const clockRestored = await persistence.load({
    resume: (job) => vendors.find((v) => v.id === job.vendor)?.resumeJob?.(job, ctx),
    recover: config.RECOVER,
    warn: (message) => app.log.warn(message),
    check: (job) => void vendors.find((v) => v.id === job.vendor)?.describeJob?.(job, clock.now(), ctx),
  });
  // Any request may change state (a job, a scenario counter, the journal): save soon after.
  app.addHook('onResponse', (_request, _reply, done) => {
    persistence.changed();
    done();
  });
  return clockRestored;
}

/** What runs beside the requests: fault reports, the retention sweeper, and the order things close in. */
import type { FastifyInstance } from 'fastify';
import type { Job } from '../core/jobs/job.js';
import type { NamespaceRegistry } from '../core/namespaces/registry.js';
import type { Runtime } from '../core/runtime.js';
import { rewriteVanished } from '../core/storage/vanished-files.js';
import type { Assembly } from './assembly.js';

export type FaultReport = (job: Job, err: Error) => void;

/** Logs export failures and rewrites files that vanished from disk; returns the failure logger for shared jobs. */
export function reportFaults(app: FastifyInstance, a: Assembly): FaultReport {
  a.store.onVanished = rewriteVanished(a.ctx, a.vendors, app.log);
  const onFault: FaultReport = (job, err) =>
    app.log.error({ err, vendor: job.vendor, job: job.id }, `export ${job.id} failed: ${err.message}`);
  if (a.embeddedJobs) a.embeddedJobs.onFault = onFault;
  return onFault;
}

export function closeOnShutdown(
  app: FastifyInstance,
  a: Assembly,
  namespaces: NamespaceRegistry,
  stopSweeper: () => void,
): void {
  app.addHook('onClose', async () => {
    stopSweeper();
    await namespaces.close();
    await a.live.persistence?.close();
    await a.ctx.jobs.drain();
    a.store.destroy();
    await a.stores.close();
  });
}

/** Retention runs on the virtual clock; checking once a (real) minute and after each clock move is plenty. */
export function startSweeper(state: Runtime, namespaces: NamespaceRegistry): NodeJS.Timeout {
  const sweeper = setInterval(() => {
    void state.sweep();
    namespaces.sweep(() => state.sweep());
  }, 60_000);
  sweeper.unref();
  return sweeper;
}

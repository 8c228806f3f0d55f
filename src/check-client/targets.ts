/**
 * The two targets that need no namespace: a fresh in-process server per condition (the default), or a running server
 * (`--url`) reset before each condition. A reset forgets every job, scenario and journal entry of that server: point
 * `--url` only at a server this check may have to itself.
 */
import { startMockServer } from '../index.js';
import { AdminClient, adminTarget, type TargetFactory } from './target.js';

/** A server of its own for every condition, on a free port of 127.0.0.1, with the clock frozen for the runner. */
export function serverTargets(settings: Record<string, unknown> = {}): TargetFactory {
  return {
    kind: 'server',
    async open() {
      const server = await startMockServer({ clockFrozen: true, settings });
      return adminTarget('in-process server', server.url, new AdminClient(`${server.url}/__admin`, undefined), () =>
        server.close(),
      );
    },
    close: async () => {},
  };
}

/** One running server, reset (jobs, scenarios, journal) before each condition. */
export function resetTargets(url: string, adminToken: string | undefined): TargetFactory {
  const origin = url.replace(/\/+$/, '');
  const admin = new AdminClient(`${origin}/__admin`, adminToken);
  return {
    kind: 'reset',
    async open() {
      await admin.call('POST', '/reset');
      // A reset re-installs the server's SCENARIO presets: the condition wants only its own.
      await admin.call('DELETE', '/scenarios');
      await admin.call('DELETE', '/requests');
      return adminTarget(`reset of ${origin}`, origin, admin, async () => {});
    },
    close: async () => {},
  };
}

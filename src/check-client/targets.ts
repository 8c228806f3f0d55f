/**
 * Where the conditions run. Each gets a namespace of its own (`/ns/{name}` in front of every vendor route and link,
 * `/__admin/ns/{name}/…` for its control plane): on a server this run starts in-process (the default), or on the
 * running server `--url` names, where other namespaces (and other suites using them) are left alone. A server from
 * before namespaces (its `GET /__admin/namespaces` answers 404) is instead reset before each condition.
 */
import { randomBytes } from 'node:crypto';
import { startMockServer } from '../index.js';
import { AdminClient, adminTarget, type TargetFactory } from './target.js';

/** A namespace name per run and condition: `check-<6 hex>-<condition>`, unique enough for runs sharing a server. */
const namespaceName = (runId: string, condition: string) => `check-${runId}-${condition}`.slice(0, 63);

/** Namespaces of the server at `origin`; `close` is called once all conditions have run. */
function namespaceTargets(
  origin: string,
  adminToken: string | undefined,
  close: () => Promise<void> = async () => {},
): TargetFactory {
  const runId = randomBytes(3).toString('hex');
  return {
    kind: 'namespace',
    async open(condition) {
      const name = namespaceName(runId, condition);
      const admin = new AdminClient(`${origin}/__admin/ns/${name}`, adminToken);
      // A namespace is created on first use; a reset makes sure it starts empty, whatever ran there before.
      await admin.call('POST', '/reset');
      // Its jobs and files go with a reset at the end; the namespace itself expires when idle.
      return adminTarget(`namespace ${name}`, `${origin}/ns/${name}`, admin, async () => {
        await admin.call('POST', '/reset');
      });
    },
    close,
  };
}

/** One running server, reset (jobs, scenarios, journal) before each condition: for servers without namespaces. */
function resetTargets(origin: string, adminToken: string | undefined): TargetFactory {
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

/** A server of this run's own (127.0.0.1, a free port), a namespace per condition, closed at the end. */
export async function inProcessTargets(): Promise<TargetFactory> {
  const server = await startMockServer({ clockFrozen: true });
  return namespaceTargets(server.url, undefined, () => server.close());
}

/** The targets of a running server: namespaces when it has them, else a reset before each condition. */
export async function remoteTargets(url: string, adminToken: string | undefined): Promise<TargetFactory> {
  const origin = url.replace(/\/+$/, '');
  const headers: Record<string, string> = adminToken ? { authorization: `Bearer ${adminToken}` } : {};
  let status: number;
  try {
    status = (await fetch(`${origin}/__admin/namespaces`, { headers })).status;
  } catch (err) {
    throw new Error(`cannot reach ${origin}: ${(err as Error).message}`);
  }
  if (status === 404) return resetTargets(origin, adminToken);
  if (status !== 200) throw new Error(`${origin}/__admin/namespaces answered ${status} (wrong --admin-token?)`);
  return namespaceTargets(origin, adminToken);
}

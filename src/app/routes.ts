/** The routes, in the order they register: storage, each vendor, the control plane, namespaces, the dashboard. */
import type { FastifyInstance } from 'fastify';
import { registerAdmin } from '../admin/routes.js';
import { liveView } from '../core/namespaces/context.js';
import type { NamespaceRegistry } from '../core/namespaces/registry.js';
import { registerNamespaceRoutes } from '../core/namespaces/routes.js';
import type { Runtime } from '../core/runtime.js';
import { registerStorageDocument } from '../core/storage/openapi.js';
import { registerStorageRoutes } from '../core/storage/routes.js';
import type { VendorRegistration } from '../core/vendor.js';
import { registerDashboard } from '../dashboard/index.js';
import type { Assembly } from './assembly.js';

export async function registerRoutes(
  app: FastifyInstance,
  a: Assembly,
  state: Runtime,
  namespaces: NamespaceRegistry,
): Promise<void> {
  const { ctx, config } = a;
  await registerStorageRoutes(
    app,
    Object.assign(liveView(ctx, 'store', 'signer', 'clock', 'jobs'), { gate: ctx.downloads }),
  );
  registerStorageDocument(app);
  const registrations: VendorRegistration[] = [];
  for (const vendor of a.vendors) {
    await app.register(
      async (scope) => void registrations.push((await vendor.register(scope, ctx, a.seeds.get(vendor.id))) ?? {}),
    );
  }
  await app.register(async (scope) => registerAdmin(scope, state, registrations));
  registerNamespaceRoutes(app, { registry: namespaces, config, reset: () => state.reset() });
  await app.register(async (scope) => registerDashboard(scope, state));
}

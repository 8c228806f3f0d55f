/**
 * The namespaces of one app, wired to its server-wide parts: each new namespace gets the server's world, the start-up
 * presets, and logging of failed exports and vanished files like the default one.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { CoreContext } from '../context.js';
import type { LinkSigner } from '../signing/links.js';
import { rewriteVanished } from '../storage/vanished-files.js';
import type { VendorModule } from '../vendor.js';
import { inNamespace } from './current.js';
import { NamespaceRegistry } from './registry.js';
import { createNamespaceState, disposeNamespaceState } from './state.js';

export interface NamespaceSetup {
  config: Config;
  /** The namespace-aware context. */
  ctx: CoreContext;
  /** The server's signer (namespaces derive theirs). */
  signer: LinkSigner;
  publicUrl(): string;
  vendors: readonly VendorModule[];
  /** Installs a preset in the current namespace (the runtime's). */
  installPreset(name: string): unknown;
  startupPresets: readonly string[];
}

/** Creates the registry and decorates the app with it (`app.namespaces`). */
export function createNamespaces(app: FastifyInstance, setup: NamespaceSetup): NamespaceRegistry {
  const { config, ctx, vendors } = setup;
  const world = { config, publicUrl: setup.publicUrl, signer: setup.signer };
  const registry = new NamespaceRegistry({
    max: config.MAX_NAMESPACES,
    idleMs: config.NAMESPACE_IDLE_SECONDS * 1000,
    create: (name, now) => {
      const ns = createNamespaceState(name, world, now);
      ns.store.onVanished = rewriteVanished(ctx, vendors, app.log);
      ns.jobs.onFault = (job, err) =>
        app.log.error({ err, ns: name, vendor: job.vendor, job: job.id }, `export ${job.id} failed: ${err.message}`);
      return ns;
    },
    init: (ns) =>
      inNamespace(ns, () => {
        for (const name of setup.startupPresets) setup.installPreset(name);
      }),
    dispose: disposeNamespaceState,
  });
  app.decorate('namespaces', registry);
  return registry;
}

/**
 * The control routes namespaces add: GET /__admin/namespaces lists them; PUT /__admin/ns/{name}/seed gives one a
 * world of its own (the default namespace's seed is SEED, fixed at start-up). Under /__admin, so the control-plane
 * guard applies to both.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { currentNamespace } from './current.js';
import type { NamespaceRegistry } from './registry.js';
import { reseedNamespace } from './state.js';

export interface NamespaceRouteDeps {
  registry: NamespaceRegistry;
  /** The server's settings (outside any namespace). */
  config: Config;
  /** Resets the current namespace (the runtime's reset). */
  reset(): Promise<void>;
}

const MAX_SEED_LENGTH = 256;

const DEFAULT_NAMESPACE_KEEPS_ITS_SEED = {
  error: 'default_namespace',
  message:
    'The default namespace keeps SEED, set at start-up; give a namespace its own with PUT /__admin/ns/{name}/seed.',
};

const INVALID_SEED = {
  error: 'invalid_request',
  message: `seed: a string of 1 to ${MAX_SEED_LENGTH} characters is required, e.g. {"seed":"worker-3"}.`,
};

const isSeed = (seed: unknown): seed is string =>
  typeof seed === 'string' && seed.length > 0 && seed.length <= MAX_SEED_LENGTH;

export function registerNamespaceRoutes(app: FastifyInstance, deps: NamespaceRouteDeps): void {
  app.get('/__admin/namespaces', async () => ({
    namespaces: deps.registry.all().map((ns) => ({
      name: ns.name,
      seed: ns.config.SEED,
      jobs: ns.jobs.all().length,
      clock: { now: new Date(ns.clock.now()).toISOString(), frozen: ns.clock.frozen },
    })),
  }));

  app.put('/__admin/seed', async (request, reply) => {
    const ns = currentNamespace();
    if (!ns) return reply.code(409).send(DEFAULT_NAMESPACE_KEEPS_ITS_SEED);
    const seed = (request.body as { seed?: unknown } | undefined)?.seed;
    if (!isSeed(seed)) return reply.code(400).send(INVALID_SEED);
    reseedNamespace(ns, seed, deps.config);
    await deps.reset();
    return { namespace: ns.name, seed };
  });
}

/**
 * @fastify/swagger's dynamic mode, with the plugin's code (and the YAML writer and JSON-schema resolver it requires)
 * loaded on the first request for a document instead of at start-up, where no client needs it. The scope records what
 * the plugin's own hooks would have seen (the routes and child contexts registered after this point, as the plugin does
 * when registered at the same point); the first call loads the plugin, gives it a stand-in instance that replays them
 * into its hooks, and returns the document it builds. So the document is the plugin's own, computed from the same
 * routes: test/openapi.test.ts keeps it equal to the committed openapi/*.json.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { lazy } from '../lazy.js';

type Hook = (this: unknown, ...args: unknown[]) => unknown;

const loadSwagger = lazy(async () => (await import('@fastify/swagger')).default);

/** Registers the recording hooks on `scope` now; the returned function builds the document once, on first call. */
export function deferredSwagger(scope: FastifyInstance, options: SwaggerOptions): () => Promise<unknown> {
  const routes: RouteOptions[] = [];
  const contexts: FastifyInstance[] = [];
  scope.addHook('onRoute', (route) => void routes.push(route as RouteOptions));
  scope.addHook('onRegister', (context) => void contexts.push(context));
  return lazy(async () => {
    const plugin = await loadSwagger();
    const hooks = new Map<string, Hook[]>();
    const run = (name: string, ...args: unknown[]) =>
      (hooks.get(name) ?? []).map((hook) => hook.call(standIn, ...args));
    let build: (() => unknown) | undefined;
    const standIn = {
      addHook: (name: string, hook: Hook) => void hooks.set(name, [...(hooks.get(name) ?? []), hook]),
      decorate: (_name: string, swagger: () => unknown) => void (build = swagger),
      getSchemas: () => scope.getSchemas(),
    };
    await new Promise<void>((resolve, reject) =>
      plugin(standIn as never, options, (err?: Error) => (err ? reject(err) : resolve())),
    );
    for (const context of contexts) await Promise.all(run('onRegister', context));
    for (const route of routes) run('onRoute', route);
    for (const onReady of hooks.get('onReady') ?? []) await new Promise((resolve) => onReady.call(standIn, resolve));
    if (!build) throw new Error('@fastify/swagger did not decorate its document builder');
    return build();
  });
}

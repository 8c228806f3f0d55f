/**
 * Puts every request that named a namespace (src/core/namespaces/names.ts) inside it. Registered right after the
 * control-plane guard (a refused request creates no namespace) and before every other hook, so the hooks after it, the handler and what the handler starts resolve `ctx.*` to the namespace. The async
 * context does not survive the request body's stream events, nor the response's `finish`, so the namespace is entered
 * again before validation (after the body is read) and before the response hooks (journal). A request without a
 * namespace passes straight through: the default namespace's hot path pays one property read.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { inNamespace } from './current.js';
import { namespaceNamed } from './names.js';
import { NamespaceError, type NamespaceRegistry } from './registry.js';
import type { NamespaceState } from './state.js';

const ENTERED = Symbol('agent-export-mock.namespace-state');
type Entered = IncomingMessage & { [ENTERED]?: NamespaceState };

export function registerNamespaceHooks(app: FastifyInstance, registry: NamespaceRegistry): void {
  app.addHook('onRequest', (request, reply, done) => {
    const name = namespaceNamed(request.raw);
    if (name === undefined) return done();
    let ns: NamespaceState;
    try {
      ns = registry.get(name);
    } catch (err) {
      if (!(err instanceof NamespaceError)) throw err;
      return void reply.code(err.status).send({ error: err.code, message: err.message });
    }
    (request.raw as Entered)[ENTERED] = ns;
    // The Date header was set before the namespace was known: it tells the namespace's virtual time.
    reply.header('date', new Date(Math.floor(ns.clock.now() / 1000) * 1000).toUTCString());
    inNamespace(ns, () => done());
  });
  const reenter = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const ns = (request.raw as Entered)[ENTERED];
    if (ns === undefined) return done();
    inNamespace(ns, () => done());
  };
  app.addHook('preValidation', reenter);
  app.addHook('onResponse', reenter);
}

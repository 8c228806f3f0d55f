/**
 * Puts every request that named a namespace (src/core/namespaces/names.ts) inside it. The root hooks (src/app/hooks.ts)
 * enter it right after the control-plane guard (a refused request creates no namespace) and before every step that
 * reads the context, so the steps after it, the handler and what the handler starts resolve `ctx.*` to the namespace.
 * The async context does not survive the request body's stream events, nor the response's `finish`, so the namespace
 * is entered again before validation (after the body is read) and before the response steps (journal). A request
 * without a namespace passes straight through: the default namespace's hot path pays one property read.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { namespaceNamed } from './names.js';
import { NamespaceError, type NamespaceRegistry } from './registry.js';
import type { NamespaceState } from './state.js';

const ENTERED = Symbol('agent-export-mock.namespace-state');
type Entered = IncomingMessage & { [ENTERED]?: NamespaceState };

/** What `namespaceOf` answers when it refused the request (a bad name, one namespace too many). */
export const REFUSED = Symbol('agent-export-mock.namespace-refused');

/**
 * The namespace a request named (remembered on it for `enteredNamespace`), undefined when it named none, or REFUSED
 * once the refusal is sent. The caller runs the rest of the request inside the namespace (inNamespace).
 */
export function namespaceOf(
  registry: NamespaceRegistry,
  request: FastifyRequest,
  reply: FastifyReply,
): NamespaceState | undefined | typeof REFUSED {
  const name = namespaceNamed(request.raw);
  if (name === undefined) return undefined;
  let ns: NamespaceState;
  try {
    ns = registry.get(name);
  } catch (err) {
    if (!(err instanceof NamespaceError)) throw err;
    reply.code(err.status).send({ error: err.code, message: err.message });
    return REFUSED;
  }
  (request.raw as Entered)[ENTERED] = ns;
  // The Date header was set before the namespace was known: it tells the namespace's virtual time.
  reply.header('date', new Date(Math.floor(ns.clock.now() / 1000) * 1000).toUTCString());
  return ns;
}

/** The namespace the request entered in onRequest, to enter again where the async context was lost. */
export function enteredNamespace(request: FastifyRequest): NamespaceState | undefined {
  return (request.raw as Entered)[ENTERED];
}

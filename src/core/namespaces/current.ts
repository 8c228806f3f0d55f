/**
 * Which namespace the running code serves. Vendors captured the core context when they registered their routes and
 * read `ctx.jobs`, `ctx.clock`, … at request time; the context's stateful members resolve through this store, so a
 * request (and every promise, timer and generation it starts) sees its own namespace's state without any vendor
 * knowing namespaces exist. Code outside any namespace (start-up, the default namespace) sees none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NamespaceState } from './state.js';

const storage = new AsyncLocalStorage<NamespaceState>();
/** Until a namespace is first entered the default namespace's hot path does not even ask the async store. */
let entered = false;

export function currentNamespace(): NamespaceState | undefined {
  return entered ? storage.getStore() : undefined;
}

/** Runs `fn` (and all the asynchronous work it starts) inside `ns`. */
export function inNamespace<R>(ns: NamespaceState, fn: () => R): R {
  entered = true;
  return storage.run(ns, fn);
}

/**
 * The core context vendors and control planes hold, made namespace-aware: its stateful members (clock, storage, link
 * signer, jobs, generation, journal, scenarios, rate limiter, public origin, and the settings, which differ only by
 * a namespace's own SEED) are the current namespace's, or the default namespace's outside any
 * (src/core/namespaces/current.ts). The download gate and the reset, persistence and change hooks are the server's.
 */
import type { CoreContext } from '../context.js';
import { currentNamespace } from './current.js';

export function namespaceAware(base: CoreContext): CoreContext {
  const defaults = new Map<object, object>();
  return {
    get config() {
      return currentNamespace()?.config ?? base.config;
    },
    get clock() {
      return currentNamespace()?.clock ?? base.clock;
    },
    get store() {
      return currentNamespace()?.store ?? base.store;
    },
    get signer() {
      return currentNamespace()?.signer ?? base.signer;
    },
    get jobs() {
      return currentNamespace()?.jobs ?? base.jobs;
    },
    get generation() {
      return currentNamespace()?.generation ?? base.generation;
    },
    get journal() {
      return currentNamespace()?.journal ?? base.journal;
    },
    get scenarios() {
      return currentNamespace()?.scenarios ?? base.scenarios;
    },
    get limiter() {
      return currentNamespace()?.limiter ?? base.limiter;
    },
    downloads: base.downloads,
    publicUrl: () => (currentNamespace() ?? base).publicUrl(),
    onReset: base.onReset,
    persist: base.persist,
    changed: base.changed,
    scoped<T extends object>(make: () => T): T {
      const key = {};
      defaults.set(key, make());
      const resolve = (): T => {
        const ns = currentNamespace();
        if (!ns) return defaults.get(key) as T;
        let own = ns.scoped.get(key);
        if (!own) ns.scoped.set(key, (own = make()));
        return own as T;
      };
      return new Proxy({} as T, {
        get(_target, property) {
          const target = resolve();
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
        set: (_target, property, value) => Reflect.set(resolve(), property, value),
        has: (_target, property) => Reflect.has(resolve(), property),
      });
    },
  };
}

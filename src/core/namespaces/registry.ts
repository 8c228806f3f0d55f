/**
 * The namespaces of one server, by name: created on first use, bounded in number (MAX_NAMESPACES), forgotten after
 * NAMESPACE_IDLE_SECONDS without a request or library call. Idle time is real elapsed time (realElapsed), not the
 * virtual clock: a namespace's own clock may stand still or jump days, and neither says whether its suite is done.
 */
import { realElapsed } from '../clock.js';
import { NAMESPACE_NAME } from './names.js';
import type { NamespaceState } from './state.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's namespaces (src/core/namespaces). */
    namespaces: NamespaceRegistry;
  }
}

export class NamespaceError extends Error {
  constructor(
    readonly status: 400 | 503,
    readonly code: 'invalid_namespace' | 'too_many_namespaces',
    message: string,
  ) {
    super(message);
    this.name = 'NamespaceError';
  }
}

export interface RegistryOptions {
  max: number;
  idleMs: number;
  create(name: string, now: number): NamespaceState;
  /** Run on a namespace's first creation, inside it (start-up presets). */
  init(ns: NamespaceState): void;
  dispose(ns: NamespaceState): Promise<void>;
  /** Real elapsed ms; replaceable in tests. */
  now?: () => number;
}

export class NamespaceRegistry {
  private readonly spaces = new Map<string, NamespaceState>();
  private readonly now: () => number;

  constructor(private readonly options: RegistryOptions) {
    this.now = options.now ?? realElapsed;
  }

  /** The namespace of that name, created if new; throws NamespaceError for a bad name or one too many. */
  get(name: string): NamespaceState {
    const now = this.now();
    const known = this.spaces.get(name);
    if (known) {
      known.lastUsed = now;
      return known;
    }
    if (!NAMESPACE_NAME.test(name)) {
      throw new NamespaceError(
        400,
        'invalid_namespace',
        `Namespace "${name.slice(0, 80)}" is not a valid name: 1 to 63 characters, lower-case letters, digits, "-" and "_", starting with a letter or digit.`,
      );
    }
    if (this.spaces.size >= this.options.max) this.expireIdle();
    if (this.spaces.size >= this.options.max) {
      throw new NamespaceError(
        503,
        'too_many_namespaces',
        `There are already ${this.options.max} namespaces (MAX_NAMESPACES); one is forgotten after NAMESPACE_IDLE_SECONDS without use.`,
      );
    }
    const ns = this.options.create(name, now);
    this.spaces.set(name, ns);
    this.options.init(ns);
    return ns;
  }

  /** The namespace of that name if it exists, without creating or touching it. */
  find(name: string): NamespaceState | undefined {
    return this.spaces.get(name);
  }

  all(): NamespaceState[] {
    return [...this.spaces.values()];
  }

  /** Forgets every namespace idle for longer than NAMESPACE_IDLE_SECONDS at `now` (real ms); answers their names. */
  expireIdle(now = this.now()): string[] {
    const expired = this.all().filter((ns) => now - ns.lastUsed > this.options.idleMs);
    // Files are removed in the background; a failure to remove a temporary folder must not fail a request.
    for (const ns of expired) void this.forget(ns).catch(() => undefined);
    return expired.map((ns) => ns.name);
  }

  /** Forgets every namespace (the server closes). */
  async close(): Promise<void> {
    await Promise.all(this.all().map((ns) => this.forget(ns)));
  }

  private forget(ns: NamespaceState): Promise<void> {
    this.spaces.delete(ns.name);
    return this.options.dispose(ns);
  }
}

/**
 * The library door: start the mock inside a test process (`startMockServer`) or build it for inject-only use
 * (`buildApp`). Everything the admin API offers is here as typed calls, without HTTP.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import {
  type Config,
  type ConfigVendor,
  loadConfig as loadWith,
  parseConfig as parseWith,
  type SettingName,
} from './config.js';
import type { JournalEntry, JournalFilter } from './core/journal/journal.js';
import { inNamespace } from './core/namespaces/current.js';
import { reseedNamespace } from './core/namespaces/state.js';
import type { PRESETS } from './core/scenarios/presets.js';
import type { ScenarioInput } from './core/scenarios/schema.js';
import type { Scenario } from './core/scenarios/store.js';
import { startServer } from './server.js';
import { VENDORS } from './vendors/registry.js';

export { buildApp } from './app.js';
export type { Config } from './config.js';

/** Validates a plain settings object; every bundled vendor's settings (ZENDESK_SHARD_SIZE, …) are known by default. */
export const parseConfig = (input: Record<string, unknown>, vendors: readonly ConfigVendor[] = VENDORS): Config =>
  parseWith(input, vendors);
/** Builds the configuration from flags, environment and config file, with every bundled vendor's settings. */
export const loadConfig = (
  argv: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
  vendors: readonly ConfigVendor[] = VENDORS,
): Config => loadWith(argv, env, vendors);
export type { JournalEntry, JournalFilter } from './core/journal/journal.js';
export { PRESETS } from './core/scenarios/presets.js';
export type { ScenarioInput } from './core/scenarios/schema.js';
/** Bumped whenever the same seed starts producing different bytes: pin it in a fixture test to notice a new world. */
export { WORLD_VERSION } from './core/world/companies.js';

export interface MockServerOptions {
  /** 0 (the default here) picks a free port. */
  port?: number;
  host?: string;
  seed?: string;
  /** Where the virtual clock starts (default: now). */
  clockStart?: string | number | Date;
  /** Keep the clock still until moved (default false). */
  clockFrozen?: boolean;
  publicUrl?: string;
  /** Tenants file or folder (default: the bundled seeds). */
  seeds?: string;
  /** Any other setting by its environment name, e.g. { JOB_RUNNING_SECONDS: 5, ZENDESK_SHARD_SIZE: 100 }. */
  settings?: Partial<Record<SettingName, unknown>> & Record<string, unknown>;
}

/** The controls of one namespace (README, "Namespaces"): the server's own, or those of `mock.namespace(name)`. */
export interface MockControls {
  /** Base URL a client of each vendor sets, per vendor and tenant (with the namespace's prefix in a namespace). */
  baseUrls: Record<string, Record<string, string>>;
  clock: {
    now(): Date;
    /** Sets the clock, then waits for the files of exports that have become due (as the admin API does). */
    set(at: string | number | Date, frozen?: boolean): Promise<Date>;
    advance(seconds: number): Promise<Date>;
  };
  scenarios: {
    add(scenario: ScenarioInput): Promise<Scenario>;
    remove(name: string): Promise<boolean>;
    list(): Promise<Scenario[]>;
    clear(): Promise<void>;
    /** Installs a preset (happy-path, slow-export, job-failed, …). */
    preset(name: keyof typeof PRESETS | string): Promise<void>;
  };
  journal: {
    list(filter?: JournalFilter): JournalEntry[];
    clear(): void;
    /** The first matching request already recorded or the next to arrive; undefined after the timeout. */
    wait(filter: JournalFilter, timeoutMs?: number): Promise<JournalEntry | undefined>;
  };
  /** Forgets this namespace's jobs, files, journal and scenarios; restores its start clock. */
  reset(): Promise<void>;
}

export interface MockNamespace extends MockControls {
  name: string;
  /** Origin with the namespace's prefix, e.g. http://127.0.0.1:41234/ns/worker-3 */
  url: string;
  /** Gives the namespace a world of its own (SEED; the seeded tenants stay the server's) and resets it. */
  seed(seed: string): Promise<void>;
}

export interface MockServer extends MockControls {
  /** Origin of the server, e.g. http://127.0.0.1:41234 */
  url: string;
  /**
   * A namespace of this server (created on first use): its own jobs, clock, scenarios, journal and base URLs, so
   * parallel test workers sharing one server never see each other. Throws for an invalid name or one too many.
   */
  namespace(name: string): MockNamespace;
  /** Every seeded tenant and its demo credentials, per vendor (what GET /__admin/tenants answers). */
  tenants(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
  /** The Fastify instance, for inject(). */
  app: FastifyInstance;
}

export function configOf(opts: MockServerOptions = {}): Config {
  const start = opts.clockStart === undefined ? undefined : new Date(opts.clockStart).toISOString();
  return parseConfig({
    LOG_LEVEL: 'silent',
    ...opts.settings,
    PORT: opts.port ?? opts.settings?.PORT ?? 0,
    ...(opts.host !== undefined ? { HOST: opts.host } : {}),
    ...(opts.seed !== undefined ? { SEED: opts.seed } : {}),
    ...(start !== undefined ? { CLOCK_START: start } : {}),
    ...(opts.clockFrozen !== undefined ? { CLOCK_FROZEN: opts.clockFrozen } : {}),
    ...(opts.publicUrl !== undefined ? { PUBLIC_URL: opts.publicUrl } : {}),
    ...(opts.seeds !== undefined ? { SEEDS: opts.seeds } : {}),
  });
}

/** The typed controls over the runtime, each call run inside a namespace by `within` (or in the default one). */
function controlsOf(app: FastifyInstance, origin: string, within: <R>(fn: () => R) => R): MockControls {
  const runtime = app.mock;
  const { ctx, vendors, seeds } = runtime;
  const move = async (to: Parameters<typeof runtime.moveClock>[0]) =>
    new Date(await within(() => runtime.moveClock(to)));
  return {
    baseUrls: Object.fromEntries(vendors.map((v) => [v.id, v.baseUrls(origin, seeds.get(v.id))])),
    clock: {
      now: () => new Date(within(() => ctx.clock.now())),
      set: (at, frozen) => move({ to: new Date(at).getTime(), frozen }),
      advance: (seconds) => move({ by: seconds }),
    },
    scenarios: {
      add: async (s) => within(() => ctx.scenarios.add(s)),
      remove: async (name) => within(() => ctx.scenarios.remove(name)),
      list: async () => within(() => ctx.scenarios.list()),
      clear: async () => within(() => ctx.scenarios.clear()),
      preset: async (name) => void (await within(() => runtime.installPreset(name))),
    },
    journal: {
      list: (filter) => within(() => ctx.journal.list(filter)),
      clear: () => within(() => ctx.journal.clear()),
      wait: (filter, timeoutMs = 5000) => within(() => ctx.journal.wait(filter, timeoutMs)),
    },
    reset: () => within(() => runtime.reset()),
  };
}

/** Starts the mock on a real socket (port 0 by default) and answers its typed controls. */
export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const server = await startServer(configOf(opts));
  const { app, url } = server;
  const { ctx } = app.mock;
  return {
    url,
    ...controlsOf(app, url, (fn) => fn()),
    namespace: (name) => {
      // Looked up on every call: an idle namespace forgotten meanwhile starts afresh, as a request would find it.
      const within = <R>(fn: () => R): R => inNamespace(app.namespaces.get(name), fn);
      within(() => undefined);
      const origin = `${url}/ns/${name}`;
      const controls = controlsOf(app, origin, within);
      const seed = async (value: string) => {
        reseedNamespace(app.namespaces.get(name), value, ctx.config);
        await controls.reset();
      };
      return { name, url: origin, seed, ...controls };
    },
    tenants: async () =>
      (
        await app.inject({
          url: '/__admin/tenants',
          headers: ctx.config.ADMIN_TOKEN ? { authorization: `Bearer ${ctx.config.ADMIN_TOKEN}` } : {},
        })
      ).json(),
    close: () => server.close(),
    app,
  };
}

export { buildApp as default };

/**
 * The runtime: the one object the control planes (admin API, dashboard, library, `generate`) drive. It holds the core
 * context, the vendors and their seeds, and owns the three operations every one of them needs, written once here:
 * reset, moving the clock (set or advance → wait for the work that became due → sweep), and installing a preset.
 */
import type { CoreContext } from './context.js';
import { sweep } from './jobs/retention.js';
import { PRESETS, presetNamed } from './scenarios/presets.js';
import type { VendorModule } from './vendor.js';

/** A clock move: to an instant (optionally freezing or unfreezing), or by a number of seconds (negative goes back). */
type ClockMove = { to: number; frozen?: boolean } | { by: number };

interface MoveOptions {
  /**
   * Wait for every pending job however long it takes, reporting the mean progress meanwhile (`generate`, which must
   * write whole files). Without it the wait is bounded, as a server's control plane must be.
   */
  untilAllDone?: (fraction: number) => void;
}

export interface Runtime {
  ctx: CoreContext;
  vendors: readonly VendorModule[];
  seeds: Map<string, unknown>;
  /** Sets the origin for links once the real port is known. */
  setPublicUrl(url: string): void;
  /** Forgets every job, file, journal entry and scenario; restores the start clock and the start-up presets. */
  reset(): Promise<void>;
  /** Moves the clock, waits for the files of jobs that became due, then sweeps; answers the new instant. */
  moveClock(move: ClockMove, options?: MoveOptions): Promise<number>;
  /**
   * Installs a preset's scenarios (replacing those of the same names); throws UnknownPresetError at once for an unknown
   * name, before anything is installed.
   */
  installPreset(name: string): Promise<readonly string[]>;
  /** Evicts jobs and files past their links' expiry plus RETENTION_SECONDS (also runs every minute). */
  sweep(): Promise<{ jobs: number; objects: number }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mock: Runtime;
  }
}

export class UnknownPresetError extends Error {
  constructor(readonly preset: string) {
    super(`unknown preset "${preset}" (known: ${Object.keys(PRESETS).join(', ')})`);
    this.name = 'UnknownPresetError';
  }
}

export interface RuntimeParts {
  ctx: CoreContext;
  vendors: readonly VendorModule[];
  seeds: Map<string, unknown>;
  setPublicUrl(url: string): void;
  /** Presets installed at start-up and again on every reset (SCENARIO). */
  startupPresets: readonly string[];
  /** Vendor work registered through ctx.onReset, run after the core state is cleared. */
  resetHooks: ReadonlyArray<() => void | Promise<void>>;
  /** Clears what lives outside the context's stores (the object store's files). */
  clearFiles(): Promise<void>;
}

/**
 * Builds the runtime over an assembled core context, with the start-up presets installed. Validates them first (throws
 * UnknownPresetError).
 */
export async function createRuntime(parts: RuntimeParts): Promise<Runtime> {
  const { ctx, vendors } = parts;
  for (const name of parts.startupPresets) if (!presetNamed(name)) throw new UnknownPresetError(name);
  for (const [name, preset] of Object.entries(PRESETS)) ctx.scenarios.define(name, preset.scenarios);

  const installPreset = (name: string): Promise<readonly string[]> => {
    // Own properties only: "__proto__" or "constructor" is an unknown preset, not an object's inherited member.
    const preset = presetNamed(name);
    if (!preset) throw new UnknownPresetError(name);
    return (async () => {
      for (const s of preset.scenarios) await ctx.scenarios.add(s, `preset:${name}`);
      return preset.scenarios.map((s) => s.name);
    })();
  };
  for (const name of parts.startupPresets) await installPreset(name);

  const runtime: Runtime = {
    ctx,
    vendors,
    seeds: parts.seeds,
    setPublicUrl: parts.setPublicUrl,
    installPreset,
    sweep: () => sweep(ctx, vendors),
    async reset() {
      await ctx.jobs.reset();
      // Work already in the generation pool belongs to the world being forgotten. A worker already writing a file goes
      // on to its end (the pool is shared, so it is not killed): wait for it, or its file would land in the storage of
      // the new world, where ids, and so keys, start again from the same numbers. Cancelling it in the worker would
      // make a reset during a huge export faster; that is left for later.
      ctx.generation.reset();
      await ctx.jobs.drain();
      ctx.journal.clear();
      await ctx.scenarios.clear();
      await ctx.limiter.reset(ctx.config.RATE_LIMITS);
      for (const name of parts.startupPresets) await installPreset(name);
      await parts.clearFiles();
      await ctx.clock.reset();
      for (const hook of parts.resetHooks) await hook();
      ctx.changed();
    },
    async moveClock(move, options = {}) {
      if ('by' in move) await ctx.clock.advance(move.by * 1000);
      else await ctx.clock.set(move.to, move.frozen);
      if (options.untilAllDone) await waitForEveryJob(ctx, options.untilAllDone);
      // Completion events: exactly the work that became due, however long it takes (no time bound races it).
      await ctx.jobs.settleAll();
      await runtime.sweep();
      return ctx.clock.now();
    },
  };
  return runtime;
}

/** Waits for every pending or running generation, however long, reporting the mean progress every 200 ms at most. */
async function waitForEveryJob(ctx: CoreContext, report: (fraction: number) => void): Promise<void> {
  for (;;) {
    const all = await ctx.jobs.all();
    const pending = all.filter((j) => j.generation.state === 'pending' || j.generation.state === 'running');
    if (pending.length === 0) break;
    report(pending.reduce((s, j) => s + ctx.jobs.view(j, Number.MAX_SAFE_INTEGER).progress, 0) / pending.length);
    await Promise.race([Promise.all(pending.map((j) => j.generation.promise)), new Promise((r) => setTimeout(r, 200))]);
  }
  report(1);
}

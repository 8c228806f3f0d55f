/**
 * `agent-export-mock generate <vendor> [options] --out <path>`: offline fixtures. The files are made by running the
 * vendor's own flow against an in-process server on a frozen clock (request, move the clock, download), so they are
 * exactly the bytes the server's download gives for that request, seed and instant.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { realElapsed, wallClock } from './core/clock.js';
import type { FixtureContext, GeneratedFile } from './core/vendor.js';

export type { FixtureContext, GeneratedFile } from './core/vendor.js';

export interface Progress {
  update(fraction: number, label: string): void;
  done(summary: string): void;
}

/** A bar on a terminal; a plain line every 10% otherwise (CI logs). */
export function progressReporter(stream: NodeJS.WriteStream): Progress {
  let lastTenth = -1;
  return {
    update(fraction, label) {
      const pct = Math.floor(fraction * 100);
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`);
      } else if (Math.floor(pct / 10) > lastTenth) {
        lastTenth = Math.floor(pct / 10);
        stream.write(`${label}: ${pct}%\n`);
      }
    },
    done(summary) {
      if (stream.isTTY) stream.write('\n');
      stream.write(`${summary}\n`);
    },
  };
}

const GENERATE_FLAGS = new Set(['out', 'at', 'seed', 'seeds', 'world-daily-volume']);

export function parseGenerateArgs(argv: readonly string[]): {
  vendor: string;
  out: string;
  settings: Record<string, unknown>;
  options: Record<string, string>;
} {
  const [vendor, ...rest] = argv;
  if (!vendor || vendor.startsWith('--'))
    throw new ConfigError('generate: name a vendor, e.g. `agent-export-mock generate sendbird --out export.zip`');
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`generate: unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)).toLowerCase();
    const value =
      eq !== -1 ? arg.slice(eq + 1) : rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--') ? rest[++i]! : 'true';
    flags[name] = value;
  }
  if (!flags.out) throw new ConfigError('generate: --out <file> is required');
  const settings: Record<string, unknown> = {
    LOG_LEVEL: 'silent',
    CLOCK_FROZEN: true,
    CLOCK_START: flags.at ?? new Date(wallClock()).toISOString(),
    ...(flags.seed ? { SEED: flags.seed } : {}),
    ...(flags.seeds ? { SEEDS: flags.seeds } : {}),
    ...(flags['world-daily-volume'] ? { WORLD_DAILY_VOLUME: flags['world-daily-volume'] } : {}),
  };
  const options = Object.fromEntries(Object.entries(flags).filter(([k]) => !GENERATE_FLAGS.has(k)));
  return { vendor, out: flags.out, settings, options };
}

export async function generate(argv: readonly string[], progress: Progress): Promise<GeneratedFile[]> {
  const { vendor: vendorId, out, settings, options } = parseGenerateArgs(argv);
  const app = await buildApp(parseConfig(settings));
  try {
    await app.ready();
    const vendor = app.mock.vendors.find((v) => v.id === vendorId);
    if (!vendor)
      throw new ConfigError(
        `generate: unknown vendor "${vendorId}" (known: ${app.mock.vendors.map((v) => v.id).join(', ')})`,
      );
    if (!vendor.fixture) throw new ConfigError(`generate: ${vendorId} has no fixture generator yet`);
    const started = realElapsed();
    const fx: FixtureContext = {
      app,
      runtime: app.mock,
      options,
      advance: async (seconds) => {
        // Wait for every due job, however long (the server's own wait is bounded), showing progress.
        await app.mock.moveClock(
          { by: seconds },
          { untilAllDone: (fraction) => progress.update(fraction, `${vendorId}: generating`) },
        );
      },
      download: async (url) => {
        const u = new URL(url);
        const res = await app.inject({ url: `${u.pathname}${u.search}`, headers: { host: u.host } });
        if (res.statusCode !== 200)
          throw new Error(`download of ${u.pathname} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        return res.rawPayload;
      },
    };
    const files = await vendor.fixture(fx);
    if (files.length === 1 && !out.endsWith('/')) {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, files[0]!.bytes);
    } else {
      mkdirSync(out, { recursive: true });
      for (const f of files) writeFileSync(join(out, f.name), f.bytes);
    }
    const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
    progress.done(
      `${vendorId}: wrote ${files.length} file(s), ${bytes.toLocaleString('en')} bytes, to ${out} in ${((realElapsed() - started) / 1000).toFixed(1)} s`,
    );
    return files;
  } finally {
    await app.close();
  }
}

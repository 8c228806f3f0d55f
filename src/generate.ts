/**
 * `agent-export-mock generate <vendor> [options] --out <path>`: offline fixtures. The files are made by running the
 * vendor's own flow against an in-process server on a frozen clock (request, move the clock, download), so they are
 * exactly the bytes the server's download gives for that request, seed and instant.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildApp } from './app.js';
import { columns, parseStrict } from './cli-args.js';
import { ConfigError, type ConfigVendor, type FixtureOptions, parseConfig } from './config.js';
import { realElapsed, wallClock } from './core/clock.js';
import type { FixtureContext, GeneratedFile, VendorModule } from './core/vendor.js';
import { VENDORS } from './vendors/registry.js';

export type { GeneratedFile } from './core/vendor.js';

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

/** The options of `generate` for every vendor; each vendor adds its own (VendorModule.fixtureOptions). */
const COMMON_OPTIONS: FixtureOptions = {
  out: { value: '<file|dir/>', description: 'Where to write: a file, or a folder (ending in /) for several files' },
  at: { value: '<ISO instant>', description: 'The instant the request is made at (default: now)' },
  seed: { value: '<seed>', description: "World seed, as the server's --seed" },
  seeds: { value: '<file|dir>', description: "Tenants file or folder, as the server's --seeds" },
  'world-daily-volume': { value: '<n>', description: "Conversations per tenant per day, as the server's option" },
};

export interface GenerateRequest {
  vendor: string;
  out: string;
  settings: Record<string, unknown>;
  options: Record<string, string>;
}

/**
 * Parses `generate <vendor> [options]` strictly against the common options and that vendor's declared ones, so a
 * typo (`--form`) is refused naming the closest option instead of being ignored. Answers 'help' for --help.
 */
export function parseGenerateArgs(
  argv: readonly string[],
  vendors: readonly ConfigVendor[] = VENDORS,
): GenerateRequest | 'help' {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) {
    if (argv.includes('--help') || argv.includes('-h')) return 'help';
    throw new ConfigError('generate: name a vendor, e.g. `agent-export-mock generate sendbird --out export.zip`');
  }
  const vendor = vendors.find((v) => v.id === first);
  if (!vendor)
    throw new ConfigError(`generate: unknown vendor "${first}" (known: ${vendors.map((v) => v.id).join(', ')})`);
  const declared = { ...COMMON_OPTIONS, ...vendor.fixtureOptions };
  const kinds = Object.fromEntries(
    [...Object.keys(declared), 'help'].map((n) => [n, n === 'help' ? 'boolean' : 'string'] as const),
  );
  const { values } = parseStrict(rest, kinds, { seeHelp: `see generate ${vendor.id} --help` });
  if (values.help) return 'help';
  const flags = values as Record<string, string>;
  if (!flags.out) throw new ConfigError('generate: --out <file> is required');
  const settings: Record<string, unknown> = {
    LOG_LEVEL: 'silent',
    CLOCK_FROZEN: true,
    CLOCK_START: flags.at ?? new Date(wallClock()).toISOString(),
    ...(flags.seed ? { SEED: flags.seed } : {}),
    ...(flags.seeds ? { SEEDS: flags.seeds } : {}),
    ...(flags['world-daily-volume'] ? { WORLD_DAILY_VOLUME: flags['world-daily-volume'] } : {}),
  };
  const options = Object.fromEntries(Object.entries(flags).filter(([k]) => !(k in COMMON_OPTIONS)));
  return { vendor: vendor.id, out: flags.out, settings, options };
}

/** `generate --help`: the common options, then each vendor's own, from the vendors' declarations. */
export function generateHelpText(vendors: readonly ConfigVendor[] = VENDORS): string {
  const rowsOf = (options: FixtureOptions = {}) =>
    Object.entries(options).map(([name, o]) => [`--${name} ${o.value}`, o.description]);
  const sections = [
    { title: 'Options for every vendor:', rows: rowsOf(COMMON_OPTIONS) },
    ...vendors.map((v) => ({ title: `${v.id} (${v.title}):`, rows: rowsOf(v.fixtureOptions) })),
  ];
  // One table for every section, so the descriptions line up across vendors.
  const lines = columns(sections.flatMap((s) => s.rows));
  let at = 0;
  const body = sections.flatMap((s) => ['', s.title, ...lines.slice(at, (at += s.rows.length))]);
  return [
    'Usage: agent-export-mock generate <vendor> --out <file|dir/> [options]',
    '',
    'Writes the files the server would serve for that request, seed and instant (offline fixtures).',
    ...body,
  ].join('\n');
}

export async function generate(
  argv: readonly string[],
  progress: Progress,
  vendors: readonly VendorModule[] = VENDORS,
): Promise<GeneratedFile[]> {
  const request = parseGenerateArgs(argv, vendors);
  if (request === 'help') throw new ConfigError('generate: --help is answered by the command line');
  const { vendor: vendorId, out, settings, options } = request;
  const app = await buildApp(parseConfig(settings), vendors);
  try {
    await app.ready();
    const vendor = app.mock.vendors.find((v) => v.id === vendorId)!;
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

#!/usr/bin/env node
/**
 * Command-line entry: reads the configuration (flags, environment, config file), starts the server and closes it
 * gracefully on SIGTERM/SIGINT. An invalid setting prints one line naming it and exits with code 2.
 */
import { readFileSync } from 'node:fs';
import { checkClientCommand } from './check-client/index.js';
import { type Config, ConfigError, helpText, loadConfig, parseFlags } from './config.js';
import { generate, generateHelpText, parseGenerateArgs, progressReporter } from './generate.js';
import { banner, type RunningServer, startServer } from './server.js';
import { VENDORS } from './vendors/registry.js';
import { keepYoungGenerationSize } from './young-generation.js';

/**
 * The README promises an exit within 10 s of SIGTERM. server.shutdown() cuts connections still open after its grace
 * (9 s); this is the backstop for anything else that holds the close (a file still being generated).
 */
const EXIT_DEADLINE_MS = 9_800;

/** What a subcommand's failure exits with: 2 for a usage or setting error, 1 for anything else. */
function fail(err: unknown): never {
  const message = err instanceof ConfigError ? err.message : (err as Error).message;
  process.stderr.write(`agent-export-mock: ${message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}

/** `agent-export-mock generate <vendor> …`: offline fixtures (src/generate.ts). */
async function runGenerate(argv: string[]): Promise<void> {
  if (parseGenerateArgs(argv, VENDORS) === 'help') {
    const named = VENDORS.filter((v) => v.id === argv[0]);
    process.stdout.write(`${generateHelpText(named.length > 0 ? named : VENDORS)}\n`);
    return;
  }
  await generate(argv, progressReporter(process.stderr));
}

/**
 * Subcommands: the first word picks one, which gets the remaining arguments and parses them itself. Add one here with
 * its own module; with no subcommand the server starts.
 */
const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  generate: runGenerate,
  'check-client': async (argv) => void (process.exitCode = await checkClientCommand(argv, VENDORS)),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<void> {
  const subcommand = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  if (subcommand) {
    await subcommand(argv.slice(1)).catch(fail);
    return;
  }
  let config: Config;
  try {
    const flags = parseFlags(argv, VENDORS);
    if (flags.version) return void process.stdout.write(`${version()}\n`);
    if (flags.help) return void process.stdout.write(`${helpText(VENDORS)}\n`);
    config = loadConfig(argv, process.env, VENDORS);
  } catch (err) {
    if (err instanceof ConfigError) fail(new ConfigError(`invalid configuration: ${err.message}`));
    throw err;
  }
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (err) {
    const message = err instanceof ConfigError ? `invalid configuration: ${err.message}` : (err as Error).message;
    process.stderr.write(`agent-export-mock: ${message}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  keepYoungGenerationSize();
  process.stdout.write(`${banner(server)}\n`);
  let closing = false;
  // Stop accepting, let running downloads finish (cut after the shutdown grace), then exit 0.
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`agent-export-mock: ${signal} received, closing\n`);
    const timer = setTimeout(() => {
      process.stderr.write(`agent-export-mock: still closing after ${EXIT_DEADLINE_MS} ms; exiting anyway\n`);
      process.exit(0);
    }, EXIT_DEADLINE_MS);
    timer.unref();
    server.shutdown().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`agent-export-mock: error while closing: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main(process.argv.slice(2));

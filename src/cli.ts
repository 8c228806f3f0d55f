#!/usr/bin/env node
/**
 * Command-line entry: reads the configuration (flags, environment, config file), starts the server and closes it
 * gracefully on SIGTERM/SIGINT. An invalid setting prints one line naming it and exits with code 2.
 */
import { readFileSync } from 'node:fs';
import { checkClientCommand } from './check-client/index.js';
import { type Config, ConfigError, helpText, loadConfig, parseFlags } from './config.js';
import { generate, progressReporter } from './generate.js';
import { banner, type RunningServer, startServer } from './server.js';
import { VENDORS } from './vendors/registry.js';

/**
 * The README promises an exit within 10 s of SIGTERM. server.shutdown() cuts connections still open after its grace
 * (9 s); this is the backstop for anything else that holds the close (a file still being generated).
 */
const EXIT_DEADLINE_MS = 9_800;

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`${version}\n`);
    return;
  }
  if (argv[0] === 'check-client') {
    process.exitCode = await checkClientCommand(argv.slice(1), VENDORS);
    return;
  }
  if (argv[0] === 'generate') {
    try {
      await generate(argv.slice(1), progressReporter(process.stderr));
      return;
    } catch (err) {
      process.stderr.write(`agent-export-mock: ${(err as Error).message}\n`);
      process.exit(err instanceof ConfigError ? 2 : 1);
    }
  }
  let config: Config;
  try {
    if (parseFlags(argv, VENDORS).help) {
      process.stdout.write(`${helpText(VENDORS)}\n`);
      return;
    }
    config = loadConfig(argv, process.env, VENDORS);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`agent-export-mock: invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
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

#!/usr/bin/env node
/**
 * Command-line entry: reads the configuration (flags, environment, config file), starts the server and closes it
 * gracefully on SIGTERM/SIGINT. An invalid setting prints one line naming it and exits with code 2.
 */
import { ConfigError, helpText, loadConfig, parseFlags } from './config.js';
import { banner, startServer } from './server.js';

async function main(argv: string[]): Promise<void> {
  let config;
  try {
    if (parseFlags(argv).help) {
      process.stdout.write(`${helpText()}\n`);
      return;
    }
    config = loadConfig(argv, process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`agent-export-mock: invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  let server;
  try {
    server = await startServer(config);
  } catch (err) {
    const message = err instanceof ConfigError ? `invalid configuration: ${err.message}` : (err as Error).message;
    process.stderr.write(`agent-export-mock: ${message}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  process.stdout.write(`${banner(server)}\n`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`agent-export-mock: ${signal} received, closing\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main(process.argv.slice(2));

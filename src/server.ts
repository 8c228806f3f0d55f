/**
 * Listens. Builds the app, binds HOST:PORT, fixes the public origin from the bound port, and prints the URL and each
 * vendor's base URL.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, publicUrlOf } from './config.js';
import { type ServerLimits, serverLimits } from './core/http/server-limits.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
  /**
   * Graceful stop (SIGTERM): stops accepting, lets running requests finish for the shutdown grace, then cuts the
   * connections still open (a stalled download) so the close, and the exit, happen within the bound.
   */
  shutdown(): Promise<void>;
}

/** Internal options, for tests: smaller timeouts than the documented ones. */
export interface StartOptions {
  limits?: Partial<ServerLimits>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const limits = serverLimits(options.limits);
  const app = await buildApp(config, undefined, limits);
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = publicUrlOf(config, port);
  app.mock.setPublicUrl(url);
  return { app, url, close: () => app.close(), shutdown: () => shutdown(app, limits.shutdownGraceMs) };
}

/**
 * app.close() stops accepting and waits for every open request, however slow its client. After the grace, the
 * connections still open are cut (a client reading nothing would otherwise hold the close forever), so the close
 * completes soon after.
 */
async function shutdown(app: FastifyInstance, graceMs: number): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/** The start-up banner: where the server is, and the base URL a client of each vendor sets. */
/** Where the virtual clock stands at start-up: a saved clock (DATA_DIR) or CLOCK_START, frozen or running. */
const clockLine = (clock: { now: number; frozen: boolean }, restored: boolean, clockStart: string | undefined) => {
  const mode = clock.frozen ? 'frozen: moves only through /__admin/clock' : 'running at real speed';
  // A restart on a DATA_DIR continues the saved clock, whatever CLOCK_START says: say so, never silently.
  const origin = !restored
    ? ''
    : clockStart
      ? `; restored from DATA_DIR, not CLOCK_START ${clockStart}, which applies on POST /__admin/reset`
      : '; restored from DATA_DIR';
  return `  clock: ${new Date(clock.now).toISOString()} (${mode}${origin})`;
};

export function banner(server: RunningServer): string {
  const { app, url } = server;
  const lines = [
    `agent-export-mock listening on ${url}`,
    `  dashboard: ${url}/`,
    `  docs:  ${url}/docs`,
    `  admin: ${url}/__admin/health`,
    clockLine(app.mock.ctx.clock.state(), app.clockRestored, app.mock.ctx.config.CLOCK_START),
  ];
  const host = app.mock.ctx.config.HOST;
  if (!app.mock.ctx.config.ADMIN_TOKEN && !isLoopback(host)) {
    lines.push(
      `  WARNING: HOST is ${host} and ADMIN_TOKEN is not set: anyone who can reach this port can control the clock, scenarios and reset.`,
    );
  }
  for (const vendor of app.mock.vendors) {
    for (const [name, base] of Object.entries(vendor.baseUrls(url, app.mock.seeds.get(vendor.id)))) {
      lines.push(`  ${vendor.title} (${name}): ${base}`);
    }
  }
  return lines.join('\n');
}

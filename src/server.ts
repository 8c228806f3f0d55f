/**
 * Listens. Builds the app, binds HOST:PORT, fixes the public origin from the bound port, and prints the URL and each
 * vendor's base URL.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, publicUrlOf } from './config.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const app = await buildApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = publicUrlOf(config, port);
  app.mock.setPublicUrl(url);
  return { app, url, close: () => app.close() };
}

export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/** The start-up banner: where the server is, and the base URL a client of each vendor sets. */
export function banner(server: RunningServer): string {
  const { app, url } = server;
  const lines = [`agent-export-mock listening on ${url}`, `  dashboard: ${url}/`, `  docs:  ${url}/docs`, `  admin: ${url}/__admin/health`];
  const host = app.mock.ctx.config.HOST;
  if (!app.mock.ctx.config.ADMIN_TOKEN && !isLoopback(host)) {
    lines.push(`  WARNING: HOST is ${host} and ADMIN_TOKEN is not set: anyone who can reach this port can control the clock, scenarios and reset.`);
  }
  for (const vendor of app.mock.vendors) {
    for (const [name, base] of Object.entries(vendor.baseUrls(url, app.mock.seeds.get(vendor.id)))) {
      lines.push(`  ${vendor.title} (${name}): ${base}`);
    }
  }
  return lines.join('\n');
}

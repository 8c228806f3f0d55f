/**
 * Shared test helpers: an app on a frozen virtual clock (so every answer is deterministic), reading ZIPs, and
 * advancing the clock through the admin API as a test author would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import yauzl from 'yauzl';
import { buildApp } from '../src/app.js';
import { type Config, parseConfig } from '../src/config.js';
import { VENDORS } from '../src/vendors/registry.js';

export const PUBLIC_URL = 'http://mock.test:4010';
export const HOST = 'mock.test:4010';

/** An app whose clock stands still at `clockStart` until a test moves it. Silent logs, fixed seed. */
export async function testApp(overrides: Record<string, unknown> = {}): Promise<FastifyInstance> {
  const config: Config = parseConfig(
    {
      CLOCK_START: '2025-04-08T12:00:00Z',
      CLOCK_FROZEN: true,
      LOG_LEVEL: 'silent',
      PUBLIC_URL,
      // Links are signed with LINK_SECRET, random per process by default: a fixed one keeps responses comparable.
      LINK_SECRET: 'test-link-secret-0123456789',
      ...overrides,
    },
    VENDORS,
  );
  const app = await buildApp(config);
  await app.ready();
  // Closed when the test that made it ends, even after a failed assertion (closing twice is harmless). An app made in
  // beforeAll belongs to no test: its suite's afterAll closes it.
  try {
    onTestFinished(() => app.close());
  } catch {
    // not inside a test
  }
  return app;
}

export async function advance(app: FastifyInstance, seconds: number): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds } });
  if (res.statusCode !== 200) throw new Error(`advance failed: ${res.body}`);
}

export async function setClock(app: FastifyInstance, now: string): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now } });
  if (res.statusCode !== 200) throw new Error(`set clock failed: ${res.body}`);
}

/**
 * The exit of a child process, also when it has already happened: `once(child, 'exit')` attached after the exit waits
 * forever (a test that awaits other work between the kill and the wait raced it and timed out).
 */
export function exitOf(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
}

/** Follows a download link through inject (the link's host is sent as the Host header, as a real client would). */
export function download(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' = 'GET',
): Promise<LightMyRequestResponse> {
  const u = new URL(url);
  return app.inject({ method, url: `${u.pathname}${u.search}`, headers: { host: u.host, ...headers } });
}

/** The entries of a ZIP (name → bytes). */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('error', reject);
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Starts the real CLI (`src/cli.ts`) in a child process with the given flags, waits for its "listening on" line, and
 * kills it when the test ends, even after a failed assertion.
 */
export async function spawnCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      '--port',
      '0',
      '--clock-start',
      '2025-04-08T12:00:00Z',
      '--clock-frozen',
      '--log-level',
      'warn',
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  while (!/listening on (http:\/\/\S+)/.test(out)) await once(child.stdout!, 'data');
  return { child, url: /listening on (http:\/\/\S+)/.exec(out)![1]! };
}

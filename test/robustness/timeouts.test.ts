/**
 * The README's slow-client bounds (headers within 10 s, whole request within 30 s, exit within 10 s of SIGTERM) hold
 * to the bound, not to Node's 30 s connection check. The bounds are injected small here so each test takes under a
 * second or two of real time; one test checks the server is configured with the documented defaults.
 */

import { get, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { DEFAULT_SERVER_LIMITS } from '../../src/core/http/server-limits.js';
import { startServer } from '../../src/server.js';

const config = (extra: Record<string, unknown> = {}) =>
  parseConfig({ PORT: 0, LOG_LEVEL: 'silent', CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, ...extra });

/** Sends `head` then one more byte of `drip` every `everyMs` until the server answers or closes; resolves with what it said. */
function dribble(url: string, head: string, drip: string, everyMs: number): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname, () => socket.write(head));
    let answer = '';
    let i = 0;
    const timer = setInterval(() => socket.writable && socket.write(drip[i++ % drip.length]!), everyMs);
    socket.on('data', (d) => (answer += d));
    socket.on('error', reject);
    socket.on('close', () => (clearInterval(timer), resolve({ answer, ms: performance.now() - started })));
  });
}

describe('slow-client timeouts', () => {
  it('is configured with the documented bounds and checks them often enough to hold them', async () => {
    const server = await startServer(config());
    try {
      expect(server.app.server.headersTimeout).toBe(10_000);
      expect(server.app.server.requestTimeout).toBe(30_000);
      // Node only looks for expired requests every connectionsCheckingInterval (30 s by default).
      const interval = (server.app.server as unknown as { connectionsCheckingInterval: number })
        .connectionsCheckingInterval;
      expect(interval).toBeLessThanOrEqual(500);
      expect(DEFAULT_SERVER_LIMITS.shutdownGraceMs).toBeLessThanOrEqual(10_000);
    } finally {
      await server.close();
    }
  });

  it('answers 408 to a client that dribbles its headers past the headers timeout', async () => {
    const server = await startServer(config(), {
      limits: { headersTimeoutMs: 400, requestTimeoutMs: 2000, checkIntervalMs: 50 },
    });
    try {
      const { answer, ms } = await dribble(
        server.url,
        'GET /__admin/health HTTP/1.1\r\nHost: localhost\r\n',
        'X-Slow: a\r\n',
        50,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(ms).toBeGreaterThanOrEqual(400);
      expect(ms).toBeLessThan(1500);
    } finally {
      await server.close();
    }
  });

  it('answers 408 to a client that dribbles its body past the request timeout', async () => {
    const server = await startServer(config(), {
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 700, checkIntervalMs: 50 },
    });
    try {
      const head =
        'POST /__admin/clock/advance HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
      const { answer, ms } = await dribble(server.url, head, ' ', 50);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(ms).toBeGreaterThanOrEqual(700);
      expect(ms).toBeLessThan(2000);
    } finally {
      await server.close();
    }
  });

  it('shuts down within the grace period even while a client stalls a download', async () => {
    const server = await startServer(config({ WORLD_DAILY_VOLUME: 0 }), { limits: { shutdownGraceMs: 400 } });
    const object = await server.app.mock.ctx.store.put(
      { bucket: 'test-bucket', key: 'big.bin', contentType: 'application/octet-stream', lastModified: 0 },
      async (out) => {
        const chunk = Buffer.alloc(1 << 20);
        for (let i = 0; i < 48; i++) if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
        out.end();
      },
    );
    const link = server.app.mock.ctx.signer.s3v2({
      accessKeyId: 'AKIATESTSTALL',
      bucket: object.bucket,
      key: object.key,
      expiresAt: Date.parse('2025-04-09T00:00:00Z'),
    });
    const stalled = await new Promise<IncomingMessage>((resolve) =>
      get(link, { agent: false }, (res) => (res.pause(), resolve(res))),
    );
    expect(stalled.statusCode).toBe(200);
    const started = performance.now();
    await server.shutdown();
    expect(performance.now() - started).toBeLessThan(1500);
    stalled.destroy();
  });
});

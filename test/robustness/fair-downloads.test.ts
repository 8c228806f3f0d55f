/**
 * Downloads stay fair under slow or stalled readers: one client (one remote address) holds at most
 * MAX_DOWNLOADS_PER_CLIENT downloads, a reader that takes no bytes for DOWNLOAD_IDLE_TIMEOUT_SECONDS is cut, and the
 * storage's own 503 comes only when every slot is taken. Real sockets over loopback (127.0.0.1 and 127.0.0.2 are two
 * clients); the object is large enough (24 MiB) that a reader who stops reading stalls the server's writes.
 */
import { get, type IncomingMessage } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { BUCKET as KORE_BUCKET } from '../../src/vendors/kore/export-file.js';
import { mediaUrl } from '../../src/vendors/kore/lifecycle.js';

const EXPIRES = Date.parse('2025-04-09T00:00:00Z');
const SIZE = 24 << 20;

async function serverWithBigObject(
  settings: Record<string, unknown>,
): Promise<{ server: RunningServer; s3: string; gcs: string; kore: string }> {
  const server = await startServer(
    parseConfig({ PORT: 0, LOG_LEVEL: 'silent', CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, ...settings }),
  );
  onTestFinished(() => server.close());
  const { store, signer } = server.app.mock.ctx;
  const write = async (out: NodeJS.WritableStream & { once: (e: string, f: () => void) => void; end: () => void }) => {
    const chunk = Buffer.alloc(1 << 20, 7);
    for (let i = 0; i < SIZE >> 20; i++) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', r));
    out.end();
  };
  const meta = { contentType: 'application/octet-stream', lastModified: 0 };
  await store.put({ ...meta, bucket: 'fair-bucket', key: 'big.bin' }, write);
  await store.put({ ...meta, bucket: KORE_BUCKET, key: 'f-00000000-0000-4000-8000-000000000000.json' }, write);
  const s3 = signer.s3v2({ accessKeyId: 'AKIAFAIRTEST', bucket: 'fair-bucket', key: 'big.bin', expiresAt: EXPIRES });
  const gcs = signer.gcsV4({
    accessKeyId: 'GOOGFAIRTEST',
    bucket: 'fair-bucket',
    key: 'big.bin',
    signedAt: Date.parse('2025-04-08T12:00:00Z'),
    expiresSeconds: 3600,
  });
  const kore = mediaUrl(server.app.mock.ctx, 'f-00000000-0000-4000-8000-000000000000.json', EXPIRES);
  return { server, s3, gcs, kore };
}

/** A GET from `client` (a loopback address) that stops reading once the headers are in. */
function stall(url: string, client: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, localAddress: client }, (res) => {
      res.pause();
      onTestFinished(() => void res.destroy());
      resolve(res);
    });
    req.on('error', reject);
  });
}

/** A whole GET from `client`: status, body bytes (or text for an error) and the time it took. */
function fetchFrom(url: string, client: string): Promise<{ status: number; bytes: number; text: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { agent: false, localAddress: client }, (res) => {
      let bytes = 0;
      const small: Buffer[] = [];
      res.on('data', (c: Buffer) => ((bytes += c.length), bytes < 4096 && small.push(c)));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          bytes,
          text: Buffer.concat(small).toString(),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('fair downloads', () => {
  it('serves another client within seconds while one client stalls 64 downloads', async () => {
    const { s3 } = await serverWithBigObject({});
    const held = await Promise.all(Array.from({ length: 64 }, () => stall(s3, '127.0.0.1')));
    const statuses = held.map((r) => r.statusCode);
    // The greedy client gets its share (MAX_DOWNLOADS_PER_CLIENT, 8 by default) and S3's SlowDown for the rest.
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.filter((s) => s === 503)).toHaveLength(56);
    const refused = held.find((r) => r.statusCode === 503)!;
    refused.resume();
    expect(await new Promise((r) => refused.setEncoding('utf8').once('data', r))).toContain('<Code>SlowDown</Code>');

    const other = await fetchFrom(s3, '127.0.0.2');
    expect(other.status).toBe(200);
    expect(other.bytes).toBe(SIZE);
    expect(other.ms).toBeLessThan(5000);
  });

  it("answers each storage's own 503 only once every download slot is taken", async () => {
    const { s3, gcs, kore } = await serverWithBigObject({ MAX_CONCURRENT_DOWNLOADS: 1 });
    expect((await stall(s3, '127.0.0.1')).statusCode).toBe(200);
    const [a, b, c] = await Promise.all([
      fetchFrom(s3, '127.0.0.2'),
      fetchFrom(gcs, '127.0.0.2'),
      fetchFrom(kore, '127.0.0.2'),
    ]);
    expect([a.status, b.status, c.status]).toEqual([503, 503, 503]);
    expect(a.text).toContain('<Code>SlowDown</Code>');
    expect(b.text).toContain('<Code>ServiceUnavailable</Code>');
    expect(JSON.parse(c.text)).toEqual({ errors: [{ msg: expect.stringContaining('try again'), code: 503 }] });
  });

  it('cuts a reader that takes no bytes for DOWNLOAD_IDLE_TIMEOUT_SECONDS and frees its slot', async () => {
    const { s3 } = await serverWithBigObject({ MAX_CONCURRENT_DOWNLOADS: 1, DOWNLOAD_IDLE_TIMEOUT_SECONDS: 0.3 });
    const stalled = await stall(s3, '127.0.0.1');
    expect(stalled.statusCode).toBe(200);
    const started = performance.now();
    // Bounded polling: the slot frees once the idle reader is cut (about 0.3 s of no progress).
    let next = await fetchFrom(s3, '127.0.0.2');
    for (let i = 0; i < 50 && next.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      next = await fetchFrom(s3, '127.0.0.2');
    }
    expect(next.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    // The stalled reader, reading again, finds its download cut short of Content-Length.
    const got = await new Promise<{ bytes: number; complete: boolean }>((resolve) => {
      let bytes = 0;
      stalled.on('data', (c: Buffer) => (bytes += c.length));
      stalled.on('close', () => resolve({ bytes, complete: stalled.complete }));
      stalled.resume();
    });
    expect(got.complete).toBe(false);
    expect(got.bytes).toBeLessThan(SIZE);
  });
});

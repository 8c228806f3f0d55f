// Download throughput: a 1 GB stored object served through a signed S3 link by the mock, against a bare Node HTTP
// server streaming the same file, plus a Range read. Both servers run in this process's children; the client here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const SIZE = Number(process.env.BENCH_DOWNLOAD_BYTES ?? 1024 ** 3);
const dir = mkdtempSync(join(tmpdir(), 'aem-bench-dl-'));
const file = join(dir, 'blob.bin');
// Incompressible, deterministic content.
let x = 0x9e3779b9;
await pipeline(
  Readable.from(
    (function* () {
      const chunk = Buffer.alloc(1 << 20);
      for (let done = 0; done < SIZE; done += chunk.length) {
        for (let i = 0; i < chunk.length; i += 4)
          chunk.writeUInt32LE((x = (Math.imul(x, 1664525) + 1013904223) >>> 0), i);
        yield Buffer.from(chunk.subarray(0, Math.min(chunk.length, SIZE - done)));
      }
    })(),
  ),
  createWriteStream(file),
);

async function drain(url, headers = {}) {
  const t = performance.now();
  const res = await fetch(url, { headers });
  let bytes = 0;
  for await (const c of res.body) bytes += c.length;
  return { status: res.status, bytes, seconds: (performance.now() - t) / 1000 };
}

const server = spawn(process.execPath, ['bench/download-server.mjs', file], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = await once(server.stdout, 'data');
const { mockUrl, bareUrl } = JSON.parse(String(line));
const results = { mock: [], bare: [] };
for (let i = 0; i < 3; i++) {
  results.mock.push(await drain(mockUrl));
  results.bare.push(await drain(bareUrl));
}
const range = await drain(mockUrl, { range: `bytes=${SIZE / 2}-${SIZE / 2 + 1024 * 1024 - 1}` });
server.kill();
rmSync(dir, { recursive: true, force: true });
const mbps = (r) => r.bytes / 1e6 / r.seconds;
process.stdout.write(
  `${JSON.stringify({ size: SIZE, mock: results.mock.map(mbps), bare: results.bare.map(mbps), ok: results.mock.every((r) => r.status === 200 && r.bytes === SIZE), range: { status: range.status, bytes: range.bytes, ms: range.seconds * 1000 } })}\n`,
);

// Serves one file two ways for bench/download.mjs: through the mock (stored object behind a signed S3 link) and with
// a bare Node HTTP server (createReadStream piped to the response). Prints both URLs as one JSON line.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { buildApp } from '../dist/app.js';
import { parseConfig } from '../dist/config.js';

const file = process.argv[2];
const size = statSync(file).size;
const bare = createServer((_req, res) => {
  res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
  createReadStream(file).pipe(res);
}).listen(0, '127.0.0.1');
await new Promise((r) => bare.once('listening', r));

const app = await buildApp(
  parseConfig({ LOG_LEVEL: 'silent', CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true }),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const origin = `http://127.0.0.1:${app.server.address().port}`;
app.mock.setPublicUrl(origin);
const { ctx } = app.mock;
await ctx.store.put(
  { bucket: 'bench', key: 'blob.bin', contentType: 'application/octet-stream', lastModified: ctx.clock.now() },
  async (out) => {
    for await (const chunk of createReadStream(file))
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
    out.end();
  },
);
const mockUrl = ctx.signer.s3v4({
  accessKeyId: 'AKIAMOCKBENCH0000001',
  region: 'us-east-1',
  bucket: 'bench',
  key: 'blob.bin',
  signedAt: ctx.clock.now(),
  expiresSeconds: 3600,
});
process.stdout.write(`${JSON.stringify({ mockUrl, bareUrl: `http://127.0.0.1:${bare.address().port}/` })}\n`);

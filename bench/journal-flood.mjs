// Journal flood: 1,000 unauthenticated 900 KB POSTs over loopback to a running server (dist/cli.js), then the server's
// RSS against its idle RSS. Target (firm-ground issue): at most idle RSS + JOURNAL_MAX_BYTES + 50 MB after the flood,
// and GET /__admin/requests still answers 200. Prints one JSON line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const COUNT = Number(process.env.BENCH_FLOOD_COUNT ?? 1000);
const BODY_BYTES = 900 * 1000;
const CONNECTIONS = 8;
const MAX_BYTES = 32 * 1024 * 1024;

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(process.execPath, ['dist/cli.js'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CLOCK_START: '2025-04-08T12:00:00Z',
    CLOCK_FROZEN: 'true',
    JOURNAL_MAX_BYTES: String(MAX_BYTES),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const origin = `http://127.0.0.1:${port}`;
for (const end = Date.now() + 10_000; ; ) {
  try {
    if ((await fetch(`${origin}/__admin/health`)).status === 200) break;
  } catch {
    if (Date.now() > end) throw new Error('server did not become healthy');
  }
  await new Promise((r) => setTimeout(r, 5));
}

/** The server's resident set size, from /proc (Linux). */
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) * 1024;
const settle = () => new Promise((r) => setTimeout(r, 1000));

await settle();
const idle = rss();
// JSON the vendor parses (a string field 900 KB long), without credentials, half to a create route and half to an
// unknown path under the vendor prefix: both reach the journal with their bodies.
const body = JSON.stringify({ type: 'conversation', note: 'x'.repeat(BODY_BYTES - 40) });
const paths = [
  '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports',
  '/sendbird/a245389gje349rt3429992Op/v3/flood',
];
const post = (path) =>
  new Promise((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

let peak = idle;
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
const statuses = {};
let sent = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    while (sent < COUNT) {
      const i = sent++;
      const status = await post(paths[i % paths.length]);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const after = rss();
clearInterval(sampler);
// V8 frees the flood's garbage (large strings) at its next major GC; its memory reducer runs one some seconds after
// allocation stops. Both figures are reported: right after the flood, and after 12 s of quiet.
await new Promise((r) => setTimeout(r, 12_000));
const settled = rss();
const r0 = performance.now();
const read = await fetch(`${origin}/__admin/requests`);
const text = await read.text();
const readMs = performance.now() - r0;
const entries = read.status === 200 ? JSON.parse(text).requests : [];
const afterRead = rss();
server.kill('SIGTERM');
await once(server, 'exit');

process.stdout.write(
  `${JSON.stringify({
    count: COUNT,
    bodyBytes: BODY_BYTES,
    seconds,
    statuses,
    maxBytes: MAX_BYTES,
    idle,
    peak,
    after,
    settled,
    afterRead,
    target: idle + MAX_BYTES + 50e6,
    read: {
      status: read.status,
      ms: readMs,
      bytes: text.length,
      entries: entries.length,
      longestBody: Math.max(0, ...entries.map((e) => String(e.body ?? '').length)),
    },
  })}\n`,
);

// Scale: memory and response time with JOBS jobs alive. Creates them through the vendor APIs (in-process inject),
// then times polls of one job and a list page over HTTP, and reads RSS.
import { buildApp } from '../dist/app.js';
import { parseConfig } from '../dist/config.js';
import { FLOWS } from './flows.mjs';

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const app = await buildApp(
  parseConfig({
    LOG_LEVEL: 'silent',
    CLOCK_START: '2025-04-08T12:00:00Z',
    CLOCK_FROZEN: true,
    WORLD_DAILY_VOLUME: 2,
    JOURNAL_LIMIT: 1000,
    MAX_JOBS: Math.max(JOBS, 10_000),
  }),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const origin = `http://127.0.0.1:${app.server.address().port}`;
app.mock.setPublicUrl(origin);
const rssBefore = process.memoryUsage().rss;
const flows = FLOWS.filter((f) => app.mock.vendors.some((v) => v.id === f.vendor && f.create));
const created = [];
const t0 = performance.now();
for (let i = 0; i < JOBS; i++) {
  const flow = flows[i % flows.length];
  created.push({ flow, id: await flow.create(app) });
}
const createSeconds = (performance.now() - t0) / 1000;
await app.mock.ctx.jobs.drain();
await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 120 } });
global.gc?.();
const rssAfter = process.memoryUsage().rss;

async function time(fn, n = 200) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { median: xs[Math.floor(n / 2)], p99: xs[Math.floor(n * 0.99)] };
}
const sample = created[created.length - 1];
const poll = await time(async () => {
  const { url, headers } = sample.flow.pollRequest(sample.id);
  const res = await fetch(`${origin}${url}`, { headers });
  await res.arrayBuffer();
});
const bytesOf = async (path) => (await (await fetch(`${origin}${path}`)).arrayBuffer()).byteLength;
const jobsList = await time(() => bytesOf('/__admin/jobs'), 10);
// The dashboard's poll: its first 50 jobs, and nothing when they have not changed since the revision it holds.
const { revision } = await (await fetch(`${origin}/__admin/jobs?limit=50`)).json();
const dashboardPoll = await time(() => bytesOf(`/__admin/jobs?limit=50&since=${revision}`), 50);
const sizes = {
  firstPage: await bytesOf('/__admin/jobs'),
  dashboardPoll: await bytesOf(`/__admin/jobs?limit=50&since=${revision}`),
};
await app.close();
process.stdout.write(
  `${JSON.stringify({ jobs: JOBS, vendors: flows.map((f) => f.vendor), createSeconds, rssBefore, rssAfter, poll, adminJobs: jobsList, dashboardPoll, sizes })}\n`,
);

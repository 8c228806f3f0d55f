// Generates one large Sendbird conversation export in this process and reports time and peak RSS (VmHWM).
import { readFileSync } from 'node:fs';
import { buildApp } from '../dist/app.js';
import { parseConfig } from '../dist/config.js';

const perDay = Number(process.env.BENCH_PER_DAY ?? 14286);
const app = await buildApp(parseConfig({ CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, LOG_LEVEL: 'silent', WORLD_DAILY_VOLUME: perDay, JOB_QUEUED_SECONDS: 0, JOB_RUNNING_SECONDS: 0 }));
await app.ready();
const body = { type: 'conversation', ai_agent_id: 'ai_agent_cx', from: '2025-04-01', to: '2025-04-07', timezone: 'UTC', export_format: 'json' };
const started = performance.now();
const res = await app.inject({ method: 'POST', url: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports', headers: { 'api-token': 'demo-sendbird-api-token' }, payload: body });
const id = res.json().export_id;
// A poll during generation must stay fast: measure the slowest one.
let slowestPoll = 0;
let done = false;
const polls = (async () => {
  while (!done) {
    const t = performance.now();
    await app.inject({ url: `/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports/${id}`, headers: { 'api-token': 'demo-sendbird-api-token' } });
    slowestPoll = Math.max(slowestPoll, performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
await app.mock.ctx.jobs.drain();
done = true;
await polls;
const seconds = (performance.now() - started) / 1000;
const job = app.mock.ctx.jobs.get(id);
const records = job.generation.result.records;
const size = job.generation.result.object.size;
const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
await app.close();
process.stdout.write(JSON.stringify({ records, seconds, bytes: size, peakRss: hwm, slowestPollMs: slowestPoll }) + '\n');

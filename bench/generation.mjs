// One vendor's large export, generated in this process through the vendor's own API (inject): records, bytes,
// seconds, peak RSS (VmHWM) and the slowest poll answered meanwhile. Usage: node bench/generation.mjs <vendor> <records>
import { readFileSync } from 'node:fs';
import { buildApp } from '../dist/app.js';
// The library's parseConfig knows every bundled vendor's settings (ZENDESK_SHARD_SIZE, …).
import { parseConfig } from '../dist/index.js';
import { GENERATION } from './flows.mjs';

const [vendor, n] = [process.argv[2], Number(process.argv[3])];
const flow = GENERATION[vendor];
const app = await buildApp(parseConfig({ LOG_LEVEL: 'silent', CLOCK_START: '2025-04-30T12:00:00Z', CLOCK_FROZEN: true, JOB_QUEUED_SECONDS: 0, JOB_RUNNING_SECONDS: 0, JOURNAL_LIMIT: 100, ...flow.settings(n) }));
await app.ready();
let slowestPoll = 0;
let done = false;
const started = performance.now();
const run = flow.run(app);
// While it runs, a health poll every 20 ms must stay fast.
const polls = (async () => {
  while (!done) {
    const t = performance.now();
    await app.inject({ url: '/__admin/health' });
    slowestPoll = Math.max(slowestPoll, performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
const { records, bytes } = await run;
const seconds = (performance.now() - started) / 1000;
done = true;
await polls;
const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
await app.close();
process.stdout.write(JSON.stringify({ vendor, records, bytes, seconds, peakRss, slowestPollMs: slowestPoll }) + '\n');

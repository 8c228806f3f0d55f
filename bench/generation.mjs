// Large exports generated in this process through the vendors' own API (inject): records, bytes, seconds, peak RSS
// (VmHWM: the whole process, generation worker threads included) and the health polls answered meanwhile.
// Usage: node bench/generation.mjs <vendor>[,<vendor>…] <records>. Several vendors run at once, in one server (their
// settings must agree: Sendbird and Kore size their worlds alike).
import { readFileSync } from 'node:fs';
import { buildApp } from '../dist/app.js';
// The library's parseConfig knows every bundled vendor's settings (ZENDESK_SHARD_SIZE, …).
import { parseConfig } from '../dist/index.js';
import { GENERATION } from './flows.mjs';

const [vendors, n] = [process.argv[2].split(','), Number(process.argv[3])];
const settings = Object.assign({}, ...vendors.map((v) => GENERATION[v].settings(n)));
const app = await buildApp(
  parseConfig({
    LOG_LEVEL: 'silent',
    CLOCK_START: '2025-04-30T12:00:00Z',
    CLOCK_FROZEN: true,
    JOB_QUEUED_SECONDS: 0,
    JOB_RUNNING_SECONDS: 0,
    JOURNAL_LIMIT: 100,
    ...settings,
  }),
);
await app.ready();
const polls = [];
let done = false;
const started = performance.now();
const runs = Promise.all(
  vendors.map(async (vendor) => {
    const r = await GENERATION[vendor].run(app);
    return { vendor, ...r, seconds: (performance.now() - started) / 1000 };
  }),
);
// While they run, a health poll every 20 ms must stay fast.
const polling = (async () => {
  while (!done) {
    const t = performance.now();
    await app.inject({ url: '/__admin/health' });
    polls.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
const each = await runs;
const seconds = (performance.now() - started) / 1000;
done = true;
await polling;
const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
await app.close();
polls.sort((a, b) => a - b);
const records = each.reduce((s, r) => s + r.records, 0);
const bytes = each.reduce((s, r) => s + r.bytes, 0);
process.stdout.write(
  `${JSON.stringify({ vendor: vendors.join('+'), each, records, bytes, seconds, peakRss, polls: polls.length, pollP99Ms: polls[Math.floor(polls.length * 0.99)] ?? 0, slowestPollMs: polls.at(-1) ?? 0 })}\n`,
);
// Idle workers do not hold the process; a pool thread still starting would: leave now that everything is measured.
process.exit(0);

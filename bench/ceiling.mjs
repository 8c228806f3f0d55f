// The ceiling for a vendor's generation: serialising (and, for ZIP vendors, compressing) the same number of pre-built
// plain records through the same archive code, with no world behind them. Usage: node bench/ceiling.mjs <vendor> <records>
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { writeZip } from '../dist/core/storage/archive.js';
import { GENERATION } from './flows.mjs';

const [vendor, n] = [process.argv[2], Number(process.argv[3])];
const flow = GENERATION[vendor];
// One real record of the vendor, made before the clock starts.
const { buildApp } = await import('../dist/app.js');
const { parseConfig } = await import('../dist/config.js');
const sampler = await buildApp(
  parseConfig({
    LOG_LEVEL: 'silent',
    CLOCK_START: '2025-04-30T12:00:00Z',
    CLOCK_FROZEN: true,
    JOB_QUEUED_SECONDS: 0,
    JOB_RUNNING_SECONDS: 0,
    WORLD_DAILY_VOLUME: 300,
  }),
);
await sampler.ready();
const pool = await flow.sampleRecord(sampler);
const record = (i) => pool[i % pool.length];
await sampler.close();
const dir = mkdtempSync(join(tmpdir(), 'aem-ceiling-'));
const file = join(dir, 'out');
const started = performance.now();
const out = createWriteStream(file);
if (flow.format === 'zip-one') {
  async function* chunks() {
    yield '[';
    for (let i = 0; i < n; i++) yield `${i ? ',' : ''}\n${JSON.stringify(record(i))}`;
    yield '\n]\n';
  }
  await writeZip(out, [{ name: 'export.json', body: Readable.from(chunks()) }], new Date(0));
} else if (flow.format === 'zip-many') {
  await writeZip(
    out,
    (function* () {
      for (let i = 0; i < n; i++)
        yield {
          name: `conversation-${i}.csv`,
          body: typeof record(i) === 'string' ? record(i) : JSON.stringify(record(i)),
        };
    })(),
    new Date(0),
  );
} else {
  for (let i = 0; i < n; i++)
    if (!out.write(`${JSON.stringify(record(i))}\n`)) await new Promise((r) => out.once('drain', r));
  out.end();
  await finished(out);
}
const seconds = (performance.now() - started) / 1000;
const bytes = statSync(file).size;
rmSync(dir, { recursive: true, force: true });
const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
process.stdout.write(`${JSON.stringify({ vendor, records: n, bytes, seconds, peakRss })}\n`);

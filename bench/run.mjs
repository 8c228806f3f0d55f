#!/usr/bin/env node
/**
 * `npm run bench`: measures the figures the issues ask for and prints them as a table, each against its target or
 * its ceiling measured in the same run. Everything runs on loopback, bounded in time. Run after `npm run build`.
 *
 *   cold start   process spawn → first 200 from /__admin/health, median of BENCH_STARTS (10)
 *   polling      GET export details under 50 connections (autocannon, BENCH_SECONDS each) vs bare Fastify, same JSON
 *   generation   a ~100,000-conversation Sendbird export: time, MB/s, peak RSS, slowest poll meanwhile
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('../', import.meta.url));
const STARTS = Number(process.env.BENCH_STARTS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const results = {};

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs) => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs) });

function startMock(port, extraEnv = {}) {
  const child = spawn(process.execPath, ['dist/cli.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: 'true', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return child;
}

async function waitHealthy(port, deadlineMs = 10_000) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/__admin/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('server did not become healthy');
}

async function coldStart() {
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = startMock(port);
    await waitHealthy(port);
    times.push(performance.now() - t0);
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  return stats(times);
}

const load = (url, headers) =>
  new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration: SECONDS, headers }, (err, r) => (err ? reject(err) : resolve({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx })));
  });

async function polling() {
  const port = await freePort();
  const child = startMock(port);
  await waitHealthy(port);
  const base = `http://127.0.0.1:${port}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`;
  const headers = { 'api-token': 'demo-sendbird-api-token', 'content-type': 'application/json' };
  const created = await (await fetch(base, { method: 'POST', headers, body: JSON.stringify({ type: 'conversation', ai_agent_id: 'ai_agent_cx', from: '2025-04-01', to: '2025-04-07', timezone: 'UTC', export_format: 'json' }) })).json();
  await fetch(`http://127.0.0.1:${port}/__admin/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":120}' });
  const detailsUrl = `${base}/${created.export_id}`;
  const sample = await (await fetch(detailsUrl, { headers })).text();

  const bare = spawn(process.execPath, ['bench/bare-server.mjs'], { cwd: root, env: { ...process.env, BENCH_BODY: sample }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(bare.stdout, 'data');
  const barePort = Number(String(line).trim());

  // Warm both up, then alternate runs so machine noise hits both alike.
  await load(detailsUrl, headers);
  await load(`http://127.0.0.1:${barePort}/poll`, {});
  const mock = [];
  const ceiling = [];
  for (let i = 0; i < 3; i++) {
    mock.push(await load(detailsUrl, headers));
    ceiling.push(await load(`http://127.0.0.1:${barePort}/poll`, {}));
  }
  child.kill('SIGTERM');
  bare.kill('SIGTERM');
  return {
    mockRps: stats(mock.map((r) => r.rps)),
    bareRps: stats(ceiling.map((r) => r.rps)),
    mockP99: stats(mock.map((r) => r.p99)),
    bareP99: stats(ceiling.map((r) => r.p99)),
    errors: mock.reduce((s, r) => s + r.errors, 0),
    bodyBytes: sample.length,
  };
}

async function generation() {
  const child = spawn(process.execPath, ['bench/generate.mjs'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await once(child, 'exit');
  return JSON.parse(out);
}

const fmt = (s, unit = '', digits = 0) => `${s.min.toFixed(digits)} – **${s.median.toFixed(digits)}** – ${s.max.toFixed(digits)}${unit}`;

process.stdout.write('measuring cold start…\n');
results.coldStart = await coldStart();
process.stdout.write('measuring polling…\n');
results.polling = await polling();
process.stdout.write('measuring generation…\n');
results.generation = await generation();

const p = results.polling;
const g = results.generation;
const rows = [
  ['Cold start (spawn → first 200 on /__admin/health)', fmt(results.coldStart, ' ms'), '≤ 300 ms', (results.coldStart.median / 300).toFixed(2) + ' of budget'],
  ['Polling: export details, 50 connections, req/s', fmt(p.mockRps), `bare Fastify ${fmt(p.bareRps)}`, `**${(p.mockRps.median / p.bareRps.median).toFixed(2)}** (target ≥ 0.7)`],
  ['Polling: p99 latency', fmt(p.mockP99, ' ms'), `bare Fastify ${fmt(p.bareP99, ' ms')}`, `${p.errors} errors`],
  [`Generation: ${g.records.toLocaleString('en')} conversations (Sendbird ZIP)`, `${g.seconds.toFixed(1)} s, ${(g.records / g.seconds).toFixed(0)} conv/s`, `${(g.bytes / 1e6).toFixed(1)} MB ZIP, ${(g.bytes / 1e6 / g.seconds).toFixed(1)} MB/s`, `peak RSS ${(g.peakRss / 1e6).toFixed(0)} MB; slowest poll meanwhile ${g.slowestPollMs.toFixed(0)} ms`],
];
const table = ['| measure | this run (min – **median** – max) | reference | ratio / note |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
process.stdout.write(`\n${table}\n`);
writeFileSync(new URL('./last-run.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));

#!/usr/bin/env node
/**
 * CPU time the server spends per poll, against bare Fastify serving the same body: a figure far less sensitive to
 * other processes on the machine than req/s, for comparing changes. Reads utime + stime of each server from /proc
 * around a fixed number of requests (autocannon, 50 connections).
 * Usage: node bench/cpu-per-request.mjs VENDOR [REQUESTS]; extra environment (JOURNAL_LIMIT=0…) reaches the server.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startPolledServer } from './polled-server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const [vendor = 'sendbird', requests = '40000'] = process.argv.slice(2);
const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux
const cpuTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const hammer = (opts, amount) =>
  new Promise((resolve, reject) =>
    autocannon({ connections: 50, amount, ...opts }, (err, r) => (err ? reject(err) : resolve(r))),
  );
async function measure(pid, opts) {
  await hammer(opts, 5000);
  const before = cpuTicks(pid);
  const t0 = performance.now();
  const r = await hammer(opts, Number(requests));
  const seconds = (performance.now() - t0) / 1000;
  return {
    usPerRequest: ((cpuTicks(pid) - before) * TICK_US) / Number(requests),
    rps: Number(requests) / seconds,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    rssMb: rssMb(pid),
  };
}

const { server, origin, req } = await startPolledServer(vendor);
const body = await (
  await fetch(`${origin}${req.url}`, { method: req.method ?? 'GET', headers: req.headers, body: req.body })
).text();
const bare = spawn(process.execPath, ['bench/bare-server.mjs'], {
  cwd: root,
  env: { ...process.env, BENCH_BODY: body },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = await once(bare.stdout, 'data');
const same = { method: req.method ?? 'GET', headers: req.headers, body: req.body };
const mine = await measure(server.pid, { url: `${origin}${req.url}`, ...same });
const base = await measure(bare.pid, { url: `http://127.0.0.1:${Number(String(line).trim())}/poll`, ...same });
server.kill('SIGTERM');
bare.kill('SIGTERM');
const f = (m) =>
  `${m.usPerRequest.toFixed(1)} µs/req, ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms, RSS ${m.rssMb.toFixed(0)} MB, non-2xx ${m.non2xx}`;
process.stdout.write(
  `${vendor}: this server ${f(mine)}\n${' '.repeat(vendor.length)}  bare Fastify ${f(base)}\n  CPU ratio (bare/this) ${(base.usPerRequest / mine.usPerRequest).toFixed(2)}\n`,
);

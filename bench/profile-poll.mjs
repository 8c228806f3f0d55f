#!/usr/bin/env node
/**
 * A CPU profile of the built server while autocannon polls one vendor's status route (the polling section's load).
 * Usage: node bench/profile-poll.mjs VENDOR [SECONDS]; prints the profile's top frames (bench/profile-summary.mjs)
 * and leaves the .cpuprofile in bench/.profiles/ for a closer look (Chrome DevTools, speedscope).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { FLOWS } from './flows.mjs';
import { fetchInject, freePort, waitHealthy } from './http.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const [vendor = 'sendbird', seconds = '8'] = process.argv.slice(2);
const dir = fileURLToPath(new URL(`./.profiles/poll-${vendor}/`, import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const port = await freePort();
const server = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/cli.js'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CLOCK_START: '2025-04-08T12:00:00Z',
    CLOCK_FROZEN: 'true',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
await waitHealthy(port);
const origin = `http://127.0.0.1:${port}`;
const flow = FLOWS.find((f) => f.vendor === vendor);
const id = await flow.create(fetchInject(origin));
await fetch(`${origin}/__admin/clock/advance`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"seconds":120}',
});
const req = flow.pollRequest(id);
const result = await autocannon({
  url: `${origin}${req.url}`,
  method: req.method ?? 'GET',
  headers: req.headers,
  body: req.body,
  connections: 50,
  duration: Number(seconds),
});
process.stderr.write(
  `${vendor}: ${result.requests.average} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx\n`,
);
server.kill('SIGTERM');
await once(server, 'exit');
const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
execFileSync(process.execPath, ['bench/profile-summary.mjs', `${dir}${file}`, '30'], { cwd: root, stdio: 'inherit' });

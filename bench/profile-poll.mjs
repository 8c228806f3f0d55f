#!/usr/bin/env node
/**
 * A CPU profile of the built server while autocannon polls one vendor's status route (the polling section's load).
 * Usage: node bench/profile-poll.mjs VENDOR [SECONDS]; prints the profile's top frames (bench/profile-summary.mjs)
 * and leaves the .cpuprofile in bench/.profiles/ for a closer look (Chrome DevTools, speedscope).
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startPolledServer } from './polled-server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const [vendor = 'sendbird', seconds = '8'] = process.argv.slice(2);
const dir = fileURLToPath(new URL(`./.profiles/poll-${vendor}/`, import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const { server, origin, req } = await startPolledServer(vendor, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
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

#!/usr/bin/env node
/**
 * A CPU profile of one cold start of the built server (spawn → first 200 on /__admin/health), summarised by package:
 * where the start-up time goes (module loading and evaluation, building the app). Usage: node bench/profile-start.mjs
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, waitHealthy } from './http.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = fileURLToPath(new URL('./.profiles/start/', import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const port = await freePort();
const t0 = performance.now();
const server = spawn(
  process.execPath,
  ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${dir}`, 'dist/cli.js'],
  {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
await waitHealthy(port);
process.stdout.write(`first 200 after ${(performance.now() - t0).toFixed(0)} ms (with the profiler on)\n`);
server.kill('SIGTERM');
await once(server, 'exit');
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const groupOf = (url) => {
  if (!url) return '(native, GC, idle)';
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  const d = /\/(dist|src)\/(.*?)(\/[^/]+)?\.js$/.exec(url);
  return d ? `dist/${d[2].split('/').slice(0, 2).join('/')}` : url;
};
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const g = groupOf(byId.get(id).callFrame.url);
  self.set(g, (self.get(g) ?? 0) + (dt[i] ?? 0) / 1000);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`profiled ${total.toFixed(0)} ms; self time by package:\n`);
for (const [g, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  process.stdout.write(`${ms.toFixed(1).padStart(8)} ms  ${g}\n`);

#!/usr/bin/env node
/**
 * A CPU profile of one cold start of the built server (spawn → first 200 on /__admin/health), summarised by package:
 * where the start-up time goes (module loading and evaluation, building the app), then the top functions by total
 * time. Frames in the bundled dist/cli.js are mapped back to their sources (package or src/ folder) through its source
 * map. Usage: node bench/profile-start.mjs [TOP_FUNCTIONS]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
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
const maps = new Map();
/** Where a frame's code came from: its original file when the frame is in a bundle with a source map. */
const originOf = ({ url, lineNumber, columnNumber }) => {
  if (!url.startsWith('file:') || !url.endsWith('.js')) return url;
  if (!maps.has(url)) {
    const map = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(map) ? new SourceMap(JSON.parse(readFileSync(map, 'utf8'))) : undefined);
  }
  const entry = maps.get(url)?.findEntry(lineNumber, columnNumber);
  return entry?.originalSource ? new URL(entry.originalSource, url).href : url;
};
const groupOf = (frame) => {
  const url = originOf(frame);
  if (!url) return '(native, GC, idle)';
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  const d = /\/(dist|src)\/(.*?)(\/[^/]+)?\.[jt]s$/.exec(url);
  return d ? `dist/${d[2].split('/').slice(0, 2).join('/')}` : url;
};
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const nameOf = (frame) =>
  `${frame.functionName || '(anonymous)'} ${originOf(frame).replace(/^.*\/(node_modules|src)\//, '$1/')}`.trim();
const self = new Map();
const inclusive = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const ms = (dt[i] ?? 0) / 1000;
  const g = groupOf(byId.get(id).callFrame);
  self.set(g, (self.get(g) ?? 0) + ms);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = nameOf(byId.get(cur).callFrame);
    if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    seen.add(k);
  }
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`profiled ${total.toFixed(0)} ms; self time by package:\n`);
for (const [g, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  process.stdout.write(`${ms.toFixed(1).padStart(8)} ms  ${g}\n`);
process.stdout.write('total time by function:\n');
for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[2] ?? 30)))
  process.stdout.write(`${ms.toFixed(1).padStart(8)} ms  ${k}\n`);

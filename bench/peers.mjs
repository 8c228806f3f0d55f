#!/usr/bin/env node
/**
 * `npm run bench:peers`: this server beside the tools a user would pick instead, serving the same Sendbird export
 * details JSON on the same path: WireMock (the npm package `wiremock`, which ships the standalone jar; needs Java) and
 * Prism (`@stoplight/prism-cli`, static example from a one-route OpenAPI document). Both are installed on demand into
 * bench/.peers/ (gitignored), never into package-lock.json. Loopback only; each figure bounded in time:
 *
 *   polling      autocannon, 50 connections, BENCH_SECONDS (5) per round, BENCH_ROUNDS (3) rounds, servers alternating,
 *                after BENCH_PEER_WARMUP (10) seconds of the same load on each (the JVM's JIT needs it)
 *   cold start   spawn → first 200 on the details path, BENCH_PEER_STARTS (5) starts each, alternating
 *   RSS          of the server's whole process tree after its polling rounds
 *
 * WireMock runs twice, as it runs by default (request journal on) and with --no-request-journal, each set against
 * this server with the same journal setting (on, as `npm start` runs it, and JOURNAL_LIMIT=0); Prism with -v silent.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { FLOWS } from './flows.mjs';
import { fetchInject, freePort, waitHealthy } from './http.mjs';
import { spawnServer } from './polled-server.mjs';

const peers = fileURLToPath(new URL('./.peers/', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STARTS = Number(process.env.BENCH_PEER_STARTS ?? 5);
/** The JVM's JIT needs several seconds of load before WireMock reaches its speed; every server gets the same. */
const WARMUP = Number(process.env.BENCH_PEER_WARMUP ?? 10);
const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs) => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs) });
const fmt = (s, d = 0) => `${s.min.toFixed(d)} – **${s.median.toFixed(d)}** – ${s.max.toFixed(d)}`;

function install() {
  const have = (p) => existsSync(join(peers, 'node_modules', p));
  if (have('wiremock/package.json') && have('@stoplight/prism-cli/package.json')) return;
  log('installing WireMock and Prism into bench/.peers/ …');
  mkdirSync(peers, { recursive: true });
  if (!existsSync(join(peers, 'package.json'))) writeFileSync(join(peers, 'package.json'), '{"private":true}\n');
  execFileSync(
    'npm',
    ['install', '--prefix', peers, '--no-audit', '--no-fund', 'wiremock@3', '@stoplight/prism-cli@5'],
    {
      stdio: 'inherit',
    },
  );
}

/** RSS of a process and all its descendants, from /proc. */
function treeRss(pid) {
  let total = 0;
  const visit = (p) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) visit(c);
      }
    } catch {
      /* gone */
    }
  };
  visit(pid);
  return total;
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await once(child, 'exit');
  clearTimeout(timer);
}

// The document every server answers: this server's own Sendbird export details for a finished export.
async function sendbirdDetails() {
  const port = await freePort();
  const c = spawnServer(port);
  await waitHealthy(port);
  const origin = `http://127.0.0.1:${port}`;
  const flow = FLOWS.find((f) => f.vendor === 'sendbird');
  const id = await flow.create(fetchInject(origin));
  await fetch(`${origin}/__admin/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"seconds":120}',
  });
  const req = flow.pollRequest(id);
  const body = await (await fetch(`${origin}${req.url}`, { headers: req.headers })).text();
  await stop(c);
  return { id, path: req.url, headers: req.headers, body };
}

install();
const doc = await sendbirdDetails();
const work = mkdtempSync(join(tmpdir(), 'aem-peers-'));
mkdirSync(join(work, 'wiremock', 'mappings'), { recursive: true });
writeFileSync(
  join(work, 'wiremock', 'mappings', 'details.json'),
  JSON.stringify({
    request: { method: 'GET', urlPath: doc.path },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: doc.body },
  }),
);
const openapiPath = doc.path.replace(/^\/sendbird\/[^/]+/, '/sendbird/{app_id}').replace(doc.id, '{export_id}');
writeFileSync(
  join(work, 'prism.json'),
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Sendbird export details', version: '1' },
    paths: {
      [openapiPath]: {
        get: {
          parameters: [
            { name: 'app_id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'export_id', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'details', content: { 'application/json': { example: JSON.parse(doc.body) } } },
          },
        },
      },
    },
  }),
);

/** Creates the same export in a fresh server of ours (ids are deterministic) and moves its clock past the export. */
async function finishedExport(port) {
  const origin = `http://127.0.0.1:${port}`;
  const id = await FLOWS.find((f) => f.vendor === 'sendbird').create(fetchInject(origin));
  if (id !== doc.id) throw new Error(`expected export ${doc.id}, got ${id}`);
  await fetch(`${origin}/__admin/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"seconds":120}',
  });
}

/** WireMock's standalone jar; `journal` keeps its request journal on, as it runs by default. */
const wiremock = (port, journal) =>
  spawn(
    'java',
    [
      '-jar',
      join(peers, 'node_modules', 'wiremock', 'build', readdirSync(join(peers, 'node_modules/wiremock/build'))[0]),
      '--port',
      String(port),
      '--bind-address',
      '127.0.0.1',
      '--root-dir',
      join(work, 'wiremock'),
      ...(journal ? [] : ['--no-request-journal']),
      '--disable-banner',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );

// How each server starts; `ready` is the URL that answers 200 once it serves. Each journal setting is paired: this
// server and WireMock both keep a request journal by default, and both can turn it off.
const SERVERS = {
  'this server': (port) => spawnServer(port),
  'this server, journal off (JOURNAL_LIMIT=0)': (port) => spawnServer(port, { JOURNAL_LIMIT: '0' }),
  'WireMock, request journal on (its default)': (port) => wiremock(port, true),
  'WireMock, --no-request-journal': (port) => wiremock(port, false),
  Prism: (port) =>
    spawn(
      process.execPath,
      [
        join(peers, 'node_modules/@stoplight/prism-cli/dist/index.js'),
        'mock',
        join(work, 'prism.json'),
        '-p',
        String(port),
        '-h',
        '127.0.0.1',
        '-v',
        'silent',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    ),
};

// A fresh server of ours has no export yet: it is ready when Sendbird's list route (same auth, same prefix) answers.
const readyPath = (name) => (name.startsWith('this server') ? doc.path.slice(0, doc.path.lastIndexOf('/')) : doc.path);

async function ready(name, port, end = Date.now() + 60_000) {
  while (Date.now() < end) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath(name)}`, { headers: doc.headers });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${name} did not answer 200 within 60 s`);
}

// Every server started, so that a failure never leaves one running.
const started = new Set();
for (const [name, start] of Object.entries(SERVERS)) {
  SERVERS[name] = (port) => {
    const child = start(port);
    started.add(child);
    child.on('exit', () => started.delete(child));
    return child;
  };
}

const results = Object.fromEntries(
  Object.keys(SERVERS).map((name) => [name, { rps: [], p99: [], starts: [], rss: 0 }]),
);
try {
  log(`cold starts (${STARTS} each, alternating)…`);
  for (let i = 0; i < STARTS; i++) {
    for (const [name, start] of Object.entries(SERVERS)) {
      const port = await freePort();
      const t0 = performance.now();
      const c = start(port);
      await ready(name, port);
      results[name].starts.push(performance.now() - t0);
      await stop(c);
    }
  }
  log(`polling (${ROUNDS} rounds of ${SECONDS} s each, alternating)…`);
  const running = {};
  for (const [name, start] of Object.entries(SERVERS)) {
    const port = await freePort();
    running[name] = { port, child: start(port) };
    await ready(name, port);
    if (name.startsWith('this server')) await finishedExport(port);
    await autocannon({
      url: `http://127.0.0.1:${port}${doc.path}`,
      headers: doc.headers,
      connections: 50,
      duration: WARMUP,
    });
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, { port }] of Object.entries(running)) {
      const out = await autocannon({
        url: `http://127.0.0.1:${port}${doc.path}`,
        headers: doc.headers,
        connections: 50,
        duration: SECONDS,
      });
      if (out.non2xx || out.errors) log(`  ${name}: ${out.non2xx} non-2xx, ${out.errors} errors`);
      results[name].rps.push(out.requests.average);
      results[name].p99.push(out.latency.p99);
    }
  }
  for (const [name, { child }] of Object.entries(running)) {
    results[name].rss = treeRss(child.pid);
    await stop(child);
  }
} finally {
  await Promise.all([...started].map(stop));
  rmSync(work, { recursive: true, force: true });
}

// Each peer is set against this server with the same journal setting (Prism keeps none; it meets the default).
const counterpart = (name) =>
  results[name === 'WireMock, --no-request-journal' ? 'this server, journal off (JOURNAL_LIMIT=0)' : 'this server'];
const rows = Object.entries(results).map(([name, r]) => {
  const rps = stats(r.rps);
  const start = stats(r.starts);
  const mine = counterpart(name);
  const vs = name.startsWith('this server')
    ? '–'
    : `${(median(mine.rps) / rps.median).toFixed(1)} × req/s, start ${(start.median / median(mine.starts)).toFixed(1)} × faster, RSS ${((100 * mine.rss) / r.rss).toFixed(0)} %`;
  return `| ${name} | ${fmt(rps)} | ${fmt(stats(r.p99))} ms | ${fmt(start)} ms | ${(r.rss / 1e6).toFixed(0)} MB | ${vs} |`;
});
const table = [
  '| server, Sendbird export details | req/s (min – **median** – max) | p99 | cold start (spawn → first 200) | RSS after polling | this server against it |',
  '|---|---|---|---|---|---|',
  ...rows,
].join('\n');
process.stdout.write(`${table}\n`);
writeFileSync(
  new URL('./last-peers.json', import.meta.url),
  JSON.stringify(
    { date: new Date().toISOString(), seconds: SECONDS, rounds: ROUNDS, starts: STARTS, results },
    null,
    2,
  ),
);

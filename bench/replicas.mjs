#!/usr/bin/env node
/**
 * Several replicas on Redis (STATE_URL, issue #20): polling throughput of a Sendbird export through a round-robin
 * balancer, one replica and two, and the cost of Redis per request against the embedded default (one replica, no
 * balancer, with and without STATE_URL). Needs Debian's redis-server (started here on a free port, nothing saved) and
 * a build (npm run bench builds first). Run alone: `node bench/replicas.mjs` (BENCH_SECONDS, default 4, per round;
 * 3 rounds; the median is shown with min – max).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttp, request } from 'node:http';
import autocannon from 'autocannon';
import { freePort } from './http.mjs';
import { spawnServer } from './polled-server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = 3;
const APP = 'a245389gje349rt3429992Op';
const BASE = `/sendbird/${APP}/v3/ai_agent/data_exports`;
const HEADERS = { 'api-token': 'demo-sendbird-api-token', 'content-type': 'application/json' };
const BODY = {
  type: 'conversation',
  ai_agent_id: 'ai_agent_cx',
  from: '2025-04-01',
  to: '2025-04-07',
  timezone: 'America/New_York',
  export_format: 'json',
};

const children = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
};
process.on('exit', stopAll);

async function startRedis() {
  const port = await freePort();
  const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(c);
  let out = '';
  for await (const d of c.stdout) if ((out += d).includes('Ready to accept connections')) break;
  return `redis://127.0.0.1:${port}/0`;
}

async function startMock(env) {
  const port = await freePort();
  const c = spawnServer(port, env);
  children.push(c);
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/__admin/health`)).status === 200) return { port, child: c };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A round-robin balancer, as a small nginx or haproxy would be. */
async function startBalancer(ports) {
  let next = 0;
  const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 256 });
  const server = createHttp((req, res) => {
    const port = ports[next++ % ports.length];
    const up = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent },
      (a) => {
        res.writeHead(a.statusCode, a.headers);
        a.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: server.address().port, close: () => server.close() };
}

async function rps(port, path) {
  const figures = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = await autocannon({
      url: `http://127.0.0.1:${port}${path}`,
      headers: HEADERS,
      connections: 50,
      duration: SECONDS,
    });
    figures.push({ rps: r.requests.average, p99: r.latency.p99, errors: r.non2xx + r.errors });
  }
  const by = (k) => figures.map((f) => f[k]).sort((a, b) => a - b);
  return { rps: by('rps'), p99: by('p99'), errors: figures.reduce((s, f) => s + f.errors, 0) };
}

async function createJob(port) {
  const res = await fetch(`http://127.0.0.1:${port}${BASE}`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify(BODY),
  });
  return `${BASE}/${(await res.json()).export_id}`;
}

const show = (name, r) =>
  process.stdout.write(
    `| ${name} | ${r.rps[0].toFixed(0)} – **${r.rps[1].toFixed(0)}** – ${r.rps[2].toFixed(0)} | ${r.p99[1]} ms | ${r.errors} |\n`,
  );

try {
  execFileSync('which', ['redis-server']);
} catch {
  process.stderr.write('redis-server is not installed (sudo apt-get install -y redis-server): replica bench skipped\n');
  process.exit(0);
}
process.stdout.write(
  '| Polling a Sendbird export (50 connections) | req/s min – **median** – max | p99 | non-2xx |\n|---|---|---|---|\n',
);
const embedded = await startMock({});
show('one replica, embedded state (no balancer)', await rps(embedded.port, await createJob(embedded.port)));
embedded.child.kill('SIGKILL');

const url = await startRedis();
const a = await startMock({ STATE_URL: url });
const path = await createJob(a.port);
show('one replica, STATE_URL=redis (no balancer)', await rps(a.port, path));
const one = await startBalancer([a.port]);
show('one replica behind the round-robin balancer', await rps(one.port, path));
one.close();
const b = await startMock({ STATE_URL: url });
const two = await startBalancer([a.port, b.port]);
show('two replicas behind the round-robin balancer', await rps(two.port, path));
two.close();
stopAll();
process.exit(0);

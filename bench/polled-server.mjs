// The built server on a frozen clock with one finished export of a vendor, ready to be polled: what the CPU-per-poll
// measurement and the polling profile both start from.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FLOWS } from './flows.mjs';
import { fetchInject, freePort, waitHealthy } from './http.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The built server (`node [nodeArgs] dist/cli.js`) on `port`, on a frozen clock unless `env` says otherwise. */
export function spawnServer(port, env = {}, nodeArgs = []) {
  return spawn(process.execPath, [...nodeArgs, 'dist/cli.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      CLOCK_START: '2025-04-08T12:00:00Z',
      CLOCK_FROZEN: 'true',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Starts `node [nodeArgs] dist/cli.js`, creates one export of `vendor` and moves the clock past its end. */
export async function startPolledServer(vendor, nodeArgs = []) {
  const port = await freePort();
  const server = spawnServer(port, {}, nodeArgs);
  await waitHealthy(port);
  const origin = `http://127.0.0.1:${port}`;
  const flow = FLOWS.find((f) => f.vendor === vendor);
  const id = await flow.create(fetchInject(origin));
  await fetch(`${origin}/__admin/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"seconds":120}',
  });
  return { server, origin, req: flow.pollRequest(id) };
}

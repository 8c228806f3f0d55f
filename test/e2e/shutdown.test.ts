/** SIGTERM during a download: the download completes, then the process exits 0. Runs the real CLI in a child process. */
import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { exitOf, spawnCli } from '../helpers.js';

describe('graceful shutdown', () => {
  it('lets a running download finish after SIGTERM and exits 0', async () => {
    const { child, url } = await spawnCli(['--world-daily-volume', '3000']);
    const headers = { 'api-token': 'demo-sendbird-api-token', 'content-type': 'application/json' };
    const base = `${url}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`;
    const created = (await (
      await fetch(base, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          type: 'conversation',
          ai_agent_id: 'ai_agent_cx',
          from: '2025-04-06',
          to: '2025-04-07',
          timezone: 'UTC',
          export_format: 'json',
        }),
      })
    ).json()) as { export_id: string };
    await fetch(`${url}/__admin/clock/advance`, { method: 'POST', headers, body: '{"seconds":120}' });
    // The file takes real time to write (seconds on a loaded machine): poll as a client would.
    let done: { export_status: string; export_file: { url: string } };
    for (;;) {
      done = (await (await fetch(`${base}/${created.export_id}`, { headers })).json()) as typeof done;
      if (done.export_status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const received = await new Promise<{ bytes: number; expected: number }>((resolve, reject) => {
      get(done.export_file.url, { agent: false }, (res) => {
        const expected = Number(res.headers['content-length']);
        let bytes = 0;
        res.pause();
        // Read slowly, and send SIGTERM once the download is under way.
        child.kill('SIGTERM');
        // Slow consumer: resume for 5 ms every 20 ms.
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        const timer = setInterval(() => {
          res.resume();
          setTimeout(() => res.pause(), 5);
        }, 20);
        res.on('end', () => (clearInterval(timer), resolve({ bytes, expected })));
        res.on('error', (e) => (clearInterval(timer), reject(e)));
      }).on('error', reject);
    });
    expect(received.expected).toBeGreaterThan(1_000_000);
    expect(received.bytes).toBe(received.expected);
    const [code] = await exitOf(child);
    expect(code).toBe(0);
  });
});

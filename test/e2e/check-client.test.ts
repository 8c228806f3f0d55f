/**
 * check-client end to end: the three sample Sendbird clients of examples/check-client, each run as a real process
 * through every condition (a namespace of its own on an in-process server), give three different reports.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CONDITIONS } from '../../src/check-client/conditions.js';
import type { CheckReport } from '../../src/check-client/report.js';
import { runClient } from '../../src/check-client/run-client.js';
import { checkClient } from '../../src/check-client/runner.js';
import { inProcessTargets } from '../../src/check-client/targets.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { spawnCli } from '../helpers.js';

const sendbird = VENDORS.find((v) => v.id === 'sendbird')!;

/**
 * The naive client polls forever for an export with no data: the timeout ends it (and is what that costs; generous,
 * so that its other conditions end on their own even on a loaded machine).
 */
const run = async (script: string, timeoutMs: number) =>
  checkClient({
    vendor: sendbird,
    command: [process.execPath, `examples/check-client/${script}`],
    conditions: CONDITIONS,
    targets: await inProcessTargets(),
    timeScale: 1000,
    timeoutMs,
    minPollIntervalMs: 250,
  });

const verdicts = (r: CheckReport) => Object.fromEntries(r.conditions.map((c) => [c.name, c.verdict]));
const named = (r: CheckReport, name: string) => r.conditions.find((c) => c.name === name)!;

describe('check-client with the sample clients', () => {
  let careful: CheckReport;
  let naive: CheckReport;
  let hasty: CheckReport;

  beforeAll(async () => {
    [careful, naive, hasty] = await Promise.all([
      run('careful.mjs', 60_000),
      run('naive.mjs', 15_000),
      run('ignores-retry-after.mjs', 60_000),
    ]);
  }, 180_000);

  it('passes the careful client on every condition', () => {
    expect(verdicts(careful)).toEqual(Object.fromEntries(CONDITIONS.map((c) => [c.name, 'pass'])));
    expect(named(careful, 'rate-limited').metrics.retryAfter).toMatchObject({ seen: 3, honoured: 3, ignored: 0 });
    expect(named(careful, 'expired-link').metrics.refusedDownloads).toBeGreaterThan(0);
    expect(named(careful, 'expired-link').exit.code).toBe(3);
    expect(named(careful, 'corrupt-file').exit.code).toBe(1);
    expect(named(careful, 'slow-export').metrics.byRoute.poll).toBeGreaterThan(1);
    for (const c of careful.conditions) expect(c.metrics.credentialsToStorage).toEqual([]);
  });

  it('fails the client that ignores Retry-After on rate-limited only', () => {
    expect(verdicts(hasty)).toEqual({
      ...Object.fromEntries(CONDITIONS.map((c) => [c.name, 'pass'])),
      'rate-limited': 'fail',
    });
    const limited = named(hasty, 'rate-limited');
    expect(limited.metrics.retryAfter).toMatchObject({ seen: 3, honoured: 0, ignored: 3 });
    expect(limited.exit.code).toBe(0);
    expect(limited.failures).toEqual([expect.stringMatching(/^ignored Retry-After 3 of 3 times/)]);
  });

  it('fails the naive client wherever it cuts a corner, and says how', () => {
    expect(verdicts(naive)).toEqual({
      ...Object.fromEntries(CONDITIONS.map((c) => [c.name, 'fail'])),
      'job-failed': 'pass',
    });
    expect(named(naive, 'happy-path').metrics.credentialsToStorage).toEqual(['api-token']);
    expect(named(naive, 'happy-path').warnings).toEqual([expect.stringMatching(/^polled every \d+ ms \(median\)/)]);
    expect(named(naive, 'empty-export').exit.timed_out).toBe(true);
    expect(named(naive, 'rate-limited').failures).toContain('gave up (exit 1) where a careful client gets the export');
    expect(named(naive, 'expired-link').failures).toContain(
      'exited 0: the failure looks like success to whoever runs the client',
    );
    expect(named(naive, 'corrupt-file').failures).toContain(
      'kept the damaged file and exited 0 (it did not check the download)',
    );
    expect(named(naive, 'flaky-download').failures[0]).toMatch(/no download succeeded/);
  });
});

describe('check-client running a command', () => {
  it('reports the exit status and the end of the output', async () => {
    const r = await runClient(
      [
        process.execPath,
        '-e',
        'console.log("x".repeat(5000) + "end"); console.error(process.env.AEM_VENDOR); process.exit(3)',
      ],
      { AEM_VENDOR: 'sendbird' },
      30_000,
    );
    expect(r).toMatchObject({ exitCode: 3, signal: null, timedOut: false, stderr: 'sendbird\n' });
    expect(r.stdout).toHaveLength(4096);
    expect(r.stdout.endsWith('end\n')).toBe(true);
  });

  it('kills a client still running at the timeout, with what it started', async () => {
    const r = await runClient(['sh', '-c', 'sleep 30 & echo $!; wait'], {}, 300);
    expect(r).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: true });
    expect(r.durationMs).toBeLessThan(10_000);
    // The background sleep went with its shell: gone, or a zombie waiting for whoever adopted it to reap it.
    const orphan = Number(r.stdout.trim());
    expect(orphan).toBeGreaterThan(0);
    const status = `/proc/${orphan}/status`;
    const state = existsSync(status) ? /State:\s+(\w)/.exec(readFileSync(status, 'utf8'))?.[1] : 'gone';
    expect(['Z', 'X', 'gone']).toContain(state);
  });

  it('says when the command does not start', async () => {
    const r = await runClient(['/nonexistent/client'], {}, 30_000);
    expect(r.spawnError).toMatch(/ENOENT/);
    expect(r.timedOut).toBe(false);
  });
});

describe('check-client from the command line, against a running server', () => {
  it('runs in namespaces of that server, prints the table, writes JUnit and JSON, and exits 1 on a failure', async () => {
    const { url } = await spawnCli([]);
    const dir = mkdtempSync(join(tmpdir(), 'aem-check-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const [junit, json] = [join(dir, 'check.xml'), join(dir, 'check.json')];
    const cli = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', 'src/cli.ts', 'check-client', 'sendbird', '--url', url],
        ...['--conditions', 'happy-path,rate-limited', '--time-scale', '1000', '--junit', junit, '--json', json],
        ...['--', process.execPath, 'examples/check-client/ignores-retry-after.mjs'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    cli.stdout.on('data', (d) => (out += d));
    const [code] = await once(cli, 'exit');
    expect(code).toBe(1);
    expect(out).toMatch(/^happy-path\s+pass\s+0 /m);
    expect(out).toMatch(/^rate-limited\s+FAIL\s+0 .*3\/3 ignored/m);
    expect(out).toContain('on a namespace of its own per condition');
    const report = JSON.parse(readFileSync(json, 'utf8')) as CheckReport;
    expect(report.target).toBe('namespace');
    expect(report.conditions.map((c) => c.where)).toEqual([
      expect.stringMatching(/^namespace check-[0-9a-f]{6}-happy-path$/),
      expect.stringMatching(/^namespace check-[0-9a-f]{6}-rate-limited$/),
    ]);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="2" failures="1"');
    expect(xml).toContain('<testcase classname="check-client.sendbird" name="rate-limited"');
    // The server's default namespace saw none of it.
    const journal = (await (await fetch(`${url}/__admin/requests`)).json()) as { requests: unknown[] };
    expect(journal.requests).toEqual([]);
    // Two real processes and a client's Retry-After waits: 14 s on a machine at load 25.
  }, 90_000);
});

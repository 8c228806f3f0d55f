/** The verdict rules of check-client, one by one, on fixed journals and runs. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/check-client/analyse.js';
import type { Expectation } from '../../src/check-client/conditions.js';
import { judge } from '../../src/check-client/verdict.js';
import { create, download, entry, run } from './journal-fixtures.js';

const WAITS = new Map([['rate-limited', 1]]);
const good = analyse([create(0), entry(500), entry(1000), download(1100)], ['api-token'], WAITS);
const verdictOf = (expect: Expectation, r = run(), outputFiles = 1, metrics = good) =>
  judge({ expect, run: r, metrics, outputFiles, minPollIntervalMs: 250 });

describe('check-client verdicts', () => {
  it('passes a client that got the export where one is expected, fails one that gave up or wrote nothing', () => {
    expect(verdictOf('output')).toEqual({ verdict: 'pass', failures: [], warnings: [] });
    expect(verdictOf('output', run({ exitCode: 1 })).failures).toEqual([
      'gave up (exit 1) where a careful client gets the export',
    ]);
    expect(verdictOf('output', run(), 0).failures).toEqual(['exited 0 but wrote nothing to AEM_OUTPUT_DIR']);
  });

  it('fails a client that saved an error answer as the export (every download refused or failed)', () => {
    const failed = analyse([create(0), download(10, { status: 503 })], [], WAITS);
    expect(verdictOf('output', run(), 1, failed).failures[0]).toMatch(/no download succeeded/);
  });

  it('wants exit 0 for an empty export, with or without a file', () => {
    expect(verdictOf('empty', run(), 0).verdict).toBe('pass');
    expect(verdictOf('empty', run({ exitCode: 2 }), 0).failures[0]).toMatch(/no data as an error \(exit 2\)/);
  });

  it('wants a non-zero exit for a failed job or a dead link', () => {
    expect(verdictOf('fail-loudly', run({ exitCode: 3 }), 0).verdict).toBe('pass');
    expect(verdictOf('fail-loudly', run(), 0).failures[0]).toMatch(/exited 0/);
  });

  it('counts a damaged file as detected when the client exits non-zero or writes nothing', () => {
    expect(verdictOf('reject-file', run({ exitCode: 1 }), 1).verdict).toBe('pass');
    expect(verdictOf('reject-file', run(), 0).verdict).toBe('pass');
    expect(verdictOf('reject-file', run(), 1).failures[0]).toMatch(/kept the damaged file/);
  });

  it('fails a timeout or a command that did not start, whatever the expectation', () => {
    const timedOut = run({ exitCode: null, signal: 'SIGTERM', timedOut: true, durationMs: 6000 });
    expect(verdictOf('fail-loudly', timedOut).failures).toEqual(['still running at the timeout (6 s): killed']);
    expect(verdictOf('reject-file', run({ exitCode: null, spawnError: 'spawn nope ENOENT' })).failures).toEqual([
      'the command did not start: spawn nope ENOENT',
    ]);
  });

  it('fails credentials sent to storage and an ignored Retry-After, even when the client got its export', () => {
    const leaky = analyse([create(0), download(10, { headers: { 'api-token': 'demo…' } })], ['api-token'], WAITS);
    expect(verdictOf('output', run(), 1, leaky).failures).toEqual([
      "sent the vendor's credentials (api-token) to the storage host",
    ]);
    const hasty = analyse(
      [create(0, { status: 429, scenarios: ['rate-limited'] }), create(40), download(50)],
      [],
      WAITS,
    );
    expect(verdictOf('output', run(), 1, hasty).failures).toEqual([
      'ignored Retry-After 1 of 1 times (next request after 40 ms)',
    ]);
  });

  it('warns, without failing, about fast polling and a refused link tried again and again', () => {
    const fast = analyse([create(0), entry(100), entry(200), entry(300), download(310)], [], WAITS);
    expect(verdictOf('output', run(), 1, fast)).toEqual({
      verdict: 'warn',
      failures: [],
      warnings: ['polled every 100 ms (median), faster than 250 ms'],
    });
    const stubborn = analyse(
      [download(0, { status: 403 }), download(1, { status: 403 }), download(2, { status: 403 })],
      [],
      WAITS,
    );
    expect(verdictOf('fail-loudly', run({ exitCode: 1 }), 0, stubborn).warnings).toEqual([
      'tried one refused download link 3 times',
    ]);
  });
});

/** The check-client report as a terminal table and as JUnit XML, from a fixed report. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/check-client/analyse.js';
import { renderJUnit, xmlText } from '../../src/check-client/junit.js';
import { renderTable } from '../../src/check-client/render-table.js';
import { type CheckReport, type ConditionReport, exitStatusOf, totalsOf } from '../../src/check-client/report.js';
import { create, download, entry } from './journal-fixtures.js';

const WAITS = new Map([['rate-limited', 1]]);

function condition(name: string, over: Partial<ConditionReport>): ConditionReport {
  return {
    name,
    summary: `${name} summary`,
    expect: 'output',
    verdict: 'pass',
    failures: [],
    warnings: [],
    exit: { code: 0, signal: null, timed_out: false },
    duration_ms: 1234,
    metrics: analyse([create(0), entry(500), entry(1000), download(1100)], ['api-token'], WAITS),
    output_files: 1,
    stdout_tail: 'wrote file.zip',
    stderr_tail: '',
    timeline: [],
    where: `namespace check-abc123-${name}`,
    ...over,
  };
}

const conditions = [
  condition('happy-path', {}),
  condition('rate-limited', {
    verdict: 'fail',
    failures: ['ignored Retry-After 3 of 3 times (next request after 53 ms)'],
    metrics: analyse(
      [
        create(0, { status: 429, scenarios: ['rate-limited'] }),
        create(53),
        download(60, { headers: { 'api-token': 'x' } }),
      ],
      ['api-token'],
      WAITS,
    ),
    stderr_tail: 'bad <xml> & "quotes"\u0000',
  }),
  condition('empty-export', {
    verdict: 'fail',
    expect: 'empty',
    failures: ['still running at the timeout (6 s): killed'],
    exit: { code: null, signal: 'SIGTERM', timed_out: true },
    warnings: ['polled every 100 ms (median), faster than 250 ms'],
  }),
];
const report: CheckReport = {
  vendor: 'sendbird',
  command: ['node', 'client.mjs'],
  target: 'namespace',
  time_scale: 100,
  conditions,
  totals: totalsOf(conditions),
};

describe('check-client report rendering', () => {
  it('prints one aligned line per condition, the reasons under it, and the totals', () => {
    const lines = renderTable(report).split('\n');
    expect(lines[0]).toBe('check-client sendbird: node client.mjs');
    const header = lines.find((l) => l.startsWith('condition'))!;
    const happy = lines.find((l) => l.startsWith('happy-path'))!;
    expect(happy.indexOf('pass')).toBe(header.indexOf('verdict'));
    expect(happy).toMatch(/happy-path\s+pass\s+0\s+4\s+2 \(500 ms\)\s+-\s+0\s+no\s+1$/);
    const limited = lines.find((l) => l.startsWith('rate-limited'))!;
    expect(limited).toMatch(/FAIL .* 1\/1 ignored .* YES/);
    expect(lines).toContain('    x ignored Retry-After 3 of 3 times (next request after 53 ms)');
    expect(lines.find((l) => l.startsWith('empty-export'))).toMatch(/FAIL\s+timeout/);
    expect(lines).toContain('    ! polled every 100 ms (median), faster than 250 ms');
    expect(lines.at(-1)).toBe('3 conditions: 1 pass, 0 warn, 2 fail');
  });

  it('writes JUnit XML with one test case per condition and a failure for each failed one', () => {
    const xml = renderJUnit(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites [^>]*tests="3" failures="2"/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain('<testcase classname="check-client.sendbird" name="happy-path" time="1.234">');
    expect(xml).toContain('message="ignored Retry-After 3 of 3 times (next request after 53 ms)"');
    // The client's output is escaped, and a character XML forbids is replaced.
    expect(xml).toContain('bad &lt;xml&gt; &amp; &quot;quotes&quot;\uFFFD');
    expect(xml).not.toContain('\u0000');
  });

  it('escapes text for XML', () => {
    expect(xmlText(`a<b>&"c"'\u0007`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;\uFFFD');
  });

  it('exits 1 when any condition failed, 0 when all passed or only warned', () => {
    expect(exitStatusOf(report)).toBe(1);
    const calm = [conditions[0]!, { ...conditions[0]!, name: 'x', verdict: 'warn' as const }];
    expect(exitStatusOf({ ...report, conditions: calm, totals: totalsOf(calm) })).toBe(0);
  });
});

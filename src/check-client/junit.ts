/**
 * The report as JUnit XML for CI: one test suite (the vendor), one test case per condition, a <failure> for a failed
 * verdict, warnings and the client's output in <system-out>/<system-err>.
 */
import { median } from './analyse.js';
import type { CheckReport, ConditionReport } from './report.js';

/** XML 1.0 text: the five escapes, and no control character XML forbids (a client's output may hold any byte). */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function figures(c: ConditionReport): string {
  const m = c.metrics;
  const gap = median(m.pollIntervalsMs);
  return [
    `${c.summary} (expects: ${c.expect})`,
    `exit: ${c.exit.timed_out ? 'timeout' : (c.exit.code ?? c.exit.signal)}`,
    `requests: ${m.requests} (create ${m.byRoute.create}, poll ${m.byRoute.poll}, list ${m.byRoute.list}, download ${m.byRoute.download}, other ${m.byRoute.other})`,
    `poll interval median: ${gap === null ? '-' : `${Math.round(gap)} ms`}`,
    `Retry-After: ${m.retryAfter.honoured} of ${m.retryAfter.seen} honoured`,
    `refused downloads: ${m.refusedDownloads}`,
    `credentials to storage: ${m.credentialsToStorage.join(', ') || 'none'}`,
    `output files: ${c.output_files}`,
    ...c.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

function testCase(report: CheckReport, c: ConditionReport): string {
  const failure =
    c.verdict === 'fail'
      ? `\n      <failure message="${xmlText(c.failures.join('; '))}" type="check-client">${xmlText(c.failures.join('\n'))}</failure>`
      : '';
  const out = `${figures(c)}\n\n--- client stdout (end) ---\n${c.stdout_tail}`;
  return [
    `    <testcase classname="check-client.${xmlText(report.vendor)}" name="${xmlText(c.name)}" time="${seconds(c.duration_ms)}">${failure}`,
    `      <system-out>${xmlText(out)}</system-out>`,
    `      <system-err>${xmlText(c.stderr_tail)}</system-err>`,
    '    </testcase>',
  ].join('\n');
}

export function renderJUnit(report: CheckReport): string {
  const n = report.conditions.length;
  const time = seconds(report.conditions.reduce((sum, c) => sum + c.duration_ms, 0));
  const suite = `check-client ${report.vendor}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="agent-export-mock check-client" tests="${n}" failures="${report.totals.fail}" errors="0" time="${time}">`,
    `  <testsuite name="${xmlText(suite)}" tests="${n}" failures="${report.totals.fail}" errors="0" skipped="0" time="${time}">`,
    ...report.conditions.map((c) => testCase(report, c)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

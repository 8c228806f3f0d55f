/** The report as a table for the terminal: one line per condition, then the reasons under each that did not pass. */
import { median } from './analyse.js';
import type { CheckReport, ConditionReport } from './report.js';

const TARGETS: Record<CheckReport['target'], string> = {
  reset: 'the server at --url, reset before each condition (it has no namespaces)',
  namespace: 'a namespace of its own per condition',
};

const exitText = (c: ConditionReport) =>
  c.exit.timed_out ? 'timeout' : c.exit.code !== null ? String(c.exit.code) : (c.exit.signal ?? '?');

function pollsText(c: ConditionReport): string {
  const polls = c.metrics.byRoute.poll + c.metrics.byRoute.list;
  const gap = median(c.metrics.pollIntervalsMs);
  return gap === null ? String(polls) : `${polls} (${Math.round(gap)} ms)`;
}

function retryAfterText(c: ConditionReport): string {
  const r = c.metrics.retryAfter;
  if (r.seen === 0) return '-';
  if (r.ignored > 0) return `${r.ignored}/${r.seen} ignored`;
  return r.honoured > 0 ? `${r.honoured}/${r.seen} waited` : 'not retried';
}

const COLUMNS: ReadonlyArray<[string, (c: ConditionReport) => string]> = [
  ['condition', (c) => c.name],
  ['verdict', (c) => (c.verdict === 'pass' ? 'pass' : c.verdict === 'warn' ? 'warn' : 'FAIL')],
  ['exit', exitText],
  ['requests', (c) => String(c.metrics.requests)],
  ['polls (median gap)', pollsText],
  ['Retry-After', retryAfterText],
  ['refused downloads', (c) => String(c.metrics.refusedDownloads)],
  ['creds to storage', (c) => (c.metrics.credentialsToStorage.length ? 'YES' : 'no')],
  ['output files', (c) => String(c.output_files)],
];

export function renderTable(report: CheckReport): string {
  const rows = report.conditions.map((c) => COLUMNS.map(([, cell]) => cell(c)));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [
    `check-client ${report.vendor}: ${report.command.join(' ')}`,
    `  on ${TARGETS[report.target]}; virtual clock at ${report.time_scale}x real time while the client runs`,
    '',
    line(COLUMNS.map(([title]) => title)),
  ];
  report.conditions.forEach((c, i) => {
    out.push(line(rows[i]!));
    for (const f of c.failures) out.push(`    x ${f}`);
    for (const w of c.warnings) out.push(`    ! ${w}`);
  });
  const t = report.totals;
  out.push('', `${report.conditions.length} conditions: ${t.pass} pass, ${t.warn} warn, ${t.fail} fail`);
  return out.join('\n');
}

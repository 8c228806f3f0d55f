/** The report of one check: per condition what the client did and the verdict, as the table, JSON and JUnit show it. */
import type { Metrics } from './analyse.js';
import type { Expectation } from './conditions.js';
import type { Verdict } from './verdict.js';

export interface TimelineEntry {
  /** Real ms since the client started. */
  t_ms: number;
  method: string;
  /** Without the query (download links carry signatures). */
  path: string;
  status: number;
  route: string | null;
}

export interface ConditionReport {
  name: string;
  summary: string;
  expect: Expectation;
  verdict: Verdict;
  failures: string[];
  warnings: string[];
  exit: { code: number | null; signal: string | null; timed_out: boolean };
  duration_ms: number;
  metrics: Metrics;
  output_files: number;
  stdout_tail: string;
  stderr_tail: string;
  timeline: TimelineEntry[];
  /** Where it ran: the namespace, or the server reset for it. */
  where: string;
}

export interface CheckReport {
  vendor: string;
  command: string[];
  /** namespace: one per condition; reset: a server without namespaces (--url), reset before each condition. */
  target: 'reset' | 'namespace';
  time_scale: number;
  conditions: ConditionReport[];
  totals: { pass: number; warn: number; fail: number };
}

export function totalsOf(conditions: readonly ConditionReport[]): CheckReport['totals'] {
  const totals = { pass: 0, warn: 0, fail: 0 };
  for (const c of conditions) totals[c.verdict]++;
  return totals;
}

/** 1 when any condition failed, else 0 (warnings never fail a check). */
export const exitStatusOf = (report: CheckReport): number => (report.totals.fail > 0 ? 1 : 0);

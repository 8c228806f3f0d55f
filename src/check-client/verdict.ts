/**
 * The verdict on one condition: pass, warn or fail, with the reasons in words. The rules (also in the README, "Check
 * your client"):
 * - fail when the client timed out or could not start;
 * - fail when it sent the vendor's credentials to the storage host with a download;
 * - fail when it made a request sooner than a 429's Retry-After told it to;
 * - fail when it did not end as the condition expects (see Expectation in conditions.ts); for `output`, also when
 *   it wrote a file although every download it tried was refused;
 * - warn when it polled one job faster than the minimum interval (median), or tried one refused link more than twice.
 * Warnings never change the exit status; any failure makes it 1.
 */
import { type Metrics, median } from './analyse.js';
import type { Expectation } from './conditions.js';
import type { ClientRun } from './run-client.js';

export type Verdict = 'pass' | 'warn' | 'fail';

export interface Judgement {
  verdict: Verdict;
  /** Why it failed (empty when it did not). */
  failures: string[];
  warnings: string[];
}

export interface JudgeInput {
  expect: Expectation;
  run: ClientRun;
  metrics: Metrics;
  /** Files the client left in AEM_OUTPUT_DIR. */
  outputFiles: number;
  /** Polls of one job closer than this (median, real ms) earn a warning. */
  minPollIntervalMs: number;
}

const endedAs = (run: ClientRun) =>
  run.exitCode !== null ? `exit ${run.exitCode}` : `killed by ${run.signal ?? 'a signal'}`;

function expectationFailure(
  expect: Expectation,
  run: ClientRun,
  outputFiles: number,
  metrics: Metrics,
): string | undefined {
  const ok = run.exitCode === 0;
  switch (expect) {
    case 'output':
      if (!ok) return `gave up (${endedAs(run)}) where a careful client gets the export`;
      if (outputFiles === 0) return 'exited 0 but wrote nothing to AEM_OUTPUT_DIR';
      if (metrics.byRoute.download > 0 && metrics.downloadsOk === 0)
        return 'wrote output although no download succeeded (an error answer saved as the export?)';
      return undefined;
    case 'empty':
      return ok ? undefined : `treated an export with no data as an error (${endedAs(run)})`;
    case 'fail-loudly':
      return ok ? 'exited 0: the failure looks like success to whoever runs the client' : undefined;
    case 'reject-file':
      return ok && outputFiles > 0 ? 'kept the damaged file and exited 0 (it did not check the download)' : undefined;
  }
}

export function judge({ expect, run, metrics, outputFiles, minPollIntervalMs }: JudgeInput): Judgement {
  const failures: string[] = [];
  const warnings: string[] = [];
  if (run.spawnError) failures.push(`the command did not start: ${run.spawnError}`);
  else if (run.timedOut) failures.push(`still running at the timeout (${Math.round(run.durationMs / 1000)} s): killed`);
  else {
    const failure = expectationFailure(expect, run, outputFiles, metrics);
    if (failure) failures.push(failure);
  }
  if (metrics.credentialsToStorage.length > 0)
    failures.push(`sent the vendor's credentials (${metrics.credentialsToStorage.join(', ')}) to the storage host`);
  if (metrics.retryAfter.ignored > 0)
    failures.push(
      `ignored Retry-After ${metrics.retryAfter.ignored} of ${metrics.retryAfter.seen} times (next request after ${metrics.retryAfter.shortestWaitMs} ms)`,
    );
  const pollMedian = median(metrics.pollIntervalsMs);
  if (pollMedian !== null && metrics.pollIntervalsMs.length >= 2 && pollMedian < minPollIntervalMs)
    warnings.push(`polled every ${Math.round(pollMedian)} ms (median), faster than ${minPollIntervalMs} ms`);
  if (metrics.mostAttemptsAtRefusedLink > 2)
    warnings.push(`tried one refused download link ${metrics.mostAttemptsAtRefusedLink} times`);
  return { verdict: failures.length ? 'fail' : warnings.length ? 'warn' : 'pass', failures, warnings };
}

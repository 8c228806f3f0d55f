/**
 * Runs a client once per condition: a target of its own (see target.ts), the condition's scenarios, the clock moved
 * for it while the client runs (clock-driver.ts), then the journal read and judged.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallClock } from '../core/clock.js';
import type { JournalEntry } from '../core/journal/journal.js';
import type { VendorModule } from '../core/vendor.js';
import { analyse } from './analyse.js';
import { CHECK_CLOCK_START, clientEnv, credentialHeaders, type TenantsAnswer } from './client-env.js';
import { driveClock } from './clock-driver.js';
import { type Condition, retryAfterByScenario } from './conditions.js';
import { type CheckReport, type ConditionReport, type TimelineEntry, totalsOf } from './report.js';
import { type ClientRun, runClient } from './run-client.js';
import type { ConditionTarget, TargetFactory } from './target.js';
import { judge } from './verdict.js';

export interface CheckOptions {
  vendor: VendorModule;
  command: readonly string[];
  conditions: readonly Condition[];
  targets: TargetFactory;
  /** Virtual seconds per real second while a client runs. */
  timeScale: number;
  /** Real ms a client may run per condition before it is killed. */
  timeoutMs: number;
  minPollIntervalMs: number;
  /** Told about each condition as it starts and ends (the terminal shows progress). */
  progress?: (event: { condition: string; report?: ConditionReport }) => void;
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

function timelineOf(entries: readonly JournalEntry[], startedAtMs: number): TimelineEntry[] {
  return entries.map((e) => ({
    t_ms: Date.parse(e.real_at) - startedAtMs,
    method: e.method,
    path: e.path,
    status: e.status,
    route: e.route,
  }));
}

async function prepare(target: ConditionTarget, condition: Condition): Promise<void> {
  await target.setClock(CHECK_CLOCK_START);
  if (condition.preset !== undefined) await target.installPreset(condition.preset);
  for (const scenario of condition.scenarios ?? []) await target.addScenario(scenario);
}

/** Runs the client once while the target's clock moves at the time scale; a failed clock step fails the run. */
async function runUnderClock(
  opts: CheckOptions,
  target: ConditionTarget,
  env: Record<string, string>,
): Promise<ClientRun> {
  let clockError: Error | undefined;
  const driver = driveClock(
    (s) => target.advanceClock(s),
    opts.timeScale,
    100,
    (e) => (clockError = e),
  );
  let run: ClientRun;
  try {
    run = await runClient(opts.command, env, opts.timeoutMs);
  } finally {
    await driver.stop();
  }
  if (clockError) throw new Error(`moving the clock failed: ${clockError.message}`);
  return run;
}

async function runOne(opts: CheckOptions, condition: Condition): Promise<ConditionReport> {
  const target = await opts.targets.open(condition.name);
  const outputDir = await mkdtemp(join(tmpdir(), `aem-check-${condition.name}-`));
  try {
    await prepare(target, condition);
    const tenants = (await target.tenants())[opts.vendor.id] as TenantsAnswer | undefined;
    if (!tenants) throw new Error(`the server at ${target.origin} has no vendor "${opts.vendor.id}"`);
    const env = clientEnv(opts.vendor, condition.name, target.origin, tenants, outputDir);
    const startedAt = wallClock();
    const run = await runUnderClock(opts, target, env);
    const journal = await target.journal();
    const metrics = analyse(journal, credentialHeaders(opts.vendor), retryAfterByScenario(condition));
    const outputFiles = await countFiles(outputDir);
    const judgement = judge({
      expect: condition.expect,
      run,
      metrics,
      outputFiles,
      minPollIntervalMs: opts.minPollIntervalMs,
    });
    return {
      name: condition.name,
      summary: condition.summary,
      expect: condition.expect,
      ...judgement,
      exit: { code: run.exitCode, signal: run.signal, timed_out: run.timedOut },
      duration_ms: Math.round(run.durationMs),
      metrics,
      output_files: outputFiles,
      stdout_tail: run.stdout,
      stderr_tail: run.stderr,
      timeline: timelineOf(journal, startedAt),
      where: target.label,
    };
  } finally {
    await target.release();
    await rm(outputDir, { recursive: true, force: true });
  }
}

/** Runs every condition in turn (one at a time: Retry-After and poll intervals are measured in real time). */
export async function checkClient(opts: CheckOptions): Promise<CheckReport> {
  const conditions: ConditionReport[] = [];
  try {
    for (const condition of opts.conditions) {
      opts.progress?.({ condition: condition.name });
      const report = await runOne(opts, condition);
      conditions.push(report);
      opts.progress?.({ condition: condition.name, report });
    }
  } finally {
    await opts.targets.close();
  }
  return {
    vendor: opts.vendor.id,
    command: [...opts.command],
    target: opts.targets.kind,
    time_scale: opts.timeScale,
    conditions,
    totals: totalsOf(conditions),
  };
}

/**
 * `agent-export-mock check-client <vendor> -- <command>`: runs an export client through the conditions a vendor will
 * put it through some day, and reports what it did (terminal table, JUnit XML, JSON). Returns the exit status.
 */
import { writeFile } from 'node:fs/promises';
import type { VendorModule } from '../core/vendor.js';
import { checkHelp, parseCheckArgs, UsageError } from './args.js';
import { selectConditions } from './conditions.js';
import { renderJUnit } from './junit.js';
import { renderTable } from './render-table.js';
import { exitStatusOf } from './report.js';
import { checkClient } from './runner.js';
import type { TargetFactory } from './target.js';
import { inProcessTargets, remoteTargets } from './targets.js';

export interface CheckIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const targetsFor = (url: string | undefined, adminToken: string | undefined): Promise<TargetFactory> =>
  url === undefined ? inProcessTargets() : remoteTargets(url, adminToken);

export async function checkClientMain(
  argv: readonly string[],
  vendors: readonly VendorModule[],
  io: CheckIo,
): Promise<number> {
  let args: ReturnType<typeof parseCheckArgs>;
  let conditions: ReturnType<typeof selectConditions>;
  let vendor: VendorModule | undefined;
  try {
    args = parseCheckArgs(argv, io.env);
    if (args.help) {
      io.out(`${checkHelp(vendors)}\n`);
      return 0;
    }
    vendor = vendors.find((v) => v.id === args.vendor);
    if (!vendor)
      throw new UsageError(`unknown vendor "${args.vendor}" (known: ${vendors.map((v) => v.id).join(', ')})`);
    conditions = selectConditions(args.conditions);
  } catch (err) {
    io.err(`agent-export-mock check-client: ${(err as Error).message} (see check-client --help)\n`);
    return 2;
  }
  let report: Awaited<ReturnType<typeof checkClient>>;
  try {
    report = await checkClient({
      vendor,
      command: args.command,
      conditions,
      targets: await targetsFor(args.url, args.adminToken),
      timeScale: args.timeScale,
      timeoutMs: args.timeoutMs,
      minPollIntervalMs: args.minPollIntervalMs,
      progress: ({ condition, report: done }) => io.err(done ? ` ${done.verdict}\n` : `check-client: ${condition}…`),
    });
  } catch (err) {
    io.err(`\nagent-export-mock check-client: ${(err as Error).message}\n`);
    return 2;
  }
  io.out(`${renderTable(report)}\n`);
  if (args.junit) await writeFile(args.junit, renderJUnit(report));
  if (args.json) await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
  return exitStatusOf(report);
}

/** The command line's entry: the terminal for output, the process environment. */
export const checkClientCommand = (argv: readonly string[], vendors: readonly VendorModule[]): Promise<number> =>
  checkClientMain(argv, vendors, {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
  });

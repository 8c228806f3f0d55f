/** The command line of `check-client`: `<vendor> [options] -- <command…>`. */
import { parseArgs } from 'node:util';
import type { VendorModule } from '../core/vendor.js';
import { ENV_DOC } from './client-env.js';
import { CONDITIONS } from './conditions.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CheckArgs {
  help: boolean;
  vendor: string;
  command: string[];
  url?: string;
  adminToken?: string;
  conditions?: string[];
  timeScale: number;
  timeoutMs: number;
  minPollIntervalMs: number;
  junit?: string;
  json?: string;
}

const DEFAULTS = { timeScale: 100, timeoutSeconds: 60, minPollIntervalMs: 250 } as const;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  url: { type: 'string' },
  'admin-token': { type: 'string' },
  conditions: { type: 'string' },
  'time-scale': { type: 'string' },
  timeout: { type: 'string' },
  'min-poll-interval': { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'string' },
} as const;

function positiveNumber(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag}: expected a positive number, got "${raw}"`);
  return n;
}

export function parseCheckArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CheckArgs {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? [...argv] : argv.slice(0, dash);
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: own, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true, vendor: '', command: [], ...defaults() };
  if (positionals.length !== 1) throw new UsageError('name one vendor: check-client <vendor> -- <command…>');
  if (command.length === 0) throw new UsageError('give the command that runs the client after --');
  if (values.url !== undefined && !/^https?:\/\/[^/]+/.test(values.url))
    throw new UsageError(`--url: expected an http(s) origin such as http://localhost:4010, got "${values.url}"`);
  return {
    help: false,
    vendor: positionals[0]!,
    command,
    url: values.url,
    adminToken: values['admin-token'] ?? env.ADMIN_TOKEN,
    conditions: values.conditions
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    timeScale: positiveNumber('time-scale', values['time-scale'], DEFAULTS.timeScale),
    timeoutMs: positiveNumber('timeout', values.timeout, DEFAULTS.timeoutSeconds) * 1000,
    minPollIntervalMs: positiveNumber('min-poll-interval', values['min-poll-interval'], DEFAULTS.minPollIntervalMs),
    junit: values.junit,
    json: values.json,
  };
}

function defaults() {
  return {
    timeScale: DEFAULTS.timeScale,
    timeoutMs: DEFAULTS.timeoutSeconds * 1000,
    minPollIntervalMs: DEFAULTS.minPollIntervalMs,
  };
}

export function checkHelp(vendors: readonly VendorModule[]): string {
  const width = Math.max(...CONDITIONS.map((c) => c.name.length));
  const envWidth = Math.max(...ENV_DOC.map(([n]) => n.length));
  return [
    'Usage: agent-export-mock check-client <vendor> [options] -- <command that runs your client…>',
    '',
    'Runs your export client once per condition against the mock and reports what it did (requests, polling,',
    'Retry-After, expired links, credentials sent to storage, damaged files) with a verdict per condition.',
    `Vendors: ${vendors.map((v) => v.id).join(', ')}`,
    '',
    'Options:',
    '  --url <origin>             use a running server (a namespace per condition) instead of starting one',
    '  --admin-token <token>      its ADMIN_TOKEN (default: $ADMIN_TOKEN)',
    '  --conditions <a,b,…>       run only these conditions',
    `  --time-scale <n>           virtual seconds per real second while the client runs (default ${DEFAULTS.timeScale})`,
    `  --timeout <s>              real seconds a client may run per condition before it is killed (default ${DEFAULTS.timeoutSeconds})`,
    `  --min-poll-interval <ms>   warn when a client polls one job faster than this (default ${DEFAULTS.minPollIntervalMs})`,
    '  --junit <file>             also write JUnit XML',
    '  --json <file>              also write the full report as JSON',
    '  -h, --help                 this text',
    '',
    'Conditions:',
    ...CONDITIONS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary} (expects: ${c.expect})`),
    '',
    'The client gets these environment variables:',
    ...ENV_DOC.map(([name, text]) => `  ${name.padEnd(envWidth)}  ${text}`),
    '',
    'Exit status: 0 when no condition failed (warnings allowed), 1 when one did, 2 for a usage error or a server',
    'that cannot be reached. The words after -- run without a shell; use `-- sh -c "…"` for one.',
  ].join('\n');
}

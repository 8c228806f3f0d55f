/**
 * The conditions `check-client` puts a client through, each mapped onto the presets (or, where no preset fits, one
 * small scenario) that mean the same thing for every vendor, and what a well-behaved client does under it.
 */
import { PRESETS } from '../core/scenarios/presets.js';
import type { ScenarioInput } from '../core/scenarios/schema.js';

/**
 * What a well-behaved client ends with:
 * - `output`: exits 0 having written the export (it waited, retried or recovered as needed);
 * - `empty`: exits 0 (an export with no data is no error; writing nothing is fine);
 * - `fail-loudly`: exits non-zero (a failed job or a dead link must not look like success);
 * - `reject-file`: exits non-zero or writes nothing (a damaged file must never be passed on as good).
 */
export type Expectation = 'output' | 'empty' | 'fail-loudly' | 'reject-file';

export interface Condition {
  name: string;
  /** One line for the report. */
  summary: string;
  /** Installed by name (the same scenarios the server's presets install), or `scenarios` when no preset fits. */
  preset?: string;
  scenarios?: ScenarioInput[];
  expect: Expectation;
}

export const CONDITIONS: readonly Condition[] = [
  { name: 'happy-path', summary: 'No faults', preset: 'happy-path', expect: 'output' },
  {
    name: 'job-failed',
    summary: "The export ends in the vendor's failure state",
    preset: 'job-failed',
    expect: 'fail-loudly',
  },
  {
    name: 'empty-export',
    summary: "The export finds no data (the vendor's own no_data state, or an empty file)",
    // The empty-export preset asks for `empty`; `no_data` is the vendor's own state where it has one (Sendbird, Kore).
    scenarios: [{ name: 'no-data', match: { route: 'create' }, job: { outcome: 'no_data' } }],
    expect: 'empty',
  },
  {
    name: 'rate-limited',
    summary: 'The first 3 requests answer 429 with Retry-After 1 s',
    preset: 'rate-limited',
    expect: 'output',
  },
  {
    name: 'slow-export',
    summary: 'The export queues 2 min and runs 30 min (virtual)',
    preset: 'slow-export',
    expect: 'output',
  },
  {
    name: 'server-error-once',
    summary: "The first API request answers the vendor's 500",
    scenarios: [{ name: 'server-error-once', match: {}, times: 1, http: { status: 500 } }],
    expect: 'output',
  },
  {
    name: 'expired-link',
    summary: 'The download link has expired by the time the export is done',
    // The expired-link preset gives the link 1 virtual second, which the runner's clock steps (see clock-driver.ts)
    // may or may not pass before a quick client downloads: 0 makes the link dead whenever the client comes.
    scenarios: [{ name: 'expired-link', match: { route: 'create' }, file: { link_expires_after_seconds: 0 } }],
    expect: 'fail-loudly',
  },
  {
    name: 'truncated-file',
    summary: 'The download delivers the first half of the file',
    scenarios: [{ name: 'truncated-file', match: { route: 'create' }, file: { fault: 'truncate' } }],
    expect: 'reject-file',
  },
  {
    name: 'corrupt-file',
    summary: 'The download delivers the file with bytes flipped in the middle',
    scenarios: [{ name: 'corrupt-file', match: { route: 'create' }, file: { fault: 'corrupt' } }],
    expect: 'reject-file',
  },
  {
    name: 'flaky-download',
    summary: "The first download answers storage's 503",
    preset: 'flaky-download',
    expect: 'output',
  },
];

/** The scenarios a condition installs, whether named by a preset or given inline. */
export function scenariosOf(condition: Condition): ScenarioInput[] {
  if (condition.preset === undefined) return condition.scenarios ?? [];
  const preset = Object.hasOwn(PRESETS, condition.preset) ? PRESETS[condition.preset] : undefined;
  if (!preset) throw new Error(`check-client: condition ${condition.name} names no preset (${condition.preset})`);
  return preset.scenarios;
}

/** The wait a condition's 429s tell the client, by scenario name (the journal names the scenario that answered). */
export function retryAfterByScenario(condition: Condition): Map<string, number> {
  const waits = new Map<string, number>();
  for (const s of scenariosOf(condition)) {
    if (s.http?.status === 429) waits.set(s.name, s.http.retry_after_seconds ?? 1);
  }
  return waits;
}

/** The conditions named (all when none), or an error naming the unknown one and the known ones. */
export function selectConditions(names: readonly string[] | undefined): Condition[] {
  if (!names || names.length === 0) return [...CONDITIONS];
  return names.map((name) => {
    const found = CONDITIONS.find((c) => c.name === name);
    if (!found) throw new Error(`unknown condition "${name}" (known: ${CONDITIONS.map((c) => c.name).join(', ')})`);
    return found;
  });
}

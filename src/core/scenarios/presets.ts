/**
 * Presets: named scenario sets that mean the same thing for every vendor. Each vendor renders the effect in its own
 * words (Sendbird `failed`, Kore `FAILED`, Seasalt `failed` with `error_message`, a 429 in the vendor's own form…).
 */
import type { ScenarioInput } from './schema.js';

export const PRESETS: Record<string, { description: string; scenarios: ScenarioInput[] }> = {
  'happy-path': { description: 'No faults: every export finishes and downloads.', scenarios: [] },
  'slow-export': {
    description: 'Exports wait 2 minutes and run 30 minutes of virtual time.',
    scenarios: [
      { name: 'slow-export', match: { route: 'create' }, job: { queued_seconds: 120, running_seconds: 1800 } },
    ],
  },
  'job-failed': {
    description: "Every new export ends in the vendor's failure state with a plausible error.",
    scenarios: [{ name: 'job-failed', match: { route: 'create' }, job: { outcome: 'failed' } }],
  },
  'empty-export': {
    description:
      "Every new export finds no data (the vendor's own no-data state where it has one; others an export with no records).",
    scenarios: [{ name: 'empty-export', match: { route: 'create' }, job: { outcome: 'empty' } }],
  },
  'expired-link': {
    description: 'Download links stop working one second after the export ended.',
    scenarios: [{ name: 'expired-link', match: { route: 'create' }, file: { link_expires_after_seconds: 1 } }],
  },
  'rate-limited': {
    description: "The next 3 vendor requests answer the vendor's 429 with its headers (Retry-After 1 s).",
    scenarios: [{ name: 'rate-limited', match: {}, times: 3, http: { status: 429, retry_after_seconds: 1 } }],
  },
  'flaky-download': {
    description: "Each new export's first download answers storage's own 503; the retry succeeds.",
    scenarios: [{ name: 'flaky-download', match: { route: 'create' }, file: { fault: 'http_503_once' } }],
  },
  'awkward-contacts': {
    description:
      'Some contacts are saved with awkward names (pipes, angle brackets, quotes, new lines, emoji), to test CSV and file-name handling.',
    scenarios: [{ name: 'awkward-contacts', match: { route: 'create' }, job: { awkward_contacts: true } }],
  },
  'huge-export': {
    description: 'Exports hold 1,000 times the usual volume (generation takes real time; polls stay fast).',
    scenarios: [{ name: 'huge-export', match: { route: 'create' }, job: { volume_factor: 1000 } }],
  },
};

export type Preset = (typeof PRESETS)[string];

/**
 * The preset of that name, looked up as an own property: `PRESETS[name]` answered Object.prototype's members for
 * `__proto__`, `constructor` or `toString`, which broke `POST /__admin/presets/{name}` (500) and `SCENARIO` at start.
 */
export function presetNamed(name: string): Preset | undefined {
  return Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
}

/** Fixed journals for the check-client unit tests: a few requests of a Sendbird client, stamped in real ms. */

import type { ClientRun } from '../../src/check-client/run-client.js';
import type { JournalEntry } from '../../src/core/journal/journal.js';

const BASE = '/sendbird/app1/v3/ai_agent/data_exports';
const T0 = Date.parse('2025-04-08T12:00:00.000Z');

let nextId = 1;

/** One journal entry `realMs` after T0; the rest defaults to a 200 answer to a Sendbird poll of job j1. */
export function entry(realMs: number, over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: nextId++,
    at: new Date(T0).toISOString(),
    real_at: new Date(T0 + realMs).toISOString(),
    vendor: 'sendbird',
    tenant: 'app1',
    method: 'GET',
    path: `${BASE}/j1`,
    query: {},
    headers: { host: '127.0.0.1', 'user-agent': 'node' },
    body: null,
    status: 200,
    duration_ms: 1,
    response: { content_type: 'application/json', bytes: 10, body: null },
    job_id: 'j1',
    route: 'poll',
    scenarios: [],
    ...over,
  };
}

export const create = (realMs: number, over: Partial<JournalEntry> = {}) =>
  entry(realMs, { method: 'POST', path: BASE, route: 'create', ...over });

/** A download from the S3 host (route null, as the journal records storage requests). */
export const download = (realMs: number, over: Partial<JournalEntry> = {}) =>
  entry(realMs, {
    path: '/s3/sendbird-us-1/file.zip',
    query: { 'X-Amz-Signature': 'dda2…' },
    route: null,
    response: { content_type: 'application/zip', bytes: 100, body: null },
    ...over,
  });

export const run = (over: Partial<ClientRun> = {}): ClientRun => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  durationMs: 1500,
  stdout: '',
  stderr: '',
  ...over,
});

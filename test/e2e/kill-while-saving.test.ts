/**
 * DATA_DIR survives a kill -9 in the middle of saving: every job answered 2xx before the kill is there after a restart.
 * A real-time e2e test (moved from test/persistence.test.ts): it starts the real CLI, floods it with accepts and kills it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitOf, spawnCli, testApp } from '../helpers.js';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aem-data-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('DATA_DIR under kill -9', () => {
  it('leaves a loadable state after kill -9 in the middle of saving', async () => {
    const dir = dataDir();
    const { child, url } = await spawnCli(['--data-dir', dir]);
    const headers = { 'api-token': 'demo-sendbird-api-token', 'content-type': 'application/json' };
    // One day each: every accepted job survives the kill now, and closing the second app waits for all their files.
    const body = JSON.stringify({
      type: 'daily_analysis',
      ai_agent_id: 'ai_agent_cx',
      from: '2025-04-07',
      to: '2025-04-07',
      timezone: 'UTC',
      export_format: 'json',
    });
    // Keep the server saving (every request changes the journal) and kill it without warning part-way.
    const requests = Array.from({ length: 40 }, () =>
      fetch(`${url}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`, { method: 'POST', headers, body })
        .then(async (res) => (res.ok ? ((await res.json()) as { export_id: string }).export_id : undefined))
        .catch(() => undefined),
    );
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    const accepted = (await Promise.all(requests)).filter((id) => id !== undefined);
    await exitOf(child);

    const app = await testApp({ DATA_DIR: dir, LINK_SECRET: undefined });
    const jobs = (await app.inject({ url: '/__admin/jobs' })).json().jobs as Array<{ id: string }>;
    // Every job answered 2xx before the kill is there.
    expect(jobs.map((j) => j.id)).toEqual(expect.arrayContaining(accepted));
    await app.close();
  });
});

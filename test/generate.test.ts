import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { download, testApp } from './helpers.js';
import { exportJson } from './vendors/sendbird/sendbird.js';

const dir = mkdtempSync(join(tmpdir(), 'aem-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { update: () => undefined, done: () => undefined };

describe('generate (offline fixtures)', () => {
  it('writes for Sendbird exactly the bytes the server downloads for the same request, seed and instant', async () => {
    const out = join(dir, 'sendbird.zip');
    await generate(
      [
        'sendbird',
        '--out',
        out,
        '--at',
        '2025-04-08T12:00:00Z',
        '--from',
        '2025-04-01',
        '--to',
        '2025-04-07',
        '--timezone',
        'America/New_York',
      ],
      quiet,
    );
    const app = await testApp({ PUBLIC_URL: 'http://localhost:4010' });
    const { job } = await exportJson(app);
    const served = (await download(app, job.export_file.url)).rawPayload;
    expect(readFileSync(out).equals(served)).toBe(true);
    await app.close();
  });

  it('prints plain progress lines and a summary when not on a terminal, and exits 2 on a bad vendor', () => {
    const out = join(dir, 'cli.zip');
    const ok = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'generate',
        'sendbird',
        '--out',
        out,
        '--at',
        '2025-04-08T12:00:00Z',
        '--from',
        '2025-04-07',
        '--type',
        'daily_analysis',
      ],
      { encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/sendbird: generating: 100%/);
    expect(ok.stderr).toMatch(/sendbird: wrote 1 file\(s\), [\d,]+ bytes, to .*cli\.zip/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'generate', 'nobody', '--out', out], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown vendor "nobody"/);
  });
});

describe('generate for Kore', () => {
  it('writes every fragment, byte-identical to the downloads', async () => {
    const out = join(dir, 'kore/');
    const files = await generate(
      [
        'kore',
        '--out',
        out,
        '--at',
        '2025-04-08T12:00:00Z',
        '--from',
        '2025-04-06',
        '--to',
        '2025-04-08',
        '--world-daily-volume',
        '200',
      ],
      quiet,
    );
    expect(files.length).toBeGreaterThan(1);
    const app = await testApp({ WORLD_DAILY_VOLUME: 200 });
    const seeds = app.mock.seeds.get('kore') as { bots: Array<{ app_id: string }> };
    const tenants = (await app.inject({ url: '/__admin/tenants' })).json().kore.tenants;
    const headers = { auth: tenants[0].apps[0].demo_token };
    const created = await app.inject({
      method: 'POST',
      url: `/kore/api/public/bot/${seeds.bots[0]!.app_id}/search/analytics-export`,
      headers,
      payload: { filters: { from: '2025-04-06', to: '2025-04-08' } },
    });
    await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 60 } });
    const job = (
      await app.inject({
        url: `/kore/api/public/bot/${seeds.bots[0]!.app_id}/search/jobs/${created.json()._id}`,
        headers,
      })
    ).json();
    for (const f of job.analyticsFragments)
      expect(readFileSync(join(out, `${f.fileName}.json`)).equals((await download(app, f.fileUrl)).rawPayload)).toBe(
        true,
      );
    await app.close();
  });
});

describe('generate for Seasalt', () => {
  it('writes the ZIP byte-identical to the download', async () => {
    const out = join(dir, 'seasalt.zip');
    await generate(
      [
        'seasalt',
        '--out',
        out,
        '--at',
        '2025-04-08T12:00:00Z',
        '--from',
        '2025-04-01',
        '--to',
        '2025-04-02',
        '--world-daily-volume',
        '5',
      ],
      quiet,
    );
    const app = await testApp({ WORLD_DAILY_VOLUME: 5 });
    const base = '/seasalt/seax-api/api/v1/workspace/3fa85f64-5717-4562-b3fc-2c963f66afa6/export-conversations';
    const headers = { 'x-api-key': 'demo-seasalt-api-key' };
    const created = await app.inject({
      method: 'POST',
      url: base,
      headers,
      payload: { channel_id: 'a1b2c3d4-1111-2222-3333-444455556666', start_date: '2025-04-01', end_date: '2025-04-02' },
    });
    await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 60 } });
    const job = (await app.inject({ url: `${base}/${created.json().export_job_id}`, headers })).json();
    expect(readFileSync(out).equals((await download(app, job.presigned_url)).rawPayload)).toBe(true);
    await app.close();
  });
});

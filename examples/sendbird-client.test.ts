import { type MockServer, startMockServer } from 'agent-export-mock';
import { afterAll, beforeAll, expect, it } from 'vitest';

type ExportJob = { export_status: string; export_file: { url: string } | null };

// The client under test: requests a Sendbird conversation export, polls until it ends, downloads the ZIP.
// `wait` is injected so the test can move the mock's virtual clock instead of sleeping.
async function exportConversations(baseUrl: string, apiToken: string, wait: (ms: number) => Promise<unknown>) {
  const headers = { 'Api-Token': apiToken, 'Content-Type': 'application/json' };
  const body = {
    type: 'conversation',
    ai_agent_id: 'ai_agent_cx',
    from: '2025-04-01',
    to: '2025-04-07',
    timezone: 'UTC',
    export_format: 'json',
  };
  const created = (await (
    await fetch(`${baseUrl}/ai_agent/data_exports`, { method: 'POST', headers, body: JSON.stringify(body) })
  ).json()) as { export_id: string };
  for (let attempt = 0; attempt < 20; attempt++) {
    const job = (await (
      await fetch(`${baseUrl}/ai_agent/data_exports/${created.export_id}`, { headers })
    ).json()) as ExportJob;
    if (job.export_status === 'done' && job.export_file)
      return new Uint8Array(await (await fetch(job.export_file.url)).arrayBuffer());
    if (job.export_status === 'failed' || job.export_status === 'no_data')
      throw new Error(`export ${job.export_status}`);
    await wait(10_000);
  }
  throw new Error('export did not finish');
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ clockStart: '2025-04-08T12:00:00Z', clockFrozen: true });
});
afterAll(async () => {
  await mock.close();
});

it('downloads a finished export', async () => {
  const zip = await exportConversations(
    mock.baseUrls.sendbird!['a245389gje349rt3429992Op']!,
    'demo-sendbird-api-token',
    (ms) => mock.clock.advance(ms / 1000),
  );
  expect(Buffer.from(zip.subarray(0, 2)).toString()).toBe('PK');
});

it('reports a failed export', async () => {
  await mock.scenarios.preset('job-failed');
  await expect(
    exportConversations(mock.baseUrls.sendbird!['a245389gje349rt3429992Op']!, 'demo-sendbird-api-token', (ms) =>
      mock.clock.advance(ms / 1000),
    ),
  ).rejects.toThrow('export failed');
  expect(mock.journal.list({ method: 'GET', path: '/data_exports/' }).length).toBeGreaterThan(1);
});

/**
 * A bounded load test, in-process over a real loopback socket: 500 export jobs across the four vendors, each polled to
 * completion and downloaded; every file must be well-formed, no request lost, and memory back near its start after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { demoToken } from '../../src/vendors/kore/auth.js';
import { unzip } from '../helpers.js';

const JOBS = Number(process.env.LOAD_JOBS ?? 500);
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    parseConfig({
      PORT: 0,
      LOG_LEVEL: 'silent',
      CLOCK_START: '2025-04-08T12:00:00Z',
      CLOCK_FROZEN: true,
      WORLD_DAILY_VOLUME: 3,
      JOURNAL_LIMIT: 200,
      RETENTION_SECONDS: 0,
    }),
  );
});
afterAll(async () => {
  await server.close();
});

const KORE = {
  bot: 'st-2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  auth: demoToken({
    client_id: 'cs-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    client_secret: 'demo-kore-client-secret',
    scopes: ['Answer Insights'],
  }),
};
const SEASALT = '/seasalt/seax-api/api/v1/workspace/3fa85f64-5717-4562-b3fc-2c963f66afa6/export-conversations';
const SENDBIRD = '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports';
const ZENDESK = {
  url: '/zendesk/eu/data-export/v3/get-signed-urls',
  headers: {
    authorization: 'demo-zendesk-api-key',
    organizationid: '77m57af6811115b53172431s',
    botid: '98174e8d635471c383b9ec7b',
  },
};

type Flow = { create(i: number): Promise<() => Promise<string[] | undefined>>; check(bytes: Buffer): Promise<void> };

describe('load', () => {
  it(`runs ${JOBS} export jobs across the four vendors to completion, every file well-formed, no request lost`, async () => {
    const base = server.url;
    let requests = 0;
    let failures = 0;
    const call = async (path: string, init: RequestInit = {}) => {
      requests++;
      const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, init);
      // 503 is storage's documented back-pressure (retried below); any other 5xx is a failure.
      if (res.status >= 500 && res.status !== 503) failures++;
      return res;
    };
    const json = (body: unknown, headers: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const days = ['2025-04-02', '2025-04-03', '2025-04-04', '2025-04-05', '2025-04-06', '2025-04-07'];
    // Kore reads a date as midnight at its start: one day is from that date to the next.
    const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

    const flows: Flow[] = [
      {
        async create(i) {
          const day = days[i % days.length]!;
          const c = (await (
            await call(
              SENDBIRD,
              json(
                {
                  type: i % 2 ? 'conversation' : 'daily_analysis',
                  ai_agent_id: 'ai_agent_cx',
                  from: day,
                  to: day,
                  timezone: 'UTC',
                  export_format: 'json',
                },
                { 'api-token': 'demo-sendbird-api-token' },
              ),
            )
          ).json()) as { export_id: string };
          return async () => {
            const d = (await (
              await call(`${SENDBIRD}/${c.export_id}`, { headers: { 'api-token': 'demo-sendbird-api-token' } })
            ).json()) as { export_status: string; export_file: { url: string } | null };
            return d.export_status === 'done' ? [d.export_file!.url] : d.export_status === 'no_data' ? [] : undefined;
          };
        },
        async check(bytes) {
          const entries = await unzip(bytes);
          expect(Array.isArray(JSON.parse([...entries.values()][0]!.toString()))).toBe(true);
        },
      },
      {
        async create(i) {
          const day = days[i % days.length]!;
          const c = (await (
            await call(
              `/kore/api/public/bot/${KORE.bot}/search/analytics-export`,
              json({ filters: { from: day, to: nextDay(day) } }, { auth: KORE.auth }),
            )
          ).json()) as { _id: string };
          return async () => {
            const d = (await (
              await call(`/kore/api/public/bot/${KORE.bot}/search/jobs/${c._id}`, { headers: { auth: KORE.auth } })
            ).json()) as { status: string; analyticsFragments?: Array<{ fileUrl: string }> };
            return d.status === 'SUCCESS' ? d.analyticsFragments!.map((f) => f.fileUrl) : undefined;
          };
        },
        async check(bytes) {
          expect(Array.isArray(JSON.parse(bytes.toString()))).toBe(true);
        },
      },
      {
        async create(i) {
          const day = days[i % days.length]!;
          return async () => {
            const res = await call(ZENDESK.url, json({ date: day }, ZENDESK.headers));
            if (res.status === 404) return [];
            return ((await res.json()) as { urls: string[] }).urls;
          };
        },
        async check(bytes) {
          for (const line of bytes.toString().trim().split('\n'))
            expect(JSON.parse(line)).toHaveProperty('conversation_id');
        },
      },
      {
        async create(i) {
          const day = days[i % days.length]!;
          const channel = i % 2 ? 'a1b2c3d4-1111-2222-3333-444455556666' : 'b2c3d4e5-7777-8888-9999-000011112222';
          // One export per channel and range at a time: vary the range so none conflicts.
          const end = `2025-04-0${7 - (Math.floor(i / 12) % 5)}`;
          const res = await call(
            SEASALT,
            json(
              {
                channel_id: channel,
                start_date: day < end ? day : end,
                end_date: end,
                notification_email: `qa${i}@example.com`,
              },
              { 'x-api-key': 'demo-seasalt-api-key' },
            ),
          );
          if (res.status === 409) return async () => [];
          const c = (await res.json()) as { export_job_id: string };
          return async () => {
            const d = (await (
              await call(`${SEASALT}/${c.export_job_id}`, { headers: { 'x-api-key': 'demo-seasalt-api-key' } })
            ).json()) as { status: string; presigned_url: string | null };
            return d.status === 'finished' ? [d.presigned_url!] : undefined;
          };
        },
        async check(bytes) {
          await unzip(bytes);
        },
      },
    ];

    const rssBefore = process.memoryUsage().rss;
    const polls = await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => ({
        flow: flows[i % flows.length]!,
        poll: await flows[i % flows.length]!.create(i),
      })),
    );
    await fetch(`${base}/__admin/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"seconds":120}',
    });

    let downloaded = 0;
    await Promise.all(
      polls.map(async ({ flow, poll }) => {
        let urls: string[] | undefined;
        for (let attempt = 0; attempt < 400 && urls === undefined; attempt++) {
          urls = await poll();
          if (urls === undefined) await new Promise((r) => setTimeout(r, 50));
        }
        expect(urls, 'a job never finished').toBeDefined();
        for (const url of urls!) {
          // Storage answers 503 SlowDown past MAX_CONCURRENT_DOWNLOADS: retry with a pause, as S3 clients do.
          let res = await call(url);
          for (let attempt = 0; res.status === 503 && attempt < 100; attempt++) {
            await res.arrayBuffer();
            await new Promise((r) => setTimeout(r, 20));
            res = await call(url);
          }
          expect(res.status).toBe(200);
          const bytes = Buffer.from(await res.arrayBuffer());
          expect(bytes.length).toBe(Number(res.headers.get('content-length')));
          await flow.check(bytes);
          downloaded++;
        }
      }),
    );
    expect(failures).toBe(0);
    expect(downloaded).toBeGreaterThan(JOBS / 2);
    // Every request reached the server and was answered (the journal counts the vendor and download ones).
    expect(requests).toBeGreaterThan(JOBS * 2);

    // Retention 0: once the links expire the files go, and the jobs with them (Sendbird's records 30 days later), and
    // memory comes back near where it started.
    await fetch(`${base}/__admin/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 40 * 86400 }),
    });
    expect(await server.app.mock.ctx.jobs.size()).toBe(0);
    global.gc?.();
    expect(process.memoryUsage().rss).toBeLessThan(rssBefore + 300e6);
  }, 120_000);
});

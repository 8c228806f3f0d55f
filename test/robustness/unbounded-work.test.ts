/**
 * Work a client can ask for is bounded: at most MAX_JOBS jobs are kept (each vendor refuses more in its own words),
 * a Seasalt export spans at most 366 days, and GET /__admin/jobs answers one page at a time, with nothing to send when
 * nothing changed since the revision the caller already has.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';
import { ENVELOPES, ROUTES } from './routes.js';

const SEASALT = ROUTES.find((r) => r.vendor === 'seasalt' && r.method === 'POST')!;
const SENDBIRD = ROUTES.find((r) => r.vendor === 'sendbird' && r.method === 'POST')!;
const KORE = ROUTES.find((r) => r.vendor === 'kore' && r.method === 'POST')!;

/** The n-th distinct valid create of a vendor (Seasalt refuses a second export of the same range while one runs). */
function createBody(vendor: string, n: number): unknown {
  const day = `2025-04-0${(n % 7) + 1}`; // Sendbird exports reach seven days back from the frozen 2025-04-08
  if (vendor === 'seasalt') return { ...(SEASALT.body as object), start_date: day, end_date: day };
  if (vendor === 'kore') return { filters: { from: day, to: day } };
  return { ...(SENDBIRD.body as object), from: day, to: day };
}

describe('MAX_JOBS', () => {
  it("refuses a create past MAX_JOBS with each vendor's own 429, and accepts again after a reset", async () => {
    const app = await testApp({ MAX_JOBS: 2 });
    for (const route of [SENDBIRD, KORE, SEASALT]) {
      await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
      const create = (n: number) =>
        app.inject({
          method: 'POST',
          url: route.url,
          headers: { ...route.headers, 'content-type': 'application/json' },
          payload: JSON.stringify(createBody(route.vendor, n)),
        });
      expect((await create(0)).statusCode, route.vendor).toBeLessThan(300);
      expect((await create(1)).statusCode, route.vendor).toBeLessThan(300);
      const refused = await create(2);
      expect(refused.statusCode, `${route.vendor}: ${refused.body}`).toBe(429);
      expect(ENVELOPES[route.vendor]!(refused.json(), String(refused.headers['content-type'])), refused.body).toBe(
        true,
      );
      expect(Number(refused.headers['retry-after'] ?? refused.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      if (route.vendor === 'sendbird') expect(refused.json().code).toBe(500910);
      expect((await app.inject({ url: '/__admin/jobs' })).json().jobs).toHaveLength(2);
    }
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: SENDBIRD.url,
          headers: { ...SENDBIRD.headers, 'content-type': 'application/json' },
          payload: JSON.stringify(createBody('sendbird', 0)),
        })
      ).statusCode,
    ).toBe(200);
    await app.close();
  });
});

describe('Seasalt date range', () => {
  it('answers 422 in pydantic shape for a range over 366 days, and accepts 366', async () => {
    // An empty world: the accepted year-long export is written in no time.
    const app = await testApp({ WORLD_DAILY_VOLUME: 0 });
    const post = (start_date: string, end_date: string) =>
      app.inject({
        method: 'POST',
        url: SEASALT.url,
        headers: SEASALT.headers,
        payload: { ...(SEASALT.body as object), start_date, end_date },
      });
    const tooLong = await post('2024-01-01', '2025-01-01');
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json()).toEqual({
      detail: [
        {
          type: 'value_error',
          loc: ['body'],
          msg: 'Value error, the date range may span at most 366 days',
          input: expect.any(Object),
          ctx: { error: {} },
        },
      ],
    });
    expect((await post('2024-01-01', '2024-12-31')).statusCode).toBe(202);
    await app.close();
  });
});

describe('GET /__admin/jobs', () => {
  async function appWithJobs(n: number) {
    const app = await testApp();
    for (let i = 0; i < n; i++) {
      await app.inject({
        method: 'POST',
        url: SENDBIRD.url,
        headers: SENDBIRD.headers,
        payload: createBody('sendbird', i) as object,
      });
      if (i % 2 === 1) await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 1 } });
    }
    return app;
  }

  it('pages newest first with limit and a cursor, and keeps the first page backward compatible', async () => {
    const app = await appWithJobs(7);
    const all = (await app.inject({ url: '/__admin/jobs' })).json();
    expect(all.jobs).toHaveLength(7);
    expect(all.next_cursor).toBeNull();
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: {
        statusCode: number;
        json(): { jobs: Array<{ id: string }>; total: number; next_cursor: string | null };
      } = await app.inject({ url: `/__admin/jobs?limit=3${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.jobs.length).toBeLessThanOrEqual(3);
      expect(body.total).toBe(7);
      ids.push(...body.jobs.map((j) => j.id));
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    expect(ids).toEqual(all.jobs.map((j: { id: string }) => j.id));
    expect((await app.inject({ url: '/__admin/jobs?after=garbage' })).json()).toEqual({
      error: 'bad_request',
      message: expect.stringContaining('after'),
    });
    expect((await app.inject({ url: '/__admin/jobs?limit=0' })).statusCode).toBe(400);
    await app.close();
  });

  it('sends nothing when nothing changed since the revision the caller has, and the page when something did', async () => {
    const app = await appWithJobs(3);
    const first = (await app.inject({ url: '/__admin/jobs?limit=50' })).json();
    expect(first.revision).toEqual(expect.any(String));
    const same = (await app.inject({ url: `/__admin/jobs?limit=50&since=${first.revision}` })).json();
    expect(same).toEqual({ jobs: [], unchanged: true, total: 3, next_cursor: null, revision: first.revision });
    // Time moves: the jobs run, their summaries change, the page comes back whole.
    await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 10 } });
    const moved = (await app.inject({ url: `/__admin/jobs?limit=50&since=${first.revision}` })).json();
    expect(moved.unchanged).toBe(false);
    expect(moved.jobs).toHaveLength(3);
    expect(moved.revision).not.toBe(first.revision);
    await app.close();
  });
});

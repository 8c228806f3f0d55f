/**
 * The dashboard's charts and the exports agree: the numbers of GET /__dashboard/api/charts equal counts computed from
 * files downloaded through each vendor's own API for the same days, on the same virtual clock.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { setClock, testApp } from '../helpers.js';
import { finishedJob, fragmentsOf } from '../vendors/kore/kore.js';
import { BODY, exportJson } from '../vendors/sendbird/sendbird.js';
import { recordsOf, US, US_HEADERS } from '../vendors/zendesk/zendesk.js';

interface Answer {
  now: string;
  days: string[];
  charts: { id: string; kind: string; sources: string[]; series: { name: string; values: (number | null)[] }[] }[];
}

async function charts(app: FastifyInstance, qs = ''): Promise<Answer> {
  const res = await app.inject({ url: `/__dashboard/api/charts${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const chart = (a: Answer, id: string) => a.charts.find((c) => c.id === id)!;
const valuesOf = (a: Answer, id: string, name: string) => chart(a, id).series.find((s) => s.name === name)!.values;
/** The chart's values on `dates` (the days of the answer are the last 14 up to today). */
const on = (a: Answer, values: readonly (number | null)[], dates: string[]) =>
  dates.map((d) => values[a.days.indexOf(d)]);
const WEEK = ['2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-05', '2025-04-06', '2025-04-07'];

describe('world charts', () => {
  it('chart the last 14 UTC days up to the virtual today, every vendor in the conversations chart', async () => {
    const app = await testApp();
    const a = await charts(app);
    expect(a.now).toBe('2025-04-08T12:00:00.000Z');
    expect(a.days).toHaveLength(14);
    expect(a.days.at(-1)).toBe('2025-04-08');
    expect(a.charts.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'conversations',
        'sendbird-csat',
        'sendbird-resolution',
        'kore-feedback',
        'zendesk-status',
      ]),
    );
    const names = chart(a, 'conversations').series.map((s) => s.name.split(' · ')[0]);
    expect(new Set(names)).toEqual(new Set(['Sendbird', 'Zendesk', 'Seasalt']));
    for (const c of a.charts) for (const s of c.series) expect(s.values).toHaveLength(14);
  });

  it("Sendbird: conversations, CSAT and resolution rate equal a daily_analysis export's (UTC)", async () => {
    const app = await testApp();
    const a = await charts(app);
    const { json: days } = await exportJson(app, { ...BODY, type: 'daily_analysis', timezone: 'UTC' });
    const agent = 'Sendbird · Customer experience agent';
    type Day = { total_number_of_conversations: number; average_csat_scores: number; resolution_rate: number };
    expect(on(a, valuesOf(a, 'conversations', agent), WEEK)).toEqual(
      days.map((d: Day) => d.total_number_of_conversations),
    );
    expect(on(a, valuesOf(a, 'sendbird-csat', agent), WEEK)).toEqual(days.map((d: Day) => d.average_csat_scores));
    expect(on(a, valuesOf(a, 'sendbird-resolution', agent), WEEK)).toEqual(days.map((d: Day) => d.resolution_rate));
    expect(days.some((d: Day) => d.total_number_of_conversations > 0)).toBe(true);
  });

  it('stay equal to the export after the clock moved on (days computed before are kept only once settled)', async () => {
    const app = await testApp();
    const first = await charts(app);
    await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 2 * 86_400 } });
    const a = await charts(app);
    expect(a.days.at(-1)).toBe('2025-04-10');
    const week = ['2025-04-03', '2025-04-04', '2025-04-05', '2025-04-06', '2025-04-07', '2025-04-08', '2025-04-09'];
    const { json: days } = await exportJson(app, {
      ...BODY,
      type: 'daily_analysis',
      timezone: 'UTC',
      from: week[0],
      to: week.at(-1),
    });
    expect(on(a, valuesOf(a, 'conversations', 'Sendbird · Customer experience agent'), week)).toEqual(
      days.map((d: { total_number_of_conversations: number }) => d.total_number_of_conversations),
    );
    // The clock set back: 2025-04-08 is today again, half over, not the whole day kept from the later look.
    await setClock(app, '2025-04-08T12:00:00Z');
    expect(await charts(app)).toEqual(first);
  });

  it("Zendesk: a day's conversations by status equal the day files' records", async () => {
    const app = await testApp();
    const a = await charts(app);
    // Every bot's day files: the status chart stacks all bots.
    const eu = await recordsOf(app, '2025-04-07');
    const records = [...eu, ...(await recordsOf(app, '2025-04-07', { url: US, headers: US_HEADERS }))];
    expect(eu.length).toBeGreaterThan(0);
    const statuses = chart(a, 'zendesk-status').series;
    for (const s of statuses) {
      const counted = records.filter((r) => r.conversation_status === s.name).length;
      expect(on(a, s.values, ['2025-04-07']), s.name).toEqual([counted]);
    }
    expect(on(a, valuesOf(a, 'conversations', 'Zendesk · INDUSTRY DEMO (Travel) - SunCo'), ['2025-04-07'])).toEqual([
      eu.length,
    ]);
  });

  it("Kore: searches with thumbs up and down per day equal an export's records", async () => {
    const app = await testApp();
    const a = await charts(app);
    const job = await finishedJob(app, { filters: { from: '2025-04-06', to: '2025-04-07T23:59:59.999Z' } });
    const records = (await fragmentsOf(app, job)).flatMap((f) => f.records);
    const count = (date: string, event: string | null) =>
      records.filter((r) => r.createdOn.startsWith(date) && r.event === event).length;
    const feedback = chart(a, 'kore-feedback').series;
    for (const [name, event] of [
      ['thumbs up', 'thumbsUp'],
      ['thumbs down', 'thumbsDown'],
      ['no feedback', null],
    ] as const) {
      const values = feedback.find((s) => s.name === name)!.values;
      expect(on(a, values, ['2025-04-06', '2025-04-07']), name).toEqual([
        count('2025-04-06', event),
        count('2025-04-07', event),
      ]);
    }
  });

  it('answers 304 to the ETag it gave until the clock moves, and today grows as the clock moves', async () => {
    const app = await testApp();
    const first = await app.inject({ url: '/__dashboard/api/charts' });
    const again = await app.inject({
      url: '/__dashboard/api/charts',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 6 * 3600 } });
    const moved = await app.inject({
      url: '/__dashboard/api/charts',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(moved.statusCode).toBe(200);
    const total = (a: Answer) => chart(a, 'kore-feedback').series.reduce((n, s) => n + (s.values.at(-1) ?? 0), 0);
    expect(total(moved.json())).toBeGreaterThan(total(first.json()));
  });
});

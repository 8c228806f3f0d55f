import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, testApp } from '../../helpers.js';
import { BASE, BODY, create, TOKEN } from './sendbird.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

const list = async (qs = '') => {
  const res = await app.inject({ url: `${BASE}${qs ? `?${qs}` : ''}`, headers: TOKEN });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: Array<{ export_id: string; type: string; export_status: string; created_at: number }>;
    prev: string | null;
    next: string;
  };
};

describe('Sendbird list', () => {
  it('walks every export newest first in pages of `limit`, with an empty next on the last page and working prev tokens', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await create(app)).export_id);
      await advance(app, 1);
    }
    const newestFirst = [...ids].reverse();
    const seen: string[] = [];
    const pages = [];
    let page = await list('limit=3');
    expect(page.prev).toBeNull();
    for (;;) {
      pages.push(page);
      seen.push(...page.items.map((i) => i.export_id));
      if (page.next === '') break;
      page = await list(`limit=3&token=${page.next}`);
    }
    expect(seen).toEqual(newestFirst);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    // prev from the last page leads back to the middle page.
    const back = await list(`limit=3&token=${pages[2]!.prev}`);
    expect(back.items.map((i) => i.export_id)).toEqual(pages[1]!.items.map((i) => i.export_id));
  });

  it('defaults to 10 items', async () => {
    for (let i = 0; i < 12; i++) await create(app);
    const page = await list();
    expect(page.items).toHaveLength(10);
    expect(page.next).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps pages stable when exports are created between two pages', async () => {
    for (let i = 0; i < 4; i++) {
      await create(app);
      await advance(app, 1);
    }
    const first = await list('limit=2');
    await create(app);
    const second = await list(`limit=2&token=${first.next}`);
    const all = await list('limit=10');
    expect(second.items.map((i) => i.export_id)).toEqual(all.items.slice(3, 5).map((i) => i.export_id));
  });

  it('filters by type, ai_agent_id, export_status and creation time', async () => {
    const a = await create(app);
    await advance(app, 100);
    const b = await create(app, { ...BODY, type: 'daily_analysis' });
    await create(app, { ...BODY, ai_agent_id: 'ai_agent_quiet' });
    expect((await list('type=daily_analysis')).items.map((i) => i.export_id)).toEqual([b.export_id]);
    expect((await list('ai_agent_id=ai_agent_cx')).items).toHaveLength(2);
    expect((await list('export_status=done')).items.map((i) => i.export_id)).toEqual([a.export_id]);
    expect((await list('export_status=scheduled')).items).toHaveLength(2);
    const createdA = a.created_at * 1000;
    expect(
      (await list(`export_from_ts=${createdA}&export_to_ts=${createdA + 1}`)).items.map((i) => i.export_id),
    ).toEqual([a.export_id]);
  });

  it('rejects a token issued for other filters with 400109', async () => {
    for (let i = 0; i < 3; i++) await create(app);
    const page = await list('limit=1');
    const res = await app.inject({ url: `${BASE}?limit=2&token=${page.next}`, headers: TOKEN });
    expect(res.json()).toMatchObject({ error: true, code: 400109 });
  });

  it('forgets every export on reset', async () => {
    await create(app);
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    expect((await list()).items).toEqual([]);
  });
});

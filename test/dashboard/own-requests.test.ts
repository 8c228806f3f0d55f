/**
 * The dashboard marks its own requests (X-Mock-Dashboard: 1): they stay out of the journal and of a job's flow timeline
 * unless a reader asks for them (include_dashboard=true), so a page left open does not look like a client polling.
 */
import { describe, expect, it } from 'vitest';
import { advance, testApp } from '../helpers.js';
import { BASE, create, TOKEN } from '../vendors/sendbird/sendbird.js';

const DASHBOARD = { 'x-mock-dashboard': '1' };

describe("the dashboard's own requests", () => {
  it('are left out of the journal and the flow timeline, and listed when asked for', async () => {
    const app = await testApp();
    const created = await create(app);
    await advance(app, 60);
    for (let i = 0; i < 3; i++)
      await app.inject({ url: `${BASE}/${created.export_id}`, headers: { ...TOKEN, ...DASHBOARD } });
    await app.inject({ url: `${BASE}/${created.export_id}`, headers: TOKEN });
    const list = async (qs: string) => (await app.inject({ url: `/__admin/requests${qs}` })).json().requests;
    expect((await list('')).map((e: { method: string }) => e.method)).toEqual(['POST', 'GET']);
    const all = await list('?include_dashboard=true');
    expect(all).toHaveLength(5);
    expect(all.filter((e: { dashboard?: boolean }) => e.dashboard === true)).toHaveLength(3);
    const flow = (await app.inject({ url: `/__admin/jobs/${created.export_id}` })).json();
    expect(flow.timeline.filter((e: { type: string }) => e.type === 'poll')).toHaveLength(1);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { APP, BASE, BODY, TOKEN } from './sendbird.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

async function post(body: unknown, headers: Record<string, string> = TOKEN, raw = false) {
  const res = await app.inject({
    method: 'POST',
    url: BASE,
    headers: raw ? { ...headers, 'content-type': 'application/json' } : headers,
    payload: raw ? (body as string) : (body as object),
  });
  return { status: res.statusCode, body: res.json() as { error: boolean; code: number; message: string } };
}

const expectError = (
  r: { status: number; body: { error: boolean; code: number; message: string } },
  code: number,
  status = 400,
) => {
  expect(r.status).toBe(status);
  expect(r.body.error).toBe(true);
  expect(r.body.code).toBe(code);
  expect(typeof r.body.message).toBe('string');
  expect(Object.keys(r.body).sort()).toEqual(['code', 'error', 'message']);
};

describe('Sendbird authentication', () => {
  it('rejects a missing Api-Token with 400401 and the vendor wording', async () => {
    const r = await post(BODY, {});
    expectError(r, 400401);
    expect(r.body.message).toBe('Not valid Api-Token. Api-Token is missing.');
  });
  it('rejects a wrong Api-Token with 400401', async () =>
    expectError(await post(BODY, { 'api-token': 'nope' }), 400401));
  it('checks the token before the body: a bad token with bad JSON is still 400401', async () =>
    expectError(await post('{bad', { 'api-token': 'nope' }, true), 400401));
  it('answers an unknown app_id with 400304', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/sendbird/unknownapp/v3/ai_agent/data_exports',
      headers: TOKEN,
      payload: BODY,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: true, code: 400304 });
  });
  it('answers an unknown route under the prefix in the Sendbird envelope', async () => {
    const res = await app.inject({ url: `/sendbird/${APP}/v3/nothing_here`, headers: TOKEN });
    expect(res.json()).toMatchObject({ error: true, code: 400201 });
  });
});

describe('Sendbird request validation', () => {
  it('answers malformed JSON with 400403', async () => expectError(await post('{"type": ', TOKEN, true), 400403));
  it('answers an empty JSON body with 400403', async () => expectError(await post('', TOKEN, true), 400403));
  it('answers a JSON array body with 400403', async () => expectError(await post('[1,2]', TOKEN, true), 400403));
  it('answers a body without Content-Type application/json with 400403', async () => {
    const res = await app.inject({
      method: 'POST',
      url: BASE,
      headers: { ...TOKEN, 'content-type': 'text/plain' },
      payload: JSON.stringify(BODY),
    });
    expect(res.json()).toMatchObject({ code: 400403 });
  });
  for (const field of Object.keys(BODY)) {
    it(`answers a missing "${field}" with 400105 naming it`, async () => {
      const body: Record<string, unknown> = { ...BODY };
      delete body[field];
      const r = await post(body);
      expectError(r, 400105);
      expect(r.body.message).toContain(field);
    });
  }
  it('answers a number where a string is expected with 400100', async () =>
    expectError(await post({ ...BODY, from: 20250401 }), 400100));
  it('answers a list where a string is expected with 400100', async () =>
    expectError(await post({ ...BODY, type: ['conversation'] }), 400100));
  it('answers an unknown type with 400111', async () => expectError(await post({ ...BODY, type: 'message' }), 400111));
  it('answers export_format csv with 400111', async () =>
    expectError(await post({ ...BODY, export_format: 'csv' }), 400111));
  it('answers an unknown time zone with 400111', async () =>
    expectError(await post({ ...BODY, timezone: 'Mars/Olympus' }), 400111));
  it('answers an impossible date with 400111', async () =>
    expectError(await post({ ...BODY, from: '2025-02-30' }), 400111));
  it('answers a date in another format with 400111', async () =>
    expectError(await post({ ...BODY, from: '04/01/2025' }), 400111));
  it('answers "to" before "from" with 400111', async () =>
    expectError(await post({ ...BODY, from: '2025-04-05', to: '2025-04-04' }), 400111));
  it('answers "to" in the future with 400111', async () =>
    expectError(await post({ ...BODY, to: '2025-04-09' }), 400111));
  it('answers "from" more than seven days before today with 400111 saying the earliest date', async () => {
    const r = await post({ ...BODY, from: '2025-03-31' });
    expectError(r, 400111);
    expect(r.body.message).toContain('2025-04-01');
  });
  it('reads "today" in the requested zone: at 02:00 UTC on 8 April, 8 April is still the future in New York', async () => {
    const local = await testApp({ CLOCK_START: '2025-04-08T02:00:00Z' });
    const res = await local.inject({
      method: 'POST',
      url: BASE,
      headers: TOKEN,
      payload: { ...BODY, to: '2025-04-08' },
    });
    expect(res.json()).toMatchObject({ code: 400111 });
    const utc = await local.inject({
      method: 'POST',
      url: BASE,
      headers: TOKEN,
      payload: { ...BODY, to: '2025-04-08', timezone: 'UTC' },
    });
    expect(utc.statusCode).toBe(200);
    await local.close();
  });
  it('answers an unknown ai_agent_id with 400201', async () =>
    expectError(await post({ ...BODY, ai_agent_id: 'ai_agent_nobody' }), 400201));
  it('answers an over-long ai_agent_id with 400110', async () =>
    expectError(await post({ ...BODY, ai_agent_id: 'x'.repeat(200) }), 400110));
  it('accepts the route with a trailing slash, as the vendor page writes it', async () => {
    const res = await app.inject({ method: 'POST', url: `${BASE}/`, headers: TOKEN, payload: BODY });
    expect(res.statusCode).toBe(200);
  });
  it('serves export details with a trailing slash too, as create and list are', async () => {
    const created = await app.inject({ method: 'POST', url: BASE, headers: TOKEN, payload: BODY });
    const res = await app.inject({ url: `${BASE}/${created.json().export_id}/`, headers: TOKEN });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().export_id).toBe(created.json().export_id);
  });
  it('answers an unknown export id with 400201', async () => {
    const res = await app.inject({ url: `${BASE}/doesnotexist`, headers: TOKEN });
    expect(res.json()).toMatchObject({ error: true, code: 400201 });
  });
});

describe('Sendbird list query validation', () => {
  const list = (qs: string) =>
    app.inject({ url: `${BASE}?${qs}`, headers: TOKEN }).then((r) => ({ status: r.statusCode, body: r.json() }));
  it('answers a non-numeric limit with 400101', async () => expectError(await list('limit=ten'), 400101));
  it('answers limit 0 and 101 with 400111', async () => {
    expectError(await list('limit=0'), 400111);
    expectError(await list('limit=101'), 400111);
  });
  it('answers an unknown export_status with 400111', async () =>
    expectError(await list('export_status=finished'), 400111));
  it('answers a non-numeric export_from_ts with 400101', async () =>
    expectError(await list('export_from_ts=yesterday'), 400101));
  it('answers a malformed token with 400109', async () => expectError(await list('token=abc'), 400109));
});

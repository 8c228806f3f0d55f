import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { BOT, EXPORT, JOB, token } from './kore.js';

let app: FastifyInstance;
let auth: string;
beforeAll(async () => {
  app = await testApp();
  auth = await token();
});
afterAll(async () => {
  await app.close();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: EXPORT(),
    headers: { auth, ...headers },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });

/** A 400 in Kore's envelope whose message contains `hint`. */
async function expect400(payload: unknown, hint: string | RegExp, headers?: Record<string, string>) {
  const res = await post(payload, headers);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['errors']);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].code).toBe(400);
  expect(body.errors[0].msg).toMatch(hint);
}

const range = (from: unknown, to: unknown, extra: Record<string, unknown> = {}) => ({
  filters: { from, to },
  ...extra,
});

describe('Kore export body', () => {
  it('accepts dates and ISO 8601 UTC date-times, as in the vendor sample', async () => {
    expect((await post(range('2025-01-25T07:32:58.611Z', '2025-01-31T07:32:58.611Z'))).statusCode).toBe(200);
    expect((await post(range('2025-04-01', '2025-04-07'))).statusCode).toBe(200);
    expect((await post(range('2025-04-01T00:00:00+00:00', '2025-04-02T10:00Z'))).statusCode).toBe(200);
  });

  it('allows at most 7 days: weekly date-only calls (the page: a month "once per week") and exactly 7 days of instants pass, one millisecond more does not', async () => {
    for (const [from, to] of [
      ['2025-04-01', '2025-04-08'],
      ['2025-04-08', '2025-04-15'],
      ['2025-04-22', '2025-04-29'],
      ['2025-04-01', '2025-04-07'],
    ]) {
      expect((await post(range(from, to))).statusCode, `${from}..${to}`).toBe(200);
    }
    expect((await post(range('2025-04-01T00:00:00.000Z', '2025-04-08T00:00:00.000Z'))).statusCode).toBe(200);
    await expect400(range('2025-04-01T00:00:00.000Z', '2025-04-08T00:00:00.001Z'), /exceeds 7 days.*Split the range/);
    await expect400(range('2025-04-01', '2025-04-09'), /exceeds 7 days/);
    await expect400(range('2025-04-01', '2025-04-08T00:00:00.001Z'), /exceeds 7 days/);
    await expect400(range('2025-03-01', '2025-03-31'), /exceeds 7 days/);
  });

  it('reads a date-time without a zone as UTC, as the page says the values are', async () => {
    const zoneless = await post(range('2025-04-01T00:00:00', '2025-04-08T00:00:00'));
    expect(zoneless.statusCode, zoneless.body).toBe(200);
    await expect400(range('2025-04-01T00:00:00', '2025-04-08T00:00:01'), /exceeds 7 days/);
  });

  it('rejects from after to', () =>
    expect400(range('2025-04-05', '2025-04-04'), /filters.from \(2025-04-05\) must not be after filters.to/));

  it('requires a body, filters, from and to, and says so', async () => {
    await expect400(undefined, /request body must be a JSON object/);
    await expect400({}, /filters is required/);
    await expect400({ filters: '2025-04-01' }, /filters must be an object with "from" and "to"/);
    await expect400({ filters: { to: '2025-04-07' } }, /filters.from is required/);
    await expect400({ filters: { from: '2025-04-01' } }, /filters.to is required/);
    await expect400(range('2025-04-01', 20250407), /filters.to must be a string/);
    await expect400([1, 2], /request body must be a JSON object/);
  });

  it('rejects dates that are not YYYY-MM-DD or ISO 8601 UTC', async () => {
    await expect400(
      range('2025/04/01', '2025-04-07'),
      /filters.from must be a date YYYY-MM-DD or an ISO 8601 UTC date-time/,
    );
    await expect400(range('April 1', '2025-04-07'), /filters.from must be a date/);
    await expect400(range('2025-04-01', '1743465600000'), /filters.to must be a date/);
    await expect400(range('2025-02-30', '2025-03-01'), /filters.from is not a real calendar date/);
    await expect400(range('2025-04-01T25:00:00Z', '2025-04-02'), /filters.from is not a real date and time/);
    await expect400(
      range('2025-04-01T08:00:00+05:30', '2025-04-02'),
      /filters.from must be in UTC: end the date-time with Z/,
    );
  });

  it('accepts event thumbsUp, thumbsDown or null, and nothing else (case-sensitive)', async () => {
    for (const event of ['thumbsUp', 'thumbsDown', null])
      expect((await post(range('2025-04-01', '2025-04-02', { event }))).statusCode).toBe(200);
    for (const event of ['thumbsup', 'ThumbsDown', 'like', '', 1])
      await expect400(
        range('2025-04-01', '2025-04-02', { event }),
        /Invalid event: event must be "thumbsUp" or "thumbsDown" \(case-sensitive\)/,
      );
  });

  it('answers malformed JSON, an empty JSON body and a non-JSON content type in the same envelope', async () => {
    await expect400('{"filters": {"from": ', /Malformed JSON in the request body/, {
      'content-type': 'application/json',
    });
    await expect400('', /request body is empty/, { 'content-type': 'application/json' });
    await expect400('filters=1', /must be JSON, sent with Content-Type: application\/json/, {
      'content-type': 'application/x-www-form-urlencoded',
    });
  });
});

describe('Kore routing errors', () => {
  it('answers a wrong method with 405 and Allow, in the Kore envelope', async () => {
    const cases: Array<[string, string, string]> = [
      ['GET', EXPORT(), 'POST'],
      ['PUT', EXPORT(), 'POST'],
      ['DELETE', JOB('fj-1'), 'GET, HEAD'],
      ['POST', JOB('fj-1'), 'GET, HEAD'],
      ['POST', '/kore/api/getMediaStream/findly/f-1.json', 'GET, HEAD'],
    ];
    for (const [method, url, allow] of cases) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { auth },
        payload: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${method} ${url}`).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.json()).toEqual({
        errors: [{ msg: expect.stringContaining(`Method ${method} is not allowed`), code: 405 }],
      });
    }
  });

  it('answers an unknown route under /kore with 404 in the Kore envelope', async () => {
    const res = await app.inject({ url: `/kore/api/public/bot/${BOT}/search/exports`, headers: { auth } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      errors: [{ msg: expect.stringContaining('not a Kore.ai Search AI export route'), code: 404 }],
    });
  });

  it('serves the vendor paths when the Host is a Kore host', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/bot/${BOT}/search/analytics-export`,
      headers: { auth, host: 'platform.kore.ai' },
      payload: range('2025-04-01', '2025-04-02'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()._id).toMatch(/^fj-/);
  });
});

describe('Kore trailing slashes', () => {
  it('serves analytics-export/ and jobs/{id}/ like the paths without the slash, as Express routes by default', async () => {
    const created = await app.inject({
      method: 'POST',
      url: `${EXPORT()}/`,
      headers: { auth },
      payload: range('2025-04-01', '2025-04-08'),
    });
    expect(created.statusCode, created.body).toBe(200);
    const polled = await app.inject({ url: `${JOB(created.json()._id)}/`, headers: { auth } });
    expect(polled.statusCode, polled.body).toBe(200);
    expect(polled.json()._id).toBe(created.json()._id);
  });
});

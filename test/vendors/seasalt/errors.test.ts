import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance, testApp } from '../../helpers.js';
import { BASE, BODY, create, KEY, poll, post, postRaw, RETURNS, SHARED_NUMBER, SMS, WHATSAPP, WS } from './seasalt.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
});

const CANDIDATES = [
  { channel_id: WHATSAPP, channel_type: 'WHATSAPP_BUSINESS_PLATFORM', name: 'WhatsApp Sales' },
  { channel_id: SMS, channel_type: 'LOCAL', name: 'SMS Support' },
];

/** The 422 items of a response, after checking the envelope. */
function items(res: { statusCode: number; json(): any }) {
  expect(res.statusCode).toBe(422);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['detail']);
  expect(Array.isArray(body.detail)).toBe(true);
  for (const item of body.detail) {
    expect(Object.keys(item).filter((k) => k !== 'ctx')).toEqual(['type', 'loc', 'msg', 'input']);
    expect(item.loc[0]).toBe('body');
  }
  return body.detail as Array<{
    type: string;
    loc: Array<string | number>;
    msg: string;
    input: unknown;
    ctx?: Record<string, unknown>;
  }>;
}

describe('Seasalt authentication', () => {
  it('answers a missing X-API-Key with 401 {"detail": "Invalid API key"}', async () => {
    const res = await post(app, BODY, {});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: 'Invalid API key' });
  });
  it('answers a wrong key with 401, on the poll route too', async () => {
    expect((await post(app, BODY, { 'x-api-key': 'nope' })).json()).toEqual({ detail: 'Invalid API key' });
    const res = await app.inject({
      url: `${BASE}/00000000-0000-4000-8000-000000000000`,
      headers: { 'x-api-key': 'nope' },
    });
    expect(res.statusCode).toBe(401);
  });
  it('answers an unknown workspace with 401 too (its key cannot be valid there)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: BASE.replace(WS, '00000000-0000-4000-8000-000000000000'),
      headers: KEY,
      payload: BODY,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: 'Invalid API key' });
  });
  it('accepts the workspace id in upper case, as a uuid column would', async () => {
    const res = await app.inject({
      method: 'POST',
      url: BASE.replace(WS, WS.toUpperCase()),
      headers: KEY,
      payload: BODY,
    });
    expect(res.statusCode).toBe(202);
  });
  it('decodes the JSON before checking the key, as FastAPI does: a wrong key with malformed JSON is 422 json_invalid', async () => {
    const res = await postRaw(app, '{bad', 'application/json', { 'x-api-key': 'nope' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json().detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 1] });
  });
  it('checks the key before validating the fields, as FastAPI runs dependencies first: a wrong key with bad fields is 401', async () => {
    const res = await post(app, { start_date: 'soon' }, { 'x-api-key': 'nope' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toEqual({ detail: 'Invalid API key' });
  });
});

describe('Seasalt routing (Starlette answers)', () => {
  it('answers an unknown path under /seasalt with 404 {"detail": "Not Found"}', async () => {
    const res = await app.inject({ url: '/seasalt/seax-api/api/v1/nothing', headers: KEY });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: 'Not Found' });
    expect(res.headers['content-type']).toBe('application/json');
  });
  it('answers a wrong method with 405 {"detail": "Method Not Allowed"} and Allow', async () => {
    const get = await app.inject({ url: BASE, headers: KEY });
    expect(get.statusCode).toBe(405);
    expect(get.json()).toEqual({ detail: 'Method Not Allowed' });
    expect(get.headers['content-type']).toBe('application/json');
    expect(get.headers.allow).toBe('POST');
    const del = await app.inject({ method: 'DELETE', url: `${BASE}/some-id`, headers: KEY });
    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD');
  });
  it('redirects a trailing slash with 307 to the path without it, before authentication', async () => {
    for (const method of ['POST', 'GET'] as const) {
      const res = await app.inject({ method, url: `${BASE}/?x=1`, headers: {} });
      expect(res.statusCode).toBe(307);
      expect(res.headers.location).toBe(`http://localhost:80${BASE}?x=1`);
    }
  });
  it('answers an unknown export job with 404 {"detail": "Export job not found"}', async () => {
    const res = await app.inject({ url: `${BASE}/00000000-0000-4000-8000-000000000000`, headers: KEY });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: 'Export job not found' });
  });
});

describe('Seasalt business rules', () => {
  it('answers a start_date in the future (UTC) with 400 and says what today is', async () => {
    const res = await post(app, { ...BODY, start_date: '2025-04-09', end_date: '2025-04-09' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      detail: 'start_date (2025-04-09) cannot be in the future: today is 2025-04-08 (UTC)',
    });
  });
  it('accepts today as start_date, and an end_date in the future', async () => {
    expect((await post(app, { ...BODY, start_date: '2025-04-08', end_date: '2025-04-30' })).statusCode).toBe(202);
  });
  it('reads "today" from the virtual clock in UTC: at 23:59:59Z the next day is still the future', async () => {
    await advance(app, 12 * 3600 - 1);
    expect((await post(app, { ...BODY, start_date: '2025-04-09', end_date: '2025-04-09' })).statusCode).toBe(400);
    await advance(app, 1);
    expect((await post(app, { ...BODY, start_date: '2025-04-09', end_date: '2025-04-09' })).statusCode).toBe(202);
  });
  it('answers an unknown channel_id with 404', async () => {
    const res = await post(app, { ...BODY, channel_id: '99999999-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: 'Channel not found' });
  });
  it('answers a number no channel has with 404', async () => {
    const res = await post(app, { phone_number: '+13125550100', start_date: '2025-04-01', end_date: '2025-04-01' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: 'No channel found for phone number +13125550100' });
  });
  it('answers a shared number with 409, the exact message and the candidates with their detailed types', async () => {
    const res = await post(app, { phone_number: SHARED_NUMBER, start_date: '2025-04-01', end_date: '2025-04-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      detail: {
        message: 'Multiple channels match this phone number. Specify channel_type or channel_id.',
        candidates: CANDIDATES,
      },
    });
  });
  it('resolves the shared number with channel_type (coarse value → detailed type)', async () => {
    for (const [type, channel] of [
      ['whatsapp', WHATSAPP],
      ['sms', SMS],
    ] as const) {
      const id = await create(app, {
        phone_number: SHARED_NUMBER,
        channel_type: type,
        start_date: '2025-04-01',
        end_date: '2025-04-01',
      });
      expect((await poll(app, id)).channel_id).toBe(channel);
    }
  });
  it('resolves the shared number by retrying with a candidate channel_id', async () => {
    const conflict = (
      await post(app, { phone_number: SHARED_NUMBER, start_date: '2025-04-01', end_date: '2025-04-01' })
    ).json();
    const id = await create(app, {
      channel_id: conflict.detail.candidates[0].channel_id,
      start_date: '2025-04-01',
      end_date: '2025-04-01',
    });
    expect((await poll(app, id)).channel_id).toBe(WHATSAPP);
  });
  it('answers a number with a channel_type none of its channels has with 404', async () => {
    const res = await post(app, {
      phone_number: SHARED_NUMBER,
      channel_type: 'line',
      start_date: '2025-04-01',
      end_date: '2025-04-01',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: `No line channel found for phone number ${SHARED_NUMBER}` });
  });
  it('answers a channel_id with a contradicting channel_type with 404', async () => {
    const res = await post(app, { ...BODY, channel_type: 'whatsapp' });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe(`Channel not found: channel ${SMS} is sms, not whatsapp`);
    expect((await post(app, { ...BODY, channel_type: 'sms' })).statusCode).toBe(202);
  });
  it('finds a channel of its own number without channel_type', async () => {
    const id = await create(app, { phone_number: '+13125550188', start_date: '2025-04-01', end_date: '2025-04-01' });
    expect((await poll(app, id)).channel_id).toBe(RETURNS);
  });

  it('answers a second export of the same channel and range with 409 while the first runs, and accepts it once finished', async () => {
    const first = await create(app);
    const again = await post(app, BODY);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      detail: `An export for this channel and date range is already in progress (export_job_id ${first}). Poll it until it has finished, then request again.`,
    });
    // Another range, another channel, or the same channel named by number, are other exports or the same one:
    expect((await post(app, { ...BODY, end_date: '2025-04-02' })).statusCode).toBe(202);
    expect((await post(app, { ...BODY, channel_id: WHATSAPP })).statusCode).toBe(202);
    expect(
      (
        await post(app, {
          phone_number: SHARED_NUMBER,
          channel_type: 'sms',
          start_date: '2025-04-01',
          end_date: '2025-04-01',
        })
      ).statusCode,
    ).toBe(409);
    await advance(app, 34);
    expect((await post(app, BODY)).statusCode).toBe(409);
    await advance(app, 1);
    expect((await poll(app, first)).status).toBe('finished');
    expect((await post(app, BODY)).statusCode).toBe(202);
  });
  it('lets a new export start once the running one has failed', async () => {
    const first = await create(app);
    await app.mock.ctx.jobs.patch(first, { outcome: { kind: 'failed', error: 'boom' } });
    await advance(app, 35);
    expect((await post(app, BODY)).statusCode).toBe(202);
  });
});

describe('Seasalt validation (FastAPI 422, pydantic v2 items)', () => {
  it('answers neither channel_id nor phone_number with the model error on ["body"]', async () => {
    const body = { start_date: '2025-04-01', end_date: '2025-04-01' };
    expect(items(await post(app, body))).toEqual([
      {
        type: 'value_error',
        loc: ['body'],
        msg: 'Value error, either channel_id or phone_number must be provided',
        input: body,
        ctx: { error: {} },
      },
    ]);
  });
  it('treats null and "" as not provided', async () => {
    const [item] = items(
      await post(app, { channel_id: '', phone_number: null, start_date: '2025-04-01', end_date: '2025-04-01' }),
    );
    expect(item!.msg).toBe('Value error, either channel_id or phone_number must be provided');
  });
  it('answers both channel_id and phone_number with 422', async () => {
    const [item] = items(await post(app, { ...BODY, phone_number: SHARED_NUMBER }));
    expect(item!.type).toBe('value_error');
    expect(item!.msg).toContain('either channel_id or phone_number must be provided');
    expect(item!.msg).toContain('not both');
  });
  it('answers end_date before start_date with 422', async () => {
    const body = { ...BODY, start_date: '2025-04-02', end_date: '2025-04-01' };
    expect(items(await post(app, body))).toEqual([
      {
        type: 'value_error',
        loc: ['body'],
        msg: 'Value error, end_date must be on or after start_date',
        input: body,
        ctx: { error: {} },
      },
    ]);
  });
  it('answers missing dates with "missing" items holding the whole body as input', async () => {
    const body = { channel_id: SMS };
    expect(items(await post(app, body))).toEqual([
      { type: 'missing', loc: ['body', 'start_date'], msg: 'Field required', input: body },
      { type: 'missing', loc: ['body', 'end_date'], msg: 'Field required', input: body },
    ]);
  });
  const badDates: Array<[string, string]> = [
    ['2025-02-30', 'day value is outside expected range'],
    ['2025-13-01', 'month value is outside expected range'],
    ['04/01/2025', 'invalid character in year'],
    ['2025-4-1', 'input is too short'],
    ['2025/04/01', 'invalid date separator, expected `-`'],
    ['2025-04-01x', 'invalid datetime separator, expected `T`, `t`, `_` or space'],
    ['2025-04-01T25:00', 'hour value is outside expected range'],
    ['2025-04-01T10', 'input is too short'],
    ['2025-04-01T00:00:00+25:00', 'timezone offset must be less than 24 hours'],
  ];
  for (const [value, reason] of badDates) {
    it(`answers start_date "${value}" with date_from_datetime_parsing: ${reason}`, async () => {
      expect(items(await post(app, { ...BODY, start_date: value }))).toEqual([
        {
          type: 'date_from_datetime_parsing',
          loc: ['body', 'start_date'],
          msg: `Input should be a valid date or datetime, ${reason}`,
          input: value,
          ctx: { error: reason },
        },
      ]);
    });
  }
  it('answers a date of another JSON type with date_type and a non-string id with string_type', async () => {
    expect(items(await post(app, { ...BODY, end_date: true, channel_id: 42 }))).toEqual([
      { type: 'date_type', loc: ['body', 'end_date'], msg: 'Input should be a valid date', input: true },
      { type: 'string_type', loc: ['body', 'channel_id'], msg: 'Input should be a valid string', input: 42 },
    ]);
    expect(items(await post(app, { ...BODY, start_date: null }))).toEqual([
      { type: 'date_type', loc: ['body', 'start_date'], msg: 'Input should be a valid date', input: null },
    ]);
  });
  it('accepts what pydantic accepts for a date: midnight date-times and unix timestamps (seconds or ms)', async () => {
    const midnight = 1_743_465_600; // 2025-04-01T00:00:00Z
    for (const [start, end] of [
      ['2025-04-01T00:00:00', '2025-04-02T00:00:00Z'],
      ['2025-04-01 00:00', '2025-04-03t00:00:00.000+02:00'],
      [midnight, (midnight + 3 * 86_400) * 1000],
      [String(midnight), '2025-04-05'],
    ]) {
      const res = await post(app, { ...BODY, start_date: start, end_date: end });
      expect(res.statusCode, `${start} ${end}: ${res.body}`).toBe(202);
    }
    const job = await app.inject({
      url: `${BASE}/${(await post(app, { ...BODY, start_date: midnight, end_date: '2025-04-06' })).json().export_job_id}`,
      headers: KEY,
    });
    expect(job.json()).toMatchObject({ start_date: '2025-04-01', end_date: '2025-04-06' });
  });
  it('answers a date-time or timestamp that is not midnight with date_from_datetime_inexact', async () => {
    for (const value of ['2025-04-01T10:00:00', 20250401, 1_743_465_601, '2025-04-01T00:00:00.5Z']) {
      expect(items(await post(app, { ...BODY, start_date: value }))).toEqual([
        {
          type: 'date_from_datetime_inexact',
          loc: ['body', 'start_date'],
          msg: 'Datetimes provided to dates should have zero time - e.g. be exact dates',
          input: value,
        },
      ]);
    }
  });
  it('answers a phone number not in E.164 with a field value_error', async () => {
    for (const phone of ['202-555-0123', '12025550123', '+0123456', '+1202555012345678']) {
      expect(items(await post(app, { phone_number: phone, start_date: '2025-04-01', end_date: '2025-04-01' }))).toEqual(
        [
          {
            type: 'value_error',
            loc: ['body', 'phone_number'],
            msg: 'Value error, phone_number must be in E.164 format, e.g. +12025550123',
            input: phone,
            ctx: { error: {} },
          },
        ],
      );
    }
  });
  it('answers an unknown channel_type with literal_error listing the accepted values', async () => {
    const expected = "'sms', 'whatsapp', 'messenger', 'instagram' or 'line'";
    for (const value of ['fax', 'SMS', 'LOCAL']) {
      expect(
        items(
          await post(app, {
            phone_number: SHARED_NUMBER,
            channel_type: value,
            start_date: '2025-04-01',
            end_date: '2025-04-01',
          }),
        ),
      ).toEqual([
        {
          type: 'literal_error',
          loc: ['body', 'channel_type'],
          msg: `Input should be ${expected}`,
          input: value,
          ctx: { expected },
        },
      ]);
    }
  });
  it('answers an invalid notification_email with the EmailStr value_error and its reason', async () => {
    const cases: Array<[string, string]> = [
      ['agent.example.com', 'An email address must have an @-sign.'],
      ['@example.com', 'There must be something before the @-sign.'],
      ['agent@', 'There must be something after the @-sign.'],
      ['agent@example', 'The part after the @-sign is not valid. It should have a period.'],
      ['age nt@example.com', "The email address contains invalid characters before the @-sign: ' '."],
      [
        'agent@mail.localhost',
        'The part after the @-sign is a special-use or reserved name that cannot be used with email.',
      ],
    ];
    for (const [email, reason] of cases) {
      expect(items(await post(app, { ...BODY, notification_email: email }))).toEqual([
        {
          type: 'value_error',
          loc: ['body', 'notification_email'],
          msg: `value is not a valid email address: ${reason}`,
          input: email,
          ctx: { reason },
        },
      ]);
    }
    expect((await post(app, { ...BODY, notification_email: 'zoë.müller+exports@example.co.uk' })).statusCode).toBe(202);
  });
  it('reports every field error at once, in field order, and no model error while fields fail', async () => {
    const res = items(
      await post(app, {
        start_date: 'x',
        end_date: '2025-02-29',
        phone_number: '5',
        channel_type: 'fax',
        notification_email: 'no',
      }),
    );
    expect(res.map((i) => i.loc.join('.'))).toEqual([
      'body.start_date',
      'body.end_date',
      'body.phone_number',
      'body.channel_type',
      'body.notification_email',
    ]);
  });
  it('ignores unknown fields, as pydantic does by default', async () => {
    expect((await post(app, { ...BODY, format: 'csv' })).statusCode).toBe(202);
  });

  const malformed: Array<[string, number, string]> = [
    ['{"start_date": ', 15, 'Expecting value'],
    ['{"a": 1,}', 8, 'Expecting property name enclosed in double quotes'],
    ["{'a': 1}", 1, 'Expecting property name enclosed in double quotes'],
    ['{"a" 1}', 5, "Expecting ':' delimiter"],
    ['{"a": 1 "b": 2}', 8, "Expecting ',' delimiter"],
    ['{"a": "x', 6, 'Unterminated string starting at'],
    ['{"a": "\\q"}', 7, 'Invalid \\escape'],
    ['{"a": 1} x', 9, 'Extra data'],
    ['{"😀": tru}', 6, 'Expecting value'],
  ];
  for (const [payload, pos, error] of malformed) {
    it(`answers malformed JSON ${JSON.stringify(payload)} with json_invalid at Python's position ${pos}`, async () => {
      expect(items(await postRaw(app, payload))).toEqual([
        { type: 'json_invalid', loc: ['body', pos], msg: 'JSON decode error', input: {}, ctx: { error } },
      ]);
    });
  }
  it('answers an empty body with the whole body missing', async () => {
    expect(items(await postRaw(app, ''))).toEqual([
      { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
    ]);
    expect(items(await postRaw(app, 'null'))).toEqual([
      { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
    ]);
  });
  it('answers a JSON array, or a body that is not JSON at all, with model_attributes_type', async () => {
    expect(items(await postRaw(app, '[1, 2]'))).toEqual([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: [1, 2],
      },
    ]);
    expect(items(await postRaw(app, 'channel_id=x', 'application/x-www-form-urlencoded'))).toEqual([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: 'channel_id=x',
      },
    ]);
  });
  it('decodes JSON sent without Content-Type, as application/*+json, or with a UTF-8 BOM', async () => {
    const text = JSON.stringify(BODY);
    const noType = await app.inject({ method: 'POST', url: BASE, headers: KEY, payload: Buffer.from(text) });
    expect(noType.statusCode, noType.body).toBe(202);
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    expect((await postRaw(app, text, 'application/vnd.api+json; charset=utf-8')).statusCode).toBe(202);
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    expect((await postRaw(app, `\uFEFF${text}`)).statusCode).toBe(202);
  });
  it('keeps a "__proto__" key as plain data', async () => {
    const res = await postRaw(
      app,
      '{"__proto__": {"channel_id": "x"}, "start_date": "2025-04-01", "end_date": "2025-04-01"}',
    );
    expect(items(res)[0]!.msg).toBe('Value error, either channel_id or phone_number must be provided');
  });
});

describe('Seasalt faults in the vendor shape', () => {
  it('answers a scenario 429 as FastAPI would, with Retry-After', async () => {
    expect((await app.inject({ method: 'POST', url: '/__admin/presets/rate-limited', payload: {} })).statusCode).toBe(
      200,
    );
    const res = await post(app, BODY);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ detail: 'Too Many Requests' });
    expect(res.headers['retry-after']).toBe('1');
    await app.inject({ method: 'DELETE', url: '/__admin/scenarios' });
  });
  it("answers a scenario 500 with Starlette's plain-text body", async () => {
    const add = await app.inject({
      method: 'POST',
      url: '/__admin/scenarios',
      payload: { name: 'boom', match: { vendor: 'seasalt' }, times: 1, http: { status: 500 } },
    });
    expect(add.statusCode, add.body).toBeLessThan(300);
    const res = await post(app, BODY);
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('Internal Server Error');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, testApp } from '../../helpers.js';
import {
  BOT,
  CLIENT_ID,
  CLIENT_SECRET,
  createJob,
  EXPORT,
  INVALID_CREDENTIALS,
  JOB,
  NO_SCOPE_ID,
  NO_SCOPE_SECRET,
  sign,
  WEEK,
} from './kore.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const post = (auth: string | undefined, bot = BOT, body: unknown = WEEK) =>
  app.inject({
    method: 'POST',
    url: EXPORT(bot),
    headers: auth === undefined ? {} : { auth },
    payload: body as Record<string, unknown>,
  });

async function expectRejected(auth: string | undefined, bot = BOT) {
  const res = await post(auth, bot);
  expect(res.statusCode, res.body).toBe(401);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json()).toEqual(INVALID_CREDENTIALS);
}

describe('Kore JWT authentication', () => {
  it('accepts an HS256 token made by jose SignJWT with the client secret and appId claim', async () => {
    const res = await post(await sign());
    expect(res.statusCode, res.body).toBe(200);
  });

  it('accepts the deterministic demo token offered by GET /__admin/tenants', async () => {
    const tenants = (await app.inject({ url: '/__admin/tenants' })).json().kore;
    const bot = tenants.tenants.find((t: { app_id: string }) => t.app_id === BOT);
    const demo = bot.apps.find((a: { client_id: string }) => a.client_id === CLIENT_ID).demo_token;
    // The same on every start (no iat, no exp): a README can print it.
    expect(demo).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC1leHBvcnQtbW9jay1kZW1vIiwiYXBwSWQiOiJjcy01ZTZmN2E4Yi05YzBkLTRlMWYtOGEyYi0zYzRkNWU2ZjdhOGIifQ.3bz3FlCY3-O9gB9zeKT0afbykPxg60KQ4X5RwF-jjYc',
    );
    expect(JSON.parse(Buffer.from(demo.split('.')[1], 'base64url').toString())).toEqual({
      sub: 'agent-export-mock-demo',
      appId: CLIENT_ID,
    });
    expect((await post(demo)).statusCode).toBe(200);
  });

  it('rejects a missing auth header', () => expectRejected(undefined));

  it('rejects alg "none" (an unsigned token with valid claims)', () =>
    expectRejected(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', appId: CLIENT_ID })}.`));

  it('rejects HS512 even when signed with the right secret', async () =>
    expectRejected(await sign({ appId: CLIENT_ID }, CLIENT_SECRET, 'HS512')));

  it('rejects an RS256 token, and an RS256 header over an HMAC signature (algorithm confusion)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectRejected(
      await new SignJWT({ appId: CLIENT_ID }).setProtectedHeader({ alg: 'RS256' }).setSubject('x').sign(privateKey),
    );
    const good = await sign();
    const [, payload, signature] = good.split('.');
    await expectRejected(`${b64({ alg: 'RS256', typ: 'JWT' })}.${payload}.${signature}`);
  });

  it('rejects a bad signature: another secret, or an altered payload', async () => {
    await expectRejected(await sign({ appId: CLIENT_ID }, 'not-the-secret'));
    const [header, , signature] = (await sign()).split('.');
    await expectRejected(`${header}.${b64({ sub: 'admin', appId: CLIENT_ID })}.${signature}`);
  });

  it('rejects malformed tokens', async () => {
    for (const bad of ['not-a-jwt', 'a.b.c', 'Bearer x', `${b64({ alg: 'HS256' })}.not-json.sig`, '...'])
      await expectRejected(bad);
  });

  it('rejects an unknown appId and a token without appId', async () => {
    await expectRejected(await sign({ appId: 'cs-00000000-0000-4000-8000-000000000000' }));
    await expectRejected(await sign({}));
  });

  it('rejects an app without the Answer Insights scope, though its token is valid for it', () =>
    sign({ appId: NO_SCOPE_ID }, NO_SCOPE_SECRET).then(expectRejected));

  it('rejects a token whose exp has passed on the virtual clock, and honours exp as the clock advances', async () => {
    const now = Math.floor(app.mock.ctx.clock.now() / 1000);
    await expectRejected(await sign({ appId: CLIENT_ID }, CLIENT_SECRET, 'HS256', now - 1));
    const shortLived = await sign({ appId: CLIENT_ID }, CLIENT_SECRET, 'HS256', now + 60);
    const created = await createJob(app, WEEK, shortLived);
    expect((await app.inject({ url: JOB(created._id), headers: { auth: shortLived } })).statusCode).toBe(200);
    await advance(app, 61);
    const late = await app.inject({ url: JOB(created._id), headers: { auth: shortLived } });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toEqual(INVALID_CREDENTIALS);
    await advance(app, -61);
  });

  it('answers an unknown bot AppID with the same 401', async () =>
    expectRejected(await sign(), 'st-00000000-0000-4000-8000-000000000000'));

  it('checks credentials before the body: a bad token with a bad body is a 401', async () => {
    const res = await post('nope', BOT, { filters: 'x' });
    expect(res.statusCode).toBe(401);
  });
});

describe('Kore apps and bots', () => {
  let two: FastifyInstance;
  const OTHER_BOT = 'st-99999999-8888-4777-8666-555555555555';
  const SHARED = {
    client_id: 'cs-11111111-2222-4333-8444-555555555555',
    client_secret: 'shared-secret',
    scopes: ['Answer Insights'],
  };
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kore-seeds-'));
    const seeds = {
      kore: {
        bots: [
          {
            app_id: BOT,
            name: 'Help Center Search',
            apps: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scopes: ['Answer Insights'] }, SHARED],
          },
          { app_id: OTHER_BOT, name: 'Other', apps: [SHARED] },
        ],
      },
    };
    writeFileSync(join(dir, 'seeds.json'), JSON.stringify(seeds));
    two = await testApp({ SEEDS: join(dir, 'seeds.json') });
  });
  afterAll(async () => {
    await two.close();
  });

  it('rejects an app that is not allowed on the bot of the URL', async () => {
    const res = await two.inject({
      method: 'POST',
      url: EXPORT(OTHER_BOT),
      headers: { auth: await sign() },
      payload: WEEK,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(INVALID_CREDENTIALS);
  });

  it("answers 404 for another bot's job and for an unknown job id", async () => {
    const shared = await sign({ appId: SHARED.client_id }, SHARED.client_secret);
    const created = await createJob(two, WEEK, shared);
    expect((await two.inject({ url: JOB(created._id), headers: { auth: shared } })).statusCode).toBe(200);
    for (const url of [JOB(created._id, OTHER_BOT), JOB('fj-00000000-0000-5000-8000-000000000000')]) {
      const res = await two.inject({ url, headers: { auth: shared } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ errors: [{ msg: 'Job not found', code: 404 }] });
    }
  });
});

describe('a token verified once', () => {
  it('still expires at its exp on later requests (the verification cache rechecks the clock)', async () => {
    const app = await testApp();
    const exp = Date.parse('2025-04-08T12:01:00Z') / 1000;
    const auth = await sign({ appId: CLIENT_ID }, CLIENT_SECRET, 'HS256', exp);
    const ok = await app.inject({ method: 'POST', url: EXPORT(), headers: { auth }, payload: WEEK });
    expect(ok.statusCode).toBe(200);
    await advance(app, 59);
    expect((await app.inject({ url: JOB(ok.json()._id), headers: { auth } })).statusCode).toBe(200);
    await advance(app, 1);
    const late = await app.inject({ url: JOB(ok.json()._id), headers: { auth } });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toEqual(INVALID_CREDENTIALS);
    await app.close();
  });
});

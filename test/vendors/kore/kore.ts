/** Shared fixtures of the Kore tests: the seeded bot and apps, tokens minted with jose, and the export flow. */
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { expect } from 'vitest';
import { companyOf } from '../../../src/core/world/companies.js';
import { dayPlan } from '../../../src/core/world/day-plan.js';
import { advance, download } from '../../helpers.js';

export const BOT = 'st-2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
export const CLIENT_ID = 'cs-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
export const CLIENT_SECRET = 'demo-kore-client-secret';
export const NO_SCOPE_ID = 'cs-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const NO_SCOPE_SECRET = 'demo-kore-no-scope-secret';
export const SEED = 'agent-export-mock';
export const EXPORT = (bot = BOT) => `/kore/api/public/bot/${bot}/search/analytics-export`;
export const JOB = (id: string, bot = BOT) => `/kore/api/public/bot/${bot}/search/jobs/${id}`;
export const INVALID_CREDENTIALS = { errors: [{ msg: 'Invalid SDK credentials', code: 4002 }] };
export const WEEK = { filters: { from: '2025-04-01', to: '2025-04-08' } };

/** A token as a client makes it with a standard JWT library. */
export function sign(
  claims: Record<string, unknown> = { appId: CLIENT_ID },
  secret = CLIENT_SECRET,
  alg = 'HS256',
  exp?: number,
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).setSubject('tester@example.com');
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

let cached: string | undefined;
export async function token(): Promise<string> {
  return (cached ??= await sign());
}

export async function createJob(app: FastifyInstance, body: unknown = WEEK, auth?: string) {
  const res = await app.inject({
    method: 'POST',
    url: EXPORT(),
    headers: { auth: auth ?? (await token()) },
    payload: body as Record<string, unknown>,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function poll(app: FastifyInstance, id: string) {
  const res = await app.inject({ url: JOB(id), headers: { auth: await token() } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Creates an export, lets it finish and returns the finished job. */
export async function finishedJob(app: FastifyInstance, body: unknown = WEEK) {
  const created = await createJob(app, body);
  await advance(app, 60);
  const done = await poll(app, created._id);
  expect(done.status, JSON.stringify(done)).toBe('SUCCESS');
  return done;
}

/** Downloads every fragment of a finished job: the raw bytes and the parsed records, in order. */
export async function fragmentsOf(
  app: FastifyInstance,
  job: { analyticsFragments: Array<{ fileUrl: string; recordCount: number }> },
) {
  const out: Array<{ bytes: Buffer; records: any[] }> = [];
  for (const f of job.analyticsFragments) {
    const res = await download(app, f.fileUrl);
    expect(res.statusCode, res.body).toBe(200);
    out.push({ bytes: res.rawPayload, records: JSON.parse(res.body) });
  }
  return out;
}

/**
 * A window holding exactly `n` searches of the seeded bot on 2025-04-07 (a past day for the test clock): from the
 * instant of the k-th search of the day to the instant of the (k+n-1)-th, skipping neighbours that share an instant.
 */
export function windowOf(n: number, volume: number, start = 10) {
  const starts = dayPlan(SEED, 'kore', BOT, '2025-04-07', volume, companyOf(undefined).timeZone).starts;
  for (let k = Math.max(1, start); k + n < starts.length; k++) {
    if (starts[k - 1]! < starts[k]! && starts[k + n - 1]! < starts[k + n]!) {
      return {
        body: { filters: { from: new Date(starts[k]!).toISOString(), to: new Date(starts[k + n - 1]!).toISOString() } },
        stamps: Array.from(starts.slice(k, k + n)),
      };
    }
  }
  throw new Error(`no window of ${n} searches in a day of ${starts.length}`);
}

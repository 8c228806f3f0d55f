/** Shared constants and calls for the Zendesk tests: the seeded EU organization and bot, and the one API call. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { download } from '../../helpers.js';

export const ORG = '77m57af6811115b53172431s';
export const BOT = '98174e8d635471c383b9ec7b';
export const KEY = 'demo-zendesk-api-key';
export const US_ORG = '65a1f0c2d3e4b5a697887766';
export const US_BOT = '5f0e9d8c7b6a594837261504';
export const US_KEY = 'demo-zendesk-us-api-key';
export const PATH = '/data-export/v3/get-signed-urls';
export const EU = `/zendesk/eu${PATH}`;
export const US = `/zendesk/us${PATH}`;
export const HEADERS = { authorization: KEY, organizationid: ORG, botid: BOT };
export const US_HEADERS = { authorization: US_KEY, organizationid: US_ORG, botid: US_BOT };
/** The test clock stands at 2025-04-08T12:00:00Z: 2025-04-07 is finalized (02:00Z today), 2025-04-08 is not. */
export const YESTERDAY = '2025-04-07';

export function signedUrls(
  app: FastifyInstance,
  payload: unknown,
  opts: { url?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: opts.url ?? EU,
    headers: opts.headers ?? HEADERS,
    payload: payload as Record<string, unknown>,
  });
}

/** The URLs of a day, failing the test unless the API answered 200. */
export async function urlsOf(
  app: FastifyInstance,
  date: string,
  extra: Record<string, unknown> = {},
  opts: { url?: string; headers?: Record<string, string> } = {},
): Promise<string[]> {
  const res = await signedUrls(app, { date, ...extra }, opts);
  if (res.statusCode !== 200) throw new Error(`get-signed-urls ${date} answered ${res.statusCode}: ${res.body}`);
  return res.json().urls;
}

/** The bytes of each file of a day, in shard order. */
export async function filesOf(
  app: FastifyInstance,
  date: string,
  extra: Record<string, unknown> = {},
  opts: { url?: string; headers?: Record<string, string> } = {},
): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const url of await urlsOf(app, date, extra, opts)) {
    const res = await download(app, url);
    if (res.statusCode !== 200) throw new Error(`download answered ${res.statusCode}: ${res.body}`);
    out.push(res.rawPayload);
  }
  return out;
}

/** Every conversation record of a day, parsed from the NDJSON files. */
export async function recordsOf(
  app: FastifyInstance,
  date: string,
  opts: { url?: string; headers?: Record<string, string> } = {},
): Promise<Array<Record<string, any>>> {
  return (await filesOf(app, date, {}, opts)).flatMap((b) =>
    b
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
}

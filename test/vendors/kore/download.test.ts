import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { download, setClock, testApp } from '../../helpers.js';
import { createJob, finishedJob, fragmentsOf, poll, WEEK } from './kore.js';

const ENDED = Date.parse('2025-04-08T12:00:35Z');
const EXPIRES = ENDED + 86_400_000;

let app: FastifyInstance;
let job: any;
let url: URL;
beforeAll(async () => {
  app = await testApp();
  job = await finishedJob(app);
  url = new URL(job.analyticsFragments[0].fileUrl);
});
afterAll(async () => {
  await app.close();
});

const denied = async (link: string, msg: RegExp) => {
  const res = await download(app, link);
  expect(res.statusCode, res.body).toBe(403);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json()).toEqual({ errors: [{ msg: expect.stringMatching(msg), code: 403 }] });
};
const withParam = (name: string, value: string | null) => {
  const u = new URL(url);
  if (value === null) u.searchParams.delete(name);
  else u.searchParams.set(name, value);
  return u.toString();
};

describe('Kore media-stream links', () => {
  afterEach(async () => {
    await setClock(app, '2025-04-08T12:01:00Z');
  });

  it('encode their expiry, 24 hours after the job ended, in n (unix seconds)', () => {
    expect(url.pathname).toMatch(/^\/kore\/api\/getMediaStream\/findly\/f-[0-9a-f-]{36}\.json$/);
    expect(Number(url.searchParams.get('n')) * 1000).toBe(EXPIRES);
  });

  it('serve the JSON file with its size, ETag and Last-Modified; HEAD and Range work', async () => {
    const res = await download(app, url.toString());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${job.analyticsFragments[0].fileName}.json"`,
    );
    expect(JSON.parse(res.body)).toHaveLength(job.analyticsFragments[0].recordCount);
    const head = await download(app, url.toString(), {}, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(res.headers['content-length']);
    expect(head.body).toBe('');
    const range = await download(app, url.toString(), { range: 'bytes=0-8' });
    expect(range.statusCode).toBe(206);
    expect(range.body).toBe('[\n{"_id":');
  });

  it('work one second before they expire and are refused from the instant they expire', async () => {
    await setClock(app, new Date(EXPIRES - 1000).toISOString());
    expect((await download(app, url.toString())).statusCode).toBe(200);
    await setClock(app, new Date(EXPIRES).toISOString());
    await denied(url.toString(), /^This media link expired at 2025-04-09T12:00:35.000Z/);
  });

  it('refuse altered links: signature, expiry, file, or a missing parameter', async () => {
    const s = url.searchParams.get('s')!;
    await denied(withParam('s', `${s.slice(0, -1)}${s.endsWith('0') ? '1' : '0'}`), /signature does not match/);
    await denied(withParam('n', String(EXPIRES / 1000 + 86_400)), /signature does not match/);
    const other = new URL(job.analyticsFragments[1].fileUrl);
    await denied(`${url.origin}${other.pathname}${url.search}`, /signature does not match/);
    await denied(withParam('s', null), /n and s parameters are missing or malformed/);
    await denied(withParam('n', 'tomorrow'), /n and s parameters are missing or malformed/);
  });

  it('answer 404 for a correctly signed link to a file that does not exist', async () => {
    const key = 'f-00000000-0000-5000-8000-000000000000.json';
    const s = app.mock.ctx.signer.token(`findly/${key}`, EXPIRES);
    const res = await app.inject({ url: `/kore/api/getMediaStream/findly/${key}?n=${EXPIRES / 1000}&s=${s}` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ errors: [{ msg: 'File not found', code: 404 }] });
  });

  it('stay the same on every poll of the finished job', async () => {
    expect((await poll(app, job._id)).analyticsFragments).toEqual(job.analyticsFragments);
  });
});

describe('Kore determinism', () => {
  it('gives identical answers and bytes for identical requests to two servers with the same seed, other bytes with another seed', async () => {
    const run = async (seed?: string) => {
      const server = await testApp(seed ? { SEED: seed } : {});
      try {
        const created = await createJob(server, WEEK);
        const done = await finishedJob(server, WEEK);
        return { created, done, files: (await fragmentsOf(server, done)).map((f) => f.bytes) };
      } finally {
        await server.close();
      }
    };
    const [a, b, c] = [await run(), await run(), await run('another-seed')];
    expect(b.created).toEqual(a.created);
    expect(b.done).toEqual(a.done);
    expect(b.files.length).toBeGreaterThan(1);
    for (let i = 0; i < a.files.length; i++) expect(b.files[i]!.equals(a.files[i]!)).toBe(true);
    expect(c.done._id).not.toBe(a.done._id);
    expect(c.files[0]!.equals(a.files[0]!)).toBe(false);
  });
});

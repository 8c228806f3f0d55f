/**
 * A link secret of its own (issue 13, item 7): links are signed with LINK_SECRET, random per installation by default
 * (kept in DATA_DIR, per process without it), never derived from the public seed; and a link whose expiry lies
 * beyond what the vendor could ever have signed is refused even when its signature is right.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hmacHex, keySecret } from '../../src/core/signing/hmac.js';
import { presignV4, S3_V4 } from '../../src/core/signing/query-v4.js';
import { presignV2 } from '../../src/core/signing/s3-v2.js';
import { advance, download, PUBLIC_URL, testApp } from '../helpers.js';
import * as kore from '../vendors/kore/kore.js';
import * as seasalt from '../vendors/seasalt/seasalt.js';
import * as sendbird from '../vendors/sendbird/sendbird.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aem-secret-'));
  dirs.push(d);
  return d;
};

const PUBLIC_SEED = 'agent-export-mock';
const SEASALT_KEY = 'AKIAMOCKSEASALT00001';
const SENDBIRD_KEY = 'AKIAMOCKSENDBIRD0001';
/** The default: no LINK_SECRET given (testApp otherwise passes a fixed one). */
const NO_SECRET = { LINK_SECRET: undefined };

async function finishedSeasalt(app: Awaited<ReturnType<typeof testApp>>) {
  const id = await seasalt.create(app);
  await advance(app, 60);
  return seasalt.poll(app, id);
}

/** The Seasalt link of a finished job, re-signed with `secret` and a new Expires (unix seconds). */
function resignV2(url: string, secret: string, expiresSeconds: number): string {
  const u = new URL(url);
  const [, , bucket, ...key] = u.pathname.split('/');
  return presignV2(
    { accessKeyId: SEASALT_KEY, secret },
    u.origin,
    '/s3',
    bucket!,
    key.map(decodeURIComponent).join('/'),
    expiresSeconds * 1000,
  );
}

describe('LINK_SECRET', () => {
  it('is not derived from the public seed: a link forged with the seed is refused', async () => {
    const app = await testApp(NO_SECRET);
    const job = await finishedSeasalt(app);
    // Forged as anyone who knows the default seed could: Expires in the year 5138.
    const forged = resignV2(job.presigned_url, keySecret(PUBLIC_SEED, SEASALT_KEY), 99_999_999_999);
    const res = await download(app, forged);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    await app.close();
  });

  it('is random per process without DATA_DIR: another server does not accept this one’s links', async () => {
    const a = await testApp(NO_SECRET);
    const b = await testApp(NO_SECRET);
    const job = await finishedSeasalt(a);
    await finishedSeasalt(b);
    expect((await download(a, job.presigned_url)).statusCode).toBe(200);
    expect((await download(b, job.presigned_url)).statusCode).toBe(403);
    await Promise.all([a.close(), b.close()]);
  });

  it('is kept in DATA_DIR (owner-only) and reused on restart', async () => {
    const dir = dataDir();
    const first = await testApp({ ...NO_SECRET, DATA_DIR: dir });
    const job = await finishedSeasalt(first);
    await first.close();
    const file = join(dir, 'link-secret');
    expect(statSync(file).mode & 0o077).toBe(0);
    const second = await testApp({ ...NO_SECRET, DATA_DIR: dir });
    expect((await download(second, job.presigned_url)).statusCode).toBe(200);
    await second.close();
  });

  it('given explicitly, makes responses identical across servers while file bytes depend on the seed alone', async () => {
    const secret = 'a-fixed-link-secret-for-this-test';
    const a = await testApp({ LINK_SECRET: secret });
    const b = await testApp({ LINK_SECRET: secret });
    const c = await testApp({ LINK_SECRET: 'quite-another-link-secret-here' });
    const [ja, jb, jc] = [await finishedSeasalt(a), await finishedSeasalt(b), await finishedSeasalt(c)];
    expect(jb).toEqual(ja);
    expect(jc.presigned_url).not.toBe(ja.presigned_url);
    const [fa, fc] = [await download(a, ja.presigned_url), await download(c, jc.presigned_url)];
    expect(fa.statusCode).toBe(200);
    expect(fc.rawPayload.equals(fa.rawPayload)).toBe(true);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('must be long enough to be a secret', async () => {
    await expect(testApp({ LINK_SECRET: 'short' })).rejects.toThrow(/LINK_SECRET/);
  });
});

describe('links beyond what the vendor could have signed', () => {
  it('S3 V2 (Seasalt): an Expires past any job’s link lifetime is refused even with the right signature', async () => {
    const app = await testApp();
    const job = await finishedSeasalt(app);
    const secret = app.mock.ctx.signer.key(SEASALT_KEY).secret;
    const inLifetime = Math.floor(Date.parse('2025-04-08T12:30:00Z') / 1000);
    expect((await download(app, resignV2(job.presigned_url, secret, inLifetime))).statusCode).toBe(200);
    const res = await download(app, resignV2(job.presigned_url, secret, 99_999_999_999));
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    await app.close();
  });

  it('S3 V4 (Sendbird): X-Amz-Expires above 604800 is AuthorizationQueryParametersError', async () => {
    const app = await testApp();
    const job = await sendbird.create(app, { ...sendbird.BODY, from: '2025-04-07', to: '2025-04-07' });
    await advance(app, 60);
    const url = new URL((await sendbird.details(app, job.export_id)).export_file.url);
    const signedAt = Date.parse('2025-04-08T12:00:30Z');
    const forged = presignV4(
      S3_V4('us-east-1'),
      app.mock.ctx.signer.key(SENDBIRD_KEY),
      PUBLIC_URL,
      url.pathname,
      signedAt,
      604_801,
    );
    const res = await download(app, forged);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<Code>AuthorizationQueryParametersError</Code>');
    await app.close();
  });

  it('Kore: a media link whose n is past the 24-hour lifetime is refused even with the right signature', async () => {
    const app = await testApp();
    const done = await kore.finishedJob(app, { filters: { from: '2025-04-07', to: '2025-04-08' } });
    const url = new URL(done.analyticsFragments[0].fileUrl);
    const file = url.pathname.split('/').pop()!;
    const n = 999_999_999_999;
    url.searchParams.set('n', String(n));
    url.searchParams.set('s', app.mock.ctx.signer.token(`findly/${file}`, n * 1000));
    const res = await download(app, url.toString());
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0].msg).toMatch(/signature does not match/);
    // The untouched link still works.
    expect((await download(app, done.analyticsFragments[0].fileUrl)).statusCode).toBe(200);
    await app.close();
  });

  it('the token of a Kore link is no plain HMAC of the public seed', async () => {
    const app = await testApp(NO_SECRET);
    const done = await kore.finishedJob(app, { filters: { from: '2025-04-07', to: '2025-04-08' } });
    const url = new URL(done.analyticsFragments[0].fileUrl);
    const file = url.pathname.split('/').pop()!;
    const n = Number(url.searchParams.get('n'));
    expect(url.searchParams.get('s')).not.toBe(
      hmacHex(keySecret(PUBLIC_SEED, 'vendor-link-token'), `findly/${file}\n${n * 1000}`),
    );
    await app.close();
  });
});

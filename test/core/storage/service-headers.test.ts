/** The headers real S3 and GCS put on every answer, which clients log and some check (fidelity issue). */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../../helpers.js';
import { create, details } from '../../vendors/sendbird/sendbird.js';
import { urlsOf, YESTERDAY } from '../../vendors/zendesk/zendesk.js';

let app: FastifyInstance;
let s3Link: URL;
beforeAll(async () => {
  app = await testApp();
  const job = await create(app);
  await advance(app, 60);
  s3Link = new URL((await details(app, job.export_id)).export_file.url);
});
afterAll(async () => {
  await app.close();
});

const xmlRequestId = (body: string) => /<RequestId>([^<]+)<\/RequestId>/.exec(body)?.[1];

describe('S3 answers', () => {
  it('carry x-amz-request-id, x-amz-id-2 and Server: AmazonS3, on a download and on an error alike', async () => {
    const ok = await download(app, s3Link.href);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.server).toBe('AmazonS3');
    expect(ok.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(ok.headers['x-amz-id-2']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const tampered = new URL(s3Link.href);
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const denied = await download(app, tampered.href);
    expect(denied.statusCode).toBe(403);
    expect(denied.headers.server).toBe('AmazonS3');
    expect(denied.headers['x-amz-request-id']).toBe(xmlRequestId(denied.body));
  });

  it('give every request its own RequestId, also three errors on the same path at the same instant', async () => {
    const ids = new Set<string>();
    for (const param of ['X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Date']) {
      const bad = new URL(s3Link.href);
      bad.searchParams.set(param, param === 'X-Amz-Signature' ? 'f'.repeat(64) : 'garbage');
      const res = await download(app, bad.href);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      ids.add(xmlRequestId(res.body)!);
    }
    ids.add((await download(app, s3Link.href)).headers['x-amz-request-id'] as string);
    expect(ids.size).toBe(4);
  });
});

describe('GCS answers', () => {
  it('carry x-goog-hash (the MD5 of the body) and x-goog-generation on a download', async () => {
    const [url] = await urlsOf(app, YESTERDAY);
    const res = await download(app, url!);
    expect(res.statusCode).toBe(200);
    const md5 = createHash('md5').update(res.rawPayload).digest('base64');
    expect(res.headers['x-goog-hash']).toBe(`md5=${md5}`);
    expect(res.headers['x-goog-generation']).toMatch(/^\d{16}$/);
    expect(res.headers['x-goog-metageneration']).toBe('1');
    expect(res.headers['x-goog-stored-content-length']).toBe(String(res.rawPayload.length));
  });
});

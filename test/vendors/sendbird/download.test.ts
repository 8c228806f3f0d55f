import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../../helpers.js';
import { create, details, exportJson } from './sendbird.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

async function finished() {
  const created = await create(app);
  await advance(app, 60);
  return details(app, created.export_id);
}

describe('Sendbird download link', () => {
  it('works until one second before expires_at and answers S3 AccessDenied "Request has expired" at expires_at', async () => {
    const job = await finished();
    const now = Date.parse((await app.inject({ url: '/__admin/clock' })).json().now);
    await advance(app, (job.export_file.expires_at - now) / 1000 - 1);
    expect((await download(app, job.export_file.url)).statusCode).toBe(200);
    await advance(app, 1);
    const expired = await download(app, job.export_file.url);
    expect(expired.statusCode).toBe(403);
    expect(expired.headers['content-type']).toMatch(/^application\/xml/);
    expect(expired.body).toContain(
      '<Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>604800</X-Amz-Expires>',
    );
    expect(expired.body).toContain(
      `<Expires>${new Date(job.export_file.expires_at).toISOString().replace('.000', '')}</Expires>`,
    );
    expect(expired.body).toMatch(
      /<ServerTime>[^<]+<\/ServerTime><RequestId>[0-9A-F]{16}<\/RequestId><HostId>[^<]+<\/HostId>/,
    );
  });

  it('answers a tampered link with 403 SignatureDoesNotMatch', async () => {
    const job = await finished();
    const url = new URL(job.export_file.url);
    url.searchParams.set('X-Amz-Expires', '604799');
    const res = await download(app, url.toString());
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(res.body).toContain('<AWSAccessKeyId>AKIAMOCKSENDBIRD0001</AWSAccessKeyId>');
    const other = job.export_file.url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000');
    expect((await download(app, other)).body).toContain('SignatureDoesNotMatch');
    const pathChanged = job.export_file.url.replace('.zip?', '0.zip?');
    expect((await download(app, pathChanged)).body).toContain('SignatureDoesNotMatch');
  });

  it('answers a link without signature with 403 AccessDenied and a missing object with NoSuchKey', async () => {
    const job = await finished();
    const url = new URL(job.export_file.url);
    expect((await download(app, `${url.origin}${url.pathname}`)).body).toContain(
      '<Code>AccessDenied</Code><Message>Access Denied</Message>',
    );
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    await advance(app, 60);
    const gone = await download(app, job.export_file.url);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('<Code>NoSuchKey</Code>');
  });

  it('serves HEAD, Range (206) and conditional GET like S3', async () => {
    const job = await finished();
    const full = await download(app, job.export_file.url);
    const size = full.rawPayload.length;
    expect(full.headers['content-length']).toBe(String(size));
    expect(full.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(full.headers['last-modified']).toBeDefined();
    expect(full.headers['accept-ranges']).toBe('bytes');

    const head = await download(app, job.export_file.url, {}, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(size));
    expect(head.rawPayload.length).toBe(0);

    const part = await download(app, job.export_file.url, { range: 'bytes=10-19' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${size}`);
    expect(part.rawPayload).toEqual(full.rawPayload.subarray(10, 20));

    const tail = await download(app, job.export_file.url, { range: 'bytes=-5' });
    expect(tail.rawPayload).toEqual(full.rawPayload.subarray(size - 5));

    const beyond = await download(app, job.export_file.url, { range: `bytes=${size}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.body).toContain('<Code>InvalidRange</Code>');

    const cached = await download(app, job.export_file.url, { 'if-none-match': full.headers.etag as string });
    expect(cached.statusCode).toBe(304);
  });

  it('gives byte-identical files for the same seed and requests, and different files for another seed', async () => {
    const first = await exportJson(app);
    const again = await testApp();
    const second = await exportJson(again);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.job.export_file.url).toBe(first.job.export_file.url);
    await again.close();
    const other = await testApp({ SEED: 'another-seed' });
    const third = await exportJson(other);
    expect(third.bytes.equals(first.bytes)).toBe(false);
    await other.close();
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, download, setClock, testApp } from '../../helpers.js';
import { BOT, urlsOf, YESTERDAY } from './zendesk.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('Zendesk signed links', () => {
  it('are GCS V4 links to files/{bot}/{date}/conversation_<bot>_<YYYYMMDD>_000000000000.json, signed now for one day by default', async () => {
    const [url] = await urlsOf(app, YESTERDAY);
    const u = new URL(url!);
    expect(u.origin).toBe('http://mock.test:4010');
    expect(u.pathname).toBe(
      `/gcs/production-eu-ultimateai-backend-data-export/files/${BOT}/${YESTERDAY}/conversation_${BOT}_20250407_000000000000.json`,
    );
    expect(Object.fromEntries(u.searchParams)).toMatchObject({
      'X-Goog-Algorithm': 'GOOG4-RSA-SHA256',
      'X-Goog-Credential':
        'data-export@ultimateai-production.iam.gserviceaccount.com/20250408/auto/storage/goog4_request',
      'X-Goog-Date': '20250408T120000Z',
      'X-Goog-Expires': '86400',
      'X-Goog-SignedHeaders': 'host',
    });
    expect(u.searchParams.get('X-Goog-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the file as JSON with a fixed Last-Modified (the day’s finalization), ETag and length', async () => {
    const [url] = await urlsOf(app, YESTERDAY);
    const res = await download(app, url!);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['last-modified']).toBe('Tue, 08 Apr 2025 02:00:00 GMT');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
  });

  it('works until one second before ttl ends and answers ExpiredToken at the instant it ends', async () => {
    const [url] = await urlsOf(app, YESTERDAY, { ttl: 10 });
    await advance(app, 599);
    expect((await download(app, url!)).statusCode).toBe(200);
    await advance(app, 1);
    const expired = await download(app, url!);
    expect(expired.statusCode).toBe(400);
    expect(expired.headers['content-type']).toMatch(/^application\/xml/);
    expect(expired.body).toContain('<Code>ExpiredToken</Code>');
    expect(expired.body).toContain('Request signature expired at: 2025-04-08T12:10:00+00:00');
    await setClock(app, '2025-04-08T12:00:00Z');
  });

  it('answers a tampered link with 403 SignatureDoesNotMatch', async () => {
    const [url] = await urlsOf(app, YESTERDAY);
    const longer = url!.replace('X-Goog-Expires=86400', 'X-Goog-Expires=604800');
    const otherFile = url!.replace('_000000000000.json', '_000000000001.json');
    for (const bad of [longer, otherFile]) {
      const res = await download(app, bad);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    }
  });

  it('answers HEAD and Range requests as storage does', async () => {
    const [url] = await urlsOf(app, YESTERDAY);
    const whole = await download(app, url!);
    const head = await download(app, url!, {}, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(whole.headers['content-length']);
    expect(head.headers.etag).toBe(whole.headers.etag);
    const part = await download(app, url!, { range: 'bytes=10-99' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-99/${whole.rawPayload.length}`);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(10, 100))).toBe(true);
  });
});

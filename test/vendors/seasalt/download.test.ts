import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../../helpers.js';
import { create, poll } from './seasalt.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

/** A finished job; it ends at 12:00:35Z (5 s queued + 30 s running from 12:00:00Z). */
async function finished() {
  const id = await create(app);
  await advance(app, 35);
  const job = await poll(app, id);
  expect(job.status).toBe('finished');
  return job;
}

describe('Seasalt download link (S3 Signature V2)', () => {
  it('works until one second before 24 hours after finishing, and answers AccessDenied "Request has expired" at 24 hours', async () => {
    const job = await finished();
    await advance(app, 86_400 - 1);
    const last = await download(app, job.presigned_url);
    expect(last.statusCode).toBe(200);
    expect(last.headers['content-type']).toBe('application/zip');
    await advance(app, 1);
    const expired = await download(app, job.presigned_url);
    expect(expired.statusCode).toBe(403);
    expect(expired.headers['content-type']).toMatch(/^application\/xml/);
    expect(expired.body).toContain(
      '<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Expires>2025-04-09T12:00:35Z</Expires><ServerTime>2025-04-09T12:00:35Z</ServerTime>',
    );
    // V2 links carry no X-Amz-Expires element.
    expect(expired.body).not.toContain('X-Amz-Expires');
    // The poll still shows the same (now dead) link and its expiry.
    expect((await poll(app, job.export_job_id)).presigned_url_expires_at).toBe('2025-04-09T12:00:35.000000');
  });

  it('answers an altered link with 403 SignatureDoesNotMatch', async () => {
    const job = await finished();
    const url = new URL(job.presigned_url);
    const later = new URL(url);
    later.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600));
    const res = await download(app, later.toString());
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(res.body).toContain('<AWSAccessKeyId>AKIAMOCKSEASALT00001</AWSAccessKeyId>');
    expect(res.body).toContain(`<StringToSign>GET\n\n\n${later.searchParams.get('Expires')}\n/seax-bulksms/`);

    const otherFile = job.presigned_url.replace('.zip?', '0.zip?');
    expect((await download(app, otherFile)).body).toContain('<Code>SignatureDoesNotMatch</Code>');
    const otherSignature = new URL(url);
    otherSignature.searchParams.set('Signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect((await download(app, otherSignature.toString())).body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers a link without its signature with 403 AccessDenied', async () => {
    const job = await finished();
    const url = new URL(job.presigned_url);
    const res = await download(app, `${url.origin}${url.pathname}`);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<Code>AccessDenied</Code><Message>Access Denied</Message>');
  });

  it('keeps the file after a poll past expiry (only the link dies): a new export gives a new working link', async () => {
    const first = await finished();
    await advance(app, 86_400);
    expect((await download(app, first.presigned_url)).statusCode).toBe(403);
    const id = await create(app);
    await advance(app, 35);
    const second = await poll(app, id);
    expect(second.presigned_url).not.toBe(first.presigned_url);
    expect((await download(app, second.presigned_url)).statusCode).toBe(200);
  });
});

/**
 * Files are stamped with the moment their export finished, as export_ended_at and X-Amz-Date say (fidelity issue): the
 * ZIP entries' modification time and the download's Last-Modified, never the request time.
 */

import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { advance, download, testApp } from '../helpers.js';
import * as seasalt from './seasalt/seasalt.js';
import * as sendbird from './sendbird/sendbird.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

/** The modification instants of a ZIP's entries, read as UTC (the writer stamps UTC). */
function entryTimes(zip: Buffer): Promise<number[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const out: number[] = [];
      file.on('entry', (e: yauzl.Entry) => {
        const t = e.getLastModDate({ timezone: 'UTC' } as never) as unknown as Date;
        out.push(t.getTime());
        file.readEntry();
      });
      file.on('end', () => resolve(out));
      file.readEntry();
    });
  });
}

describe('file stamps', () => {
  it('Sendbird: the ZIP entry and Last-Modified show export_ended_at, not the request time', async () => {
    const created = await sendbird.create(app);
    await advance(app, 3600);
    const done = await sendbird.details(app, created.export_id);
    const ended = done.export_ended_at as number;
    expect(ended).toBeGreaterThan(created.created_at * 1000);
    const file = await download(app, done.export_file.url);
    expect(Date.parse(file.headers['last-modified'] as string)).toBe(Math.floor(ended / 1000) * 1000);
    // DOS times have two-second resolution.
    for (const t of await entryTimes(file.rawPayload)) expect(Math.abs(t - ended)).toBeLessThanOrEqual(2000);
  });

  it('Seasalt: the ZIP entries and Last-Modified show when the job finished (its link lives 24 h from then)', async () => {
    const id = await seasalt.create(app);
    await advance(app, 3600);
    const job = await seasalt.poll(app, id);
    const finished = Date.parse(`${job.presigned_url_expires_at}Z`) - 86_400_000;
    expect(finished).toBeGreaterThan(Date.parse(`${job.created_time}Z`));
    const file = await download(app, job.presigned_url);
    expect(Date.parse(file.headers['last-modified'] as string)).toBe(Math.floor(finished / 1000) * 1000);
    const times = await entryTimes(file.rawPayload);
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(Math.abs(t - finished)).toBeLessThanOrEqual(2000);
  });
});

/**
 * Statements of Kore.ai's "Export Analytics Data" page that no other test checked, each named by a row of the README's
 * fidelity matrix.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, testApp } from '../../helpers.js';
import { createJob, poll } from './kore.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

describe('Kore job file details', () => {
  it('gives no file URL before the job completes: fileInfo is {"ext": "json"} and there are no fragments', async () => {
    const created = await createJob(app);
    await advance(app, 10);
    const running = await poll(app, created._id);
    expect(running.status).toBe('INPROGRESS');
    expect(running.fileInfo).toEqual({ ext: 'json' });
    for (const key of ['analyticsFragments', 'hasAnalyticsFragments', 'store', 'message']) expect(running).not.toHaveProperty(key);
    expect(JSON.stringify(running)).not.toContain('getMediaStream');
    await advance(app, 60);
    const done = await poll(app, created._id);
    expect(done.status).toBe('SUCCESS');
    expect(done.analyticsFragments[0].fileUrl).toContain('/api/getMediaStream/findly/');
  });
});

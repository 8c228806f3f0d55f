import { describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../helpers.js';
import { BASE, create, details, TOKEN } from '../vendors/sendbird/sendbird.js';

describe('the HTTP Date header', () => {
  it('comes from the virtual clock on vendor, storage and control-plane answers, and moves with it', async () => {
    const app = await testApp();
    const job = await create(app);
    expect((await app.inject({ url: `${BASE}/${job.export_id}`, headers: TOKEN })).headers.date).toBe(
      'Tue, 08 Apr 2025 12:00:00 GMT',
    );
    await advance(app, 61);
    const done = await details(app, job.export_id);
    const file = await download(app, done.export_file.url);
    expect(file.headers.date).toBe('Tue, 08 Apr 2025 12:01:01 GMT');
    expect((await app.inject({ url: '/__admin/health' })).headers.date).toBe('Tue, 08 Apr 2025 12:01:01 GMT');
    const expired = await app.inject({ url: '/s3/nope' });
    expect(expired.headers.date).toBe('Tue, 08 Apr 2025 12:01:01 GMT');
    await app.close();
  });
});

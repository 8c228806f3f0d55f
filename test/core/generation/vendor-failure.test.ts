import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerCrash } from '../../../src/core/generation/pool.js';
import { advance, testApp } from '../../helpers.js';
import { BODY, create, poll } from '../../vendors/seasalt/seasalt.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

describe('a generation worker that dies', () => {
  // The pool's own tests show a real death (uncaught error, exit, heap limit) rejecting its task with WorkerCrash.
  it("fails that export in the vendor's own words, and the next export is written", async () => {
    vi.spyOn(app.mock.ctx.generation, 'run').mockRejectedValueOnce(
      new WorkerCrash('seasalt.export: Worker terminated due to reaching memory limit: JS heap out of memory'),
    );
    const lost = await create(app);
    const next = await create(app, { ...BODY, end_date: '2025-04-02' });
    await advance(app, 60);
    expect(await poll(app, lost)).toMatchObject({
      status: 'failed',
      presigned_url: null,
      error_message: 'Export failed due to an internal error. Please try again later.',
    });
    expect(await poll(app, next)).toMatchObject({ status: 'finished', error_message: null });
  });
});

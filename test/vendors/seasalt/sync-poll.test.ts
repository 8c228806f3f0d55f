import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../src/core/context.js';
import { EmbeddedJobStore } from '../../../src/core/state/embedded-jobs.js';
import { type KeyValueStore, MemoryKeyValue } from '../../../src/core/state/key-value.js';
import type { SeasaltJob } from '../../../src/vendors/seasalt/lifecycle.js';
import { Outbox } from '../../../src/vendors/seasalt/outbox.js';

const T0 = Date.parse('2025-04-08T12:00:00Z');

/** The memory store behind promises, as a shared (Redis) store answers. */
const promised = (kv: MemoryKeyValue): KeyValueStore =>
  new Proxy(kv, {
    get: (target, name) => {
      const member = Reflect.get(target, name) as unknown;
      return typeof member === 'function' ? async (...args: unknown[]) => member.apply(target, args) : member;
    },
  });

function outboxOver(kv: KeyValueStore) {
  const jobs = new EmbeddedJobStore(() => T0);
  const job = jobs.create(
    {
      id: 'job-1',
      vendor: 'seasalt',
      tenant: 'ws',
      createdAt: T0,
      queuedMs: 0,
      runningMs: 0,
      outcome: { kind: 'success' },
      params: { notificationEmail: 'a@example.com' },
    },
    async () => 'done',
  );
  const ctx = { kv, jobs, config: {} } as unknown as CoreContext;
  return { outbox: new Outbox(ctx, {} as FastifyBaseLogger), job: job as unknown as SeasaltJob };
}

describe('Seasalt outbox reads: at once from the embedded stores, a promise from a shared one', () => {
  it('answers the pending jobs as a value from the memory store', async () => {
    const { outbox, job } = outboxOver(new MemoryKeyValue());
    await outbox.track(job);
    const pending = outbox.pendingJobs();
    expect(pending).not.toBeInstanceOf(Promise);
    expect((pending as Array<{ id: string }>).map((j) => j.id)).toEqual(['job-1']);
  });

  it('answers the same jobs through a promise when the key-value store answers with promises', async () => {
    const { outbox, job } = outboxOver(promised(new MemoryKeyValue()));
    await outbox.track(job);
    const pending = outbox.pendingJobs();
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).map((j) => j.id)).toEqual(['job-1']);
  });
});

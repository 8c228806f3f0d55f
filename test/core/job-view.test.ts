/** viewJob and its forced branch: a job's state as a pure function of its record and the clock. */
import { describe, expect, it } from 'vitest';
import { type Generation, isLateRead, type Job, viewJob } from '../../src/core/jobs/job.js';

const T0 = Date.parse('2025-04-08T12:00:00Z');

function job(over: Partial<Job<unknown, string>> = {}, gen: Partial<Generation<string>> = {}): Job<unknown, string> {
  return {
    id: 'j',
    vendor: 'v',
    tenant: 't',
    seq: 1,
    createdAt: T0,
    queuedMs: 5_000,
    runningMs: 30_000,
    outcome: { kind: 'success' },
    params: {},
    generation: {
      state: 'done',
      progress: 1,
      result: 'file',
      finishedAt: T0 + 1_000,
      promise: Promise.resolve(),
      ...gen,
    },
    ...over,
  };
}

describe('viewJob', () => {
  it('is queued, then running with progress from the clock, then succeeded exactly when due', () => {
    const j = job();
    expect(viewJob(j, T0 + 4_999)).toEqual({ phase: 'queued', progress: 0 });
    expect(viewJob(j, T0 + 5_000 + 15_000)).toEqual({ phase: 'running', progress: 0.5, startedAt: T0 + 5_000 });
    expect(viewJob(j, T0 + 35_000)).toEqual({
      phase: 'succeeded',
      progress: 1,
      startedAt: T0 + 5_000,
      endedAt: T0 + 35_000,
      result: 'file',
    });
  });

  it('never lets progress run ahead of the real work, and never reaches 1 before the end', () => {
    expect(viewJob(job({}, { state: 'running', progress: 0.2 }), T0 + 30_000).progress).toBe(0.2);
    expect(viewJob(job(), T0 + 34_999).progress).toBeLessThan(1);
  });

  it('stays running past its time while the file is unwritten, then ends when the file did (seenLate)', () => {
    const j = job({}, { state: 'running', progress: 0.7, finishedAt: undefined });
    expect(viewJob(j, T0 + 40_000).phase).toBe('running');
    // The read found it late: the store records that (JobStore.view), and the end then reads the file's time.
    expect(isLateRead(j, T0 + 40_000)).toBe(true);
    const written = job({}, { state: 'done', progress: 1, finishedAt: T0 + 50_000, seenLate: true });
    expect(viewJob(written, T0 + 60_000)).toMatchObject({ phase: 'succeeded', endedAt: T0 + 50_000 });
    expect(isLateRead(written, T0 + 60_000)).toBe(false);
  });

  it('ends failed when due for a job whose outcome is failed, and never ends a stuck one', () => {
    expect(viewJob(job({ outcome: { kind: 'failed', error: 'boom' } }), T0 + 35_000)).toMatchObject({
      phase: 'failed',
      error: 'boom',
      endedAt: T0 + 35_000,
    });
    expect(viewJob(job({ outcome: { kind: 'stuck' } }), T0 + 10 * 86_400_000)).toMatchObject({
      phase: 'running',
      progress: 0.99,
    });
  });

  it('reads a generation error as failed, with the error of the work', () => {
    expect(viewJob(job({}, { state: 'error', error: 'disk', progress: 0.4 }), T0 + 35_000)).toMatchObject({
      phase: 'failed',
      error: 'disk',
    });
  });

  describe('a forced state', () => {
    it('applies from the instant it was forced, not before', () => {
      const j = job({ forced: { phase: 'failed', at: T0 + 10_000, error: 'forced' } });
      expect(viewJob(j, T0 + 9_999).phase).toBe('running');
      expect(viewJob(j, T0 + 10_000)).toMatchObject({ phase: 'failed', endedAt: T0 + 10_000, error: 'forced' });
    });

    it('succeeds only once the file is written, and queued or running as forced', () => {
      const unwritten = job({ forced: { phase: 'succeeded', at: T0 + 1_000 } }, { state: 'running', progress: 0.3 });
      expect(viewJob(unwritten, T0 + 2_000)).toMatchObject({ phase: 'running', progress: 0.3 });
      const written = job({ forced: { phase: 'succeeded', at: T0 + 1_000 } });
      expect(viewJob(written, T0 + 2_000)).toMatchObject({ phase: 'succeeded', endedAt: T0 + 1_000, result: 'file' });
      expect(viewJob(job({ forced: { phase: 'queued', at: T0 } }), T0 + 60_000)).toEqual({
        phase: 'queued',
        progress: 0,
      });
      expect(viewJob(job({ forced: { phase: 'running', at: T0 } }), T0 + 60_000).phase).toBe('running');
    });
  });
});

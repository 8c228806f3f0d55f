import { afterEach, describe, expect, it, vi } from 'vitest';
import { failingAs } from '../../src/core/generation/engine.js';
import { WorkerCrash } from '../../src/core/generation/pool.js';
import { type GenerationTask, type Job, viewJob } from '../../src/core/jobs/job.js';
import { EmbeddedJobStore } from '../../src/core/state/embedded-jobs.js';

const T0 = Date.parse('2025-04-08T12:00:00Z');

function deferred<R>(): {
  task: GenerationTask<R>;
  resolve(r: R): void;
  reject(e: Error): void;
  started: () => boolean;
} {
  let resolve!: (r: R) => void;
  let reject!: (e: Error) => void;
  let started = false;
  const promise = new Promise<R>((res, rej) => ((resolve = res), (reject = rej)));
  return {
    task: () => ((started = true), promise),
    resolve: (r) => resolve(r),
    reject: (e) => reject(e),
    started: () => started,
  };
}

function store() {
  let now = T0;
  const jobs = new EmbeddedJobStore(() => now);
  return { jobs, advance: (ms: number) => (now += ms), now: () => now };
}

const init = (id: string, runningMs: number, outcome: Job['outcome'] = { kind: 'success' }) => ({
  id,
  vendor: 'toy',
  tenant: 't',
  createdAt: T0,
  queuedMs: 0,
  runningMs,
  outcome,
  params: {},
});

/** Whether a promise has settled after every microtask and immediate queued so far has run. */
async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('JobStore: completion as an event', () => {
  it('starts every job at once (the pool decides what runs), instead of one after another', () => {
    const { jobs } = store();
    const a = deferred<string>();
    const b = deferred<string>();
    jobs.create(init('a', 1000), a.task);
    jobs.create(init('b', 1000), b.task);
    expect([a.started(), b.started()]).toEqual([true, true]);
  });

  it('settleAll after a clock move waits for the work that became due, however long, with no time bound', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { jobs, advance, now } = store();
    const work = deferred<string>();
    const job = jobs.create(init('a', 30_000), work.task);
    advance(30_000);
    const settling = jobs.settleAll();
    vi.advanceTimersByTime(60_000); // far past the old 5 s bound
    expect(await settledYet(settling)).toBe(false);
    expect(viewJob(jobs.get(job.id)!, now()).phase).toBe('running');
    work.resolve('file');
    await settling;
    expect(viewJob(jobs.get(job.id)!, now())).toMatchObject({
      phase: 'succeeded',
      result: 'file',
      endedAt: T0 + 30_000,
    });
  });

  it('waits for a job not yet due only until its work has reached the share its time has come for', async () => {
    const { jobs, advance, now } = store();
    let report!: (f: number) => void;
    const job = jobs.create(init('later', 60_000), (r) => ((report = r), new Promise<never>(() => undefined)));
    advance(30_000); // half its life
    const settling = jobs.settleAll();
    report(0.4);
    expect(await settledYet(settling)).toBe(false);
    report(0.5);
    await settling;
    // Progress reads the clock's half, never more than the work done, and the rest of the work goes on.
    expect(viewJob(jobs.get(job.id)!, now())).toMatchObject({ phase: 'running', progress: 0.5 });
    expect(jobs.get(job.id)!.generation.state).toBe('running');
  });

  it('does not wait for a due job whose record says it fails', async () => {
    const { jobs, advance } = store();
    jobs.create(init('fails', 0, { kind: 'failed', error: 'boom' }), deferred().task);
    advance(1000);
    await jobs.settleAll();
  });

  it('waits for a job forced to succeed, whose file it needs', async () => {
    const { jobs, now } = store();
    const work = deferred<string>();
    const job = jobs.create(init('a', 60_000), work.task);
    jobs.patch(job.id, { forced: { phase: 'succeeded', at: now() } });
    const settling = jobs.settleAll();
    expect(await settledYet(settling)).toBe(false);
    work.resolve('file');
    await settling;
    expect(viewJob(jobs.get(job.id)!, now()).phase).toBe('succeeded');
  });

  it('ends a job when it was due, not when this machine happened to finish writing its file', async () => {
    const { jobs, advance, now } = store();
    const work = deferred<string>();
    const job = jobs.create(init('a', 30_000), work.task);
    advance(10_000);
    work.resolve('file'); // written early, at T0 + 10 s
    await jobs.settleAll();
    advance(50_000);
    expect(viewJob(jobs.get(job.id)!, now())).toMatchObject({
      phase: 'succeeded',
      startedAt: T0,
      endedAt: T0 + 30_000,
    });
  });

  it('settles at once, with no promise, when no job has work under way, and through a promise while one has', async () => {
    const { jobs, advance } = store();
    const work = deferred<string>();
    const job = jobs.create(init('a', 1000), work.task);
    advance(1000);
    const settling = jobs.settle(job, 1000);
    expect(settling).toBeInstanceOf(Promise);
    work.resolve('file');
    await settling;
    expect(jobs.settle(job, 1000)).toBeUndefined();
  });

  it('bounds the wait only for a caller that asks (a poll), and then answers running', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { jobs, advance, now } = store();
    const job = jobs.create(init('a', 0), deferred<string>().task);
    advance(1);
    const polled = jobs.settle(job, 1000);
    vi.advanceTimersByTime(1000);
    await polled;
    expect(viewJob(jobs.get(job.id)!, now()).phase).toBe('running');
  });

  it('drops the results of work that ends after a reset, and drain waits for work under way', async () => {
    const { jobs } = store();
    const work = deferred<string>();
    const job = jobs.create(init('a', 0), work.task);
    let settled = 0;
    jobs.onSettled = () => settled++;
    jobs.reset();
    work.resolve('file');
    await jobs.drain();
    expect(jobs.get(job.id)).toBeUndefined();
    expect(settled).toBe(0);
    expect(jobs.all()).toEqual([]);
  });
});

describe('failingAs', () => {
  it("fails a job whose worker died with the vendor's own message, and keeps other failures' messages", async () => {
    const { jobs, advance, now } = store();
    const crashed = jobs.create(
      init('a', 0),
      failingAs('Export failed due to an internal error.', () =>
        Promise.reject(new WorkerCrash('seasalt.export: heap limit')),
      ),
    );
    const broken = jobs.create(
      init('b', 0),
      failingAs('Export failed due to an internal error.', () => Promise.reject(new Error('the world changed'))),
    );
    advance(1);
    await jobs.settleAll();
    expect(viewJob(jobs.get(crashed.id)!, now())).toMatchObject({
      phase: 'failed',
      error: 'Export failed due to an internal error.',
    });
    expect(viewJob(jobs.get(broken.id)!, now())).toMatchObject({ phase: 'failed', error: 'the world changed' });
  });
});

describe('JobStore: the copies it hands out', () => {
  it('reuses a copy while nothing changed, and shows every change of progress, end of work or patch', async () => {
    const { jobs } = store();
    let report!: (f: number) => void;
    const work = deferred<string>();
    jobs.create(init('a', 1000), (r, signal) => ((report = r), work.task(r, signal)));
    await new Promise((r) => setImmediate(r));
    const first = jobs.get('a')!;
    expect(jobs.get('a')).toBe(first);
    report(0.5);
    expect(jobs.get('a')!.generation.progress).toBe(0.5);
    work.resolve('file');
    await jobs.drain();
    const done = jobs.get('a')!;
    expect(done.generation).toMatchObject({ state: 'done', result: 'file', progress: 1 });
    expect(jobs.get('a')).toBe(done);
    jobs.patch('a', { forced: { phase: 'failed', at: T0 } });
    expect(jobs.get('a')!.forced).toEqual({ phase: 'failed', at: T0 });
    expect(Object.isFrozen(jobs.get('a'))).toBe(true);
  });
});

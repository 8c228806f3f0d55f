import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GenerationEngine } from '../../../src/core/generation/engine.js';
import { WorkerCrash, WorkerPool } from '../../../src/core/generation/pool.js';
import { defineTask, siblingModule } from '../../../src/core/generation/task.js';
import { ObjectStore } from '../../../src/core/storage/object-store.js';

const task = <P, R>(name: string) => defineTask<P, R>(name, siblingModule(import.meta.url, `tasks/${name}`));
const writeFile = task<{ key: string; text: string; parts: number }, { size: number; now: number }>('write-file');
const crash = task<{ how: 'throw-later' | 'exit' | 'heap' | 'reject' | 'disk-full' }, never>('crash');
const hold = task<{ gate: SharedArrayBuffer }, string>('hold');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function engine(size = 2, heapMb = 64): { engine: GenerationEngine; store: ObjectStore; pool: WorkerPool } {
  const root = mkdtempSync(join(tmpdir(), 'pool-test-'));
  const store = new ObjectStore(root);
  const pool = new WorkerPool({ size, maxOldGenerationSizeMb: heapMb });
  cleanups.push(
    () => pool.close(),
    () => rmSync(root, { recursive: true, force: true }),
  );
  return { engine: new GenerationEngine(store, () => 1_744_113_600_000, pool), store, pool };
}

describe('generation pool', () => {
  it('runs a task in a worker that writes its file into the store, with progress and the clock it was given', async () => {
    const { engine: e, store } = engine();
    const progress: number[] = [];
    const result = await e.run(writeFile, { key: 'a/b.txt', text: 'hello ', parts: 4 }, (f) => progress.push(f));
    expect(result).toEqual({ size: 24, now: 1_744_113_600_000 });
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    const object = store.head('test', 'a/b.txt')!;
    expect(object).toMatchObject({
      size: 24,
      lastModified: 1_744_113_600_000,
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
    });
    expect(readFileSync(join(store.location, 'objects', 'test', 'a', 'b.txt'), 'utf8')).toBe('hello '.repeat(4));
  });

  it('passes a task failure on as its message, and keeps the worker for the next task', async () => {
    const { engine: e, pool } = engine();
    await expect(e.run(crash, { how: 'reject' })).rejects.toThrow('the world changed while it was written');
    expect(pool.threads).toBe(1);
    await expect(e.run(writeFile, { key: 'k', text: 'x', parts: 1 })).resolves.toMatchObject({ size: 1 });
    expect(pool.threads).toBe(1);
  });

  it("keeps an operating-system error's code and syscall (a full disk), so the job can read as the vendor's failure", async () => {
    const { engine: e } = engine();
    await expect(e.run(crash, { how: 'disk-full' })).rejects.toMatchObject({
      message: 'ENOSPC: no space left on device, write',
      code: 'ENOSPC',
      syscall: 'write',
    });
  });

  it.each(['throw-later', 'exit', 'heap'] as const)(
    'fails the task of a worker that dies (%s) and replaces the worker',
    async (how) => {
      const { engine: e, pool } = engine(2, 16);
      const died = e.run(crash, { how });
      await expect(died).rejects.toBeInstanceOf(WorkerCrash);
      expect(pool.threads).toBe(0);
      await expect(e.run(writeFile, { key: 'after', text: 'ok', parts: 1 })).resolves.toMatchObject({ size: 2 });
      expect(pool.threads).toBe(1);
    },
  );

  it('runs a small task while a big one holds the other worker', async () => {
    const { engine: e } = engine(2);
    const gate = new SharedArrayBuffer(8);
    const flag = new Int32Array(gate);
    const big = e.run(hold, { gate });
    await (
      Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { value: Promise<string> | string } }
    ).waitAsync(flag, 1, 0).value;
    // The big task is running and will not end until released: the small one must finish meanwhile.
    await expect(e.run(writeFile, { key: 'small', text: 'x', parts: 1 })).resolves.toMatchObject({ size: 1 });
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    await expect(big).resolves.toBe('released');
  });

  it('drops the files of work given before a reset, and cancels work still queued', async () => {
    const { engine: e, store } = engine(2);
    const first = e.run(writeFile, { key: 'old', text: 'x', parts: 1 });
    e.reset();
    await expect(first).rejects.toThrow('discarded by a reset');
    expect(store.head('test', 'old')).toBeUndefined();
    const abort = new AbortController();
    const gate = new SharedArrayBuffer(8);
    const holds = [e.run(hold, { gate }), e.run(hold, { gate })];
    const queued = e.run(writeFile, { key: 'never', text: 'x', parts: 1 }, undefined, abort.signal);
    abort.abort();
    await expect(queued).rejects.toThrow('cancelled');
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    await Promise.all(holds);
  });
});

describe('generation pool, idle', () => {
  it('lets an idle worker exit after idleMs, and starts a new one for the next task', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const root = mkdtempSync(join(tmpdir(), 'pool-test-'));
      const pool = new WorkerPool({ size: 2, maxOldGenerationSizeMb: 64, idleMs: 1000 });
      cleanups.push(
        () => pool.close(),
        () => rmSync(root, { recursive: true, force: true }),
      );
      const e = new GenerationEngine(new ObjectStore(root), () => 0, pool);
      await e.run(writeFile, { key: 'a', text: 'x', parts: 1 });
      vi.advanceTimersByTime(999);
      expect(pool.threads).toBe(1);
      vi.advanceTimersByTime(1);
      expect(pool.threads).toBe(0);
      await expect(e.run(writeFile, { key: 'b', text: 'y', parts: 1 })).resolves.toMatchObject({ size: 1 });
      expect(pool.threads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

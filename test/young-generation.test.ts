/**
 * The CLI keeps V8's young generation at its size while no worker thread runs (src/young-generation.ts), in a child
 * process: V8 flags are process-wide, and this one must not reach the test runner's heap. A burst of allocations whose
 * objects survive a few collections doubles the young generation (2 MB to 32 MB) unless the growth is held. Starting
 * a thread puts V8's default back (a new isolate raises the factor to at least 2), hence the second burst.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CHILD = `
import { getHeapSpaceStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { keepYoungGenerationSize } from './src/young-generation.ts';
const youngMb = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20;
const burst = () => {
  let kept = [];
  for (let i = 0; i < 2e6; i++) {
    kept.push({ i, s: 'x' + i });
    if (kept.length > 200000) kept = [];
  }
};
keepYoungGenerationSize();
const atStart = youngMb();
burst();
const afterBurst = youngMb();
const worker = new Worker('setTimeout(() => {}, 20)', { eval: true });
await new Promise((resolve) => worker.once('exit', resolve));
const afterWorker = youngMb();
burst();
console.log(JSON.stringify({ atStart, afterBurst, afterWorker, afterLaterBurst: youngMb() }));
`;

describe('keepYoungGenerationSize', () => {
  it('holds the young generation at its size through a burst, and again once a worker thread has exited', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      encoding: 'utf8',
    });
    const { atStart, afterBurst, afterWorker, afterLaterBurst } = JSON.parse(out) as Record<string, number>;
    expect(afterBurst).toBe(atStart);
    // While the worker ran, V8's default growth applied (it may have grown once then); after, it holds again.
    expect(afterLaterBurst).toBe(afterWorker);
  });
});

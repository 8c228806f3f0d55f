/** Paging the job list in one pass gives exactly the pages of the fully sorted list, ties on time included. */
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOf } from '../../src/admin/job-pages.js';
import type { Job } from '../../src/core/jobs/job.js';

function jobs(n: number, seed: number): Job[] {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // Few distinct times, so many ties; insertion order unrelated to creation time (a clock moved back, a restore).
  return Array.from(
    { length: n },
    (_, i) => ({ id: `j${i}`, createdAt: Math.floor(rnd() * 20) * 1000, seq: i + 1 }) as Job,
  ).sort(() => rnd() - 0.5);
}

describe('pageOf', () => {
  it('walks every job once, newest first, for any page size', () => {
    for (const [n, limit, seed] of [
      [0, 3, 1],
      [1, 1, 2],
      [57, 5, 3],
      [200, 7, 4],
      [200, 200, 5],
      [200, 1000, 6],
    ] as const) {
      const all = jobs(n, seed);
      const sorted = [...all].sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq).map((j) => j.id);
      const walked: string[] = [];
      let after: { createdAt: number; seq: number } | undefined;
      for (let guard = 0; guard <= n; guard++) {
        const { page, more } = pageOf(all, limit, after);
        walked.push(...page.map((j) => j.id));
        if (!more) break;
        after = decodeCursor(encodeCursor(page[page.length - 1]!));
      }
      expect(walked, `n=${n} limit=${limit}`).toEqual(sorted);
    }
  });

  it('refuses a cursor it did not write', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['garbage', '', b64('[1,"x"]'), b64('[1.5,2]'), b64('[1,2,3]'), b64('{"a":1}')])
      expect(decodeCursor(bad), bad).toBeUndefined();
    expect(decodeCursor(b64('[1,2]'))).toEqual({ createdAt: 1, seq: 2 });
  });
});

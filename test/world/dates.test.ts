import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';
import { isoInstant, utcDateOf } from '../../src/core/world/dates.js';

describe('isoInstant', () => {
  it("writes every instant as Date's toISOString does, across days, years and the edges of its fast path", () => {
    const rng = Rng.of('iso-instant');
    const instants = [0, 1, 999, 86_399_999, 86_400_000, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000];
    // Runs of instants within a day and jumps between days, back and forth (the day is cached).
    for (let i = 0; i < 5000; i++) instants.push(rng.int(0, 4_102_444_800_000), 1_745_000_000_000 + rng.int(0, 9e8));
    for (const ms of instants) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      expect(isoInstant(ms, '+00:00')).toBe(`${new Date(ms).toISOString().slice(0, -1)}+00:00`);
      expect(utcDateOf(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
    }
  });

  it('falls back to Date for what it does not format itself: fractions, before 1970, six-digit years', () => {
    for (const ms of [1.5, -1, -86_400_001, 8.64e15]) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      expect(isoInstant(ms, '+00:00')).toBe(`${new Date(ms).toISOString().slice(0, -1)}+00:00`);
    }
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { Clock } from '../../src/core/clock.js';

describe('Clock', () => {
  it('runs at real speed from its start unless frozen', () => {
    let real = 1_000;
    const clock = new Clock(5_000_000, false, () => real);
    real += 250;
    expect(clock.now()).toBe(5_000_250);
    clock.set(clock.now(), true);
    real += 1_000;
    expect(clock.now()).toBe(5_000_250);
  });
  it('advances, sets and resets to its configured start', () => {
    let real = 0;
    const clock = new Clock(1_000, true, () => real);
    expect(clock.advance(500)).toEqual({ now: 1_500, frozen: true });
    clock.set(9_000, false);
    real += 10;
    expect(clock.now()).toBe(9_010);
    expect(clock.reset()).toEqual({ now: 1_000, frozen: true });
  });
});

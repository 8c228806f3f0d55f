/** The runner's clock driver: moves a target's clock at the time scale while a client runs, and stops cleanly. */
import { describe, expect, it } from 'vitest';
import { driveClock } from '../../src/check-client/clock-driver.js';

describe('check-client clock driver', () => {
  it('advances by the scale times the real time that passed, never more, and stops after the step under way', async () => {
    const steps: number[] = [];
    let releaseFirst: () => void = () => {};
    const firstDone = new Promise<void>((r) => (releaseFirst = r));
    const started = performance.now();
    const driver = driveClock(
      async (seconds) => {
        steps.push(seconds);
        if (steps.length === 3) releaseFirst();
      },
      100,
      5,
    );
    await firstDone;
    await driver.stop();
    const elapsedSeconds = (performance.now() - started) / 1000;
    const count = steps.length;
    expect(count).toBeGreaterThanOrEqual(3);
    for (const s of steps) expect(s).toBeGreaterThan(0);
    expect(steps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(elapsedSeconds * 100 + 1e-9);
    // Stopped means stopped: no step after stop() resolved.
    await new Promise((r) => setTimeout(r, 30));
    expect(steps.length).toBe(count);
  });

  it('stops at the first failed step and reports it', async () => {
    let calls = 0;
    const errors: Error[] = [];
    const reported = new Promise<void>((resolve) => {
      const driver = driveClock(
        async () => {
          calls++;
          throw new Error('control plane: 500');
        },
        100,
        1,
        (e) => {
          errors.push(e);
          resolve();
          void driver;
        },
      );
    });
    await reported;
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
    expect(errors.map((e) => e.message)).toEqual(['control plane: 500']);
  });
});

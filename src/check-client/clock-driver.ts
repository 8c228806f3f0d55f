/**
 * The client runs in real time; the mock's clock is virtual. While a client runs, the runner moves the target's
 * (frozen) clock forward `timeScale` virtual seconds for every real second, in small steps: a 35-second export is ready
 * within a real second at the default scale of 100, the 32 minutes of slow-export within about 20 s. Each step waits
 * for the files of exports that have become due (as the admin API's advance does), so a link is never handed out
 * before its file exists. Retry-After, poll intervals and timeouts stay in real time, where the client lives.
 */
import { realElapsed } from '../core/clock.js';

export interface ClockDriver {
  /** Stops moving the clock; resolves once the step under way has finished. */
  stop(): Promise<void>;
}

export function driveClock(
  advance: (seconds: number) => Promise<void>,
  timeScale: number,
  stepMs = 100,
  onError: (err: Error) => void = () => {},
): ClockDriver {
  let running = true;
  let last = realElapsed();
  const loop = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, stepMs));
      if (!running) break;
      const now = realElapsed();
      const seconds = ((now - last) / 1000) * timeScale;
      last = now;
      try {
        await advance(seconds);
      } catch (err) {
        onError(err as Error);
        running = false;
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * The one source of time. Virtual time runs at the speed of real time from an anchor unless frozen; tests and demos
 * set it, advance it or freeze it. Nothing else in the server may read Date.now() for behaviour.
 */
/**
 * The real time, for the few places that mean it and say so by name: the clock's own default start, real-time stamps
 * beside virtual ones (the journal's real_at, the saved clock's offset), timing real work (downloads' idle timeout,
 * progress lines). The lint rule lint/no-wall-clock.grit refuses any other read of the wall clock in src/.
 */
export const wallClock = (): number => Date.now();

/** A monotonic real-time reading in ms, for measuring durations of real work. */
export const realElapsed = (): number => performance.now();

export interface ClockState {
  now: number;
  frozen: boolean;
}

export class Clock {
  private anchorVirtual: number;
  private anchorReal: number;
  private frozenFlag: boolean;
  private readonly initial: ClockState;

  /** @param realNow the real time source, replaceable in tests of the clock itself */
  constructor(
    start: number,
    frozen: boolean,
    private readonly realNow: () => number = wallClock,
  ) {
    this.anchorVirtual = start;
    this.anchorReal = realNow();
    this.frozenFlag = frozen;
    this.initial = { now: start, frozen };
  }

  /** Virtual time in unix milliseconds. */
  now(): number {
    return this.frozenFlag ? this.anchorVirtual : this.anchorVirtual + (this.realNow() - this.anchorReal);
  }

  get frozen(): boolean {
    return this.frozenFlag;
  }

  set(now: number, frozen: boolean = this.frozenFlag): ClockState {
    this.anchorVirtual = now;
    this.anchorReal = this.realNow();
    this.frozenFlag = frozen;
    return this.state();
  }

  advance(ms: number): ClockState {
    return this.set(this.now() + ms);
  }

  /** Restores the start instant and frozen flag the server was configured with. */
  reset(): ClockState {
    return this.set(this.initial.now, this.initial.frozen);
  }

  state(): ClockState {
    return { now: this.now(), frozen: this.frozenFlag };
  }
}

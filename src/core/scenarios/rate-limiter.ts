/**
 * Fixed-window request counting on the virtual clock, per vendor, tenant and rule. Off by default; switched on for
 * all tenants (RATE_LIMITS=true) or per tenant through the admin API. Advancing the clock past a window refills it.
 * The counts live in a CounterStore (core/state), one atomic operation per rule and request.
 */
import { type CounterStore, MemoryCounters } from '../state/counters.js';
import type { RateLimitStore, RateLimitSwitches, RateLimitVerdict } from '../state/rate-limits.js';
import type { RateLimitRule } from './rate-limit-rule.js';

export type { RateLimitVerdict };

const WINDOWS = 'window:';

export class RateLimiter implements RateLimitStore {
  /** `vendor/tenant` → on or off; `vendor/*` for every tenant of a vendor. */
  protected readonly switches = new Map<string, boolean>();

  constructor(
    protected defaultOn: boolean,
    private readonly counters: CounterStore = new MemoryCounters(),
  ) {}

  set(vendor: string, tenant: string | undefined, enabled: boolean): void | Promise<void> {
    this.switches.set(`${vendor}/${tenant ?? '*'}`, enabled);
  }

  anyEnabled(): boolean {
    if (this.defaultOn) return true;
    for (const on of this.switches.values()) if (on) return true;
    return false;
  }

  enabled(vendor: string, tenant: string | undefined): boolean {
    return this.switches.get(`${vendor}/${tenant ?? '*'}`) ?? this.switches.get(`${vendor}/*`) ?? this.defaultOn;
  }

  state(): RateLimitSwitches {
    return { default: this.defaultOn, switches: Object.fromEntries(this.switches) };
  }

  async hit(
    vendor: string,
    tenant: string | undefined,
    method: string,
    route: string | undefined,
    rules: readonly RateLimitRule[],
    now: number,
  ): Promise<RateLimitVerdict | undefined> {
    if (!this.enabled(vendor, tenant)) return undefined;
    let exceeded: RateLimitVerdict | undefined;
    for (const rule of rules) {
      if (rule.method && rule.method !== method) continue;
      if (rule.route && rule.route !== route) continue;
      const windowMs = rule.windowSeconds * 1000;
      const start = Math.floor(now / windowMs) * windowMs;
      const key = `${WINDOWS}${vendor}/${tenant ?? ''}/${rule.name}${rule.perEndpoint ? `/${route ?? ''}` : ''}`;
      const count = await this.counters.hitWindow(key, start, windowMs);
      if (count > rule.limit && !exceeded) {
        const resetSeconds = (start + windowMs - now) / 1000;
        exceeded = { rule, retryAfterSeconds: resetSeconds, remaining: 0, resetSeconds };
      }
    }
    return exceeded;
  }

  restore(saved: RateLimitSwitches): void | Promise<void> {
    this.defaultOn = saved.default;
    for (const [k, v] of Object.entries(saved.switches)) this.switches.set(k, v);
  }

  async reset(defaultOn: boolean = this.defaultOn): Promise<void> {
    this.switches.clear();
    this.defaultOn = defaultOn;
    await this.counters.clear(WINDOWS);
  }
}

/**
 * Fixed-window request counting on the virtual clock, per vendor, tenant and rule. Off by default; switched on for
 * all tenants (RATE_LIMITS=true) or per tenant through the admin API. Advancing the clock past a window refills it.
 */
import type { RateLimitRule } from './rate-limit-rule.js';

export interface RateLimitVerdict {
  rule: RateLimitRule;
  retryAfterSeconds: number;
  remaining: number;
  resetSeconds: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** `vendor/tenant` → on or off; `vendor/*` for every tenant of a vendor. */
  private readonly switches = new Map<string, boolean>();

  constructor(private defaultOn: boolean) {}

  set(vendor: string, tenant: string | undefined, enabled: boolean): void {
    this.switches.set(`${vendor}/${tenant ?? '*'}`, enabled);
  }

  /** Whether enforcement could be on for anyone (the fast path skips counting when not). */
  anyEnabled(): boolean {
    if (this.defaultOn) return true;
    for (const on of this.switches.values()) if (on) return true;
    return false;
  }

  enabled(vendor: string, tenant: string | undefined): boolean {
    return this.switches.get(`${vendor}/${tenant ?? '*'}`) ?? this.switches.get(`${vendor}/*`) ?? this.defaultOn;
  }

  state(): { default: boolean; switches: Record<string, boolean> } {
    return { default: this.defaultOn, switches: Object.fromEntries(this.switches) };
  }

  /** Counts a request; answers the rule it exceeds, if any. */
  hit(
    vendor: string,
    tenant: string | undefined,
    method: string,
    route: string | undefined,
    rules: readonly RateLimitRule[],
    now: number,
  ): RateLimitVerdict | undefined {
    if (!this.enabled(vendor, tenant)) return undefined;
    let exceeded: RateLimitVerdict | undefined;
    for (const rule of rules) {
      if (rule.method && rule.method !== method) continue;
      if (rule.route && rule.route !== route) continue;
      const windowMs = rule.windowSeconds * 1000;
      const start = Math.floor(now / windowMs) * windowMs;
      const key = `${vendor}/${tenant ?? ''}/${rule.name}${rule.perEndpoint ? `/${route ?? ''}` : ''}`;
      let w = this.windows.get(key);
      if (!w || w.start !== start) this.windows.set(key, (w = { start, count: 0 }));
      w.count++;
      if (w.count > rule.limit && !exceeded) {
        const resetSeconds = (start + windowMs - now) / 1000;
        exceeded = { rule, retryAfterSeconds: resetSeconds, remaining: 0, resetSeconds };
      }
    }
    return exceeded;
  }

  restore(saved: { default: boolean; switches: Record<string, boolean> }): void {
    this.defaultOn = saved.default;
    for (const [k, v] of Object.entries(saved.switches)) this.switches.set(k, v);
  }

  reset(defaultOn: boolean = this.defaultOn): void {
    this.windows.clear();
    this.switches.clear();
    this.defaultOn = defaultOn;
  }
}

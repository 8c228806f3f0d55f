/**
 * Rate limits as a store: which tenants are limited (switches, read by every request's fast path, so synchronous) and
 * the window counts, each request counted in one atomic store operation so that a limit counts the requests of every
 * replica.
 */
import type { RateLimitRule } from '../scenarios/rate-limit-rule.js';
import type { Awaitable } from './awaitable.js';

export interface RateLimitVerdict {
  rule: RateLimitRule;
  retryAfterSeconds: number;
  remaining: number;
  resetSeconds: number;
}

export interface RateLimitSwitches {
  default: boolean;
  switches: Record<string, boolean>;
}

export interface RateLimitStore {
  set(vendor: string, tenant: string | undefined, enabled: boolean): Awaitable<void>;
  /** Whether enforcement could be on for anyone (the fast path skips counting when not). */
  anyEnabled(): boolean;
  enabled(vendor: string, tenant: string | undefined): boolean;
  state(): RateLimitSwitches;
  /** Counts a request against every rule that matches it; answers the rule it exceeds, if any. */
  hit(
    vendor: string,
    tenant: string | undefined,
    method: string,
    route: string | undefined,
    rules: readonly RateLimitRule[],
    now: number,
  ): Promise<RateLimitVerdict | undefined>;
  restore(saved: RateLimitSwitches): Awaitable<void>;
  /** Forgets every count and switch; enforcement for all becomes `defaultOn` (unchanged when omitted). */
  reset(defaultOn?: boolean): Awaitable<void>;
  /** Reads the shared definitions into this replica's copy; absent when they live in this process only. */
  refresh?(): Promise<void>;
}

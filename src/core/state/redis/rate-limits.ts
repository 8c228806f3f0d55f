/**
 * Rate limits on Redis: the switches in the `limits` hash (a copy in each replica, reloaded when the version moves),
 * every request counted by one Lua script, so a limit counts the requests of every replica.
 */
import { RateLimiter } from '../../scenarios/rate-limiter.js';
import type { RateLimitSwitches } from '../rate-limits.js';
import type { RedisState, Reloadable } from './connection.js';
import { RedisCounters } from './counters.js';

const DEFAULT = '*default*';

export class RedisRateLimiter extends RateLimiter implements Reloadable {
  constructor(
    defaultOn: boolean,
    private readonly shared: RedisState,
  ) {
    super(defaultOn, new RedisCounters(shared));
    shared.track(this);
  }

  /** Joins the shared switches, writing this replica's default only when no replica has yet. */
  async open(): Promise<void> {
    await this.shared.redis.hsetnx('limits', DEFAULT, this.defaultOn ? '1' : '0');
    await this.reload();
  }

  refresh(): Promise<void> {
    return this.shared.refresh();
  }

  async reload(): Promise<void> {
    const saved = await this.shared.redis.hgetall('limits');
    this.switches.clear();
    for (const [k, v] of Object.entries(saved)) {
      if (k === DEFAULT) this.defaultOn = v === '1';
      else this.switches.set(k, v === '1');
    }
  }

  override async set(vendor: string, tenant: string | undefined, enabled: boolean): Promise<void> {
    await this.shared.redis.hset('limits', `${vendor}/${tenant ?? '*'}`, enabled ? '1' : '0');
    await this.shared.bump();
  }

  override async restore(saved: RateLimitSwitches): Promise<void> {
    const fields = Object.entries(saved.switches).flatMap(([k, v]) => [k, v ? '1' : '0']);
    await this.shared.redis.hset('limits', DEFAULT, saved.default ? '1' : '0', ...fields);
    await this.shared.bump();
  }

  override async reset(defaultOn: boolean = this.defaultOn): Promise<void> {
    await super.reset(defaultOn);
    await this.shared.redis.del('limits');
    await this.shared.redis.hset('limits', DEFAULT, defaultOn ? '1' : '0');
    await this.shared.bump();
  }
}

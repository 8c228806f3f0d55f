/**
 * Scenarios on Redis: definitions in the `scenarios` hash (a copy in each replica, reloaded when the version moves),
 * applications claimed through the Redis counters, so a "times: 1" scenario applies once in total.
 */

import type { ScenarioInput } from '../../scenarios/schema.js';
import { EmbeddedScenarioStore } from '../../scenarios/store.js';
import type { Scenario } from '../scenarios.js';
import type { RedisState, Reloadable } from './connection.js';
import { RedisCounters } from './counters.js';

export class RedisScenarioStore extends EmbeddedScenarioStore implements Reloadable {
  constructor(
    seed: string,
    private readonly shared: RedisState,
  ) {
    super(seed, new RedisCounters(shared));
    shared.track(this);
  }

  refresh(): Promise<void> {
    return this.shared.refresh();
  }

  async reload(): Promise<void> {
    const saved = await this.shared.redis.hgetall('scenarios');
    this.scenarios.clear();
    const defs = Object.values(saved).map((t) => JSON.parse(t) as Omit<Scenario, 'applied'> & { order: number });
    for (const { order: _order, ...s } of defs.sort((a, b) => a.order - b.order)) this.scenarios.set(s.name, s);
  }

  private async write(s: Omit<Scenario, 'applied'>): Promise<void> {
    // Installation order is kept (the order scenarios are matched in), across replicas.
    const order = await this.shared.redis.incr('scenario-order');
    await this.shared.redis.hset('scenarios', s.name, JSON.stringify({ ...s, order }));
  }

  override async add(input: ScenarioInput, source = 'admin'): Promise<Scenario> {
    const added = await super.add(input, source);
    await this.write({ ...input, source });
    await this.shared.bump();
    return added;
  }

  override async remove(name: string): Promise<boolean> {
    await super.remove(name);
    const removed = (await this.shared.redis.hdel('scenarios', name)) > 0;
    await this.shared.bump();
    return removed;
  }

  override async clear(): Promise<void> {
    await super.clear();
    await this.shared.redis.del('scenarios');
    await this.shared.bump();
  }

  override async restore(saved: readonly Scenario[]): Promise<void> {
    await super.restore(saved);
    await this.shared.redis.del('scenarios');
    for (const { applied: _applied, ...s } of saved) await this.write(s);
    await this.shared.bump();
  }
}

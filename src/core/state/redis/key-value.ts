/** The generic key-value and list store on Redis (JSON values; see core/state/key-value.ts). */
import type { KeyValueStore } from '../key-value.js';
import { globEscape, type RedisState } from './connection.js';

const parse = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

export class RedisKeyValue implements KeyValueStore {
  constructor(private readonly state: RedisState) {}

  async get<T>(key: string): Promise<T | undefined> {
    return parse<T>(await this.state.redis.get(`kv:${key}`));
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.state.redis.set(`kv:${key}`, JSON.stringify(value));
  }

  async putIfAbsent(key: string, value: unknown): Promise<boolean> {
    return (await this.state.redis.set(`kv:${key}`, JSON.stringify(value), 'NX')) === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.state.redis.del(`kv:${key}`, `kl:${key}`);
  }

  async append(key: string, value: unknown): Promise<number> {
    return this.state.redis.rpush(`kl:${key}`, JSON.stringify(value));
  }

  async list<T>(key: string): Promise<T[]> {
    return (await this.state.redis.lrange(`kl:${key}`, 0, -1)).map((t) => JSON.parse(t) as T);
  }

  async clear(prefix = ''): Promise<void> {
    const p = globEscape(prefix);
    const keys = [...(await this.state.keys(`kv:${p}*`)), ...(await this.state.keys(`kl:${p}*`))];
    if (keys.length > 0) await this.state.redis.del(...keys);
  }
}

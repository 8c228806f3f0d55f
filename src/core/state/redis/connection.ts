/**
 * The shared state's connection (STATE_URL=redis://…): one ioredis client per replica, every key under one prefix, and
 * the version of the shared definitions. Settings that change rarely and are read on every request (the clock, the
 * installed scenarios, the rate-limit switches) are kept as a copy in each replica; `refresh` reads the clock and the
 * version in one round trip before each request and reloads the definitions only when the version moved.
 */
import { Redis } from 'ioredis';

/** A store that keeps a copy of shared definitions and reloads it when another replica changed them. */
export interface Reloadable {
  reload(): Promise<void>;
}

export class RedisState {
  readonly redis: Redis;
  private seenVersion = -1;
  /**
   * The reload of the version last seen. A request that sees that version waits for it too: answering from the old
   * copy while another request's reload was still under way let requests through a rate limit just switched on.
   */
  private reloading: Promise<unknown> = Promise.resolve();
  private readonly reloadables: Reloadable[] = [];
  /** Called with the clock's shared anchor on each refresh (the clock store registers it). */
  onClock: (fields: Array<string | null>) => void = () => undefined;

  constructor(
    url: string,
    readonly prefix = 'agent-export-mock:',
  ) {
    this.redis = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 3, enableAutoPipelining: true });
  }

  /** BullMQ's key prefix: its own keys beside ours (BullMQ refuses a client with a keyPrefix). */
  get queuePrefix(): string {
    return `${this.prefix}bull`;
  }

  /** Registers a store whose copy `refresh` reloads when the version moved. */
  track(store: Reloadable): void {
    this.reloadables.push(store);
  }

  /** Marks the shared definitions as changed, so every replica reloads its copy on its next request. */
  async bump(): Promise<void> {
    this.seenVersion = await this.redis.hincrby('shared', 'version', 1);
    // This replica reloads at once (its own change included), so it never waits for a request to see it.
    await this.reload();
  }

  /** One round trip: the clock's anchor and the version of the definitions; reloads copies only when it moved. */
  async refresh(): Promise<void> {
    const fields = await this.redis.hmget('shared', 'virtual', 'real', 'frozen', 'version');
    this.onClock(fields);
    const version = Number(fields[3] ?? 0);
    if (version !== this.seenVersion) {
      this.seenVersion = version;
      await this.reload();
    } else await this.reloading;
  }

  private reload(): Promise<unknown> {
    const running = Promise.all(this.reloadables.map((s) => s.reload()));
    // A failed reload fails the request that ran it, not every later one.
    this.reloading = running.catch(() => undefined);
    return running;
  }

  /** Every key matching a glob under the prefix, without the prefix. */
  async keys(pattern: string): Promise<string[]> {
    const out: string[] = [];
    let cursor = '0';
    do {
      // SCAN's MATCH does not apply keyPrefix: give the full pattern, strip the prefix from what comes back.
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}${pattern}`, 'COUNT', 500);
      cursor = next;
      for (const key of found) out.push(key.slice(this.prefix.length));
    } while (cursor !== '0');
    return out;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** A key as a glob that matches only itself (SCAN MATCH patterns treat * ? [ ] \ as special). */
export const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

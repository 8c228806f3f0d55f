/** The link secret on Redis: the first replica's proposal wins (SET NX), so every replica signs with the same key. */
import { randomBytes } from 'node:crypto';
import type { LinkKeyStore } from '../link-keys.js';
import type { RedisState } from './connection.js';

export function redisLinkKeys(state: RedisState, config: { LINK_SECRET?: string | undefined }): LinkKeyStore {
  let secret: string | undefined;
  return {
    async secret() {
      if (config.LINK_SECRET) return config.LINK_SECRET;
      if (secret) return secret;
      await state.redis.set('link-secret', randomBytes(32).toString('base64url'), 'NX');
      secret = (await state.redis.get('link-secret'))!;
      return secret;
    },
  };
}

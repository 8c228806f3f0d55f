/**
 * Link keys: the secret every download link is signed with must be the same on every replica, or a link minted by one
 * fails on another. The embedded store keeps it in DATA_DIR/link-secret (or per process); a shared one keeps the first
 * secret any replica proposed.
 */
import { resolveLinkSecret } from '../signing/link-secret.js';
import type { Awaitable } from './awaitable.js';

export interface LinkKeyStore {
  /** The installation's link secret: LINK_SECRET when given, else the one kept by the store (made on first use). */
  secret(): Awaitable<string>;
}

/** Resolved once per process (a process without DATA_DIR makes one and keeps it until it exits). */
export function embeddedLinkKeys(config: {
  LINK_SECRET?: string | undefined;
  DATA_DIR?: string | undefined;
}): LinkKeyStore {
  let secret: string | undefined;
  return { secret: () => (secret ??= resolveLinkSecret(config)) };
}

/**
 * LINK_SECRET: the key every download link is signed with. Given explicitly it is used as is (tests and demos that
 * compare responses across servers set one); otherwise it is random per installation: kept in DATA_DIR/link-secret
 * (owner-only) so links survive restarts, or per process without DATA_DIR. It is never derived from SEED, whose
 * default is public: file bytes are a pure function of the seed, link signatures are not.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../config.js';

const LINK_SECRET_FILE = 'link-secret';
const MIN_LENGTH = 16;

const fresh = () => randomBytes(32).toString('base64url');

export function resolveLinkSecret(config: { LINK_SECRET?: string | undefined; DATA_DIR?: string | undefined }): string {
  if (config.LINK_SECRET) return config.LINK_SECRET;
  if (!config.DATA_DIR) return fresh();
  const file = join(config.DATA_DIR, LINK_SECRET_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ConfigError(`DATA_DIR: cannot read ${file}: ${(err as Error).message}`);
  }
  if (text !== undefined) {
    if (text.length < MIN_LENGTH)
      throw new ConfigError(
        `DATA_DIR: ${file}: the link secret is shorter than ${MIN_LENGTH} characters (delete the file to make a new one; links handed out before stop working)`,
      );
    return text;
  }
  // First start of this installation: write it whole (temporary file, fsync, rename) so a kill never leaves half a secret.
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = fresh();
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${secret}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return secret;
}

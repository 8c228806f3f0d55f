/** ioredis and bullmq are optional: without them, STATE_URL fails with a setting error that says how to add them. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config-error.js';
import { explainMissingRedis } from '../../../src/core/state/select.js';

describe('STATE_URL without the optional Redis packages', () => {
  it('names the packages to install, as a setting error (exit 2)', () => {
    const notFound = Object.assign(new Error("Cannot find package 'ioredis'"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(() => explainMissingRedis(notFound)).toThrow(ConfigError);
    expect(() => explainMissingRedis(notFound)).toThrow(/npm install ioredis bullmq/);
  });

  it('passes any other failure on unchanged', () => {
    const other = new Error('connection refused');
    expect(() => explainMissingRedis(other)).toThrow(other);
  });
});

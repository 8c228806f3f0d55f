import { describe, expect, it } from 'vitest';
import { lazy } from '../../src/core/lazy.js';

describe('lazy', () => {
  it('tries again after a failed load instead of keeping the rejection', async () => {
    let calls = 0;
    const load = lazy(async () => {
      calls++;
      if (calls === 1) throw new Error('ERR_MODULE_NOT_FOUND while node_modules was being rewritten');
      return 'module';
    });
    await expect(load()).rejects.toThrow(/ERR_MODULE_NOT_FOUND/);
    await expect(load()).resolves.toBe('module');
    expect(calls).toBe(2);
  });

  it('loads once for concurrent and later callers after a success', async () => {
    let calls = 0;
    const load = lazy(async () => ++calls);
    expect(await Promise.all([load(), load(), load()])).toEqual([1, 1, 1]);
    expect(await load()).toBe(1);
    expect(calls).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/core/memo.js';
import { safeEqual } from '../../src/core/signing/hmac.js';
import { GCS_V4, presignV4, S3_V4 } from '../../src/core/signing/query-v4.js';

describe('BoundedMemo', () => {
  it('computes a key once, and starts again empty rather than grow past its limit', () => {
    const memo = new BoundedMemo<string>(2);
    const computed: string[] = [];
    const get = (key: string) => memo.get(key, () => (computed.push(key), key.toUpperCase()));
    expect([get('a'), get('a'), get('b'), get('b')]).toEqual(['A', 'A', 'B', 'B']);
    expect(computed).toEqual(['a', 'b']);
    get('c'); // full: forgets a and b
    get('a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('memoised signing', () => {
  const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
  const at = Date.parse('2025-04-08T12:00:00Z');

  it('gives a different link for every input that shapes it', () => {
    const base = presignV4(S3_V4('us-east-1'), KEY, 'http://a.test', '/s3/b/k', at, 60);
    const variants = [
      presignV4(S3_V4('us-west-2'), KEY, 'http://a.test', '/s3/b/k', at, 60),
      presignV4(GCS_V4(), KEY, 'http://a.test', '/s3/b/k', at, 60),
      presignV4(S3_V4('us-east-1'), { ...KEY, secret: 'other' }, 'http://a.test', '/s3/b/k', at, 60),
      presignV4(S3_V4('us-east-1'), KEY, 'http://b.test', '/s3/b/k', at, 60),
      presignV4(S3_V4('us-east-1'), KEY, 'http://a.test', '/s3/b/k2', at, 60),
      presignV4(S3_V4('us-east-1'), KEY, 'http://a.test', '/s3/b/k', at + 1000, 60),
      presignV4(S3_V4('us-east-1'), KEY, 'http://a.test', '/s3/b/k', at, 61),
    ];
    expect(new Set([base, ...variants]).size).toBe(8);
    expect(presignV4(S3_V4('us-east-1'), KEY, 'http://a.test', '/s3/b/k', at, 60)).toBe(base);
  });

  it('safeEqual still tells equal from unequal once the digests are remembered', () => {
    for (let i = 0; i < 2; i++) {
      expect(safeEqual('token-a', 'token-a')).toBe(true);
      expect(safeEqual('token-a', 'token-b')).toBe(false);
      expect(safeEqual('token-a', 'token-a ')).toBe(false);
    }
  });
});

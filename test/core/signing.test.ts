import { describe, expect, it } from 'vitest';
import { presignV4, S3_V4, verifyV4 } from '../../src/core/signing/query-v4.js';
import { presignV2, verifyV2 } from '../../src/core/signing/s3-v2.js';

// AWS documentation's own examples: matching them shows the signatures are real SigV4 / SigV2, not look-alikes.
const AWS_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('S3 Signature V4 presigning', () => {
  it('reproduces the AWS documentation example signature', () => {
    const url = presignV4(
      S3_V4('us-east-1'),
      AWS_KEY,
      'https://examplebucket.s3.amazonaws.com',
      '/test.txt',
      Date.parse('2013-05-24T00:00:00Z'),
      86400,
    );
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toBe(
      'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });
  it('verifies its own links, refuses altered ones, and expires exactly at date + expires', () => {
    const signedAt = Date.parse('2025-04-08T12:00:00Z');
    const url = new URL(presignV4(S3_V4('us-west-2'), AWS_KEY, 'http://mock.test:4010', '/s3/b/k.zip', signedAt, 60));
    const query = [...url.searchParams.entries()];
    const lookup = (id: string) => (id === AWS_KEY.accessKeyId ? AWS_KEY.secret : undefined);
    expect(verifyV4(S3_V4('us-west-2'), lookup, url.pathname, url.host, query, signedAt + 59_999)).toEqual({
      ok: true,
      expiresAt: signedAt + 60_000,
    });
    expect(verifyV4(S3_V4('us-west-2'), lookup, url.pathname, url.host, query, signedAt + 60_000)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(verifyV4(S3_V4('us-west-2'), lookup, '/s3/b/other.zip', url.host, query, signedAt)).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyV4(S3_V4('us-west-2'), lookup, url.pathname, 'evil.test', query, signedAt)).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyV4(S3_V4('us-west-2'), () => undefined, url.pathname, url.host, query, signedAt)).toMatchObject({
      ok: false,
      reason: 'unknown-key',
    });
    const tooLong = query.map(([k, v]) => [k, k === 'X-Amz-Expires' ? '604801' : v] as const);
    expect(verifyV4(S3_V4('us-west-2'), lookup, url.pathname, url.host, tooLong, signedAt)).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('S3 Signature V2 query authentication', () => {
  it('reproduces the AWS documentation example signature', () => {
    const url = presignV2(AWS_KEY, 'https://s3.amazonaws.com', '', 'johnsmith', 'photos/puppy.jpg', 1175139620 * 1000);
    expect(new URL(url).searchParams.get('Signature')).toBe('NpgCjnDzrM+WFzoENXmpNDUsSn8=');
  });
  it('expires at Expires and refuses a changed key', () => {
    const url = new URL(presignV2(AWS_KEY, 'http://mock.test', '/s3', 'b', 'k.zip', 2_000_000));
    const q = [...url.searchParams.entries()];
    const lookup = () => AWS_KEY.secret;
    expect(verifyV2(lookup, 'b', 'k.zip', q, 1_999_999)).toEqual({ ok: true, expiresAt: 2_000_000 });
    expect(verifyV2(lookup, 'b', 'k.zip', q, 2_000_000)).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyV2(lookup, 'b', 'k2.zip', q, 0)).toMatchObject({ ok: false, reason: 'mismatch' });
  });
});

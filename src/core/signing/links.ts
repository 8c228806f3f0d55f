/**
 * The one signing module every vendor uses for download links. It owns the demo access keys (derived from the world
 * seed), mints links in the style a vendor's real storage uses, and verifies them for the storage routes.
 */
import { demoSecret, hmacHex, safeEqual } from './hmac.js';
import { GCS_V4, presignV4, S3_V4, verifyV4, type V4Style } from './query-v4.js';
import { presignV2, verifyV2 } from './s3-v2.js';

/** Path prefixes under which this server plays S3 and GCS. */
export const S3_PATH = '/s3';
export const GCS_PATH = '/gcs';

export class LinkSigner {
  private readonly secrets = new Map<string, string>();

  constructor(
    private readonly seed: string,
    private readonly origin: () => string,
  ) {}

  /** Registers (idempotently) a demo access key and returns its secret. */
  key(accessKeyId: string): { accessKeyId: string; secret: string } {
    let secret = this.secrets.get(accessKeyId);
    if (secret === undefined) {
      secret = demoSecret(this.seed, accessKeyId);
      this.secrets.set(accessKeyId, secret);
    }
    return { accessKeyId, secret };
  }

  readonly lookup = (accessKeyId: string): string | undefined => this.secrets.get(accessKeyId);

  /** S3 Signature V4 link to /s3/{bucket}/{key}, signed at `signedAt` and valid `expiresSeconds`. */
  s3v4(opts: { accessKeyId: string; region: string; bucket: string; key: string; signedAt: number; expiresSeconds: number }): string {
    return presignV4(S3_V4(opts.region), this.key(opts.accessKeyId), this.origin(), `${S3_PATH}/${opts.bucket}/${opts.key}`, opts.signedAt, opts.expiresSeconds);
  }

  /** S3 Signature V2 link to /s3/{bucket}/{key} expiring at `expiresAt` (unix ms). */
  s3v2(opts: { accessKeyId: string; bucket: string; key: string; expiresAt: number }): string {
    return presignV2(this.key(opts.accessKeyId), this.origin(), S3_PATH, opts.bucket, opts.key, opts.expiresAt);
  }

  /** GCS V4 link to /gcs/{bucket}/{key}. */
  gcsV4(opts: { accessKeyId: string; bucket: string; key: string; signedAt: number; expiresSeconds: number; algorithm?: string }): string {
    return presignV4(GCS_V4(opts.algorithm), this.key(opts.accessKeyId), this.origin(), `${GCS_PATH}/${opts.bucket}/${opts.key}`, opts.signedAt, opts.expiresSeconds);
  }

  /**
   * A plain HMAC token over a resource and its expiry, for vendors whose links are their own (Kore's media stream):
   * `sign(resource, expiresAt)` → hex token; `verifyToken` checks it in constant time.
   */
  token(resource: string, expiresAt: number): string {
    return hmacHex(demoSecret(this.seed, 'vendor-link-token'), `${resource}\n${expiresAt}`);
  }

  verifyToken(resource: string, expiresAt: number, provided: string): boolean {
    return safeEqual(this.token(resource, expiresAt), provided);
  }

  verifyS3(path: string, bucket: string, key: string, host: string, query: ReadonlyArray<readonly [string, string]>, now: number) {
    if (query.some(([k]) => k === 'X-Amz-Algorithm' || k === 'X-Amz-Signature')) {
      const region = /^[^/]+\/\d{8}\/([^/]+)\//.exec(query.find(([k]) => k === 'X-Amz-Credential')?.[1] ?? '')?.[1] ?? 'us-east-1';
      return { style: 'v4' as const, verdict: verifyV4(S3_V4(region), this.lookup, path, host, query, now) };
    }
    if (query.some(([k]) => k === 'AWSAccessKeyId' || k === 'Signature')) {
      return { style: 'v2' as const, verdict: verifyV2(this.lookup, bucket, key, query, now) };
    }
    return { style: 'none' as const };
  }

  verifyGcs(path: string, host: string, query: ReadonlyArray<readonly [string, string]>, now: number) {
    const algorithm = query.find(([k]) => k === 'X-Goog-Algorithm')?.[1];
    const style: V4Style = GCS_V4(algorithm === 'GOOG4-RSA-SHA256' ? algorithm : undefined);
    return verifyV4(style, this.lookup, path, host, query, now);
  }
}

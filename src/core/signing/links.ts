/**
 * The one signing module every vendor uses for download links. It owns the demo access keys (derived from LINK_SECRET,
 * see link-secret.ts), mints links in the style a vendor's real storage uses, and verifies them for the storage routes.
 */
import { hmacHex, keySecret, safeEqual } from './hmac.js';
import { GCS_V4, presignV4, S3_V4, type V4Style, verifyV4 } from './query-v4.js';
import { presignV2, verifyV2 } from './s3-v2.js';

/** Path prefixes under which this server plays S3 and GCS. */
export const S3_PATH = '/s3';
export const GCS_PATH = '/gcs';

export class LinkSigner {
  private readonly secrets = new Map<string, string>();
  /** The longest a link of a key can live (S3 V2 links carry only their expiry, with no limit of their own). */
  private readonly lifetimes = new Map<string, number>();

  constructor(
    private readonly linkSecret: string,
    private readonly origin: () => string,
  ) {}

  /**
   * Registers (idempotently) a demo access key and returns its secret. Vendors register their keys when they register
   * their routes, so a link handed out before a restart verifies after it without the job being polled first.
   * `maxLifetimeMs` is the longest the vendor ever signs a link for: a link expiring later was never signed here.
   */
  key(accessKeyId: string, limits?: { maxLifetimeMs: number }): { accessKeyId: string; secret: string } {
    let secret = this.secrets.get(accessKeyId);
    if (secret === undefined) {
      secret = keySecret(this.linkSecret, accessKeyId);
      this.secrets.set(accessKeyId, secret);
    }
    if (limits) this.lifetimes.set(accessKeyId, limits.maxLifetimeMs);
    return { accessKeyId, secret };
  }

  /**
   * A signer for a namespace: a secret of its own derived from this one (a link minted in one namespace does not
   * verify in another), its own origin (with the namespace's prefix) and the lifetimes vendors registered here.
   */
  derive(scope: string, origin: () => string): LinkSigner {
    const signer = new LinkSigner(keySecret(this.linkSecret, scope), origin);
    for (const [accessKeyId, ms] of this.lifetimes) signer.lifetimes.set(accessKeyId, ms);
    return signer;
  }

  readonly lookup = (accessKeyId: string): string | undefined => this.secrets.get(accessKeyId);

  /** S3 Signature V4 link to /s3/{bucket}/{key}, signed at `signedAt` and valid `expiresSeconds`. */
  s3v4(opts: {
    accessKeyId: string;
    region: string;
    bucket: string;
    key: string;
    signedAt: number;
    expiresSeconds: number;
  }): string {
    return presignV4(
      S3_V4(opts.region),
      this.key(opts.accessKeyId),
      this.origin(),
      `${S3_PATH}/${opts.bucket}/${opts.key}`,
      opts.signedAt,
      opts.expiresSeconds,
    );
  }

  /** S3 Signature V2 link to /s3/{bucket}/{key} expiring at `expiresAt` (unix ms). */
  s3v2(opts: { accessKeyId: string; bucket: string; key: string; expiresAt: number }): string {
    return presignV2(this.key(opts.accessKeyId), this.origin(), S3_PATH, opts.bucket, opts.key, opts.expiresAt);
  }

  /** GCS V4 link to /gcs/{bucket}/{key}. */
  gcsV4(opts: {
    accessKeyId: string;
    bucket: string;
    key: string;
    signedAt: number;
    expiresSeconds: number;
    algorithm?: string;
  }): string {
    return presignV4(
      GCS_V4(opts.algorithm),
      this.key(opts.accessKeyId),
      this.origin(),
      `${GCS_PATH}/${opts.bucket}/${opts.key}`,
      opts.signedAt,
      opts.expiresSeconds,
    );
  }

  /**
   * A plain HMAC token over a resource and its expiry, for vendors whose links are their own (Kore's media stream):
   * `sign(resource, expiresAt)` → hex token; `verifyToken` checks it in constant time.
   */
  token(resource: string, expiresAt: number): string {
    return hmacHex(keySecret(this.linkSecret, 'vendor-link-token'), `${resource}\n${expiresAt}`);
  }

  /** False also when the link expires later than `maxLifetimeMs` from `now`: no such link was ever signed here. */
  verifyToken(
    resource: string,
    expiresAt: number,
    provided: string,
    limits: { now: number; maxLifetimeMs: number },
  ): boolean {
    const signed = safeEqual(this.token(resource, expiresAt), provided);
    return signed && expiresAt - limits.now <= limits.maxLifetimeMs;
  }

  verifyS3(
    path: string,
    bucket: string,
    key: string,
    host: string,
    query: ReadonlyArray<readonly [string, string]>,
    now: number,
  ) {
    if (query.some(([k]) => k === 'X-Amz-Algorithm' || k === 'X-Amz-Signature')) {
      const region =
        /^[^/]+\/\d{8}\/([^/]+)\//.exec(query.find(([k]) => k === 'X-Amz-Credential')?.[1] ?? '')?.[1] ?? 'us-east-1';
      return { style: 'v4' as const, verdict: verifyV4(S3_V4(region), this.lookup, path, host, query, now) };
    }
    if (query.some(([k]) => k === 'AWSAccessKeyId' || k === 'Signature')) {
      const accessKeyId = query.find(([k]) => k === 'AWSAccessKeyId')?.[1] ?? '';
      return {
        style: 'v2' as const,
        verdict: verifyV2(this.lookup, bucket, key, query, now, this.lifetimes.get(accessKeyId)),
      };
    }
    return { style: 'none' as const };
  }

  verifyGcs(path: string, host: string, query: ReadonlyArray<readonly [string, string]>, now: number) {
    const algorithm = query.find(([k]) => k === 'X-Goog-Algorithm')?.[1];
    const style: V4Style = GCS_V4(algorithm === 'GOOG4-RSA-SHA256' ? algorithm : undefined);
    return verifyV4(style, this.lookup, path, host, query, now);
  }
}

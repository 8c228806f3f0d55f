/**
 * A vendor's documented request limit, as the rate limiter enforces it. Its own module: the limiter and the vendor
 * contract both need it, and neither may import the other.
 */
import type { RouteKind } from './schema.js';

/** A documented request limit of the vendor, enforced per tenant on the virtual clock when rate limits are on. */
export interface RateLimitRule {
  /** Shown in the 429 and the docs, e.g. "GET per app per second (free trial)". */
  name: string;
  method?: 'GET' | 'POST';
  route?: RouteKind;
  limit: number;
  windowSeconds: number;
  /** Counted separately for each endpoint (route kind: create, list, poll…), as vendors that limit "per endpoint" do. */
  perEndpoint?: boolean;
}

/**
 * The contract every vendor folder fulfils. A fifth vendor is a folder exporting one VendorModule and one line in
 * src/vendors/registry.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CoreContext } from './context.js';
import type { VendorError } from './errors.js';
import type { GenerationTask, Job } from './jobs.js';
import type { RouteKind } from './scenarios/schema.js';

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

/** How the vendor says that something went wrong, for scenarios and rate limits. */
export interface VendorFaults {
  /** The vendor's own 500. */
  serverError(): VendorError;
  /** The vendor's own 429, with its headers. `limit` is the rule exceeded, when a rate limit (not a scenario) fired. */
  rateLimited(retryAfterSeconds: number, limit?: RateLimitRule): VendorError;
  /** The vendor's own 400, for a request the mock itself refuses (an unknown X-Mock-Scenario). */
  badRequest(message: string): VendorError;
  /** A plausible failure message for a job that a scenario fails. */
  jobError: string;
}

export interface VendorModule<S = any> {
  /** Short lowercase id: the seed file name, the OpenAPI document name, the journal's vendor. */
  id: string;
  title: string;
  /** The path prefix under which this server plays the vendor, e.g. /sendbird. */
  prefix: string;
  /** Validates this vendor's part of the seeds (seeds/<id>.json), with defaults for what is left out. */
  seedSchema: z.ZodType<S>;
  /**
   * For clients that map the vendor's own host to this server: given the Host header and URL, the prefixed URL to
   * route to, or undefined when the host is not this vendor's.
   */
  rewriteByHost?(host: string, url: string): string | undefined;
  /** Registers routes, error handler and OpenAPI document in the vendor's own encapsulated context. */
  register(app: FastifyInstance, ctx: CoreContext, seeds: S): Promise<void>;
  /** Answers a request under `prefix` that matched no route, in the vendor's envelope. */
  notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** Base URLs a client sets, printed at start-up; keyed by tenant or region. */
  baseUrls(publicUrl: string, seeds: S): Record<string, string>;
  /** The demo tenants and credentials, for GET /__admin/tenants. */
  tenants(seeds: S, publicUrl: string): unknown;
  /** The vendor's fault envelopes; without them scenarios answer generic JSON errors for this vendor. */
  faults?: VendorFaults;
  /** The vendor's documented request limits. */
  rateLimits?: readonly RateLimitRule[];
  /**
   * How long after its link expired the vendor's API still shows an export (its record, with the expired link), in
   * seconds; the file itself goes RETENTION_SECONDS after the link expired. Without it the record goes with the file.
   */
  recordRetentionSeconds?: number;
  /**
   * A job in the vendor's words, for the flow view: its state as the vendor's API shows it, and when its download
   * link stops working (null while there is none).
   */
  describeJob?(job: Job, now: number, ctx: CoreContext): { state: string; link_expires_at: number | null };
  /**
   * Offline fixtures (`agent-export-mock generate <vendor>`): runs the vendor's flow against the in-process app with
   * the command-line options and returns the downloaded files, byte for byte what the server serves.
   */
  fixture?(fx: import('../generate.js').FixtureContext): Promise<import('../generate.js').GeneratedFile[]>;
  /** Rebuilds the work of a job whose file was not finished when the server stopped (DATA_DIR restarts). */
  resumeJob?(job: Job, ctx: CoreContext): GenerationTask<unknown> | undefined;
}

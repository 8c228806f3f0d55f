/**
 * The contract every vendor folder fulfils. A fifth vendor is a folder exporting one VendorModule and one line in
 * src/vendors/registry.ts: everything the core, the control plane, the dashboard, the configuration and the tests need
 * to know about a vendor (routes, seeds and their defaults, settings, dashboard flow, sample requests, control routes,
 * fixtures, resume) is declared here, so none of them names a vendor.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { FixtureOptions } from '../config.js';
import type { CoreContext } from './context.js';
import type { VendorDashboard } from './dashboard-flow.js';
import type { VendorError } from './errors.js';
import type { GenerationTask, Job } from './jobs/job.js';
import type { RateLimitRule } from './scenarios/rate-limit-rule.js';

/** What a vendor's fixture flow gets: the app, the runtime, the options given on the command line, and the clock. */
export interface FixtureContext {
  app: FastifyInstance;
  /** The parts of the runtime (core/runtime.ts) a fixture reads; declared here so the two modules do not import each other. */
  runtime: { ctx: CoreContext; seeds: Map<string, unknown> };
  options: Record<string, string>;
  /** Moves the clock and waits for the files of jobs that became due (reporting progress meanwhile). */
  advance(seconds: number): Promise<void>;
  /** Downloads a link the vendor's API answered. */
  download(url: string): Promise<Buffer>;
}

export interface GeneratedFile {
  name: string;
  bytes: Buffer;
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

/** A valid request to one of the vendor's routes, with the demo credentials of the bundled seeds. */
export interface SampleRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** A valid body, for the routes that take one. */
  body?: unknown;
}

/** Requests the robustness tests mangle, and how to recognise the vendor's own error envelope in the answers. */
export interface VendorSamples {
  requests: readonly SampleRequest[];
  /** True when a body is the vendor's own error envelope (never a framework default body or a stack trace). */
  isErrorEnvelope(body: unknown, contentType: string): boolean;
}

/** What registering a vendor may hand back to the core. */
export interface VendorRegistration {
  /**
   * Extra control-plane routes under /__admin (e.g. an email outbox), registered in the admin scope so they share its
   * guard, JSON-only body parser and error handler. Hide them from the OpenAPI documents or describe them there.
   */
  controlRoutes?(scope: FastifyInstance): void | Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry lists vendors whose seeds have different types
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
  /**
   * Settings of this vendor only, as a zod object whose keys are the environment names (VENDOR_SOMETHING) and whose
   * fields carry their default and a `.describe()` line. They are merged into the configuration, the flags, the
   * environment, the config file and `--help`; the vendor reads them from `ctx.config`.
   */
  settings?: z.ZodObject;
  /** Registers routes, error handler and OpenAPI document in the vendor's own encapsulated context. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a vendor with nothing to add simply returns nothing
  register(app: FastifyInstance, ctx: CoreContext, seeds: S): Promise<VendorRegistration | void>;
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
  fixture?(fx: FixtureContext): Promise<GeneratedFile[]>;
  /** The options of `generate <vendor>` (names without dashes): parsed strictly and listed by `generate --help`. */
  fixtureOptions?: FixtureOptions;
  /** The vendor's start form and flow on the demo dashboard, and any panel of its own. */
  dashboard?: VendorDashboard;
  /** Valid sample requests and the vendor's error envelope, for the robustness tests. */
  samples?: VendorSamples;
  /** Rebuilds the work of a job whose file was not finished when the server stopped (DATA_DIR restarts). */
  resumeJob?(job: Job, ctx: CoreContext): GenerationTask<unknown> | undefined;
}

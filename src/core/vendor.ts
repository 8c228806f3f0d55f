/**
 * The contract every vendor folder fulfils. A fifth vendor is a folder exporting one VendorModule and one line in
 * src/vendors/registry.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CoreContext } from './context.js';

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
}

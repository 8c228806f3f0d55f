/**
 * One OpenAPI document per vendor (and one for the admin API), generated from the zod route schemas by
 * @fastify/swagger registered inside that vendor's encapsulated context, so it sees that vendor's routes only; the
 * plugin itself loads on the first request for a document (deferred-swagger.ts).
 * The mock's path prefix (e.g. /sendbird/{app_id}) is moved from each path into the server URL, so the document
 * shows the vendor's own paths.
 */
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { VendorFaults, VendorSamples } from '../vendor.js';
import { deferredSwagger } from './deferred-swagger.js';
import { enrichDocument, type OpenApiObject, responseOf } from './openapi-enrich.js';

type SecurityScheme =
  | { type: 'apiKey'; in: 'header'; name: string; description?: string }
  | { type: 'http'; scheme: 'bearer'; description?: string };

export interface DocOptions {
  id: string;
  title: string;
  description: string;
  version?: string;
  /** Server entries; the first is this mock (relative, so the committed document does not depend on PUBLIC_URL). */
  servers: Array<{
    url: string;
    description: string;
    variables?: Record<string, { default: string; description?: string }>;
  }>;
  /** Removes the mock's prefix from each route URL (e.g. /^\/sendbird\/:app_id/). */
  stripPrefix?: RegExp;
  /** Security schemes (how the vendor authenticates), applied to every documented route. */
  securitySchemes?: Record<string, SecurityScheme>;
  /** Which schemes a request needs (default: each scheme); `{}` in the list makes the credential optional. */
  security?: Array<Record<string, string[]>>;
  /** The vendor's own answers to a rate limit and a server-error scenario, described on every operation. */
  faults?: VendorFaults;
  /** Valid requests with demo credentials: the documents' examples and Swagger UI's pre-filled credentials. */
  samples?: VendorSamples;
  /** Other answers every operation can give (the control plane's 401), keyed by status. */
  commonResponses?: Record<string, unknown>;
}

/** The answers a scenario or a rate limit can give on any route of a vendor, in that vendor's own envelope. */
function faultResponses(faults: VendorFaults | undefined): Record<string, unknown> {
  if (!faults) return {};
  return {
    '429': responseOf(
      faults.rateLimited(30),
      "Too many requests: the vendor's documented rate limit (RATE_LIMITS, or switched on per tenant) or a rate-limited scenario. Retry after Retry-After seconds.",
    ),
    '500': responseOf(faults.serverError(), "Server error (a server-error scenario), in the vendor's own envelope."),
  };
}

export async function registerOpenApi(scope: FastifyInstance, opts: DocOptions): Promise<void> {
  const document = deferredSwagger(scope, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: opts.title,
        description: opts.description,
        version: opts.version ?? '1.0.0',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: opts.servers,
      ...(opts.securitySchemes
        ? {
            components: { securitySchemes: opts.securitySchemes },
            security: opts.security ?? Object.keys(opts.securitySchemes).map((k) => ({ [k]: [] })),
          }
        : {}),
    },
    transformObject: (documentObject) =>
      enrichDocument((documentObject as { openapiObject: OpenApiObject }).openapiObject, {
        commonResponses: { ...faultResponses(opts.faults), ...opts.commonResponses },
        samples: opts.samples?.requests,
      }) as never,
    transform: (doc) => {
      const out = jsonSchemaTransform(doc);
      return { ...out, url: opts.stripPrefix ? out.url.replace(opts.stripPrefix, '') || '/' : out.url };
    },
  });
  scope.get(`/openapi/${opts.id}.json`, { schema: { hide: true } }, async () => document());
}

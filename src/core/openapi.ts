/**
 * One OpenAPI document per vendor (and one for the admin API), generated from the zod route schemas by
 * @fastify/swagger registered inside that vendor's encapsulated context, so it sees that vendor's routes only.
 * The mock's path prefix (e.g. /sendbird/{app_id}) is moved from each path into the server URL, so the document
 * shows the vendor's own paths.
 */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

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
  securitySchemes?: Record<string, { type: 'apiKey'; in: 'header'; name: string; description?: string }>;
}

export async function registerOpenApi(scope: FastifyInstance, opts: DocOptions): Promise<void> {
  await scope.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: opts.title, description: opts.description, version: opts.version ?? '1.0.0' },
      servers: opts.servers,
      ...(opts.securitySchemes
        ? {
            components: { securitySchemes: opts.securitySchemes },
            security: Object.keys(opts.securitySchemes).map((k) => ({ [k]: [] })),
          }
        : {}),
    },
    transform: (doc) => {
      const out = jsonSchemaTransform(doc);
      return { ...out, url: opts.stripPrefix ? out.url.replace(opts.stripPrefix, '') || '/' : out.url };
    },
  });
  scope.get(`/openapi/${opts.id}.json`, { schema: { hide: true } }, async () => scope.swagger());
}

/**
 * POST /data-export/v3/get-signed-urls under /zendesk/{region} (region eu or us). Handlers parse, call and return;
 * every failure is a thrown Zendesk error rendered by errors.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CoreContext } from '../../core/context.js';
import { tagRequest } from '../../core/http/journal-hooks.js';
import { syncHook } from '../../core/http/sync-hook.js';
import { jobEffectsOf } from '../../core/scenarios/hook.js';
import { andThen } from '../../core/state/awaitable.js';
import { authenticate, type ZendeskTenant } from './auth.js';
import { notFound } from './errors.js';
import type { DayFiles } from './export-file.js';
import {
  REGIONS,
  type Region,
  SignedUrls,
  SignedUrlsBody,
  SignedUrlsHeaders,
  ZendeskError,
  type ZendeskSeeds,
} from './schemas.js';
import { signedUrls } from './service.js';

export const PATH = '/data-export/v3/get-signed-urls';
const ROUTE = `/zendesk/:region${PATH}`;
/** The newer host form, {subdomain}.zendesk.com/ai-agents/api/…, which names no region (see auth.ts). */
const ZENDESK_HOST_ROUTE = `/zendesk/ai-agents/api${PATH}`;

declare module 'fastify' {
  interface FastifyRequest {
    zendeskTenant?: ZendeskTenant;
  }
}

const isRegion = (s: string | undefined): s is Region => (REGIONS as readonly string[]).includes(s ?? '');

/**
 * NestJS's own 404 for a route it does not have (the vendor's 404s most plausibly use it), with the path the client
 * would have sent to the vendor: without the mock's /zendesk[/{region}] prefix.
 */
export const routeNotFound = (request: FastifyRequest) =>
  notFound(
    `Cannot ${request.method} ${(request.originalUrl ?? request.url).split('?')[0]!.replace(/^\/zendesk(\/(eu|us)(?=\/|$))?/, '') || '/'}`,
  );

/** Registers the route in a child scope of its own, so the auth hook covers it and nothing else (not /openapi). */
export async function registerRoutes(
  parent: FastifyInstance,
  ctx: CoreContext,
  seeds: ZendeskSeeds,
  files: DayFiles,
): Promise<void> {
  await parent.register(async (scope) => routes(scope, ctx, seeds, files));
}

async function routes(scope: FastifyInstance, ctx: CoreContext, seeds: ZendeskSeeds, files: DayFiles): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  scope.addHook(
    'onRequest',
    syncHook((request) => {
      const region = (request.params as { region?: string }).region;
      if (region !== undefined && !isRegion(region)) throw routeNotFound(request);
      const org = request.headers.organizationid;
      if (typeof org === 'string' && org) tagRequest(request, { tenant: org });
      request.zendeskTenant = authenticate(seeds, region as Region | undefined, request);
    }),
  );
  // class-validator's @IsOptional() (NestJS) treats null like a missing value: "ttl": null means the default.
  scope.addHook(
    'preValidation',
    syncHook((request) => {
      const body = request.body as Record<string, unknown> | null | undefined;
      if (body && typeof body === 'object' && body.ttl === null) delete body.ttl;
    }),
  );

  // The documented path, its trailing-slash twin (Express, under NestJS, does not route strictly) and the newer host
  // form; only the first is in the OpenAPI document.
  for (const url of [ROUTE, `${ROUTE}/`, ZENDESK_HOST_ROUTE, `${ZENDESK_HOST_ROUTE}/`]) {
    app.post(
      url,
      {
        config: { routeKind: 'create' },
        schema: {
          hide: url !== ROUTE,
          tags: ['Data export'],
          operationId: 'getSignedUrls',
          summary: 'Get signed URLs to the export files of a day',
          description:
            'Returns one signed Google Cloud Storage link per file of the conversations that ended on `date` (UTC). A day is available once it has ended and its export is finalized; links expire after `ttl` minutes.',
          headers: SignedUrlsHeaders,
          body: SignedUrlsBody,
          response: { 200: SignedUrls, 400: ZendeskError, 401: ZendeskError, 404: ZendeskError, 500: ZendeskError },
        },
      },
      // Synchronous for a day already written (see signedUrls): Fastify sends the value without a promise.
      (request) =>
        andThen(signedUrls(ctx, files, request.zendeskTenant!, request.body, jobEffectsOf(request)), (urls) => ({
          date: request.body.date,
          urls,
        })),
    );
  }
}

/**
 * POST /data-export/v3/get-signed-urls under /zendesk/{region} (region eu or us). Handlers parse, call and return;
 * every failure is a thrown Zendesk error rendered by errors.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CoreContext } from '../../core/context.js';
import { tagRequest } from '../../core/journal-hooks.js';
import { authenticate, type ZendeskTenant } from './auth.js';
import { instanceAccountId } from './catalogue.js';
import { notFound, zendeskError } from './errors.js';
import { jobEffectsOf } from '../../core/scenarios/hook.js';
import { BUCKETS, type DayFiles, SERVICE_ACCOUNT } from './export-file.js';
import type { WorldRef } from './generator.js';
import { checkDay, finalizedAt } from './lifecycle.js';
import { REGIONS, type Region, SignedUrls, SignedUrlsBody, SignedUrlsHeaders, TTL_DEFAULT, ZendeskError, type ZendeskSeeds } from './schemas.js';

export const PATH = '/data-export/v3/get-signed-urls';
export const ROUTE = `/zendesk/:region${PATH}`;
/** The newer host form, {subdomain}.zendesk.com/ai-agents/api/…, which names no region (see auth.ts). */
const ZENDESK_HOST_ROUTE = `/zendesk/ai-agents/api${PATH}`;
/**
 * The label of the links' X-Goog-Algorithm: real links are signed by a service account (RSA). The signature itself is
 * HMAC-SHA256 (core/signing), which this server verifies; clients treat it as opaque (README).
 */
export const LINK_ALGORITHM = 'GOOG4-RSA-SHA256';

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
  notFound(`Cannot ${request.method} ${(request.originalUrl ?? request.url).split('?')[0]!.replace(/^\/zendesk(\/(eu|us)(?=\/|$))?/, '') || '/'}`);

/** Registers the route in a child scope of its own, so the auth hook covers it and nothing else (not /openapi). */
export async function registerRoutes(parent: FastifyInstance, ctx: CoreContext, seeds: ZendeskSeeds, files: DayFiles): Promise<void> {
  await parent.register(async (scope) => routes(scope, ctx, seeds, files));
}

async function routes(scope: FastifyInstance, ctx: CoreContext, seeds: ZendeskSeeds, files: DayFiles): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  scope.addHook('onRequest', async (request) => {
    const region = (request.params as { region?: string }).region;
    if (region !== undefined && !isRegion(region)) throw routeNotFound(request);
    const org = request.headers.organizationid;
    if (typeof org === 'string' && org) tagRequest(request, { tenant: org });
    request.zendeskTenant = authenticate(seeds, region as Region | undefined, request);
  });
  // class-validator's @IsOptional() (NestJS) treats null like a missing value: "ttl": null means the default.
  scope.addHook('preValidation', async (request) => {
    const body = request.body as Record<string, unknown> | null | undefined;
    if (body && typeof body === 'object' && body.ttl === null) delete body.ttl;
  });

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
          summary: 'Get signed URLs to the export files of a day',
          description:
            'Returns one signed Google Cloud Storage link per file of the conversations that ended on `date` (UTC). A day is available once it has ended and its export is finalized; links expire after `ttl` minutes.',
          headers: SignedUrlsHeaders,
          body: SignedUrlsBody,
          response: { 200: SignedUrls, 400: ZendeskError, 401: ZendeskError, 404: ZendeskError, 500: ZendeskError },
        },
      },
      async (request) => {
        const { region, org, bot } = request.zendeskTenant!;
        const { date, ttl = TTL_DEFAULT } = request.body;
        const now = ctx.clock.now();
        // Scenarios, in this vendor's terms (it has no jobs): a slow export finalizes later, a stuck one never, a failed
        // one answers the documented 500, an empty one has no files (404), and file effects mark the links handed out.
        const effects = jobEffectsOf(request);
        const job = effects?.job ?? {};
        if (job.outcome === 'failed') throw zendeskError(500, job.error ?? 'Internal Server Error');
        const extraSeconds = (job.queued_seconds ?? 0) + (job.running_seconds ?? 0);
        const delayMinutes = job.outcome === 'stuck' ? Number.MAX_SAFE_INTEGER / 120_000 : ctx.config.ZENDESK_FINALIZE_DELAY_MINUTES + extraSeconds / 60;
        checkDay(date, now, delayMinutes);
        const world: WorldRef = {
          seed: ctx.config.SEED,
          orgId: org.organization_id,
          botId: bot.bot_id,
          botName: bot.bot_name,
          volume: ctx.config.WORLD_DAILY_VOLUME * bot.volume,
          instanceAccountId: instanceAccountId(ctx.config.SEED, org.organization_id),
        };
        const objects = await files.get({ region, world, date, shardSize: ctx.config.ZENDESK_SHARD_SIZE, lastModified: finalizedAt(date, ctx.config.ZENDESK_FINALIZE_DELAY_MINUTES) });
        if (objects.length === 0 || job.outcome === 'empty' || job.outcome === 'no_data') throw notFound(`No export exists for bot "${bot.bot_id}" on ${date}: no conversation ended that day.`);
        // Signed now, in whole seconds (X-Goog-Date has no fraction), so a link dies exactly ttl minutes after it.
        const signedAt = Math.floor(now / 1000) * 1000;
        // The links handed out now carry this request's file faults (or none: a later plain request clears them).
        const fileEffect = effects && Object.keys(effects.file).length > 0 ? effects.file : undefined;
        for (const o of objects) o.fault = fileEffect ? { effect: fileEffect, issuedAt: signedAt, served: [] } : undefined;
        const urls = objects.map((o) =>
          ctx.signer.gcsV4({ accessKeyId: SERVICE_ACCOUNT, bucket: BUCKETS[region], key: o.key, signedAt, expiresSeconds: ttl * 60, algorithm: LINK_ALGORITHM }),
        );
        return { date, urls };
      },
    );
  }
}

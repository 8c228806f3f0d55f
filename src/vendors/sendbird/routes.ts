/**
 * POST/GET /v3/ai_agent/data_exports and GET /v3/ai_agent/data_exports/{export_id}, under /sendbird/{app_id}.
 * Handlers parse, call and return; every failure is a thrown Sendbird error rendered by errors.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { tagRequest } from '../../core/http/journal-hooks.js';
import { syncHook } from '../../core/http/sync-hook.js';
import { jobEffectsOf } from '../../core/scenarios/hook.js';
import { andThen } from '../../core/state/awaitable.js';
import { authenticate, type SendbirdApp } from './auth.js';
import { exportView } from './lifecycle.js';
import { CreateExportBody, ExportView, ListQuery, ListView, SendbirdError, type SendbirdSeeds } from './schemas.js';
import { findExport, listExports, startExport } from './service.js';

const BASE = '/sendbird/:app_id/v3/ai_agent/data_exports';

export { JOB_ERROR } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    sendbirdApp?: SendbirdApp;
  }
}

/** Registers the routes in a child scope of their own, so the auth hook covers them and nothing else (not /openapi). */
export async function registerRoutes(parent: FastifyInstance, ctx: CoreContext, seeds: SendbirdSeeds): Promise<void> {
  await parent.register(async (scope) => routes(scope, ctx, seeds));
}

async function routes(scope: FastifyInstance, ctx: CoreContext, seeds: SendbirdSeeds): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tokenSecret = `${ctx.config.SEED}\u001fsendbird-page-token`;
  const errors = { 400: SendbirdError, 500: SendbirdError };
  const tags = ['Data export'];

  scope.addHook(
    'onRequest',
    syncHook((request) => {
      tagRequest(request, { tenant: (request.params as { app_id?: string }).app_id });
      request.sendbirdApp = authenticate(seeds, request);
    }),
  );

  const create = async (request: FastifyRequest & { body: z.output<typeof CreateExportBody> }) => {
    const job = await startExport(ctx, request.sendbirdApp!, request.body, jobEffectsOf(request));
    tagRequest(request, { jobId: job.id });
    // The view at the instant the job was created, however long creating it took in real time.
    return exportView(ctx, job, job.createdAt);
  };

  const createSchema = {
    tags,
    operationId: 'createDataExport',
    summary: 'Request a data export',
    body: CreateExportBody,
    response: { 200: ExportView, ...errors },
  };
  app.post(BASE, { schema: createSchema, config: { routeKind: 'create' } }, create);
  app.post(`${BASE}/`, { schema: { ...createSchema, hide: true }, config: { routeKind: 'create' } }, create);

  const listSchema = {
    tags,
    operationId: 'listDataExports',
    summary: 'List data export requests',
    querystring: ListQuery,
    response: { 200: ListView, ...errors },
  };
  const list = async (request: FastifyRequest & { query: z.output<typeof ListQuery> }) =>
    listExports(ctx, request.sendbirdApp!, request.query, tokenSecret);
  app.get(BASE, { schema: listSchema, config: { routeKind: 'list' } }, list);
  app.get(`${BASE}/`, { schema: { ...listSchema, hide: true }, config: { routeKind: 'list' } }, list);

  const detailsSchema = {
    tags,
    operationId: 'getDataExport',
    summary: 'Get data export details',
    params: z.object({ export_id: z.string().describe('The export id returned on creation') }),
    response: { 200: ExportView, ...errors },
  };
  // Synchronous on the embedded store (core/state/awaitable.ts): the poll pays no promise.
  const details = (request: FastifyRequest<{ Params: { export_id: string } }>) =>
    andThen(findExport(ctx, request.sendbirdApp!, request.params.export_id), (job) => {
      tagRequest(request, { jobId: job.id });
      return exportView(ctx, job, ctx.clock.now());
    });
  app.get(`${BASE}/:export_id`, { config: { routeKind: 'poll' }, schema: detailsSchema }, details);
  // With a trailing slash too, as create and list: the page writes its paths with one.
  app.get(`${BASE}/:export_id/`, { config: { routeKind: 'poll' }, schema: { ...detailsSchema, hide: true } }, details);
}

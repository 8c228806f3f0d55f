/**
 * POST /seax-api/api/v1/workspace/{workspace_id}/export-conversations and GET …/export-conversations/{export_job_id},
 * under /seasalt; GET /__admin/outbox (notification emails). Handlers parse, call and return; every failure is a
 * thrown FastAPI-shaped error rendered by errors.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { tagRequest } from '../../core/http/journal-hooks.js';
import { syncHook } from '../../core/http/sync-hook.js';
import { jobEffectsOf } from '../../core/scenarios/hook.js';
import { andThen } from '../../core/state/awaitable.js';
import { authenticate } from './auth.js';
import { JSON_TYPE } from './errors.js';
import { ExportConversationsRequest } from './export-request.js';
import type { Outbox } from './outbox.js';
import { parsePythonJson } from './python-json.js';
import {
  ConflictError,
  ExportCreated,
  ExportJob,
  HttpError,
  JobParams,
  OutboxEmail,
  type SeasaltSeeds,
  ValidationErrorBody,
  type Workspace,
  WorkspaceParams,
} from './schemas.js';
import { findExport, observeOutbox, pollExport, startExport } from './service.js';

export const PREFIX = '/seasalt';
const BASE = `${PREFIX}/seax-api/api/v1/workspace/:workspace_id/export-conversations`;
const CREATED_MESSAGE = 'Export job created. You will be emailed a download link when it is ready.';

const API = `${PREFIX}/seax-api/api/v1/workspace/[^/]+/export-conversations`;
const COLLECTION = new RegExp(`^${API}$`);
const ITEM = new RegExp(`^${API}/[^/]+$`);

/** The methods a path allows, as Starlette's `Allow` header lists them, or undefined when no route has the path. */
function allowedMethods(path: string): string | undefined {
  if (COLLECTION.test(path)) return 'POST';
  if (ITEM.test(path)) return 'GET, HEAD';
  return undefined;
}

/**
 * Starlette's routing answers: 405 `{"detail": "Method Not Allowed"}` with `Allow` for a known path and another method
 * (before any authentication, as routing comes first); 307 to the path without its trailing slash when that path
 * exists (redirect_slashes); otherwise 404 `{"detail": "Not Found"}`.
 */
/**
 * A JSON body under plain `application/json`, as Starlette sends it. Fastify appends a charset to any JSON type unless
 * the reply has its own serializer, so the body is serialized here (this runs in the root not-found handler, outside
 * the scope whose onSend hook does the same for the routes).
 */
const starletteJson = (reply: FastifyReply, body: unknown) =>
  reply
    .header('content-type', JSON_TYPE)
    .serializer((payload: unknown) => payload as string)
    .send(JSON.stringify(body));

export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?', 1)[0] ?? '';
  const allow = allowedMethods(path);
  if (allow) return starletteJson(reply.code(405).header('allow', allow), { detail: 'Method Not Allowed' });
  if (path.length > 1 && path.endsWith('/') && allowedMethods(path.replace(/\/+$/, ''))) {
    const original = request.originalUrl;
    const q = original.indexOf('?');
    const target = `${(q === -1 ? original : original.slice(0, q)).replace(/\/+$/, '')}${q === -1 ? '' : original.slice(q)}`;
    return reply
      .code(307)
      .header('location', `${request.protocol}://${request.headers.host ?? 'localhost'}${target}`)
      .send();
  }
  return starletteJson(reply.code(404), { detail: 'Not Found' });
}

declare module 'fastify' {
  interface FastifyRequest {
    seasaltWorkspace?: Workspace;
  }
}

/**
 * FastAPI's body handling: no Content-Type or a JSON one (application/json, application/*+json) is decoded with
 * Python's json module (errors as json_invalid with Python's message and position; a UTF-8 BOM is accepted, as
 * json.loads accepts it on bytes); any other type leaves the raw text, which the model then refuses
 * (model_attributes_type); an empty body is no body (missing).
 */
function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const [type = '', sub = ''] = (contentType.split(';')[0] ?? '').trim().toLowerCase().split('/');
  return type === 'application' && (sub === 'json' || sub.endsWith('+json'));
}

function registerBodyParser(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') return done(null, undefined);
    if (!isJsonType(request.headers['content-type'])) return done(null, text);
    try {
      done(null, parsePythonJson(text.replace(/^\uFEFF/, '')));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

type Body = ExportConversationsRequest;

export async function registerRoutes(
  parent: FastifyInstance,
  ctx: CoreContext,
  seeds: SeasaltSeeds,
  outbox: Outbox,
): Promise<void> {
  registerBodyParser(parent);
  await parent.register(async (scope) => apiRoutes(scope, ctx, seeds, outbox));
}

/** The scope's hooks: tenant tag, Starlette's content type, and the API key check where FastAPI makes it. */
function registerHooks(scope: FastifyInstance, seeds: SeasaltSeeds): void {
  scope.addHook(
    'onRequest',
    syncHook((request) => {
      tagRequest(request, { tenant: (request.params as { workspace_id?: string }).workspace_id });
    }),
  );
  // Starlette's JSONResponse says plain `application/json`; Fastify appends a charset when it serializes, so the header
  // is put right once the payload is a string.
  scope.addHook('onSend', (_request, reply, payload, done) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json'))
      reply.header('content-type', JSON_TYPE);
    done(null, payload);
  });
  // FastAPI reads and decodes the JSON body before it solves dependencies (the API key check is one), and solves them
  // before it validates the body's fields: malformed JSON is 422 json_invalid whatever the key, a bad key with bad
  // fields is 401. preValidation is exactly that point: after body parsing, before schema validation.
  scope.addHook(
    'preValidation',
    syncHook((request) => {
      // The slash redirect (see the poll handler) is routing, which FastAPI does before any authentication.
      if ((request.params as { export_job_id?: string }).export_job_id === '') return;
      request.seasaltWorkspace = authenticate(seeds, request);
    }),
  );
}

async function apiRoutes(scope: FastifyInstance, ctx: CoreContext, seeds: SeasaltSeeds, outbox: Outbox): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['Export Conversations'];

  registerHooks(scope, seeds);

  app.post(
    BASE,
    {
      config: { routeKind: 'create' },
      schema: {
        tags,
        operationId: 'exportConversations',
        summary: 'Trigger a conversation export',
        description:
          'Enqueues an export of one channel over an inclusive date range; identify the channel by channel_id or by phone_number (with channel_type when the number is shared).',
        params: WorkspaceParams,
        body: ExportConversationsRequest,
        response: {
          202: ExportCreated.describe('The export job is queued'),
          400: HttpError.describe('start_date is in the future'),
          401: HttpError.describe('Missing or invalid X-API-Key'),
          404: HttpError.describe('No channel for channel_id, or none for the phone number'),
          409: ConflictError.describe(
            'The phone number matches several channels (detail.candidates), or an export of this channel and range is in progress',
          ),
          429: HttpError.describe('The server keeps MAX_JOBS jobs already; retry after Retry-After seconds'),
          422: ValidationErrorBody.describe('Request body validation failed (FastAPI, pydantic v2 items)'),
        },
      },
    },
    async (request: FastifyRequest & { body: Body }, reply) => {
      const job = await startExport(ctx, outbox, request.seasaltWorkspace!, request.body, jobEffectsOf(request));
      tagRequest(request, { jobId: job.id });
      return reply.code(202).send({ export_job_id: job.id, status: 'queued' as const, message: CREATED_MESSAGE });
    },
  );

  app.get(
    `${BASE}/:export_job_id`,
    {
      config: { routeKind: 'poll' },
      schema: {
        tags,
        operationId: 'getExportJob',
        summary: 'Get export job status',
        description:
          'queued or started: presigned_url is null; finished: presigned_url is valid for 24 hours; failed: error_message says why.',
        params: JobParams,
        response: {
          200: ExportJob.describe('The export job'),
          401: HttpError.describe('Missing or invalid X-API-Key'),
          404: HttpError.describe('No such export job in this workspace'),
        },
      },
    },
    // Synchronous on the embedded stores (see pollExport): Fastify sends a value directly, a promise (Redis) awaited.
    (request, reply) => {
      // …/export-conversations/ (an empty id): Starlette's path parameter needs a character, so this is the slash redirect.
      if (request.params.export_job_id === '') {
        notFound(request, reply); // sends at once
        return;
      }
      return andThen(findExport(ctx, request.seasaltWorkspace!, request.params.export_job_id), (job) => {
        tagRequest(request, { jobId: job.id });
        return pollExport(ctx, outbox, job);
      });
    },
  );
}

/** GET /__admin/outbox: a control route (the core registers it with the admin API); not in any OpenAPI document. */
export function registerOutbox(scope: FastifyInstance, ctx: CoreContext, outbox: Outbox): void {
  scope.withTypeProvider<ZodTypeProvider>().get(
    '/__admin/outbox',
    {
      schema: {
        hide: true,
        response: { 200: z.array(OutboxEmail), 401: z.object({ error: z.string(), message: z.string() }) },
      },
    },
    async () => {
      await observeOutbox(ctx, outbox);
      return outbox.list();
    },
  );
}

/**
 * POST /seax-api/api/v1/workspace/{workspace_id}/export-conversations and GET …/export-conversations/{export_job_id},
 * under /seasalt; GET /__admin/outbox (notification emails). Handlers parse, call and return; every failure is a
 * thrown FastAPI-shaped error rendered by errors.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { tagRequest } from '../../core/journal-hooks.js';
import { createExportJob } from '../../core/export-job.js';
import { jobEffectsOf } from '../../core/scenarios/hook.js';
import { utcDateOf } from '../../core/world/dates.js';
import { authenticate } from './auth.js';
import { httpError } from './errors.js';
import { exportWork, type ExportParams } from './export-file.js';
import { exportIds } from './generator.js';
import { dueJobs, isActive, JOB_ERROR, jobState, type SeasaltJob } from './lifecycle.js';
import { channelLabel, zipName } from './names.js';
import type { Outbox } from './outbox.js';
import { parsePythonJson } from './python-json.js';
import {
  type ChannelSeed,
  coarseOf,
  ConflictError,
  ExportConversationsRequest,
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

export const PREFIX = '/seasalt';
export const BASE = `${PREFIX}/seax-api/api/v1/workspace/:workspace_id/export-conversations`;
export const CREATED_MESSAGE = 'Export job created. You will be emailed a download link when it is ready.';
export const AMBIGUOUS_MESSAGE = 'Multiple channels match this phone number. Specify channel_type or channel_id.';

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
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?', 1)[0] ?? '';
  const allow = allowedMethods(path);
  if (allow) return reply.code(405).header('allow', allow).send({ detail: 'Method Not Allowed' });
  if (path.length > 1 && path.endsWith('/') && allowedMethods(path.replace(/\/+$/, ''))) {
    const original = request.originalUrl;
    const q = original.indexOf('?');
    const target = `${(q === -1 ? original : original.slice(0, q)).replace(/\/+$/, '')}${q === -1 ? '' : original.slice(q)}`;
    return reply.code(307).header('location', `${request.protocol}://${request.headers.host ?? 'localhost'}${target}`).send();
  }
  return reply.code(404).send({ detail: 'Not Found' });
}

/** Real milliseconds a poll waits for the file of a job whose time has come (a small export is written by then). */
const SETTLE_MS = 1000;

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

/**
 * The channel a request names. `channel_type` narrows the candidates whichever way the channel is named: with a
 * channel_id of another type nothing is found (404), with a shared number it picks one channel.
 */
export function resolveChannel(workspace: Workspace, body: ExportConversationsRequest): ChannelSeed {
  const wanted = body.channel_type ?? undefined;
  const fits = (c: ChannelSeed) => wanted === undefined || coarseOf(c.channel_type) === wanted;
  if (body.channel_id) {
    const id = body.channel_id.toLowerCase();
    const channel = workspace.channels.find((c) => c.channel_id.toLowerCase() === id);
    if (!channel) throw httpError(404, 'Channel not found');
    if (!fits(channel)) throw httpError(404, `Channel not found: channel ${channel.channel_id} is ${coarseOf(channel.channel_type)}, not ${wanted}`);
    return channel;
  }
  const phone = body.phone_number!;
  const onNumber = workspace.channels.filter((c) => c.phone_number === phone);
  const matching = onNumber.filter(fits);
  if (matching.length === 0) {
    throw httpError(404, onNumber.length > 0 ? `No ${wanted} channel found for phone number ${phone}` : `No channel found for phone number ${phone}`);
  }
  if (matching.length > 1) {
    throw httpError(409, {
      message: AMBIGUOUS_MESSAGE,
      candidates: matching.map((c) => ({ channel_id: c.channel_id, channel_type: c.channel_type, name: c.name })),
    });
  }
  return matching[0]!;
}

type Body = ExportConversationsRequest;

export async function registerRoutes(parent: FastifyInstance, ctx: CoreContext, seeds: SeasaltSeeds, outbox: Outbox): Promise<void> {
  registerBodyParser(parent);
  await parent.register(async (scope) => apiRoutes(scope, ctx, seeds, outbox));
  registerOutbox(parent, ctx, outbox);
}

async function apiRoutes(scope: FastifyInstance, ctx: CoreContext, seeds: SeasaltSeeds, outbox: Outbox): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['Export Conversations'];

  scope.addHook('onRequest', async (request) => {
    // The slash redirect (see the poll handler) is routing, which FastAPI does before any authentication.
    if ((request.params as { export_job_id?: string }).export_job_id === '') return;
    tagRequest(request, { tenant: (request.params as { workspace_id?: string }).workspace_id });
    request.seasaltWorkspace = authenticate(seeds, request);
  });

  app.post(
    BASE,
    {
      config: { routeKind: 'create' },
      schema: {
        tags,
        summary: 'Trigger a conversation export',
        description: 'Enqueues an export of one channel over an inclusive date range; identify the channel by channel_id or by phone_number (with channel_type when the number is shared).',
        params: WorkspaceParams,
        body: ExportConversationsRequest,
        response: {
          202: ExportCreated.describe('The export job is queued'),
          400: HttpError.describe('start_date is in the future'),
          401: HttpError.describe('Missing or invalid X-API-Key'),
          404: HttpError.describe('No channel for channel_id, or none for the phone number'),
          409: ConflictError.describe('The phone number matches several channels (detail.candidates), or an export of this channel and range is in progress'),
          422: ValidationErrorBody.describe('Request body validation failed (FastAPI, pydantic v2 items)'),
        },
      },
    },
    async (request: FastifyRequest & { body: Body }, reply) => {
      const workspace = request.seasaltWorkspace!;
      const body = request.body;
      const now = ctx.clock.now();
      const today = utcDateOf(now);
      if (body.start_date > today) throw httpError(400, `start_date (${body.start_date}) cannot be in the future: today is ${today} (UTC)`);
      const channel = resolveChannel(workspace, body);

      const same = ctx.jobs
        .list<ExportParams, unknown>('seasalt', workspace.workspace_id)
        .filter((j) => j.params.world.channel.channelId === channel.channel_id && j.params.range.startDate === body.start_date && j.params.range.endDate === body.end_date) as SeasaltJob[];
      await ctx.jobs.settle(dueJobs(same, now), SETTLE_MS);
      const running = same.find((j) => isActive(jobState(ctx, j, now)));
      if (running) {
        throw httpError(409, `An export for this channel and date range is already in progress (export_job_id ${running.id}). Poll it until it has finished, then request again.`);
      }

      const effects = jobEffectsOf(request);
      const seq = ctx.jobs.count('seasalt') + 1;
      const { exportJobId, fileId } = exportIds(ctx.config.SEED, workspace.workspace_id, seq);
      const name = zipName(channel, body.start_date, fileId);
      const params: ExportParams = {
        world: {
          seed: ctx.config.SEED,
          workspaceId: workspace.workspace_id,
          channel: {
            channelId: channel.channel_id,
            name: channel.name,
            phoneNumber: channel.phone_number,
            channelType: channel.channel_type,
            botName: channel.bot_name ?? workspace.bot_name,
            agents: channel.agents,
          },
          volume: ctx.config.WORLD_DAILY_VOLUME * channel.volume * (effects?.job.volume_factor ?? 1),
        },
        range: { startDate: body.start_date, endDate: body.end_date, cutoff: now },
        exportJobId,
        zipName: name,
        key: `conversation_exports/${workspace.workspace_id}/${name}`,
        channelLabel: channelLabel(channel),
        notificationEmail: body.notification_email ?? null,
        empty: effects?.job.outcome === 'empty' || effects?.job.outcome === 'no_data',
      };
      const job = createExportJob(ctx, { id: exportJobId, vendor: 'seasalt', tenant: workspace.workspace_id, createdAt: now, params }, effects, JOB_ERROR, exportWork(ctx, params, now)) as SeasaltJob;
      outbox.track(job);
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
        summary: 'Get export job status',
        description: 'queued or started: presigned_url is null; finished: presigned_url is valid for 24 hours; failed: error_message says why.',
        params: JobParams,
        response: {
          200: ExportJob.describe('The export job'),
          401: HttpError.describe('Missing or invalid X-API-Key'),
          404: HttpError.describe('No such export job in this workspace'),
        },
      },
    },
    async (request, reply) => {
      // …/export-conversations/ (an empty id): Starlette's path parameter needs a character, so this is the slash redirect.
      if (request.params.export_job_id === '') return notFound(request, reply);
      const workspace = request.seasaltWorkspace!;
      const job = ctx.jobs.get<ExportParams, unknown>(request.params.export_job_id.toLowerCase()) as SeasaltJob | undefined;
      if (!job || job.vendor !== 'seasalt' || job.tenant !== workspace.workspace_id) throw httpError(404, 'Export job not found');
      tagRequest(request, { jobId: job.id });
      const now = ctx.clock.now();
      await ctx.jobs.settle(dueJobs([job, ...outbox.pendingJobs()], now), SETTLE_MS);
      outbox.observe(now);
      return jobState(ctx, job, now).body;
    },
  );
}

/** GET /__admin/outbox: control plane (the root guard checks its token, Host and Origin); not in the vendor's document. */
function registerOutbox(scope: FastifyInstance, ctx: CoreContext, outbox: Outbox): void {
  scope.withTypeProvider<ZodTypeProvider>().get(
    '/__admin/outbox',
    {
      schema: { hide: true, response: { 200: z.array(OutboxEmail), 401: z.object({ error: z.string(), message: z.string() }) } },
    },
    async () => {
      const now = ctx.clock.now();
      await ctx.jobs.settle(dueJobs(outbox.pendingJobs(), now), SETTLE_MS);
      outbox.observe(now);
      return outbox.list();
    },
  );
}

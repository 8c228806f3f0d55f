/**
 * POST/GET /v3/ai_agent/data_exports and GET /v3/ai_agent/data_exports/{export_id}, under /sendbird/{app_id}.
 * Handlers parse, call and return; every failure is a thrown Sendbird error rendered by errors.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { tagRequest } from '../../core/journal-hooks.js';
import { createExportJob } from '../../core/export-job.js';
import { jobEffectsOf } from '../../core/scenarios/hook.js';
import { addDays, isCalendarDate, isTimeZone, zonedDateOf } from '../../core/world/dates.js';
import { authenticate, type SendbirdApp } from './auth.js';
import { CODES, sendbirdError } from './errors.js';
import { exportWork } from './export-file.js';
import { exportIds } from './generator.js';
import { exportView, type SendbirdJob } from './lifecycle.js';
import { decodeToken, encodeToken } from './page-token.js';
import { CreateExportBody, EXPORT_STATUSES, EXPORT_TYPES, ExportView, ListQuery, ListView, SendbirdError, type SendbirdSeeds } from './schemas.js';

export const BASE = '/sendbird/:app_id/v3/ai_agent/data_exports';
/** What a failed export says when a scenario fails it (Sendbird's status page: "the server encountered an error"). */
export const JOB_ERROR = 'The server encountered an error while processing your request.';

declare module 'fastify' {
  interface FastifyRequest {
    sendbirdApp?: SendbirdApp;
  }
}

const invalid = (message: string) => sendbirdError(CODES.INVALID_VALUE, message);

function checkCreate(body: z.output<typeof CreateExportBody>, app: SendbirdApp, now: number) {
  if (!(EXPORT_TYPES as readonly string[]).includes(body.type)) throw invalid(`Invalid value: "type". Acceptable values are conversation and daily_analysis.`);
  if (body.export_format !== 'json') throw invalid(`Invalid value: "export_format". The only acceptable value is json.`);
  if (!isTimeZone(body.timezone)) throw invalid(`Invalid value: "timezone". Use a tz database identifier such as America/New_York or UTC.`);
  for (const name of ['from', 'to'] as const) {
    if (!isCalendarDate(body[name])) throw invalid(`Invalid value: "${name}". Use a real date in YYYY-MM-DD format.`);
  }
  const today = zonedDateOf(now, body.timezone);
  const earliest = addDays(today, -7);
  if (body.from < earliest) throw invalid(`Invalid value: "from". Data can be exported up to seven days before the current date: the earliest "from" today is ${earliest} (${body.timezone}).`);
  if (body.to < body.from) throw invalid(`Invalid value: "to". "to" (${body.to}) must not be before "from" (${body.from}).`);
  if (body.to > today) throw invalid(`Invalid value: "to". "to" (${body.to}) is in the future; today is ${today} (${body.timezone}).`);
  if (body.ai_agent_id.length > 128) throw sendbirdError(CODES.VALUE_TOO_LONG, `Invalid value: "ai_agent_id" is too long (at most 128 characters).`);
  const agent = app.ai_agents.find((a) => a.ai_agent_id === body.ai_agent_id);
  if (!agent) throw sendbirdError(CODES.NOT_FOUND, `Resource not found: no AI agent "${body.ai_agent_id}" in application ${app.app_id}.`);
  return { type: body.type as (typeof EXPORT_TYPES)[number], agent };
}

/** Parses list filters; each bad value gets the code Sendbird uses for its kind of mistake. */
function checkList(q: z.output<typeof ListQuery>) {
  const int = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) throw sendbirdError(CODES.NUMBER_EXPECTED, `Invalid value type: "${name}" must be an integer.`);
    return Number(raw);
  };
  const limit = int('limit', q.limit) ?? 10;
  if (limit < 1 || limit > 100) throw invalid(`Invalid value: "limit". Acceptable values are 1 to 100.`);
  if (q.type !== undefined && !(EXPORT_TYPES as readonly string[]).includes(q.type)) throw invalid(`Invalid value: "type". Acceptable values are conversation and daily_analysis.`);
  if (q.export_status !== undefined && !(EXPORT_STATUSES as readonly string[]).includes(q.export_status)) {
    throw invalid(`Invalid value: "export_status". Acceptable values are ${EXPORT_STATUSES.join(', ')}.`);
  }
  return { limit, from: int('export_from_ts', q.export_from_ts), to: int('export_to_ts', q.export_to_ts) };
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

  scope.addHook('onRequest', async (request) => {
    tagRequest(request, { tenant: (request.params as { app_id?: string }).app_id });
    request.sendbirdApp = authenticate(seeds, request);
  });

  const create = async (request: FastifyRequest & { body: z.output<typeof CreateExportBody> }) => {
    const appSeed = request.sendbirdApp!;
    const now = ctx.clock.now();
    const { type, agent } = checkCreate(request.body, appSeed, now);
    const effects = jobEffectsOf(request);
    const seq = ctx.jobs.count('sendbird') + 1;
    const { exportId, fileId } = exportIds(ctx.config.SEED, appSeed.app_id, seq);
    const params = {
      world: { seed: ctx.config.SEED, appId: appSeed.app_id, aiAgentId: agent.ai_agent_id, volume: ctx.config.WORLD_DAILY_VOLUME * agent.volume * (effects?.job.volume_factor ?? 1) },
      window: { from: request.body.from, to: request.body.to, timezone: request.body.timezone, cutoff: now },
      type,
      exportId,
      fileId,
      // A scenario's empty export (or Sendbird's own no_data) finds nothing to export.
      empty: effects?.job.outcome === 'empty' || effects?.job.outcome === 'no_data',
    };
    const job: SendbirdJob = createExportJob(ctx, { id: exportId, vendor: 'sendbird', tenant: appSeed.app_id, createdAt: now, params }, effects, JOB_ERROR, exportWork(ctx, params, now));
    tagRequest(request, { jobId: job.id });
    return exportView(ctx, job, now);
  };

  const createSchema = { tags, summary: 'Request a data export', body: CreateExportBody, response: { 200: ExportView, ...errors } };
  app.post(BASE, { schema: createSchema, config: { routeKind: 'create' } }, create);
  app.post(`${BASE}/`, { schema: { ...createSchema, hide: true }, config: { routeKind: 'create' } }, create);

  const listSchema = { tags, summary: 'List data export requests', querystring: ListQuery, response: { 200: ListView, ...errors } };
  const list = async (request: FastifyRequest & { query: z.output<typeof ListQuery> }) => {
    const appSeed = request.sendbirdApp!;
    const q = request.query;
    const { limit, from, to } = checkList(q);
    const scopeKey = [appSeed.app_id, q.type, q.ai_agent_id, q.export_status, q.export_from_ts, q.export_to_ts, limit].join('|');
    const cursor = q.token === undefined || q.token === '' ? undefined : decodeToken(tokenSecret, scopeKey, q.token);
    if (q.token && !cursor) throw sendbirdError(CODES.EXPIRED_TOKEN, 'The page token is invalid or has expired. Start again without "token", with the same filters.');
    const jobs = ctx.jobs.list<SendbirdJob['params'], NonNullable<SendbirdJob['generation']['result']>>('sendbird', appSeed.app_id);
    const now = ctx.clock.now();
    const matching: Array<{ job: SendbirdJob; view: ExportView }> = [];
    for (const job of jobs) {
      if (q.type && job.params.type !== q.type) continue;
      if (q.ai_agent_id && job.params.world.aiAgentId !== q.ai_agent_id) continue;
      if (from !== undefined && job.createdAt < from) continue;
      if (to !== undefined && job.createdAt > to) continue;
      const view = exportView(ctx, job, now);
      if (q.export_status && view.export_status !== q.export_status) continue;
      matching.push({ job, view });
    }
    // Newest first; a cursor is the (createdAt, seq) of the item at a page edge.
    const after = (j: SendbirdJob, c: { createdAt: number; seq: number }) => j.createdAt < c.createdAt || (j.createdAt === c.createdAt && j.seq < c.seq);
    let start = 0;
    if (cursor?.direction === 'older') start = matching.findIndex(({ job }) => after(job, cursor));
    if (cursor?.direction === 'newer') {
      const firstNotNewer = matching.findIndex(({ job }) => after(job, cursor) || (job.createdAt === cursor.createdAt && job.seq === cursor.seq));
      start = Math.max(0, (firstNotNewer === -1 ? matching.length : firstNotNewer) - limit);
    }
    if (start === -1) start = matching.length;
    const page = matching.slice(start, start + limit);

    const edge = (i: number, direction: 'older' | 'newer') => {
      const j = page[i]!.job;
      return encodeToken(tokenSecret, scopeKey, { direction, createdAt: j.createdAt, seq: j.seq });
    };
    return {
      items: page.map((p) => p.view),
      prev: start > 0 && page.length > 0 ? edge(0, 'newer') : null,
      next: start + limit < matching.length && page.length > 0 ? edge(page.length - 1, 'older') : '',
    };
  };
  app.get(BASE, { schema: listSchema, config: { routeKind: 'list' } }, list);
  app.get(`${BASE}/`, { schema: { ...listSchema, hide: true }, config: { routeKind: 'list' } }, list);

  app.get(
    `${BASE}/:export_id`,
    { config: { routeKind: 'poll' }, schema: { tags, summary: 'Get data export details', params: z.object({ export_id: z.string().describe('The export id returned on creation') }), response: { 200: ExportView, ...errors } } },
    async (request) => {
      const appSeed = request.sendbirdApp!;
      const job = ctx.jobs.get<SendbirdJob['params'], NonNullable<SendbirdJob['generation']['result']>>(request.params.export_id);
      if (!job || job.vendor !== 'sendbird' || job.tenant !== appSeed.app_id) {
        throw sendbirdError(CODES.NOT_FOUND, `Resource not found: no data export "${request.params.export_id}" in application ${appSeed.app_id}.`);
      }
      tagRequest(request, { jobId: job.id });
      return exportView(ctx, job, ctx.clock.now());
    },
  );
}

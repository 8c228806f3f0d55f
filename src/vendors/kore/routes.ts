/**
 * POST /api/public/bot/{AppID}/search/analytics-export, GET /api/public/bot/{AppID}/search/jobs/{JobID} and the
 * media-stream links of the exported files (GET /api/getMediaStream/findly/{file}), under /kore. Handlers parse, call
 * and return; every failure is a thrown Kore error rendered by errors.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { tagRequest } from '../../core/http/journal-hooks.js';
import { JOB_CAP_RETRY_SECONDS, jobCapReached } from '../../core/jobs/cap.js';
import { fileFaultFor } from '../../core/scenarios/file-faults.js';
import { jobEffectsOf } from '../../core/scenarios/hook.js';
import { andThen } from '../../core/state/awaitable.js';
import { sendStoredObject } from '../../core/storage/downloads.js';
import { DAY_MS, isCalendarDate, utcMidnight } from '../../core/world/dates.js';
import { authHook, type KoreCaller } from './auth.js';
import { badRequest, CODES, EVENT_HINT, koreError } from './errors.js';
import { BUCKET } from './export-file.js';
import { VENDOR } from './generator.js';
import { createExportJob, jobView, type KoreJob, LINK_LIFETIME_SECONDS, MEDIA_PATH } from './lifecycle.js';
import {
  EVENTS,
  ExportBody,
  type FeedbackEvent,
  JobPathParams,
  JobView,
  KoreError,
  type KoreSeeds,
  MediaParams,
  MediaQuery,
  PathParams,
  SearchRecord,
} from './schemas.js';

const EXPORT_PATH = '/kore/api/public/bot/:AppID/search/analytics-export';
const JOB_PATH = '/kore/api/public/bot/:AppID/search/jobs/:JobID';
/** The vendor page: "This API can export analytics data for up to one week at most." */
const MAX_RANGE_MS = 7 * DAY_MS;

declare module 'fastify' {
  interface FastifyRequest {
    koreCaller?: KoreCaller;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UTC_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|[+-]00:?00)?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:?\d{2}$/;

/**
 * An instant from `filters.from` / `filters.to`. The page says the values are "in UTC" and shows ISO 8601 date-times:
 * - a date is midnight UTC at its start, for `from` and `to` alike, as JavaScript's Date reads "2025-04-08". So the
 *   page's "a month in four calls, once per week" works with date-only bounds: 01→08, 08→15, … each span exactly
 *   seven days and tile the month;
 * - a date-time without a zone is read as UTC (the page: values are in UTC); Z and +00:00 say so explicitly;
 * - any other offset is refused rather than guessed (choice, vendor README).
 */
function parseInstant(name: string, raw: string): number {
  const hint = `${name} must be a date YYYY-MM-DD or an ISO 8601 UTC date-time such as 2025-01-25T07:32:58.611Z (got "${raw.slice(0, 40)}")`;
  if (DATE.test(raw)) {
    if (!isCalendarDate(raw)) throw badRequest(`${name} is not a real calendar date: ${hint}`);
    return utcMidnight(raw);
  }
  const m = UTC_DATE_TIME.exec(raw);
  if (!m) {
    if (ZONED_DATE_TIME.test(raw))
      throw badRequest(
        `${name} must be in UTC: end the date-time with Z, e.g. 2025-01-25T07:32:58.611Z (got "${raw.slice(0, 40)}")`,
      );
    throw badRequest(hint);
  }
  const [, date, hh, mm, ss = '0', frac = ''] = m;
  if (!isCalendarDate(date!) || +hh! > 23 || +mm! > 59 || +ss > 59)
    throw badRequest(`${name} is not a real date and time: ${hint}`);
  return utcMidnight(date!) + +hh! * 3_600_000 + +mm! * 60_000 + +ss * 1000 + Number(frac.padEnd(3, '0').slice(0, 3));
}

/** The value rules of the body, each with its own message. */
function checkExport(body: z.output<typeof ExportBody>): { from: number; to: number; event?: FeedbackEvent } {
  const from = parseInstant('filters.from', body.filters.from);
  const to = parseInstant('filters.to', body.filters.to);
  if (from > to)
    throw badRequest(`filters.from (${body.filters.from}) must not be after filters.to (${body.filters.to}).`);
  if (to - from > MAX_RANGE_MS) {
    throw badRequest(
      'Date range exceeds 7 days: analytics data can be exported for up to one week at a time. Split the range into several exports of at most 7 days each.',
    );
  }
  const event = body.event ?? undefined;
  if (event !== undefined && !(EVENTS as readonly string[]).includes(event))
    throw badRequest(`Invalid event: ${EVENT_HINT}.`);
  return { from, to, event };
}

export async function registerRoutes(parent: FastifyInstance, ctx: CoreContext, seeds: KoreSeeds): Promise<void> {
  // Each in a child scope of its own: the JWT hook covers the API and nothing else (not the media links, not /openapi).
  await parent.register(async (scope) => apiRoutes(scope, ctx, seeds));
  await parent.register(async (scope) => mediaRoutes(scope, ctx));
}

async function apiRoutes(scope: FastifyInstance, ctx: CoreContext, seeds: KoreSeeds): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['Answer insights export'];
  const errors = { 400: KoreError, 401: KoreError, 404: KoreError };

  scope.addHook('onRequest', authHook(seeds, ctx));

  // Each route also with a trailing slash, hidden from the document: Kore's API runs on Express, which does not route
  // strictly by default (vendor README).
  for (const url of [EXPORT_PATH, `${EXPORT_PATH}/`]) {
    app.post(
      url,
      {
        config: { routeKind: 'create' },
        schema: {
          hide: url !== EXPORT_PATH,
          tags,
          operationId: 'exportAnswerInsights',
          summary: 'Export answer insights',
          description:
            'Starts a DATA_EXPORT job. Poll it with the Jobs API until SUCCESS, then download every analyticsFragments[].fileUrl.',
          params: PathParams,
          body: ExportBody,
          response: { 200: JobView, ...errors },
        },
      },
      async (request) => {
        const { bot, app: client } = request.koreCaller!;
        const { from, to, event } = checkExport(request.body);
        const full = await jobCapReached(ctx);
        // MAX_JOBS: Kore's rate-limit answer, 429 with Retry-After (README, "Choices").
        if (full) throw koreError(429, full, CODES.RATE_LIMITED, { 'retry-after': String(JOB_CAP_RETRY_SECONDS) });
        const job = await createExportJob(ctx, {
          bot,
          app: client,
          window: { from, to },
          event,
          effects: jobEffectsOf(request),
        });
        tagRequest(request, { jobId: job.id });
        return jobView(ctx, job, ctx.clock.now());
      },
    );
  }

  for (const url of [JOB_PATH, `${JOB_PATH}/`]) {
    app.get(
      url,
      {
        config: { routeKind: 'poll' },
        schema: {
          hide: url !== JOB_PATH,
          tags,
          operationId: 'getJobStatus',
          summary: 'Get the status of a job (Jobs API)',
          params: JobPathParams,
          response: { 200: JobView, ...errors },
        },
      },
      // Synchronous on the embedded store (core/state/awaitable.ts): the poll pays no promise.
      (request) => {
        const { bot } = request.koreCaller!;
        const found = ctx.jobs.get<KoreJob['params'], NonNullable<KoreJob['generation']['result']>>(
          request.params.JobID,
        );
        return andThen(found, (job) => {
          if (!job || job.vendor !== VENDOR || job.tenant !== bot.app_id)
            throw koreError(404, 'Job not found', CODES.NOT_FOUND);
          tagRequest(request, { jobId: job.id });
          // No waiting here: a poll answers at once (moving the clock through the admin API waits for due files).
          return jobView(ctx, job, ctx.clock.now());
        });
      },
    );
  }
}

async function mediaRoutes(scope: FastifyInstance, ctx: CoreContext): Promise<void> {
  const denied = (msg: string) => koreError(403, msg, CODES.LINK_DENIED);
  const handler = async (
    request: FastifyRequest<{ Params: z.output<typeof MediaParams>; Querystring: z.output<typeof MediaQuery> }>,
    reply: FastifyReply,
  ) => {
    const now = ctx.clock.now();
    const { file } = request.params;
    const { n, s } = request.query;
    if (!n || !/^\d{1,12}$/.test(n) || !s)
      throw denied(
        'Invalid media link: the n and s parameters are missing or malformed. Use the fileUrl of a finished export unchanged.',
      );
    const expiresAt = Number(n) * 1000;
    // The signature first, so an altered expiry is reported as an altered link; so is an n past any link's lifetime.
    if (!ctx.signer.verifyToken(`findly/${file}`, expiresAt, s, { now, maxLifetimeMs: LINK_LIFETIME_SECONDS * 1000 }))
      throw denied('Invalid media link: the signature does not match. Use the fileUrl of a finished export unchanged.');
    if (now >= expiresAt)
      throw denied(
        `This media link expired at ${new Date(expiresAt).toISOString()}. Download the files within 24 hours of the job's end, or start a new export.`,
      );
    const object = await ctx.store.find(BUCKET, file);
    if (!object) throw koreError(404, 'File not found', CODES.NOT_FOUND);
    if (object.owner) tagRequest(request, object.owner);
    const fault = await fileFaultFor(object, ctx.jobs, now);
    if (fault?.kind === 'expired')
      throw denied(`This media link expired at ${new Date(fault.expiresAt).toISOString()}. Start a new export.`);
    if (fault?.kind === 'status')
      throw koreError(
        fault.status,
        fault.status === 500 ? 'Internal server error' : 'Service temporarily unavailable. Please try again later.',
      );
    // Too many downloads at once (or from this client): the same 503 as Kore's own outage (README, "Choices").
    if (ctx.downloads.admit(request, reply))
      throw koreError(503, 'Service temporarily unavailable. Please try again later.');
    return sendStoredObject(request, reply, ctx.store, object, fault?.kind === 'mangle' ? fault.mangle : undefined);
  };
  const schema = {
    tags: ['Answer insights export'],
    operationId: 'downloadExportFile',
    summary: 'Download an exported file (the fileUrl of a finished job)',
    description:
      'A JSON array of answer-insights records. No auth header: the link is signed and works for 24 hours after the job ended.',
    params: MediaParams,
    querystring: MediaQuery,
    security: [],
    response: {
      200: z.array(SearchRecord).describe('The records of this file, in time order'),
      403: KoreError,
      404: KoreError,
      503: KoreError.describe('Every download slot is taken (MAX_CONCURRENT_DOWNLOADS): retry'),
    },
  };
  const app = scope.withTypeProvider<ZodTypeProvider>();
  // HEAD first: Fastify would otherwise add its own HEAD twin of the GET route.
  app.route({
    method: 'HEAD',
    url: `${MEDIA_PATH}/:file`,
    config: { routeKind: 'download' },
    schema: { ...schema, hide: true },
    handler,
  });
  app.route({ method: 'GET', url: `${MEDIA_PATH}/:file`, config: { routeKind: 'download' }, schema, handler });
}

/** The routes of this vendor by path, for answering a wrong method with 405 (from notFound). */
export const ALLOWED_METHODS: ReadonlyArray<{ path: RegExp; allow: readonly string[] }> = [
  { path: /^\/kore\/api\/public\/bot\/[^/]+\/search\/analytics-export\/?$/, allow: ['POST'] },
  { path: /^\/kore\/api\/public\/bot\/[^/]+\/search\/jobs\/[^/]+\/?$/, allow: ['GET', 'HEAD'] },
  { path: /^\/kore\/api\/getMediaStream\/findly\/[^/]+$/, allow: ['GET', 'HEAD'] },
];

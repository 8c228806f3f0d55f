/**
 * The business of the data-export routes, apart from HTTP: check and start an export, list an application's exports
 * (filters, newest first, signed page tokens), find one. Each bad value gets the code Sendbird uses for its kind of
 * mistake; every failure is a thrown Sendbird error.
 */
import type { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { JOB_CAP_RETRY_SECONDS, jobCapReached } from '../../core/jobs/cap.js';
import { createExportJob } from '../../core/jobs/create.js';
import type { JobEffects } from '../../core/jobs/job.js';
import { type Awaitable, andThen } from '../../core/state/awaitable.js';
import { addDays, isCalendarDate, isTimeZone, zonedDateOf } from '../../core/world/dates.js';
import type { SendbirdApp } from './auth.js';
import { CODES, sendbirdError } from './errors.js';
import { exportWork } from './export-file.js';
import { exportIds } from './generator.js';
import { exportView, type SendbirdJob } from './lifecycle.js';
import { decodeToken, encodeToken } from './page-token.js';
import {
  type CreateExportBody,
  EXPORT_STATUSES,
  EXPORT_TYPES,
  type ExportView,
  type ListQuery,
  type ListView,
} from './schemas.js';

/** What a failed export says when a scenario fails it (Sendbird's status page: "the server encountered an error"). */
export const JOB_ERROR = 'The server encountered an error while processing your request.';

const invalid = (message: string) => sendbirdError(CODES.INVALID_VALUE, message);

function checkCreate(body: z.output<typeof CreateExportBody>, app: SendbirdApp, now: number) {
  if (!(EXPORT_TYPES as readonly string[]).includes(body.type))
    throw invalid(`Invalid value: "type". Acceptable values are conversation and daily_analysis.`);
  if (body.export_format !== 'json')
    throw invalid(`Invalid value: "export_format". The only acceptable value is json.`);
  if (!isTimeZone(body.timezone))
    throw invalid(`Invalid value: "timezone". Use a tz database identifier such as America/New_York or UTC.`);
  for (const name of ['from', 'to'] as const) {
    if (!isCalendarDate(body[name])) throw invalid(`Invalid value: "${name}". Use a real date in YYYY-MM-DD format.`);
  }
  const today = zonedDateOf(now, body.timezone);
  const earliest = addDays(today, -7);
  if (body.from < earliest)
    throw invalid(
      `Invalid value: "from". Data can be exported up to seven days before the current date: the earliest "from" today is ${earliest} (${body.timezone}).`,
    );
  if (body.to < body.from)
    throw invalid(`Invalid value: "to". "to" (${body.to}) must not be before "from" (${body.from}).`);
  if (body.to > today)
    throw invalid(`Invalid value: "to". "to" (${body.to}) is in the future; today is ${today} (${body.timezone}).`);
  if (body.ai_agent_id.length > 128)
    throw sendbirdError(CODES.VALUE_TOO_LONG, `Invalid value: "ai_agent_id" is too long (at most 128 characters).`);
  const agent = app.ai_agents.find((a) => a.ai_agent_id === body.ai_agent_id);
  if (!agent)
    throw sendbirdError(
      CODES.NOT_FOUND,
      `Resource not found: no AI agent "${body.ai_agent_id}" in application ${app.app_id}.`,
    );
  return { type: body.type as (typeof EXPORT_TYPES)[number], agent };
}

/** Parses list filters; each bad value gets the code Sendbird uses for its kind of mistake. */
function checkList(q: z.output<typeof ListQuery>) {
  const int = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw))
      throw sendbirdError(CODES.NUMBER_EXPECTED, `Invalid value type: "${name}" must be an integer.`);
    return Number(raw);
  };
  const limit = int('limit', q.limit) ?? 10;
  if (limit < 1 || limit > 100) throw invalid(`Invalid value: "limit". Acceptable values are 1 to 100.`);
  if (q.type !== undefined && !(EXPORT_TYPES as readonly string[]).includes(q.type))
    throw invalid(`Invalid value: "type". Acceptable values are conversation and daily_analysis.`);
  if (q.export_status !== undefined && !(EXPORT_STATUSES as readonly string[]).includes(q.export_status)) {
    throw invalid(`Invalid value: "export_status". Acceptable values are ${EXPORT_STATUSES.join(', ')}.`);
  }
  return { limit, from: int('export_from_ts', q.export_from_ts), to: int('export_to_ts', q.export_to_ts) };
}

/** Checks the request and starts the export; the route answers its view. */
export async function startExport(
  ctx: CoreContext,
  appSeed: SendbirdApp,
  body: z.output<typeof CreateExportBody>,
  effects: JobEffects | undefined,
): Promise<SendbirdJob> {
  const now = ctx.clock.now();
  const { type, agent } = checkCreate(body, appSeed, now);
  const full = await jobCapReached(ctx);
  // MAX_JOBS: Sendbird's 429 code with its rate-limit headers (README, "Choices").
  if (full) {
    const wait = JOB_CAP_RETRY_SECONDS.toFixed(3);
    throw sendbirdError(CODES.RATE_LIMITED, full, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': wait,
      'x-ratelimit-retryafter': wait,
    });
  }
  return createExportJob(ctx, 'sendbird', effects, JOB_ERROR, (n) => {
    const params = exportParams(ctx, appSeed, body, effects, { type, agent, now, n });
    return {
      init: { id: params.exportId, tenant: appSeed.app_id, createdAt: now, params },
      work: (finishes) => exportWork(ctx, params, finishes),
    };
  });
}

function exportParams(
  ctx: CoreContext,
  appSeed: SendbirdApp,
  body: z.output<typeof CreateExportBody>,
  effects: JobEffects | undefined,
  { type, agent, now, n }: ReturnType<typeof checkCreate> & { now: number; n: number },
) {
  const { exportId, fileId } = exportIds(ctx.config.SEED, appSeed.app_id, n);
  return {
    world: {
      seed: ctx.config.SEED,
      appId: appSeed.app_id,
      aiAgentId: agent.ai_agent_id,
      volume: ctx.config.WORLD_DAILY_VOLUME * agent.volume * (effects?.job.volume_factor ?? 1),
      company: appSeed.company,
    },
    window: { from: body.from, to: body.to, timezone: body.timezone, cutoff: now },
    type,
    exportId,
    fileId,
    // A scenario's empty export (or Sendbird's own no_data) finds nothing to export.
    empty: effects?.job.outcome === 'empty' || effects?.job.outcome === 'no_data',
  };
}

/** The application's export of that id; Sendbird's not-found otherwise. */
export function findExport(ctx: CoreContext, appSeed: SendbirdApp, exportId: string): Awaitable<SendbirdJob> {
  const found = ctx.jobs.get<SendbirdJob['params'], NonNullable<SendbirdJob['generation']['result']>>(exportId);
  return andThen(found, (job) => {
    if (job?.vendor !== 'sendbird' || job.tenant !== appSeed.app_id) {
      throw sendbirdError(
        CODES.NOT_FOUND,
        `Resource not found: no data export "${exportId}" in application ${appSeed.app_id}.`,
      );
    }
    return job;
  });
}

/** One page of the application's exports, newest first, filtered; `prev`/`next` are signed page tokens. */
export async function listExports(
  ctx: CoreContext,
  appSeed: SendbirdApp,
  q: z.output<typeof ListQuery>,
  tokenSecret: string,
): Promise<z.output<typeof ListView>> {
  const { limit, from, to } = checkList(q);
  const scopeKey = [
    appSeed.app_id,
    q.type,
    q.ai_agent_id,
    q.export_status,
    q.export_from_ts,
    q.export_to_ts,
    limit,
  ].join('|');
  const cursor = q.token === undefined || q.token === '' ? undefined : decodeToken(tokenSecret, scopeKey, q.token);
  if (q.token && !cursor)
    throw sendbirdError(
      CODES.EXPIRED_TOKEN,
      'The page token is invalid or has expired. Start again without "token", with the same filters.',
    );
  const jobs = await ctx.jobs.list<SendbirdJob['params'], NonNullable<SendbirdJob['generation']['result']>>(
    'sendbird',
    appSeed.app_id,
  );
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
  const after = (j: SendbirdJob, c: { createdAt: number; seq: number }) =>
    j.createdAt < c.createdAt || (j.createdAt === c.createdAt && j.seq < c.seq);
  let start = 0;
  if (cursor?.direction === 'older') start = matching.findIndex(({ job }) => after(job, cursor));
  if (cursor?.direction === 'newer') {
    const firstNotNewer = matching.findIndex(
      ({ job }) => after(job, cursor) || (job.createdAt === cursor.createdAt && job.seq === cursor.seq),
    );
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
}

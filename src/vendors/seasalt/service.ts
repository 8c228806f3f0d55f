/**
 * The business of the export-conversations routes, apart from HTTP: start an export of one channel over a date range
 * (refusing a future start and a duplicate of a running export), find a workspace's job, and poll it. A poll, and a
 * read of the outbox, first waits briefly for the files of jobs whose time has come, so the answer and the outbox
 * agree with the virtual clock.
 */
import type { CoreContext } from '../../core/context.js';
import { JOB_CAP_RETRY_SECONDS, jobCapReached } from '../../core/jobs/cap.js';
import { createExportJob } from '../../core/jobs/create.js';
import type { JobEffects } from '../../core/jobs/job.js';
import { type Awaitable, andThen } from '../../core/state/awaitable.js';
import { utcDateOf } from '../../core/world/dates.js';
import { httpError } from './errors.js';
import { type ExportParams, exportWork } from './export-file.js';
import type { ExportConversationsRequest } from './export-request.js';
import { exportIds } from './generator.js';
import { dueJobs, isActive, JOB_ERROR, jobState, type SeasaltJob } from './lifecycle.js';
import { channelLabel, zipName } from './names.js';
import type { Outbox } from './outbox.js';
import { type ChannelSeed, coarseOf, type ExportJob, type Workspace } from './schemas.js';

/** Real milliseconds a poll waits for the file of a job whose time has come (a small export is written by then). */
const SETTLE_MS = 1000;

const AMBIGUOUS_MESSAGE = 'Multiple channels match this phone number. Specify channel_type or channel_id.';

/**
 * The channel a request names. `channel_type` narrows the candidates whichever way the channel is named: with a
 * channel_id of another type nothing is found (404), with a shared number it picks one channel.
 */
function resolveChannel(workspace: Workspace, body: ExportConversationsRequest): ChannelSeed {
  const wanted = body.channel_type ?? undefined;
  const fits = (c: ChannelSeed) => wanted === undefined || coarseOf(c.channel_type) === wanted;
  if (body.channel_id) {
    const id = body.channel_id.toLowerCase();
    const channel = workspace.channels.find((c) => c.channel_id.toLowerCase() === id);
    if (!channel) throw httpError(404, 'Channel not found');
    if (!fits(channel))
      throw httpError(
        404,
        `Channel not found: channel ${channel.channel_id} is ${coarseOf(channel.channel_type)}, not ${wanted}`,
      );
    return channel;
  }
  const phone = body.phone_number!;
  const onNumber = workspace.channels.filter((c) => c.phone_number === phone);
  const matching = onNumber.filter(fits);
  if (matching.length === 0) {
    throw httpError(
      404,
      onNumber.length > 0
        ? `No ${wanted} channel found for phone number ${phone}`
        : `No channel found for phone number ${phone}`,
    );
  }
  if (matching.length > 1) {
    throw httpError(409, {
      message: AMBIGUOUS_MESSAGE,
      candidates: matching.map((c) => ({ channel_id: c.channel_id, channel_type: c.channel_type, name: c.name })),
    });
  }
  return matching[0]!;
}

/** Starts an export (202 in the route); throws the vendor's 400, 404 or 409 as SeaX does. */
export async function startExport(
  ctx: CoreContext,
  outbox: Outbox,
  workspace: Workspace,
  body: ExportConversationsRequest,
  effects: JobEffects | undefined,
): Promise<SeasaltJob> {
  const now = ctx.clock.now();
  const today = utcDateOf(now);
  if (body.start_date > today)
    throw httpError(400, `start_date (${body.start_date}) cannot be in the future: today is ${today} (UTC)`);
  const channel = resolveChannel(workspace, body);
  await refuseDuplicate(ctx, workspace, channel, body, now);
  const full = await jobCapReached(ctx);
  // MAX_JOBS: a FastAPI HTTPException 429 with Retry-After, as SeaX's gateway would throttle (README, "Choices").
  if (full) throw httpError(429, full, { 'retry-after': String(JOB_CAP_RETRY_SECONDS) });
  const job = (await createExportJob(ctx, 'seasalt', effects, JOB_ERROR, (n) => {
    const { exportJobId, fileId } = exportIds(ctx.config.SEED, workspace.workspace_id, n);
    const name = zipName(channel, body.start_date, fileId);
    const params = exportParams(ctx, workspace, channel, body, effects, now, exportJobId, name);
    return {
      init: { id: exportJobId, tenant: workspace.workspace_id, createdAt: now, params },
      work: (finishes) => exportWork(ctx, params, finishes),
    };
  })) as SeasaltJob;
  await outbox.track(job);
  return job;
}

/** 409 while an export of the same channel and range is queued or started. */
async function refuseDuplicate(
  ctx: CoreContext,
  workspace: Workspace,
  channel: ChannelSeed,
  body: ExportConversationsRequest,
  now: number,
): Promise<void> {
  const isSame = (j: SeasaltJob) =>
    j.params.world.channel.channelId === channel.channel_id &&
    j.params.range.startDate === body.start_date &&
    j.params.range.endDate === body.end_date;
  const listed = (await ctx.jobs.list<ExportParams, unknown>('seasalt', workspace.workspace_id)) as SeasaltJob[];
  await ctx.jobs.settle(dueJobs(listed.filter(isSame), now), SETTLE_MS);
  // Read again after the wait: a job is a copy of the moment it was read.
  const same = ((await ctx.jobs.list<ExportParams, unknown>('seasalt', workspace.workspace_id)) as SeasaltJob[]).filter(
    isSame,
  );
  const running = same.find((j) => isActive(jobState(ctx, j, now)));
  if (running) {
    throw httpError(
      409,
      `An export for this channel and date range is already in progress (export_job_id ${running.id}). Poll it until it has finished, then request again.`,
    );
  }
}

function exportParams(
  ctx: CoreContext,
  workspace: Workspace,
  channel: ChannelSeed,
  body: ExportConversationsRequest,
  effects: JobEffects | undefined,
  now: number,
  exportJobId: string,
  name: string,
): ExportParams {
  return {
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
      company: workspace.company,
      awkwardContacts: effects?.job.awkward_contacts === true,
    },
    range: { startDate: body.start_date, endDate: body.end_date, cutoff: now },
    exportJobId,
    zipName: name,
    key: `conversation_exports/${workspace.workspace_id}/${name}`,
    channelLabel: channelLabel(channel),
    notificationEmail: body.notification_email ?? null,
    empty: effects?.job.outcome === 'empty' || effects?.job.outcome === 'no_data',
  };
}

/** The workspace's job of that id (ids are case-insensitive UUIDs); 404 otherwise. At once from an embedded store. */
export function findExport(ctx: CoreContext, workspace: Workspace, exportJobId: string): Awaitable<SeasaltJob> {
  return andThen(ctx.jobs.get<ExportParams, unknown>(exportJobId.toLowerCase()), (found) => {
    const job = found as SeasaltJob | undefined;
    if (job?.vendor !== 'seasalt' || job.tenant !== workspace.workspace_id)
      throw httpError(404, 'Export job not found');
    return job;
  });
}

/**
 * The job as SeaX shows it now, after the due files (this job's and the outbox's) are written. Each step answers at
 * once from the embedded stores when there is nothing to wait for or record (every poll of a finished job), so the
 * poll handler stays synchronous there; from Redis each step is a promise, chained in the same order.
 */
export function pollExport(ctx: CoreContext, outbox: Outbox, job: SeasaltJob): Awaitable<ExportJob> {
  const now = ctx.clock.now();
  return andThen(outbox.pendingJobs(), (pending) =>
    andThen(ctx.jobs.settle(dueJobs([job, ...pending], now), SETTLE_MS), () =>
      andThen(outbox.observe(now), () =>
        // Read again after the wait: a job is a copy of the moment it was read.
        andThen(ctx.jobs.get(job.id), (latest) => jobState(ctx, (latest as SeasaltJob | undefined) ?? job, now).body),
      ),
    ),
  );
}

/** Records the emails of jobs finished by now, after their due files are written. */
export async function observeOutbox(ctx: CoreContext, outbox: Outbox): Promise<void> {
  const now = ctx.clock.now();
  await ctx.jobs.settle(dueJobs(await outbox.pendingJobs(), now), SETTLE_MS);
  await outbox.observe(now);
}

/**
 * A Kore export job: created from a checked request, and shown as the Jobs API shows it at a given instant. The core
 * job phases map onto Kore's words (queued and running → INPROGRESS, then SUCCESS or FAILED); `percentageDone` follows
 * the virtual clock over the job's whole life and never runs ahead of the real writing of its files.
 */
import type { CoreContext } from '../../core/context.js';
import { failingAs } from '../../core/generation/engine.js';
import { type GenerationTask, type Job, type JobEffects, type JobOutcome, withEffects } from '../../core/jobs/job.js';
import { lastViewOf } from '../../core/jobs/view-memo.js';
import type { JobInit } from '../../core/state/jobs.js';
import { catalogueOf } from './bot-catalogue.js';
import { type ExportParams, type ExportResult, exportWork } from './export-file.js';
import { creatorOf, jobIds, VENDOR } from './generator.js';
import type { FeedbackEvent, Fragment, JobView, KoreApp, KoreBot } from './schemas.js';

interface KoreJobParams extends ExportParams {
  createdBy: string;
  searchIndexId: string;
}
export type KoreJob = Job<KoreJobParams, ExportResult>;

/** What a failed export says when a scenario fails it (no failure sample exists: README, "Choices"). */
export const JOB_ERROR =
  'ANALYTICS DATA JSON Export Failed - an internal error occurred while exporting the data. Please try again.';
/** Media-stream links work for 24 hours after the job ended (README, "Choices"). */
export const LINK_LIFETIME_SECONDS = 86_400;
export const MEDIA_PATH = '/kore/api/getMediaStream/findly';

export interface ExportRequest {
  bot: KoreBot;
  app: KoreApp;
  /** Unix ms, both inclusive. */
  window: { from: number; to: number };
  event?: FeedbackEvent;
  /** Scenario effects of the create request. */
  effects?: JobEffects;
  /** How the job will end, for callers inside the server (tests, future scenarios): success unless given. */
  outcome?: JobOutcome;
}

/** Creates the job with the bot's next job number (its id derives from it), taken by the store in one operation. */
export async function createExportJob(ctx: CoreContext, req: ExportRequest): Promise<KoreJob> {
  return ctx.jobs.createNumbered<KoreJobParams, ExportResult>(VENDOR, (seq) => exportJob(ctx, req, seq));
}

function exportJob(
  ctx: CoreContext,
  req: ExportRequest,
  seq: number,
): { init: JobInit<KoreJobParams>; task: GenerationTask<ExportResult> } {
  const now = ctx.clock.now();
  const seed = ctx.config.SEED;
  const botId = req.bot.app_id;
  const { jobId } = jobIds(seed, botId, seq);
  const timing = withEffects(
    {
      id: jobId,
      vendor: VENDOR,
      tenant: botId,
      createdAt: now,
      queuedMs: ctx.config.JOB_QUEUED_SECONDS * 1000,
      runningMs: ctx.config.JOB_RUNNING_SECONDS * 1000,
      outcome: req.outcome ?? { kind: 'success' },
      params: undefined,
    },
    req.effects,
    JOB_ERROR,
  );
  const jobEffect = req.effects?.job;
  const params: KoreJobParams = {
    world: {
      seed,
      botId,
      botName: req.bot.name,
      volume: ctx.config.WORLD_DAILY_VOLUME * req.bot.volume * (jobEffect?.volume_factor ?? 1),
      company: req.bot.company,
    },
    window: { from: req.window.from, to: req.window.to, cutoff: now },
    ...(req.event ? { event: req.event } : {}),
    seq,
    jobId,
    schedule: { startAt: now + timing.queuedMs, runningMs: timing.runningMs },
    empty: jobEffect?.outcome === 'empty' || jobEffect?.outcome === 'no_data',
    createdBy: creatorOf(seed, req.app.client_id),
    searchIndexId: catalogueOf(seed, botId).searchIndexId,
  };
  // A worker that dies writing the files fails the job with Kore's own message.
  return { init: { ...timing, params }, task: failingAs(JOB_ERROR, exportWork(ctx, params)) };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The links of a finished job never change (they are signed at its end), so they are signed once per job and origin. */
// Keyed by the job's parameters: the one part of a job the store keeps as the same object from read to read.
const links = new WeakMap<KoreJob['params'], { origin: string; expiresAt: number; fragments: Fragment[] }>();

/** When the files' links stop working: 24 hours after the job ended, in whole seconds (the `n` of the link). */
const linkExpiry = (endedAt: number) => (Math.floor(endedAt / 1000) + LINK_LIFETIME_SECONDS) * 1000;

export function mediaUrl(ctx: CoreContext, key: string, expiresAt: number): string {
  return `${ctx.publicUrl()}${MEDIA_PATH}/${key}?n=${expiresAt / 1000}&s=${ctx.signer.token(`findly/${key}`, expiresAt)}`;
}

function fragmentsOf(ctx: CoreContext, job: KoreJob, result: ExportResult, endedAt: number): Fragment[] {
  const origin = ctx.publicUrl();
  const expiresAt = linkExpiry(endedAt);
  const cached = links.get(job.params);
  if (cached && cached.origin === origin && cached.expiresAt === expiresAt) return cached.fragments;
  const fragments = result.files.map((f) => ({
    fileId: f.fileId,
    fileName: f.fileName,
    fileUrl: mediaUrl(ctx, f.key, expiresAt),
    recordCount: f.recordCount,
  }));
  links.set(job.params, { origin, expiresAt, fragments });
  return fragments;
}

/**
 * Over the whole life of the job (Kore shows no queued state): rises with every step of the clock, never past the real
 * work done, and stays below 100 until SUCCESS.
 */
function percentageInProgress(job: KoreJob, now: number): number {
  const lifetime = job.queuedMs + job.runningMs;
  const timeFraction = lifetime === 0 ? 1 : Math.min(1, Math.max(0, (now - job.createdAt) / lifetime));
  const workFraction = job.generation.state === 'done' ? 1 : job.generation.progress;
  return Math.min(99, Math.floor(100 * Math.min(timeFraction, workFraction)));
}

/** The fields every job view ends with, whatever its status. */
function viewTail(job: KoreJob, endedAt: number | undefined, now: number) {
  const createdOn = iso(job.createdAt);
  return {
    createdOn,
    streamId: job.tenant,
    searchIndexId: job.params.searchIndexId,
    createdBy: job.params.createdBy,
    opType: 'Manual' as const,
    hidden: false,
    read: false,
    timedOut: false,
    lMod: iso(endedAt ?? Math.max(now, job.createdAt)),
    startedAt: createdOn,
  };
}

/**
 * The job as GET …/search/jobs/{JobID} answers it at `now` (and as the create request answers it, at creation), once
 * per copy of the job, instant and origin (core/jobs/view-memo.ts).
 */
export const jobView = lastViewOf(computeView);

function computeView(ctx: CoreContext, job: KoreJob, now: number): JobView {
  const view = ctx.jobs.view(job, now);
  const inProgress = percentageInProgress(job, now);
  const common = {
    title: 'Exporting Analytics Data - JSON' as const,
    jobType: 'DATA_EXPORT' as const,
  };
  const tail = viewTail(job, view.endedAt, now);

  if (view.phase === 'succeeded' && view.result && view.endedAt !== undefined) {
    const result = view.result;
    const fragments = fragmentsOf(ctx, job, result, view.endedAt);
    const single = fragments.length === 1 ? fragments[0]! : undefined;
    return {
      _id: job.id,
      status: 'SUCCESS',
      percentageDone: 100,
      message: `ANALYTICS DATA JSON Export Completed - ${fragments.length} file(s) with ${result.totalRecords} total records`,
      ...common,
      fileInfo: single ? { fileId: single.fileId, fileName: single.fileName, fileUrl: single.fileUrl } : {},
      analyticsFragments: fragments,
      hasAnalyticsFragments: fragments.length > 1,
      store: { totalFiles: fragments.length, totalRecords: result.totalRecords },
      ...tail,
      error: null,
      __v: 0,
    };
  }
  if (view.phase === 'failed') {
    return {
      _id: job.id,
      status: 'FAILED',
      percentageDone: inProgress,
      message: 'ANALYTICS DATA JSON Export Failed',
      ...common,
      fileInfo: { ext: 'json' },
      ...tail,
      error: view.error ?? JOB_ERROR,
      __v: 0,
    };
  }
  return {
    _id: job.id,
    status: 'INPROGRESS',
    percentageDone: inProgress,
    ...common,
    fileInfo: { ext: 'json' },
    ...tail,
    error: null,
    __v: 0,
  };
}

/** For the admin flow view: the Kore status, and when the links of a finished export stop working. */
export function describeKoreJob(
  ctx: CoreContext,
  job: KoreJob,
  now: number,
): { state: string; link_expires_at: number | null } {
  const view = jobView(ctx, job, now);
  const ended = ctx.jobs.view(job, now).endedAt;
  return {
    state: view.status,
    link_expires_at:
      view.status === 'SUCCESS' && (view.analyticsFragments?.length ?? 0) > 0 && ended !== undefined
        ? linkExpiry(ended)
        : null,
  };
}

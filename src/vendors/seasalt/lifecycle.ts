/**
 * A SeaX export job as the API shows it at an instant: the core phases in SeaX's words (queued → started → finished,
 * or failed with error_message), naive ISO timestamps with microseconds, and the download link once finished.
 */
import type { CoreContext } from '../../core/context.js';
import type { Job } from '../../core/jobs/job.js';
import { lastViewOf } from '../../core/jobs/view-memo.js';
import { ACCESS_KEY_ID, BUCKET, type ExportParams, type ExportResult } from './export-file.js';
import { naiveIso } from './generator.js';
import type { ExportJob } from './schemas.js';

export type SeasaltJob = Job<ExportParams, ExportResult>;

/** Vendor page: "The URL expires 24 hours after the job finishes." */
export const LINK_LIFETIME_MS = 86_400_000;

/** What a failed export says when a scenario fails it without a message of its own. */
export const JOB_ERROR = 'Export failed due to an internal error. Please try again later.';

const STATUS = { queued: 'queued', running: 'started', succeeded: 'finished', failed: 'failed' } as const;

export interface JobState {
  body: ExportJob;
  /** Virtual instant the job finished or failed. */
  endedAt?: number;
  /** When the link stops working (unix ms, whole seconds: the link's Expires), once finished. */
  linkExpiresAt?: number;
}

/**
 * A finished job's link never changes, so it is signed once per job and origin. S3 V2 `Expires` is whole seconds: like
 * boto3 (int(now + expires_in)), the link expires at the stated instant rounded down to a second.
 */
// Keyed by the job's parameters: the one part of a job the store keeps as the same object from read to read.
const links = new WeakMap<SeasaltJob['params'], { origin: string; url: string }>();

function linkOf(ctx: CoreContext, job: SeasaltJob, expiresAt: number): string {
  const origin = ctx.publicUrl();
  const cached = links.get(job.params);
  if (cached && cached.origin === origin) return cached.url;
  const url = ctx.signer.s3v2({ accessKeyId: ACCESS_KEY_ID, bucket: BUCKET, key: job.params.key, expiresAt });
  links.set(job.params, { origin, url });
  return url;
}

/** The job's state at `now`, computed once per copy of the job, instant and origin (core/jobs/view-memo.ts). */
export const jobState = lastViewOf(computeState, (state) => state.body);

function computeState(ctx: CoreContext, job: SeasaltJob, now: number): JobState {
  const view = ctx.jobs.view(job, now);
  const status = STATUS[view.phase];
  let presignedUrl: string | null = null;
  let expiresAtText: string | null = null;
  let linkExpiresAt: number | undefined;
  if (status === 'finished' && view.endedAt !== undefined) {
    const expiresAt = view.endedAt + LINK_LIFETIME_MS;
    presignedUrl = linkOf(ctx, job, expiresAt);
    expiresAtText = naiveIso(expiresAt);
    linkExpiresAt = Math.floor(expiresAt / 1000) * 1000;
  }
  return {
    body: {
      export_job_id: job.id,
      workspace_id: job.tenant,
      channel_id: job.params.world.channel.channelId,
      start_date: job.params.range.startDate,
      end_date: job.params.range.endDate,
      status,
      presigned_url: presignedUrl,
      presigned_url_expires_at: expiresAtText,
      error_message: status === 'failed' ? (view.error ?? JOB_ERROR) : null,
      created_time: naiveIso(job.createdAt),
    },
    endedAt: view.endedAt,
    linkExpiresAt,
  };
}

/** Queued or started: the job still holds its channel and date range (a second request for them answers 409). */
export const isActive = (state: JobState) => state.body.status === 'queued' || state.body.status === 'started';

/**
 * The jobs whose time has come while their file may still be being written: what a poll waits for (briefly) so that a
 * small export reads finished on the poll that follows a clock move, on any machine. Jobs not yet due are left alone,
 * so a poll of a queued or started job never waits.
 */
export const dueJobs = (jobs: readonly SeasaltJob[], now: number): SeasaltJob[] =>
  jobs.filter((j) => j.outcome.kind === 'success' && now >= j.createdAt + j.queuedMs + j.runningMs);

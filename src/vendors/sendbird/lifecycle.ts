/**
 * A Sendbird export as the API shows it at a given instant: the core job phases in Sendbird's words
 * (scheduled → exporting → done | no_data | failed), its timestamps in the vendor's units, and the download link.
 */
import type { CoreContext } from '../../core/context.js';
import type { Job } from '../../core/jobs/job.js';
import { lastViewOf } from '../../core/jobs/view-memo.js';
import { ACCESS_KEY_ID, BUCKET, type ExportParams, type ExportResult, REGION } from './export-file.js';
import type { ExportView } from './schemas.js';

export type SendbirdJob = Job<ExportParams, ExportResult>;

/** Download links live seven days from the file's creation (vendor page: "active for seven days"). */
const LINK_LIFETIME_SECONDS = 604_800;

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The link of a finished export never changes (it is signed at the file's creation), so it is signed once per job and
 * origin: signing costs five HMACs, more than the rest of a poll together.
 */
// Keyed by the job's parameters: the one part of a job the store keeps as the same object from read to read.
const links = new WeakMap<
  SendbirdJob['params'],
  { origin: string; signedAt: number; file: NonNullable<ExportView['export_file']> }
>();

function linkOf(
  ctx: CoreContext,
  job: SendbirdJob,
  key: string,
  signedAt: number,
): NonNullable<ExportView['export_file']> {
  const origin = ctx.publicUrl();
  const cached = links.get(job.params);
  if (cached && cached.origin === origin && cached.signedAt === signedAt) return cached.file;
  const file = {
    url: ctx.signer.s3v4({
      accessKeyId: ACCESS_KEY_ID,
      region: REGION,
      bucket: BUCKET,
      key,
      signedAt,
      expiresSeconds: LINK_LIFETIME_SECONDS,
    }),
    expires_at: signedAt + LINK_LIFETIME_SECONDS * 1000,
  };
  links.set(job.params, { origin, signedAt, file });
  return file;
}

/** The export as the API shows it at `now`, once per copy of the job, instant and origin (core/jobs/view-memo.ts). */
export const exportView = lastViewOf(computeView);

function computeView(ctx: CoreContext, job: SendbirdJob, now: number): ExportView {
  const view = ctx.jobs.view(job, now);
  const p = job.params;
  let status: ExportView['export_status'];
  switch (view.phase) {
    case 'queued':
      status = 'scheduled';
      break;
    case 'running':
      status = 'exporting';
      break;
    case 'failed':
      status = 'failed';
      break;
    case 'succeeded':
      status = view.result && view.result.records > 0 ? 'done' : 'no_data';
      break;
  }
  const startedAt = view.startedAt ?? null;
  const endedAt = view.endedAt ?? null;
  let exportFile: ExportView['export_file'] = null;
  if (status === 'done' && endedAt !== null && view.result?.object) {
    // Signed at the file's creation, whole seconds: the same link on every read, expiring exactly at expires_at.
    exportFile = linkOf(ctx, job, view.result.object.key, seconds(endedAt) * 1000);
  }
  return {
    created_at: seconds(job.createdAt),
    updated_at: seconds(endedAt ?? startedAt ?? job.createdAt),
    app_id: job.tenant,
    ai_agent_id: p.world.aiAgentId,
    type: p.type,
    from: p.window.from,
    to: p.window.to,
    timezone: p.window.timezone,
    export_id: job.id,
    export_status: status,
    export_format: 'json',
    export_started_at: startedAt,
    export_ended_at: endedAt,
    export_elapsed: startedAt === null ? 0 : seconds((endedAt ?? now) - startedAt),
    export_file: exportFile,
  };
}

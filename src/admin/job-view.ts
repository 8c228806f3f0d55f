/**
 * What the flow view shows of a job: its summary (the state in the vendor's words) and its timeline (created, each
 * poll with the virtual interval since the previous one, each state change, each download and whether it came before
 * the link expired, each fault injected).
 */
import type { z } from 'zod';
import type { CoreContext } from '../core/context.js';
import type { Job, JobView } from '../core/jobs/job.js';
import type { VendorModule } from '../core/vendor.js';
import type { JobSummary, TimelineEvent } from './job-schemas.js';

type Summary = z.output<typeof JobSummary>;
interface TimelineEntry {
  ms: number;
  seq: number;
  type: z.output<typeof TimelineEvent>['type'];
  detail: Record<string, unknown>;
}

const iso = (ms: number | undefined | null) => (ms === undefined || ms === null ? null : new Date(ms).toISOString());

export function jobSummary(ctx: CoreContext, vendor: VendorModule | undefined, job: Job, now: number): Summary {
  const view = ctx.jobs.view(job, now);
  const described = vendor?.describeJob?.(job, now, ctx);
  return {
    id: job.id,
    vendor: job.vendor,
    tenant: job.tenant,
    state: described?.state ?? view.phase,
    phase: view.phase,
    progress: Math.round(view.progress * 1000) / 1000,
    created_at: iso(job.createdAt)!,
    started_at: iso(view.startedAt),
    ended_at: iso(view.endedAt),
    link_expires_at: iso(described?.link_expires_at),
    scenarios: job.effects?.scenarios ?? [],
  };
}

/** Every event of the job, oldest first; events at the same instant in the order they happened. */
export function jobTimeline(
  ctx: CoreContext,
  job: Job,
  s: Summary,
  now: number,
): Array<z.output<typeof TimelineEvent>> {
  const events: TimelineEntry[] = [
    { ms: job.createdAt, seq: 0, type: 'created', detail: { scenarios: s.scenarios } },
    ...stateEvents(ctx.jobs.view(job, now), s, now),
    ...journalEvents(ctx, job, s.link_expires_at ? Date.parse(s.link_expires_at) : undefined),
  ];
  events.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  return events.map((e) => ({ at: iso(e.ms)!, type: e.type, detail: e.detail }));
}

function stateEvents(view: JobView<unknown>, s: Summary, now: number): TimelineEntry[] {
  const events: TimelineEntry[] = [];
  if (view.startedAt !== undefined && view.startedAt <= now)
    events.push({ ms: view.startedAt, seq: 0, type: 'state', detail: { phase: 'running' } });
  if (view.endedAt !== undefined)
    events.push({
      ms: view.endedAt,
      seq: 0,
      type: 'state',
      detail: { phase: view.phase, state: s.state, ...(view.error ? { error: view.error } : {}) },
    });
  return events;
}

/** Faults, polls and downloads, from the request journal. */
function journalEvents(ctx: CoreContext, job: Job, linkExpires: number | undefined): TimelineEntry[] {
  const events: TimelineEntry[] = [];
  let lastPoll: number | undefined;
  for (const e of ctx.journal.list({ job_id: job.id })) {
    const ms = Date.parse(e.at);
    if (e.scenarios.length > 0 && e.route !== 'create')
      events.push({
        ms,
        seq: e.id,
        type: 'fault',
        detail: { scenarios: e.scenarios, status: e.status, path: e.path },
      });
    if (e.route === 'poll') {
      events.push({
        ms,
        seq: e.id,
        type: 'poll',
        detail: {
          status: e.status,
          interval_seconds: lastPoll === undefined ? null : (ms - lastPoll) / 1000,
          request_id: e.id,
        },
      });
      lastPoll = ms;
    } else if (e.route === 'download' || e.path.startsWith('/s3/') || e.path.startsWith('/gcs/')) {
      events.push({
        ms,
        seq: e.id,
        type: 'download',
        detail: {
          status: e.status,
          bytes: e.response.bytes,
          before_link_expiry: linkExpires === undefined ? null : ms < linkExpires,
          request_id: e.id,
        },
      });
    }
  }
  return events;
}

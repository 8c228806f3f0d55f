/**
 * Notification emails (vendor page: "If you provide a notification email, the link is also emailed to that address").
 *
 * Job state is computed from the clock, never pushed by a timer, so "the job finished" is noticed when someone looks:
 * the first poll of any Seasalt job, or a read of the outbox, that finds a job finished records its email, exactly
 * once. Every pending job is evaluated at each look (in order of finishing), so the outbox is the same whatever is
 * polled, and `sent_at` is the virtual instant the job finished, not the instant it was noticed. Failed exports send
 * nothing (there is no link). When SMTP_URL is set the email also goes out through nodemailer; a failure is logged and
 * never reaches the API.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { CoreContext } from '../../core/context.js';
import { lazy } from '../../core/lazy.js';
import { type Awaitable, andThen } from '../../core/state/awaitable.js';
import { type JobState, jobState, type SeasaltJob } from './lifecycle.js';
import type { OutboxEmail } from './schemas.js';
import { seasaltSettings } from './settings.js';

const FROM = '"Seasalt SeaX (agent-export-mock)" <no-reply@example.com>';

interface Due {
  job: SeasaltJob;
  state: JobState;
}

interface Recorded {
  email: OutboxEmail;
  sentAt: number;
  order: number;
}

/** Keys in the core's key-value store (ctx.kv): shared by every replica with STATE_URL. */
const PENDING = 'seasalt:outbox:pending';
const EMAILS = 'seasalt:outbox:emails';
const SENT = 'seasalt:outbox:sent:';

export class Outbox {
  /** Created on the first email; a failure is logged and tried again on the next one (SMTP_URL may be fixed by then). */
  private readonly transport = lazy(
    async () => (await import('nodemailer')).createTransport(seasaltSettings(this.ctx.config).SMTP_URL) as Transporter,
  );

  constructor(
    private readonly ctx: CoreContext,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** A new job that asked for an email. */
  async track(job: SeasaltJob): Promise<void> {
    if (job.params.notificationEmail) await this.ctx.kv.append(PENDING, job.id);
  }

  /**
   * Ids of jobs whose email has not been recorded yet. Every poll reads them: the memory store answers at once, so the
   * answer is a value there (a poll of a finished job stays synchronous) and a promise only from a shared store.
   */
  private pendingIds(): Awaitable<string[]> {
    return andThen(this.ctx.kv.list<string>(PENDING), (ids) => {
      const flags = ids.map((id) => this.ctx.kv.get<boolean>(`${SENT}${id}`));
      const unsent = (sent: ReadonlyArray<boolean | undefined>) => ids.filter((_, i) => !sent[i]);
      return flags.some((f) => f instanceof Promise) ? Promise.all(flags).then(unsent) : unsent(flags as boolean[]);
    });
  }

  /** Every pending job as it is now, for settle() before a look (at once from embedded stores, as pendingIds). */
  pendingJobs(): Awaitable<SeasaltJob[]> {
    return andThen(this.pendingIds(), (ids) => {
      const found = ids.map((id) => this.ctx.jobs.get(id));
      const present = (jobs: ReadonlyArray<unknown>) => jobs.filter((job) => job !== undefined) as SeasaltJob[];
      return found.some((j) => j instanceof Promise) ? Promise.all(found).then(present) : present(found);
    });
  }

  /**
   * Records the email of every pending job that has finished by `now`, in the order they finished. With nothing to
   * record (every poll but the first look at a finished job) it answers at once on embedded stores.
   */
  observe(now: number): Awaitable<void> {
    return andThen(this.pendingJobs(), (jobs) => {
      const due: Due[] = [];
      for (const job of jobs) {
        const state = jobState(this.ctx, job, now);
        if (state.body.status === 'finished') due.push({ job, state });
      }
      if (due.length === 0) return;
      due.sort((a, b) => (a.state.endedAt ?? 0) - (b.state.endedAt ?? 0) || a.job.seq - b.job.seq);
      return this.record(due);
    });
  }

  private async record(due: readonly Due[]): Promise<void> {
    for (const { job, state } of due) {
      // Exactly once, whichever look (or replica) finds it first.
      if (!(await this.ctx.kv.putIfAbsent(`${SENT}${job.id}`, true))) continue;
      const email = compose(job, state.body.presigned_url!, state.body.presigned_url_expires_at!, state.endedAt!);
      const order = (await this.ctx.kv.list(EMAILS)).length + 1;
      await this.ctx.kv.append(EMAILS, { email, sentAt: state.endedAt!, order } satisfies Recorded);
      this.send(email);
    }
  }

  /** The outbox, oldest first (newest last). */
  async list(): Promise<OutboxEmail[]> {
    const recorded = await this.ctx.kv.list<Recorded>(EMAILS);
    return recorded.sort((a, b) => a.sentAt - b.sentAt || a.order - b.order).map((r) => r.email);
  }

  /** What survives a restart with DATA_DIR: the emails and the jobs still waiting for theirs. */
  async save(): Promise<unknown> {
    const recorded = await this.ctx.kv.list<Recorded>(EMAILS);
    return { recorded, order: recorded.length, pending: await this.pendingIds() };
  }

  async load(data: unknown): Promise<void> {
    const saved = data as { recorded: Recorded[]; order: number; pending: string[] };
    await this.clear();
    for (const r of saved.recorded) {
      await this.ctx.kv.append(EMAILS, r);
      await this.ctx.kv.put(`${SENT}${r.email.export_job_id}`, true);
    }
    // Jobs are loaded after vendor state: an id whose job is gone is skipped at each look.
    for (const id of saved.pending) await this.ctx.kv.append(PENDING, id);
  }

  async clear(): Promise<void> {
    await this.ctx.kv.clear('seasalt:outbox:');
  }

  private send(email: OutboxEmail): void {
    if (!seasaltSettings(this.ctx.config).SMTP_URL) return;
    void this.transport()
      .catch((err: Error) => {
        this.log.warn(
          { err },
          'seasalt: cannot create the SMTP transport from SMTP_URL; this email stays in the outbox only',
        );
        return undefined;
      })
      .then((t) => t?.sendMail({ from: FROM, to: email.to, subject: email.subject, text: email.body }))
      .catch((err: Error) => this.log.warn({ err, to: email.to }, 'seasalt: sending the notification email failed'));
  }
}

function compose(job: SeasaltJob, link: string, expiresAt: string, endedAt: number): OutboxEmail {
  const p = job.params;
  const range =
    p.range.startDate === p.range.endDate ? p.range.startDate : `${p.range.startDate} to ${p.range.endDate}`;
  return {
    to: p.notificationEmail!,
    subject: `Your SeaX conversation export is ready (${p.world.channel.name || p.world.channel.phoneNumber || p.world.channel.channelId}, ${range})`,
    body: [
      'Hello,',
      '',
      `The conversation export of channel ${p.channelLabel} for ${range} is ready.`,
      '',
      `Download the ZIP file (${p.zipName}) here. The link expires in 24 hours, at ${expiresAt} UTC:`,
      link,
      '',
      `Export job ID: ${job.id}`,
      '',
      'Seasalt.ai SeaX',
    ].join('\n'),
    link,
    export_job_id: job.id,
    workspace_id: job.tenant,
    sent_at: new Date(endedAt).toISOString(),
  };
}

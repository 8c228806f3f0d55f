/**
 * The business of get-signed-urls, apart from HTTP: check that the day is finalized, make (or find) its files, and
 * sign one link per file. Scenarios, in this vendor's terms (it has no jobs): a slow export finalizes later, a stuck
 * one never, a failed one answers the documented 500, an empty one has no files (404), and file effects mark the
 * links handed out.
 */
import type { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import type { JobEffects } from '../../core/jobs/job.js';
import { BoundedMemo } from '../../core/memo.js';
import { type Awaitable, andThen } from '../../core/state/awaitable.js';
import type { StoredObject } from '../../core/storage/object-store.js';
import type { ZendeskTenant } from './auth.js';
import { instanceAccountId } from './catalogue.js';
import { notFound, zendeskError } from './errors.js';
import { BUCKETS, type DayFiles, SERVICE_ACCOUNT } from './export-file.js';
import type { WorldRef } from './generator.js';
import { checkDay, finalizedAt } from './lifecycle.js';
import { type SignedUrlsBody, TTL_DEFAULT } from './schemas.js';
import { zendeskSettings } from './settings.js';

/**
 * The label of the links' X-Goog-Algorithm: real links are signed by a service account (RSA). The signature itself is
 * HMAC-SHA256 (core/signing), which this server verifies; clients treat it as opaque (README).
 */
const LINK_ALGORITHM = 'GOOG4-RSA-SHA256';

/** An organization's instance account id is a hash of (seed, organization): computed once, not on every call. */
const accountIds = new BoundedMemo<string>(1024);

/**
 * The signed links to the files of `body.date`, valid `body.ttl` minutes (a day by default). At once (no promise) for
 * a day already written, so the route answers synchronously; a refusal is thrown before any file is looked up.
 */
export function signedUrls(
  ctx: CoreContext,
  files: DayFiles,
  tenant: ZendeskTenant,
  body: z.output<typeof SignedUrlsBody>,
  effects: JobEffects | undefined,
): Awaitable<string[]> {
  const { region, org, bot } = tenant;
  const { date } = body;
  const now = ctx.clock.now();
  const { ZENDESK_FINALIZE_DELAY_MINUTES: finalizeDelay, ZENDESK_SHARD_SIZE: shardSize } = zendeskSettings(ctx.config);
  const job = effects?.job ?? {};
  if (job.outcome === 'failed') throw zendeskError(500, job.error ?? 'Internal Server Error');
  const extraSeconds = (job.queued_seconds ?? 0) + (job.running_seconds ?? 0);
  const delayMinutes = job.outcome === 'stuck' ? Number.MAX_SAFE_INTEGER / 120_000 : finalizeDelay + extraSeconds / 60;
  checkDay(date, now, delayMinutes);
  const world: WorldRef = {
    seed: ctx.config.SEED,
    orgId: org.organization_id,
    botId: bot.bot_id,
    botName: bot.bot_name,
    volume: ctx.config.WORLD_DAILY_VOLUME * bot.volume,
    instanceAccountId: accountIds.get(`${ctx.config.SEED}\u0000${org.organization_id}`, () =>
      instanceAccountId(ctx.config.SEED, org.organization_id),
    ),
    company: bot.company,
  };
  const day = files.get({ region, world, date, shardSize, lastModified: finalizedAt(date, finalizeDelay) });
  // Signed at the instant of the call, also when the day's files had to be written first.
  return andThen(day, (objects) => sign(ctx, tenant, body, effects, now, objects));
}

function sign(
  ctx: CoreContext,
  { region, bot }: ZendeskTenant,
  { date, ttl = TTL_DEFAULT }: z.output<typeof SignedUrlsBody>,
  effects: JobEffects | undefined,
  now: number,
  objects: StoredObject[],
): string[] {
  const job = effects?.job ?? {};
  if (objects.length === 0 || job.outcome === 'empty' || job.outcome === 'no_data')
    throw notFound(`No export exists for bot "${bot.bot_id}" on ${date}: no conversation ended that day.`);
  // Signed now, in whole seconds (X-Goog-Date has no fraction), so a link dies exactly ttl minutes after it.
  const signedAt = Math.floor(now / 1000) * 1000;
  // The links handed out now carry this request's file faults (or none: a later plain request clears them).
  const fileEffect = effects && Object.keys(effects.file).length > 0 ? effects.file : undefined;
  for (const o of objects) o.fault = fileEffect ? { effect: fileEffect, issuedAt: signedAt, served: [] } : undefined;
  return objects.map((o) =>
    ctx.signer.gcsV4({
      accessKeyId: SERVICE_ACCOUNT,
      bucket: BUCKETS[region],
      key: o.key,
      signedAt,
      expiresSeconds: ttl * 60,
      algorithm: LINK_ALGORITHM,
    }),
  );
}

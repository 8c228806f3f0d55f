/**
 * A bot's export files for one day, written lazily on the first request for that day and kept in storage: newline-
 * delimited JSON, one conversation a line, in shards of ZENDESK_SHARD_SIZE conversations named the BigQuery way
 * (`…_000000000000.json`, `…_000000000001.json`). The bytes depend only on (seed, organization, bot, date, volume,
 * shard size): the vendor promises immutable files, so a day is written once, whoever asks first, and concurrent first
 * requests share the one write.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CoreContext } from '../../core/context.js';
import { defineTask, type GenerationIO, siblingModule } from '../../core/generation/task.js';
import { yielder } from '../../core/jobs/job.js';
import type { Awaitable } from '../../core/state/awaitable.js';
import type { StoredObject } from '../../core/storage/object-store.js';
import { prepareWorld } from '../../core/world/dialogue.js';
import { conversationsEndingOn, type WorldRef } from './generator.js';
import type { Region } from './schemas.js';

/** The vendor sample's bucket (EU); the US one by analogy. */
export const BUCKETS: Record<Region, string> = {
  eu: 'production-eu-ultimateai-backend-data-export',
  us: 'production-us-ultimateai-backend-data-export',
};
/** The demo service account that "signs" the links (GCS V4 credentials name a service account). Not a real account. */
export const SERVICE_ACCOUNT = 'data-export@ultimateai-production.iam.gserviceaccount.com';
/** GCS serves the content type stored with the object; the files are named .json. */
const CONTENT_TYPE = 'application/json';

const fileName = (botId: string, date: string, shard: number) =>
  `conversation_${botId}_${date.replace(/-/g, '')}_${String(shard).padStart(12, '0')}.json`;
/** `files/{bot_id}/{date}/{file}`, as in the vendor sample's link. */
const objectKey = (botId: string, date: string, shard: number) =>
  `files/${botId}/${date}/${fileName(botId, date, shard)}`;

export interface DayRequest {
  region: Region;
  world: WorldRef;
  date: string;
  shardSize: number;
  /** Last-Modified of the files: a fixed instant (the day's finalization), so the files are the same whenever asked. */
  lastModified: number;
}

/** Writes a day's shards; returns them in order (none when no conversation ended that day). */
export async function writeDay(ctx: GenerationIO, req: DayRequest): Promise<StoredObject[]> {
  await prepareWorld();
  const bucket = BUCKETS[req.region];
  const owner = { vendor: 'zendesk', tenant: req.world.orgId };
  const source = conversationsEndingOn(req.world, req.date);
  const pause = yielder(200);
  let next = source.next();
  let written = 0;
  const objects: StoredObject[] = [];
  for (let shard = 0; !next.done; shard++) {
    const key = objectKey(req.world.botId, req.date, shard);
    async function* lines(): AsyncGenerator<string> {
      let batch: string[] = [];
      for (let n = 0; !next.done && n < req.shardSize; n++) {
        batch.push(`${JSON.stringify(next.value)}\n`);
        written++;
        if (batch.length === 200) {
          yield batch.join('');
          batch = [];
        }
        // Drawing conversations is CPU work: give the event loop a turn now and then, so other requests stay fast.
        await pause(written);
        next = source.next();
      }
      if (batch.length > 0) yield batch.join('');
    }
    objects.push(
      await ctx.store.put({ bucket, key, contentType: CONTENT_TYPE, lastModified: req.lastModified, owner }, (out) =>
        pipeline(Readable.from(lines()), out),
      ),
    );
  }
  return objects;
}

/** A day's files written in a generation worker (day-task.ts runs writeDay there). */
const DAY_TASK = defineTask<DayRequest, StoredObject[]>('zendesk.day', siblingModule(import.meta.url, 'day-task'));

/** The days already written (or being written), per app. Cleared on reset, when storage is emptied. */
export class DayFiles {
  private days = new Map<string, Promise<StoredObject[]>>();
  /** The days whose write has finished (same keys): a call for a written day answers without a promise. */
  private written = new Map<string, StoredObject[]>();

  constructor(private readonly ctx: CoreContext) {
    ctx.onReset(() => {
      this.days = new Map();
      this.written = new Map();
    });
  }

  /**
   * The day's files, writing them first if nobody has, or again if storage no longer holds them (retention drops
   * files nobody has looked up for a week; a DATA_DIR restart keeps the files but not this index). The rewrite is
   * byte-identical. Looking the files up counts as an access, so a file outlives every link signed for it. A day
   * already written whose files are all still there is answered at once (no promise): every call but the first.
   */
  get(req: DayRequest): Awaitable<StoredObject[]> {
    const key = `${req.region}\u001f${req.world.orgId}\u001f${req.world.botId}\u001f${req.date}`;
    const done = this.written.get(key);
    if (done) {
      if (done.every((o) => this.ctx.store.head(o.bucket, o.key))) return done;
      // A file vanished: the write that made them is forgotten, and the day is written again below.
      this.written.delete(key);
      this.days.delete(key);
    }
    return this.load(key, req);
  }

  private async load(key: string, req: DayRequest): Promise<StoredObject[]> {
    const cached = this.days.get(key);
    if (cached) {
      const objects = await cached;
      if (objects.every((o) => this.ctx.store.head(o.bucket, o.key))) return objects;
      if (this.days.get(key) === cached) this.days.delete(key);
    }
    let pending = this.days.get(key);
    if (!pending) {
      const days = this.days;
      const written = this.ctx.generation.run(DAY_TASK, req);
      days.set(key, written);
      // A failed write is forgotten, so the next request tries again instead of failing forever.
      written.then(
        // Known as written only while this write is still the day's (no reset, no rewrite since).
        (objects) => this.days === days && days.get(key) === written && this.written.set(key, objects),
        () => days.get(key) === written && days.delete(key),
      );
      pending = written;
    }
    return pending;
  }

  /** Writes in progress, for a clean close. */
  pending(): Promise<unknown> {
    return Promise.allSettled([...this.days.values()]);
  }
}

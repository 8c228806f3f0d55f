/**
 * Object storage for generated files, on disk. Objects are written through a stream into a temporary file and renamed
 * into place, so a reader never sees half an object; their MD5 (the S3/GCS ETag of a single-part upload) is computed
 * while streaming, so nothing is ever held whole in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, type Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { threadId } from 'node:worker_threads';
import { BoundedMemo } from '../memo.js';

export interface StoredObject {
  bucket: string;
  key: string;
  size: number;
  /** Quoted MD5 hex, as S3 and GCS send it. */
  etag: string;
  /** Virtual time the object was written, unix ms. */
  lastModified: number;
  contentType: string;
  /** Name offered to browsers in Content-Disposition, when the vendor sets one. */
  downloadName?: string;
  /** Who the object belongs to, for the request journal and the flow view. */
  owner?: { vendor: string; tenant?: string; jobId?: string };
  /**
   * File faults for an object no job owns (Zendesk's daily files): set when a request that a scenario acts on hands
   * out links to it. `issuedAt` is when those links were signed; `served` lists once-only faults already served.
   */
  fault?: { effect: import('../scenarios/schema.js').FileEffect; issuedAt: number; served: string[] };
}

/** A storage key must stay inside its bucket: no empty, dot or dot-dot segments, no backslashes, no NUL. */
export function isSafeKey(key: string): boolean {
  if (key.length === 0 || key.length > 1024 || key.includes('\\') || key.includes('\0')) return false;
  return key.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  /** Virtual time each object was last written or looked up, for retention of objects no job owns. */
  private readonly accessed = new Map<string, number>();
  /** The clock, for access times; set by the app. */
  now: () => number = Date.now;
  /** Called once an object is in place (persistence logs it, so its links work after a crash). */
  onPut: (object: StoredObject) => void = () => undefined;
  /** Called when an object's file is found gone from disk (the app logs it and has it written again). */
  onVanished: (object: StoredObject) => void = () => undefined;
  private readonly root: string;
  private tmpCounter = 0;
  /** A folder of our own (no DATA_DIR): removed on close. A DATA_DIR is kept. */
  private readonly temporary: boolean;

  constructor(root?: string) {
    this.temporary = root === undefined;
    this.root = root ?? mkdtempSync(join(tmpdir(), 'agent-export-mock-'));
  }

  /** The folder objects are written under: a generation worker writes its files there itself. */
  get location(): string {
    return this.root;
  }

  /** Takes objects a generation worker wrote under `location` into the index, as if put here. */
  adopt(objects: readonly StoredObject[]): void {
    for (const o of objects) {
      this.objects.set(`${o.bucket}/${o.key}`, o);
      this.accessed.set(`${o.bucket}/${o.key}`, this.now());
      // As put() does: DATA_DIR's job log records the written file, so its link survives a kill right after.
      this.onPut(o);
    }
  }

  /** The index of stored objects, for DATA_DIR. */
  snapshot(): StoredObject[] {
    return [...this.objects.values()];
  }

  /** Puts a saved index back, keeping only objects whose file is still there; returns those whose file vanished. */
  restore(objects: readonly StoredObject[]): StoredObject[] {
    const vanished: StoredObject[] = [];
    for (const o of objects) {
      if (existsSync(this.pathOf(o.bucket, o.key))) this.objects.set(`${o.bucket}/${o.key}`, o);
      else vanished.push(o);
    }
    return vanished;
  }

  /** Removes half-written objects (`….partial`) a kill left behind; they are never part of the index. */
  removePartials(): void {
    const folder = join(this.root, 'objects');
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      if (name.endsWith('.partial')) rmSync(join(folder, name), { force: true });
    }
  }

  /** Paths by object id: head() runs on every lookup of a file (a Zendesk call looks up each file of its day). */
  private readonly paths = new BoundedMemo<string>(4096);

  private pathOf(bucket: string, key: string): string {
    return this.paths.get(`${bucket}\u0000${key}`, () =>
      join(this.root, 'objects', encodeURIComponent(bucket), ...key.split('/').map(encodeURIComponent)),
    );
  }

  head(bucket: string, key: string): StoredObject | undefined {
    const id = `${bucket}/${key}`;
    const object = this.objects.get(id);
    if (!object) return undefined;
    // Deleted behind our back: forget it (storage then answers its own NoSuchKey, not a failed read) and say so.
    if (!existsSync(this.pathOf(bucket, key))) {
      this.objects.delete(id);
      this.accessed.delete(id);
      this.onVanished(object);
      return undefined;
    }
    this.accessed.set(id, this.now());
    return object;
  }

  /**
   * With shared state (STATE_URL): an object another replica wrote, from the shared index; and how a file this replica
   * lacks is written again here (the same bytes), rather than answered 404.
   */
  lookup?: (bucket: string, key: string) => Promise<StoredObject | undefined>;
  writeAgain?: (object: StoredObject) => Promise<void>;

  /** head(), and with shared state an object another replica wrote (its file written here when it is missing). */
  async find(bucket: string, key: string): Promise<StoredObject | undefined> {
    const known = this.head(bucket, key);
    if (known || !this.lookup) return known;
    const shared = await this.lookup(bucket, key);
    if (!shared) return undefined;
    if (!existsSync(this.pathOf(bucket, key))) await this.writeAgain?.(shared);
    if (!existsSync(this.pathOf(bucket, key))) return undefined;
    this.objects.set(`${bucket}/${key}`, shared);
    return this.head(bucket, key);
  }

  /** Every object with the virtual time it was last written or looked up. */
  entries(): Array<{ object: StoredObject; accessedAt: number }> {
    return [...this.objects].map(([id, object]) => ({
      object,
      accessedAt: this.accessed.get(id) ?? object.lastModified,
    }));
  }

  /**
   * Writes an object. `produce` receives a writable stream and must end it; the object appears (atomically) only when
   * the whole body has been written.
   */
  async put(
    meta: Omit<StoredObject, 'size' | 'etag'>,
    produce: (out: Writable) => Promise<void>,
  ): Promise<StoredObject> {
    if (!isSafeKey(meta.key)) throw new Error(`unsafe storage key ${meta.key}`);
    const finalPath = this.pathOf(meta.bucket, meta.key);
    await mkdir(dirname(finalPath), { recursive: true });
    // Process and thread in the name: generation workers write into the same folder at the same time.
    const tmpPath = `${finalPath}.${process.pid}-${threadId}.${++this.tmpCounter}.partial`;
    const md5 = createHash('md5');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        md5.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    const source = new PassThrough({ highWaterMark: 1 << 16 });
    const written = pipeline(source, counter, createWriteStream(tmpPath));
    try {
      await Promise.all([produce(source), written]);
      await rename(tmpPath, finalPath);
    } catch (err) {
      source.destroy();
      await written.catch(() => undefined);
      await rm(tmpPath, { force: true });
      throw err;
    }
    const object: StoredObject = { ...meta, size, etag: `"${md5.digest('hex')}"` };
    this.objects.set(`${meta.bucket}/${meta.key}`, object);
    this.accessed.set(`${meta.bucket}/${meta.key}`, this.now());
    this.onPut(object);
    return object;
  }

  /** Reads an object, or the inclusive byte range [start, end] of it. */
  read(object: StoredObject, range?: { start: number; end: number }): Readable {
    return createReadStream(
      this.pathOf(object.bucket, object.key),
      range ? { start: range.start, end: range.end } : {},
    );
  }

  async delete(bucket: string, key: string): Promise<void> {
    this.objects.delete(`${bucket}/${key}`);
    this.accessed.delete(`${bucket}/${key}`);
    await rm(this.pathOf(bucket, key), { force: true });
  }

  /** Forgets every object and removes its file. */
  async clear(): Promise<void> {
    this.objects.clear();
    this.accessed.clear();
    await rm(join(this.root, 'objects'), { recursive: true, force: true, maxRetries: 3 });
  }

  /** Removes a temporary storage folder on close, so temporary files do not outlive the server; a DATA_DIR stays. */
  destroy(): void {
    if (!this.temporary) return;
    this.objects.clear();
    rmSync(this.root, { recursive: true, force: true });
  }
}

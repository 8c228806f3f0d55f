/** Where the ZIP writer puts its bytes: the output stream (with its offset) and the central directory's records. */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';

const SPILL_AT = 1 << 20;

/** Writes to a stream, honouring back-pressure, and counts the bytes (the offsets of the archive). */
export class Sink {
  offset = 0;
  constructor(private readonly out: Writable) {}

  async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** The central directory's records: in memory up to 1 MiB, then appended to a spill file in a temporary folder. */
export class CentralDirectory {
  count = 0;
  size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private spill?: { dir: string; file: import('node:fs/promises').FileHandle };

  async add(record: Buffer): Promise<void> {
    this.pending.push(record);
    this.pendingBytes += record.length;
    this.size += record.length;
    this.count++;
    if (this.pendingBytes >= SPILL_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.spill) {
      const dir = await mkdtemp(join(tmpdir(), 'zip-cd-'));
      this.spill = { dir, file: await open(join(dir, 'cd'), 'w') };
    }
    await this.spill.file.write(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  async writeTo(sink: Sink): Promise<void> {
    if (this.spill) {
      await this.flush();
      await this.spill.file.close();
      for await (const chunk of createReadStream(join(this.spill.dir, 'cd'))) await sink.write(chunk as Buffer);
    } else {
      for (const record of this.pending) await sink.write(record);
    }
    await this.dispose();
  }

  async dispose(): Promise<void> {
    if (!this.spill) return;
    const { dir, file } = this.spill;
    this.spill = undefined;
    await file.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

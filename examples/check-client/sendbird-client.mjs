/**
 * A small Sendbird AI agent export client, as `agent-export-mock check-client sendbird` runs it: it reads where to go
 * and how to authenticate from the AEM_* environment, starts an export, polls it, downloads the ZIP and writes it to
 * AEM_OUTPUT_DIR. careful.mjs and ignores-retry-after.mjs differ only in how long they wait after a 429.
 * Plain Node (20+), no dependencies.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inflateRawSync } from 'node:zlib';

const POLL_INTERVAL_MS = 500;
const MAX_ATTEMPTS = 6;
/** Sendbird's export states: scheduled → exporting → done | no_data | failed. */
const RUNNING = new Set(['scheduled', 'exporting']);

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run me through agent-export-mock check-client`);
  return value;
}

/** Seconds a 429 asks for: Retry-After, or Sendbird's own X-RateLimit-RetryAfter. */
export function toldWaitMs(res) {
  const told = res.headers.get('retry-after') ?? res.headers.get('x-ratelimit-retryafter');
  const seconds = Number(told);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 1000;
}

/** CRC-32 (ZIP's), so a damaged download is caught before it is passed on. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Throws unless every entry of the ZIP is whole: the end record, each entry's header, inflated bytes and CRC. */
export function checkZip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buf.length) throw new Error('not a whole ZIP (no end of central directory)');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged central directory');
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const local = buf.readUInt32LE(at + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new Error('damaged entry header');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const stored = buf.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(stored) : stored;
    if (crc32(data) !== crc) throw new Error('an entry fails its CRC check');
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
}

/** Runs the export; `waitAfter429(res)` says how long to wait before retrying a 429. Returns the exit status. */
export async function runExport({ waitAfter429 }) {
  const sample = JSON.parse(env('AEM_SAMPLE_REQUEST'));
  const headers = { ...JSON.parse(env('AEM_HEADERS')), 'content-type': 'application/json' };

  async function api(method, url, body) {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (res.ok) return res.json();
      const retry = res.status === 429 || res.status >= 500;
      if (!retry || attempt >= MAX_ATTEMPTS) throw new Error(`${method} ${url} answered ${res.status}`);
      await sleep(res.status === 429 ? waitAfter429(res) : 200 * 2 ** attempt);
    }
  }

  /** The file, or null when storage refuses the link (expired). Never sends the API token to storage. */
  async function download(url) {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(url);
      if (res.ok) return Buffer.from(await res.arrayBuffer());
      if (res.status === 403 || res.status === 410) return null;
      if (res.status < 500 || attempt >= 3) throw new Error(`download answered ${res.status}`);
      await sleep(300 * attempt);
    }
  }

  const created = await api('POST', sample.url, sample.body);
  const pollUrl = `${sample.url}/${created.export_id}`;
  let job = created;
  while (RUNNING.has(job.export_status)) {
    await sleep(POLL_INTERVAL_MS);
    job = await api('GET', pollUrl);
  }
  if (job.export_status === 'no_data') {
    console.log('the export found no data: nothing to write');
    return 0;
  }
  if (job.export_status !== 'done') {
    console.error(`the export ended ${job.export_status}`);
    return 1;
  }
  let bytes = await download(job.export_file.url);
  if (bytes === null) {
    // The link was refused: ask for the export again, once, in case it carries a fresh link.
    job = await api('GET', pollUrl);
    bytes = job.export_file ? await download(job.export_file.url) : null;
  }
  if (bytes === null) {
    console.error('the download link has expired: start a new export');
    return 3;
  }
  checkZip(bytes);
  const name = decodeURIComponent(new URL(job.export_file.url).pathname.split('/').pop());
  writeFileSync(join(env('AEM_OUTPUT_DIR'), name), bytes);
  console.log(`wrote ${name} (${bytes.length} bytes)`);
  return 0;
}

/** Runs the client as a script: the exit status says how it went. */
export function main(options) {
  runExport(options).then(
    (status) => (process.exitCode = status),
    (err) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}

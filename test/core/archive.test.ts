import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { writeZip, type ZipEntry } from '../../src/core/storage/archive.js';
import { crc32, tableCrc32 } from '../../src/core/zip/crc32.js';
import { unzip } from '../helpers.js';

async function zipOf(
  entries: () => Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  date = new Date('2025-04-08T23:59:58Z'),
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeZip(out, entries(), date);
  return Buffer.concat(chunks);
}

const sample = (): ZipEntry[] => [
  { name: 'a.csv', body: 'id,text\r\n1,hello\r\n' },
  { name: 'Zoë Ångström_2025-04-01.csv', body: Buffer.from('x'.repeat(10_000)) },
  { name: 'streamed.json', body: Readable.from(['[\n', '{"a":1}', ',\n{"a":2}', '\n]\n']) },
  { name: 'empty.csv', body: '' },
];

function entriesOf(buffer: Buffer): Promise<{ count: number; dates: Date[] }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const dates: Date[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        if (dates.length < 3) dates.push(e.getLastModDate({ timezone: 'UTC' }));
        zip.readEntry();
      });
      zip.on('end', () => resolve({ count: zip.entryCount, dates }));
      zip.readEntry();
    });
  });
}

describe('writeZip', () => {
  it('writes entries of text, bytes and streams that a ZIP reader gives back unchanged, with UTF-8 names', async () => {
    const files = await unzip(await zipOf(sample));
    expect([...files.keys()]).toEqual(['a.csv', 'Zoë Ångström_2025-04-01.csv', 'streamed.json', 'empty.csv']);
    expect(files.get('empty.csv')!.length).toBe(0);
    expect(files.get('a.csv')!.toString()).toBe('id,text\r\n1,hello\r\n');
    expect(files.get('Zoë Ångström_2025-04-01.csv')!.toString()).toBe('x'.repeat(10_000));
    expect(JSON.parse(files.get('streamed.json')!.toString())).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('gives byte-identical archives for the same input, dated at the given instant in UTC', async () => {
    const a = await zipOf(sample);
    const b = await zipOf(sample);
    expect(a.equals(b)).toBe(true);
    const { dates } = await entriesOf(a);
    expect(dates.map((d) => d.toISOString())).toEqual(Array(3).fill('2025-04-08T23:59:58.000Z'));
    const other = await zipOf(sample, new Date('2025-04-09T00:00:00Z'));
    expect(other.equals(a)).toBe(false);
  });

  it('writes ZIP64 end records when the entry count overflows 65,535, and spills its directory past 1 MiB', async () => {
    function* many(): Generator<ZipEntry> {
      // Long names: ~170-byte directory records, so 70,000 of them (12 MB) pass the spill threshold many times over.
      for (let i = 0; i < 70_000; i++) yield { name: `${String(i).padStart(8, '0')}_${'n'.repeat(110)}.csv`, body: '' };
    }
    const zip = await zipOf(many);
    // The ZIP64 end of central directory record and its locator, then a classic end record that points to them.
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    expect((await entriesOf(zip)).count).toBe(70_000);
  });

  it('ends the output empty-handed but valid when there are no entries', async () => {
    const zip = await zipOf(() => []);
    expect(zip.length).toBe(22);
    expect((await entriesOf(zip)).count).toBe(0);
  });

  it('computes the same CRC-32 with its table fallback as with zlib', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(tableCrc32(data)).toBe(0x414fa339);
    expect(crc32(data)).toBe(0x414fa339);
    expect(tableCrc32(data.subarray(10), tableCrc32(data.subarray(0, 10)))).toBe(0x414fa339);
  });
});

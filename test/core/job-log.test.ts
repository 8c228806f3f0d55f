/** The append-only job log of DATA_DIR: torn last lines, compaction, and a reset replayed after a crash. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobLog } from '../../src/core/jobs/log.js';
import { testApp } from '../helpers.js';
import * as sendbird from '../vendors/sendbird/sendbird.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aem-log-'));
  dirs.push(d);
  return d;
};

describe('JobLog', () => {
  it('drops a torn last line (a kill mid-append) and cuts it off before appending again', () => {
    const file = join(dataDir(), 'jobs.log');
    writeFileSync(file, '{"n":1,"reset":true}\n{"n":2,"res');
    const log = new JobLog(file, false);
    const read = log.read(0);
    expect(read.records).toEqual([{ n: 1, reset: true }]);
    expect(read.torn).toBe(true);
    log.open(read.last, read.validBytes);
    log.append({ reset: true });
    log.close();
    expect(readFileSync(file, 'utf8')).toBe('{"n":1,"reset":true}\n{"n":2,"reset":true}\n');
  });

  it('compacts to the records a save does not hold, numbering on', () => {
    const file = join(dataDir(), 'jobs.log');
    const log = new JobLog(file, false);
    log.open(0, 0);
    for (let i = 0; i < 3; i++) log.append({ reset: true });
    log.compact(2);
    log.append({ reset: true });
    expect(log.read(0).records.map((r) => r.n)).toEqual([3, 4]);
    log.compact(4);
    expect(readFileSync(file, 'utf8')).toBe('');
    log.close();
  });
});

const ONE_DAY = { ...sendbird.BODY, from: '2025-04-07', to: '2025-04-07' };

describe('a reset followed by a crash', () => {
  it('comes back as the reset left it: no job from before, ids counted from the reset', async () => {
    const dir = dataDir();
    const first = await testApp({ DATA_DIR: dir });
    const old = await sendbird.create(first, ONE_DAY);
    await sendbird.create(first, ONE_DAY);
    await first.close();

    const second = await testApp({ DATA_DIR: dir });
    const reset = await second.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    expect(reset.statusCode, reset.body).toBe(200);
    const fresh = await sendbird.create(second, ONE_DAY);
    // A crash now: copy what is on disk while the server still runs, and start from the copy.
    const crashed = dataDir();
    cpSync(dir, crashed, { recursive: true });
    await second.close();

    const third = await testApp({ DATA_DIR: crashed });
    const ids = (await third.inject({ url: '/__admin/jobs' })).json().jobs.map((j: { id: string }) => j.id);
    expect(ids).toEqual([fresh.export_id]);
    // Same seed, same first request after a reset: the same id as before it, as a reset promises.
    expect(fresh.export_id).toBe(old.export_id);
    await third.close();
  });
});

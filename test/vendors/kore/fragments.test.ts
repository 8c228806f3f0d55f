import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchRecord } from '../../../src/vendors/kore/schemas.js';
import { testApp } from '../../helpers.js';
import { BOT, finishedJob, fragmentsOf, windowOf } from './kore.js';

const VOLUME = 1000;

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: VOLUME });
});
afterAll(async () => {
  await app.close();
});

const stampsOf = (files: Array<{ records: Array<{ timeStampValue: number }> }>) =>
  files.flatMap((f) => f.records.map((r) => r.timeStampValue));

describe('Kore export files', () => {
  it('puts exactly 150 records in one file, as the single-file sample shows', async () => {
    const { body, stamps } = windowOf(150, VOLUME);
    const job = await finishedJob(app, body);
    expect(job.message).toBe('ANALYTICS DATA JSON Export Completed - 1 file(s) with 150 total records');
    expect(job.hasAnalyticsFragments).toBe(false);
    expect(job.store).toEqual({ totalFiles: 1, totalRecords: 150 });
    expect(job.analyticsFragments).toHaveLength(1);
    const [only] = job.analyticsFragments;
    expect(only.recordCount).toBe(150);
    expect(only.fileName).toMatch(/^analytics_data_\d{13}$/);
    expect(job.fileInfo).toEqual({ fileId: only.fileId, fileName: only.fileName, fileUrl: only.fileUrl });
    const files = await fragmentsOf(app, job);
    expect(stampsOf(files)).toEqual(stamps);
    for (const r of files[0]!.records) SearchRecord.parse(r);
  });

  it('splits 151 records into two fragments of 150 and 1, whose first equals the 150-record export', async () => {
    const { body, stamps } = windowOf(151, VOLUME);
    const job = await finishedJob(app, body);
    expect(job.message).toBe('ANALYTICS DATA JSON Export Completed - 2 file(s) with 151 total records');
    expect(job.hasAnalyticsFragments).toBe(true);
    expect(job.fileInfo).toEqual({});
    expect(job.analyticsFragments.map((f: { recordCount: number }) => f.recordCount)).toEqual([150, 1]);
    expect(
      job.analyticsFragments.map((f: { fileName: string }) => f.fileName.replace(/^analytics_data_\d{13}/, '')),
    ).toEqual(['_part_1_of_2', '_part_2_of_2']);
    const files = await fragmentsOf(app, job);
    expect(stampsOf(files)).toEqual(stamps);
    // The world is one: the first 150 searches are the same records in the 150-record export.
    const first150 = await fragmentsOf(app, await finishedJob(app, windowOf(150, VOLUME).body));
    expect(files[0]!.records).toEqual(first150[0]!.records);
  });

  it('splits 400 records into fragments of 150, 150 and 100 that together are the export, in time order', async () => {
    const { body, stamps } = windowOf(400, VOLUME);
    const job = await finishedJob(app, body);
    expect(job.message).toBe('ANALYTICS DATA JSON Export Completed - 3 file(s) with 400 total records');
    expect(job.store).toEqual({ totalFiles: 3, totalRecords: 400 });
    expect(job.analyticsFragments.map((f: { recordCount: number }) => f.recordCount)).toEqual([150, 150, 100]);
    const names = job.analyticsFragments.map((f: { fileName: string }) =>
      /^analytics_data_(\d{13})_part_(\d)_of_3$/.exec(f.fileName),
    );
    expect(names.every(Boolean)).toBe(true);
    expect(names.map((m: RegExpExecArray) => Number(m[2]))).toEqual([1, 2, 3]);
    // Written one after another during the job's running phase.
    const written = names.map((m: RegExpExecArray) => Number(m[1]));
    expect(written[0]).toBeLessThan(written[1]);
    expect(written[1]).toBeLessThan(written[2]);
    expect(new Set(job.analyticsFragments.map((f: { fileId: string }) => f.fileId)).size).toBe(3);
    const files = await fragmentsOf(app, job);
    expect(files.map((f) => f.records.length)).toEqual([150, 150, 100]);
    expect(stampsOf(files)).toEqual(stamps);
    const all = files.flatMap((f) => f.records);
    expect(new Set(all.map((r) => r._id)).size).toBe(400);
    expect(all.every((r) => r.botId === BOT)).toBe(true);
    expect(
      all.every(
        (r) => Date.parse(body.filters.from) <= r.timeStampValue && r.timeStampValue <= Date.parse(body.filters.to),
      ),
    ).toBe(true);
  });

  it('exports only the searches with the requested feedback, the same records as in the unfiltered export', async () => {
    const { body } = windowOf(400, VOLUME);
    const all = (await fragmentsOf(app, await finishedJob(app, body))).flatMap((f) => f.records);
    for (const event of ['thumbsUp', 'thumbsDown'] as const) {
      const expected = all.filter((r) => r.event === event);
      expect(expected.length).toBeGreaterThan(0);
      const job = await finishedJob(app, { ...body, event });
      expect(job.store.totalRecords).toBe(expected.length);
      const records = (await fragmentsOf(app, job)).flatMap((f) => f.records);
      expect(records).toEqual(expected);
    }
    // Searches without feedback carry event: null.
    expect(all.some((r) => r.event === null)).toBe(true);
    expect(all.every((r) => r.event === null || r.event === 'thumbsUp' || r.event === 'thumbsDown')).toBe(true);
  });
});

describe('Kore records', () => {
  it('read like searches of a help center: queries, answers from the chunks used, prompt and completion', async () => {
    const { body } = windowOf(150, VOLUME);
    const [file] = await fragmentsOf(app, await finishedJob(app, body));
    const records = file!.records;
    const answered = records.filter((r) => r.hasResults);
    expect(answered.length).toBeGreaterThan(100);
    expect(new Set(records.map((r) => r.query)).size).toBeGreaterThan(40);
    for (const r of answered) {
      const [debug] = r.answerDebug;
      expect(r.answerType).toBe('generative');
      expect(debug.prompt.promptText).toContain(`Question: ${r.query}`);
      expect(debug.llmResponse.responseDetails.completionText.length).toBeGreaterThan(20);
      expect(debug.llmResponse.responseTime).toBeGreaterThan(0);
      const sent = debug.extractiveChunks.filter((c: { sentToLLM: boolean }) => c.sentToLLM);
      expect(debug.chunksSentToLLM).toEqual(
        sent.map((c: { additionalInfo: { chunkId: string } }) => c.additionalInfo.chunkId),
      );
      for (const c of sent) expect(debug.prompt.promptText).toContain(c.chunkText);
      for (const c of debug.extractiveChunks) if (c.usedInAnswer) expect(c.sentToLLM).toBe(true);
      const scores = debug.extractiveChunks.map((c: { score: number }) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    expect(records.filter((r) => !r.hasResults).every((r) => r.answerDebug.length === 0)).toBe(true);
    expect(records.some((r) => r.answerDebug[0]?.chunksUsedInAnswer.length > 0)).toBe(true);
  });
});

/**
 * Statements of Zendesk's "Using the AI Agents Data Export API" page that no other test checked, each named by a row
 * of the README's fidelity matrix.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { recordsOf, signedUrls, YESTERDAY } from './zendesk.js';

type Row = Record<string, any>;
let app: FastifyInstance;
let rows: Row[];
beforeAll(async () => {
  app = await testApp({ WORLD_DAILY_VOLUME: 300 });
  rows = await recordsOf(app, YESTERDAY);
});
afterAll(async () => {
  await app.close();
});

describe('Zendesk get-signed-urls answer', () => {
  it('is exactly {"date", "urls": [string]} with the requested date, as the 200 example', async () => {
    const res = await signedUrls(app, { date: YESTERDAY, ttl: 10 });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['date', 'urls']);
    expect(body.date).toBe(YESTERDAY);
    expect(body.urls.length).toBeGreaterThan(0);
    for (const url of body.urls) expect(typeof url).toBe('string');
  });
});

describe('Zendesk record details, as the page table and example describe them', () => {
  it('triggered_replies carry reply_timestamp, reply_id, reply_language, reply_name, reply_type, intent_id', () => {
    const replies = rows.flatMap((r) => r.triggered_replies);
    expect(replies.length).toBeGreaterThan(100);
    for (const r of replies) {
      expect(Object.keys(r).sort()).toEqual([
        'intent_id',
        'reply_id',
        'reply_language',
        'reply_name',
        'reply_timestamp',
        'reply_type',
      ]);
    }
    const intents = rows.flatMap((r) => r.triggered_intent_replies);
    for (const i of intents)
      expect(Object.keys(i).sort()).toEqual(['intent_id', 'intent_name', 'intent_timestamp', 'not_meaningful']);
  });

  it('triggered_procedures carry procedure_id, intent_id, use_case_name; triggered_use_cases an intent_name', () => {
    const procedures = rows.flatMap((r) => r.triggered_procedures);
    expect(procedures.length).toBeGreaterThan(0);
    for (const p of procedures)
      expect(p).toEqual({
        procedure_id: expect.any(String),
        intent_id: expect.any(String),
        use_case_name: expect.any(String),
      });
    const useCases = rows.flatMap((r) => r.triggered_use_cases);
    expect(useCases.length).toBeGreaterThan(0);
    for (const u of useCases) expect(typeof u.intent_name).toBe('string');
  });

  it('language is a three-letter code, as the example\'s "eng"', () => {
    for (const r of rows) expect(r.language).toMatch(/^[a-z]{3}$/);
    expect(rows.some((r) => r.language === 'eng')).toBe(true);
  });

  it('automated_resolution and its reasoning are strings, null only for test-mode conversations', () => {
    for (const r of rows) {
      if (r.test_mode) continue;
      expect(['true', 'false']).toContain(r.automated_resolution);
      expect(typeof r.automated_resolution_reasoning).toBe('string');
    }
  });
});

/** Shared fixtures of the Sendbird tests. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { advance, download, unzip } from '../../helpers.js';

export const APP = 'a245389gje349rt3429992Op';
export const BASE = `/sendbird/${APP}/v3/ai_agent/data_exports`;
export const TOKEN = { 'api-token': 'demo-sendbird-api-token' };
export const BODY = {
  type: 'conversation',
  ai_agent_id: 'ai_agent_cx',
  from: '2025-04-01',
  to: '2025-04-07',
  timezone: 'America/New_York',
  export_format: 'json',
};

export async function create(app: FastifyInstance, body: Record<string, unknown> = BODY) {
  const res = await app.inject({ method: 'POST', url: BASE, headers: TOKEN, payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function details(app: FastifyInstance, id: string) {
  const res = await app.inject({ url: `${BASE}/${id}`, headers: TOKEN });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Creates an export, lets it finish, downloads it and returns the parsed JSON inside the ZIP. */
export async function exportJson(app: FastifyInstance, body: Record<string, unknown> = BODY) {
  const created = await create(app, body);
  await advance(app, 3600);
  const done = await details(app, created.export_id);
  expect(done.export_status).toBe('done');
  const file = await download(app, done.export_file.url);
  expect(file.statusCode).toBe(200);
  const entries = await unzip(file.rawPayload);
  expect(entries.size).toBe(1);
  return { job: done, bytes: file.rawPayload, json: JSON.parse([...entries.values()][0]!.toString('utf8')) };
}

/** Shared fixtures of the Seasalt tests. */

import { parse } from 'csv-parse/sync';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { advance, download, unzip } from '../../helpers.js';

export const WS = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
export const BASE = `/seasalt/seax-api/api/v1/workspace/${WS}/export-conversations`;
export const KEY = { 'x-api-key': 'demo-seasalt-api-key' };
export const WHATSAPP = 'a1b2c3d4-1111-2222-3333-444455556666';
export const SMS = 'b2c3d4e5-7777-8888-9999-000011112222';
export const MESSENGER = 'c3d4e5f6-aaaa-bbbb-cccc-ddddeeeeffff';
/** An SMS channel with a number of its own. */
export const RETURNS = 'd4e5f6a7-1234-4abc-8def-0123456789ab';
export const SHARED_NUMBER = '+12025550123';
/** One day keeps each export small (about 40 conversations), so the suite stays fast. */
export const BODY = { channel_id: SMS, start_date: '2025-04-01', end_date: '2025-04-01' };

export const COLUMNS = [
  'message_id',
  'conversation_id',
  'contact_name',
  'contact_phone',
  'direction',
  'speaker_type',
  'speaker_name',
  'message_time',
  'message_text',
  'media_url',
  'status',
  'sender_account',
];

export function post(
  app: FastifyInstance,
  body: unknown,
  headers: Record<string, string> = KEY,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: BASE, headers, payload: body as object });
}

/** POSTs a raw body with the given Content-Type. */
export function postRaw(
  app: FastifyInstance,
  payload: string,
  contentType = 'application/json',
  headers: Record<string, string> = KEY,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: BASE, headers: { ...headers, 'content-type': contentType }, payload });
}

export async function create(app: FastifyInstance, body: Record<string, unknown> = BODY): Promise<string> {
  const res = await post(app, body);
  expect(res.statusCode, res.body).toBe(202);
  return res.json().export_job_id;
}

export async function poll(app: FastifyInstance, id: string) {
  const res = await app.inject({ url: `${BASE}/${id}`, headers: KEY });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export type Row = Record<string, string>;

/** Parses one CSV of the export (RFC 4180, header row). */
export function parseCsv(bytes: Buffer): { header: string[]; rows: Row[] } {
  const records: string[][] = parse(bytes, { bom: false, relax_column_count: false });
  const [header = [], ...rest] = records;
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

/** Creates an export, lets it finish, downloads and unzips it. */
export async function finishedExport(app: FastifyInstance, body: Record<string, unknown> = BODY) {
  const id = await create(app, body);
  await advance(app, 60);
  const job = await poll(app, id);
  expect(job.status).toBe('finished');
  const file = await download(app, job.presigned_url);
  expect(file.statusCode).toBe(200);
  const entries = await unzip(file.rawPayload);
  return { job, bytes: file.rawPayload, entries, csv: new Map([...entries].map(([name, b]) => [name, parseCsv(b)])) };
}

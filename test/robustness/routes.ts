/**
 * The table the robustness tests walk: every vendor route with valid credentials, and how to recognise that vendor's
 * error envelope. A vendor joins by adding its rows here.
 */
export interface RouteRow {
  vendor: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** A valid body, for the routes that take one. */
  body?: unknown;
}

import { demoToken } from '../../src/vendors/kore/auth.js';

const KORE_BOT = 'st-2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
const KORE_AUTH = { auth: demoToken({ client_id: 'cs-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', client_secret: 'demo-kore-client-secret', scopes: ['Answer Insights'] }) };

export const ROUTES: RouteRow[] = [
  {
    vendor: 'seasalt',
    method: 'POST',
    url: '/seasalt/seax-api/api/v1/workspace/3fa85f64-5717-4562-b3fc-2c963f66afa6/export-conversations',
    headers: { 'x-api-key': 'demo-seasalt-api-key' },
    body: { channel_id: 'b2c3d4e5-7777-8888-9999-000011112222', start_date: '2025-04-01', end_date: '2025-04-01' },
  },
  {
    vendor: 'seasalt',
    method: 'GET',
    url: '/seasalt/seax-api/api/v1/workspace/3fa85f64-5717-4562-b3fc-2c963f66afa6/export-conversations/00000000-0000-4000-8000-000000000000',
    headers: { 'x-api-key': 'demo-seasalt-api-key' },
  },
  {
    vendor: 'zendesk',
    method: 'POST',
    url: '/zendesk/eu/data-export/v3/get-signed-urls',
    headers: { authorization: 'demo-zendesk-api-key', organizationid: '77m57af6811115b53172431s', botid: '98174e8d635471c383b9ec7b' },
    body: { date: '2025-04-07' },
  },
  { vendor: 'kore', method: 'POST', url: `/kore/api/public/bot/${KORE_BOT}/search/analytics-export`, headers: KORE_AUTH, body: { filters: { from: '2025-04-06', to: '2025-04-07' } } },
  { vendor: 'kore', method: 'GET', url: `/kore/api/public/bot/${KORE_BOT}/search/jobs/fj-00000000-0000-5000-8000-000000000000`, headers: KORE_AUTH },
  {
    vendor: 'sendbird',
    method: 'POST',
    url: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports',
    headers: { 'api-token': 'demo-sendbird-api-token' },
    body: { type: 'conversation', ai_agent_id: 'ai_agent_cx', from: '2025-04-07', to: '2025-04-07', timezone: 'UTC', export_format: 'json' },
  },
  { vendor: 'sendbird', method: 'GET', url: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports', headers: { 'api-token': 'demo-sendbird-api-token' } },
  { vendor: 'sendbird', method: 'GET', url: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports/0000', headers: { 'api-token': 'demo-sendbird-api-token' } },
];

/** True when a body is the vendor's own error envelope. */
const isKore = (b: unknown) =>
  typeof b === 'object' && b !== null && Array.isArray((b as { errors?: unknown }).errors) && (b as { errors: Array<{ msg?: unknown; code?: unknown }> }).errors.every((e) => typeof e.msg === 'string' && typeof e.code === 'number');

const isZendesk = (b: unknown) =>
  typeof b === 'object' && b !== null && typeof (b as { statusCode?: unknown }).statusCode === 'number' && typeof (b as { error?: unknown }).error === 'string' && typeof (b as { message?: unknown }).message === 'string';

/** FastAPI: {"detail": "…"} or {"detail": {…}} or {"detail": [{type, loc, msg, input}]}. */
const isFastApi = (b: unknown) => typeof b === 'object' && b !== null && 'detail' in b && Object.keys(b).length === 1;

export const ENVELOPES: Record<string, (body: unknown, contentType: string) => boolean> = {
  seasalt: isFastApi,
  zendesk: isZendesk,
  kore: isKore,
  sendbird: (b) => typeof b === 'object' && b !== null && (b as { error?: unknown }).error === true && typeof (b as { code?: unknown }).code === 'number' && typeof (b as { message?: unknown }).message === 'string',
};

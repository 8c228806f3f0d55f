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

export const ROUTES: RouteRow[] = [
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
export const ENVELOPES: Record<string, (body: unknown, contentType: string) => boolean> = {
  sendbird: (b) => typeof b === 'object' && b !== null && (b as { error?: unknown }).error === true && typeof (b as { code?: unknown }).code === 'number' && typeof (b as { message?: unknown }).message === 'string',
};

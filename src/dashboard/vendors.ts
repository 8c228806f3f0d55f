/**
 * The dashboard's one table of vendor flows: which fields each start form has, the request it sends, where the job id,
 * state and download links are in the answers. The browser fills `{field}` placeholders (and `{job_id}`) from the form;
 * `targets` turns a vendor's GET /__admin/tenants entry into ready-made credentials. Adjust a vendor here and nowhere
 * else. Request shapes: each vendor's public page, as cited in its README.
 */

/** A date relative to the virtual clock's UTC today, as YYYY-MM-DD or as an ISO instant at the start/end of that day. */
export interface RelativeDate {
  days: number;
  as?: 'date' | 'start' | 'end';
}

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'number' | 'email' | 'select';
  /** A fixed default, or a date relative to the virtual now. Fields filled from the chosen target have none. */
  value?: string | RelativeDate;
  options?: readonly string[];
  /** Optional fields left empty are dropped from the body. */
  optional?: boolean;
  /** Filled from the chosen tenant (credentials and ids). */
  target?: boolean;
  hint?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path with `{field}` placeholders; the browser prefixes window.location.origin. */
  path: string;
  headers: Record<string, string>;
  /** A string that is exactly "{field}" takes the field's value (a number for number fields; dropped when optional and empty). */
  body?: Json;
}

/** One tenant choice: a label and the values of the form's target fields. */
export interface Target {
  label: string;
  /** The job's `tenant` in GET /__admin/jobs, to find credentials for jobs started elsewhere. */
  tenant: string;
  values: Record<string, string>;
}

export interface VendorFlow {
  id: string;
  /** Shown while the vendor is not registered on this server (otherwise its module's title). */
  title: string;
  /** One line under the vendor's heading. */
  summary: string;
  /** Ready-made credentials, from this vendor's entry of GET /__admin/tenants (shape as its `tenants()` returns it). */
  targets(tenants: unknown): Target[];
  fields: readonly Field[];
  create: RequestSpec;
  /** Dot path of the job id in the create answer; absent when the create answer is itself the result (Zendesk). */
  jobId?: string;
  /** The vendor's own poll request (`{job_id}` is the job), used once a job has ended to show its links. */
  poll?: RequestSpec;
  /** Dot path of the state in the poll answer. */
  state?: string;
  /** Dot paths of download links in the poll answer (or the create answer without a job); `*` walks an array. */
  links: readonly string[];
}

// Tolerant readers: the dashboard must not break when a vendor's tenants() grows or renames a field.
type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => typeof x === 'object' && x !== null) : []);
const str = (o: unknown, ...keys: string[]): string => {
  for (const k of keys) {
    const v = (o as Obj | undefined)?.[k];
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return '';
};
/** The first string in `o` (searched depth-first) that looks like a JWT. */
const findJwt = (o: unknown): string => {
  if (typeof o === 'string') return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(o) ? o : '';
  if (typeof o !== 'object' || o === null) return '';
  for (const v of Object.values(o)) {
    const found = findJwt(v);
    if (found) return found;
  }
  return '';
};
const json = { 'Content-Type': 'application/json' };

export const FLOWS: readonly VendorFlow[] = [
  {
    id: 'sendbird',
    title: 'Sendbird AI agent',
    summary: 'Request an export, poll it until done, download the ZIP from export_file.url.',
    targets: (tenants) =>
      list(tenants).flatMap((app) =>
        list(app.ai_agents).map((agent) => ({
          label: `${str(app, 'app_id')} · ${str(agent, 'ai_agent_id')}${str(agent, 'name') ? ` (${str(agent, 'name')})` : ''}`,
          tenant: str(app, 'app_id'),
          values: { app_id: str(app, 'app_id'), api_token: str(app, 'api_tokens', 'api_token'), ai_agent_id: str(agent, 'ai_agent_id') },
        })),
      ),
    fields: [
      { name: 'app_id', label: 'Application id', target: true },
      { name: 'api_token', label: 'Api-Token', target: true },
      { name: 'ai_agent_id', label: 'AI agent id', target: true },
      { name: 'type', label: 'Export type', type: 'select', options: ['conversation', 'daily_analysis'], value: 'conversation' },
      { name: 'from', label: 'From', type: 'date', value: { days: -7 }, hint: 'at most seven days ago' },
      { name: 'to', label: 'To', type: 'date', value: { days: -1 } },
      { name: 'timezone', label: 'Time zone', value: 'UTC' },
    ],
    create: {
      method: 'POST',
      path: '/sendbird/{app_id}/v3/ai_agent/data_exports',
      headers: { 'Api-Token': '{api_token}', ...json },
      body: { type: '{type}', ai_agent_id: '{ai_agent_id}', from: '{from}', to: '{to}', timezone: '{timezone}', export_format: 'json' },
    },
    jobId: 'export_id',
    poll: { method: 'GET', path: '/sendbird/{app_id}/v3/ai_agent/data_exports/{job_id}', headers: { 'Api-Token': '{api_token}' } },
    state: 'export_status',
    links: ['export_file.url'],
  },
  {
    id: 'zendesk',
    title: 'Zendesk AI agents – Advanced',
    summary: "No job: ask for a finalized day's signed URLs and download each file (newline-delimited JSON).",
    targets: (tenants) =>
      list(tenants).flatMap((org) =>
        list(org.bots).map((bot) => ({
          label: `${str(org, 'region').toUpperCase()} · ${str(bot, 'bot_name') || str(bot, 'bot_id')}`,
          tenant: str(org, 'organization_id'),
          values: { region: str(org, 'region'), organization_id: str(org, 'organization_id'), api_key: str(org, 'api_key'), bot_id: str(bot, 'bot_id') },
        })),
      ),
    fields: [
      { name: 'region', label: 'Region', target: true, hint: 'eu or us' },
      { name: 'organization_id', label: 'organizationid', target: true },
      { name: 'api_key', label: 'authorization (API key)', target: true },
      { name: 'bot_id', label: 'botid', target: true },
      { name: 'date', label: 'Day', type: 'date', value: { days: -1 }, hint: 'a finished, finalized day (UTC)' },
      { name: 'ttl', label: 'Link lifetime (minutes)', type: 'number', optional: true, hint: 'empty: one day' },
    ],
    create: {
      method: 'POST',
      path: '/zendesk/{region}/data-export/v3/get-signed-urls',
      headers: { authorization: '{api_key}', organizationid: '{organization_id}', botid: '{bot_id}', ...json },
      body: { date: '{date}', ttl: '{ttl}' },
    },
    links: ['urls.*'],
  },
  {
    id: 'kore',
    title: 'Kore.ai Search AI',
    summary: 'Start an answer-insights export (JWT in the auth header), poll the Jobs API, download each file.',
    targets: (tenants) =>
      list(tenants).flatMap((bot) => {
        const botId = str(bot, 'app_id', 'bot_id', 'AppID');
        const apps = list(bot.apps).filter((a) => !Array.isArray(a.scopes) || a.scopes.includes('Answer Insights'));
        return (apps.length > 0 ? apps : [bot]).map((app) => ({
          label: `${botId}${str(bot, 'name') ? ` (${str(bot, 'name')})` : ''}`,
          tenant: botId,
          values: { app_id: botId, token: findJwt(app) || findJwt(bot) },
        }));
      }),
    fields: [
      { name: 'app_id', label: 'AppID', target: true },
      { name: 'token', label: 'auth (JWT)', target: true },
      { name: 'from', label: 'From', type: 'date', value: { days: -7 }, hint: 'UTC; at most seven days before To' },
      { name: 'to', label: 'To', type: 'date', value: { days: -1 } },
      { name: 'event', label: 'Feedback event', type: 'select', options: ['', 'thumbsUp', 'thumbsDown'], value: '', optional: true },
    ],
    create: {
      method: 'POST',
      path: '/kore/api/public/bot/{app_id}/search/analytics-export',
      headers: { auth: '{token}', ...json },
      body: { filters: { from: '{from}', to: '{to}' }, event: '{event}' },
    },
    jobId: '_id',
    poll: { method: 'GET', path: '/kore/api/public/bot/{app_id}/search/jobs/{job_id}', headers: { auth: '{token}' } },
    state: 'status',
    links: ['fileInfo.fileUrl', 'analyticsFragments.*.fileUrl'],
  },
  {
    id: 'seasalt',
    title: 'Seasalt SeaX',
    summary: 'Export one channel (202 with export_job_id), poll until finished, download the ZIP of CSVs from presigned_url.',
    targets: (tenants) =>
      list(tenants).flatMap((ws) =>
        list(ws.channels).map((channel) => ({
          label: `${str(channel, 'name') || str(channel, 'channel_id')}${str(channel, 'phone_number') ? ` (${str(channel, 'phone_number')})` : ''}`,
          tenant: str(ws, 'workspace_id'),
          values: { workspace_id: str(ws, 'workspace_id'), api_key: str(ws, 'api_keys', 'api_key'), channel_id: str(channel, 'channel_id') },
        })),
      ),
    fields: [
      { name: 'workspace_id', label: 'Workspace id', target: true },
      { name: 'api_key', label: 'X-API-Key', target: true },
      { name: 'channel_id', label: 'Channel id', target: true },
      { name: 'start_date', label: 'Start date', type: 'date', value: { days: -7 } },
      { name: 'end_date', label: 'End date', type: 'date', value: { days: -1 }, hint: 'not in the future' },
      { name: 'notification_email', label: 'Notification email', type: 'email', value: 'analyst@example.com', optional: true, hint: 'the link lands in the outbox' },
    ],
    create: {
      method: 'POST',
      path: '/seasalt/seax-api/api/v1/workspace/{workspace_id}/export-conversations',
      headers: { 'X-API-Key': '{api_key}', accept: 'application/json', ...json },
      body: { channel_id: '{channel_id}', start_date: '{start_date}', end_date: '{end_date}', notification_email: '{notification_email}' },
    },
    jobId: 'export_job_id',
    poll: { method: 'GET', path: '/seasalt/seax-api/api/v1/workspace/{workspace_id}/export-conversations/{job_id}', headers: { 'X-API-Key': '{api_key}', accept: 'application/json' } },
    state: 'status',
    links: ['presigned_url'],
  },
];

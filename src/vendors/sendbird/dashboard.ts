/** The dashboard's start form and flow for this vendor (request shapes: the vendor README). */
import { type DashboardFlow, JSON_CONTENT, list, str, type VendorDashboard } from '../../core/dashboard-flow.js';
import { sendbirdCharts } from './charts.js';

const flow: DashboardFlow = {
  summary: 'Request an export, poll it until done, download the ZIP from export_file.url.',
  targets: (tenants) =>
    list(tenants).flatMap((app) =>
      list(app.ai_agents).map((agent) => ({
        label: `${str(app, 'app_id')} · ${str(agent, 'ai_agent_id')}${str(agent, 'name') ? ` (${str(agent, 'name')})` : ''}`,
        tenant: str(app, 'app_id'),
        values: {
          app_id: str(app, 'app_id'),
          api_token: str(app, 'api_tokens', 'api_token'),
          ai_agent_id: str(agent, 'ai_agent_id'),
        },
      })),
    ),
  fields: [
    { name: 'app_id', label: 'Application id', target: true },
    { name: 'api_token', label: 'Api-Token', target: true },
    { name: 'ai_agent_id', label: 'AI agent id', target: true },
    {
      name: 'type',
      label: 'Export type',
      type: 'select',
      options: ['conversation', 'daily_analysis'],
      value: 'conversation',
    },
    { name: 'from', label: 'From', type: 'date', value: { days: -7 }, hint: 'at most seven days ago' },
    { name: 'to', label: 'To', type: 'date', value: { days: -1 } },
    { name: 'timezone', label: 'Time zone', value: 'UTC' },
  ],
  create: {
    method: 'POST',
    path: '/sendbird/{app_id}/v3/ai_agent/data_exports',
    headers: { 'Api-Token': '{api_token}', ...JSON_CONTENT },
    body: {
      type: '{type}',
      ai_agent_id: '{ai_agent_id}',
      from: '{from}',
      to: '{to}',
      timezone: '{timezone}',
      export_format: 'json',
    },
  },
  jobId: 'export_id',
  poll: {
    method: 'GET',
    path: '/sendbird/{app_id}/v3/ai_agent/data_exports/{job_id}',
    headers: { 'Api-Token': '{api_token}' },
  },
  state: 'export_status',
  doneState: 'done',
  links: ['export_file.url'],
};

export const dashboard: VendorDashboard = { flow, charts: sendbirdCharts };

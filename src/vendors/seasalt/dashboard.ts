/** The dashboard's start form and flow for this vendor (request shapes: the vendor README). */
import { type DashboardFlow, JSON_CONTENT, list, str, type VendorDashboard } from '../../core/dashboard-flow.js';
import { seasaltCharts } from './charts.js';

const flow: DashboardFlow = {
  summary:
    'Export one channel (202 with export_job_id), poll until finished, download the ZIP of CSVs from presigned_url.',
  targets: (tenants) =>
    list(tenants).flatMap((ws) =>
      list(ws.channels).map((channel) => ({
        label: `${str(channel, 'name') || str(channel, 'channel_id')}${str(channel, 'phone_number') ? ` (${str(channel, 'phone_number')})` : ''}`,
        tenant: str(ws, 'workspace_id'),
        values: {
          workspace_id: str(ws, 'workspace_id'),
          api_key: str(ws, 'api_keys', 'api_key'),
          channel_id: str(channel, 'channel_id'),
        },
      })),
    ),
  fields: [
    { name: 'workspace_id', label: 'Workspace id', target: true },
    { name: 'api_key', label: 'X-API-Key', target: true },
    { name: 'channel_id', label: 'Channel id', target: true },
    { name: 'start_date', label: 'Start date', type: 'date', value: { days: -7 } },
    { name: 'end_date', label: 'End date', type: 'date', value: { days: -1 }, hint: 'not in the future' },
    {
      name: 'notification_email',
      label: 'Notification email',
      type: 'email',
      value: 'analyst@example.com',
      optional: true,
      hint: 'the link lands in the outbox',
    },
  ],
  create: {
    method: 'POST',
    path: '/seasalt/seax-api/api/v1/workspace/{workspace_id}/export-conversations',
    headers: { 'X-API-Key': '{api_key}', accept: 'application/json', ...JSON_CONTENT },
    body: {
      channel_id: '{channel_id}',
      start_date: '{start_date}',
      end_date: '{end_date}',
      notification_email: '{notification_email}',
    },
  },
  jobId: 'export_job_id',
  poll: {
    method: 'GET',
    path: '/seasalt/seax-api/api/v1/workspace/{workspace_id}/export-conversations/{job_id}',
    headers: { 'X-API-Key': '{api_key}', accept: 'application/json' },
  },
  state: 'status',
  doneState: 'finished',
  links: ['presigned_url'],
};

/** Notification emails (GET /__admin/outbox, registered with the routes) get a panel of their own. */
export const dashboard: VendorDashboard = {
  flow,
  charts: seasaltCharts,
  panels: [{ id: 'outbox', title: 'Seasalt notification outbox', source: '/__admin/outbox' }],
};

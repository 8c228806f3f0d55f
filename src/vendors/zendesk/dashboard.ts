/** The dashboard's start form and flow for this vendor (request shapes: the vendor README). */
import { type DashboardFlow, JSON_CONTENT, list, str, type VendorDashboard } from '../../core/dashboard-flow.js';
import { zendeskCharts } from './charts.js';

const flow: DashboardFlow = {
  summary: "No job: ask for a finalized day's signed URLs and download each file (newline-delimited JSON).",
  targets: (tenants) =>
    list(tenants).flatMap((org) =>
      list(org.bots).map((bot) => ({
        label: `${str(org, 'region').toUpperCase()} · ${str(bot, 'bot_name') || str(bot, 'bot_id')}`,
        tenant: str(org, 'organization_id'),
        values: {
          region: str(org, 'region'),
          organization_id: str(org, 'organization_id'),
          api_key: str(org, 'api_key'),
          bot_id: str(bot, 'bot_id'),
        },
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
    headers: { authorization: '{api_key}', organizationid: '{organization_id}', botid: '{bot_id}', ...JSON_CONTENT },
    body: { date: '{date}', ttl: '{ttl}' },
  },
  links: ['urls.*'],
};

export const dashboard: VendorDashboard = { flow, charts: zendeskCharts };

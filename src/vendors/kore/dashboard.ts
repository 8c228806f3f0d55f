/** The dashboard's start form and flow for this vendor (request shapes: the vendor README). */
import { type DashboardFlow, JSON_CONTENT, list, str, type VendorDashboard } from '../../core/dashboard-flow.js';
import { koreCharts } from './charts.js';

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

const flow: DashboardFlow = {
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
    {
      name: 'event',
      label: 'Feedback event',
      type: 'select',
      options: ['', 'thumbsUp', 'thumbsDown'],
      value: '',
      optional: true,
    },
  ],
  create: {
    method: 'POST',
    path: '/kore/api/public/bot/{app_id}/search/analytics-export',
    headers: { auth: '{token}', ...JSON_CONTENT },
    body: { filters: { from: '{from}', to: '{to}' }, event: '{event}' },
  },
  jobId: '_id',
  poll: { method: 'GET', path: '/kore/api/public/bot/{app_id}/search/jobs/{job_id}', headers: { auth: '{token}' } },
  state: 'status',
  doneState: 'SUCCESS',
  links: ['fileInfo.fileUrl', 'analyticsFragments.*.fileUrl'],
};

export const dashboard: VendorDashboard = { flow, charts: koreCharts };

/**
 * Sendbird AI agent data exports. Reached under /sendbird/{app_id}/v3, or at /v3 when the Host header is the vendor's
 * own api-{app_id}.sendbird.com.
 */

import { registerOpenApi } from '../../core/http/openapi.js';
import { finishesAt } from '../../core/jobs/create.js';
import type { VendorModule } from '../../core/vendor.js';
import { dashboard } from './dashboard.js';
import { CODES, handleSendbirdError, sendbirdError } from './errors.js';
import { ACCESS_KEY_ID, exportWork } from './export-file.js';
import { exportView, type SendbirdJob } from './lifecycle.js';
import { JOB_ERROR, registerRoutes } from './routes.js';
import { samples } from './samples.js';
import { SendbirdSeeds } from './schemas.js';

const HOST = /^api-([a-z0-9-]+)\.sendbird\.com$/i;

export const sendbird: VendorModule<SendbirdSeeds> = {
  id: 'sendbird',
  title: 'Sendbird AI agent',
  prefix: '/sendbird',
  seedSchema: SendbirdSeeds,
  dashboard,
  samples,
  fixtureOptions: {
    'app-id': { value: 'ID', description: 'Application (default: the first seeded app)' },
    'ai-agent-id': { value: 'ID', description: "AI agent (default: the app's first)" },
    type: { value: 'conversation|daily_analysis', description: 'Export type (default: conversation)' },
    from: { value: 'YYYY-MM-DD', description: 'First day (default: the day of --at)' },
    to: { value: 'YYYY-MM-DD', description: 'Last day (default: --from)' },
    timezone: { value: 'TZ', description: 'Time zone of the days (default: UTC)' },
  },
  rewriteByHost(host, url) {
    const m = HOST.exec(host);
    return m && (url === '/v3' || url.startsWith('/v3/') || url.startsWith('/v3?'))
      ? `/sendbird/${m[1]}${url}`
      : undefined;
  },
  async register(scope, ctx, seeds) {
    await registerOpenApi(scope, {
      id: 'sendbird',
      title: 'Sendbird AI agent data export (mock)',
      description:
        'The Sendbird AI agent data-export API as emulated by agent-export-mock: request an export, list exports, poll one until `done`, download the ZIP from `export_file.url`.',
      servers: [
        {
          url: '/sendbird/{app_id}',
          description: 'this mock server',
          variables: { app_id: { default: seeds.apps[0]?.app_id ?? 'app_id' } },
        },
        {
          url: 'https://api-{app_id}.sendbird.com',
          description: 'Sendbird',
          variables: { app_id: { default: seeds.apps[0]?.app_id ?? 'app_id' } },
        },
      ],
      stripPrefix: /^\/sendbird\/(:app_id|\{app_id\})/,
      // Examples, demo credentials and the vendor's 429/500 on every operation (core/http/openapi-enrich.ts).
      faults: sendbird.faults,
      samples,
      securitySchemes: {
        ApiToken: {
          type: 'apiKey',
          in: 'header',
          name: 'Api-Token',
          description: 'Master or secondary API token of the application',
        },
      },
    });
    scope.setErrorHandler(handleSendbirdError);
    // Known from the start, so links handed out before a restart verify after it (their X-Amz-Expires caps them).
    ctx.signer.key(ACCESS_KEY_ID);
    await registerRoutes(scope, ctx, seeds);
  },
  faults: {
    badRequest: (message) => sendbirdError(CODES.INVALID_VALUE, message),
    serverError: () => sendbirdError(CODES.INTERNAL, 'Internal server error.'),
    // Platform API "Error codes" and "Rate limits": 500910 with HTTP 429, X-RateLimit-* headers and the retry advice in X-RateLimit-RetryAfter; the message
    // follows the wording observed from the live API.
    rateLimited: (retryAfter, rule) => {
      const limit = rule?.limit ?? 10;
      const window = rule?.windowSeconds ?? 1;
      return sendbirdError(
        CODES.RATE_LIMITED,
        `Too many requests (scope: app, limit: ${limit};w=${window}, remaining: 0, retry_after: ${retryAfter.toFixed(4)}s, reset: ${retryAfter.toFixed(2)}s`,
        {
          'x-ratelimit-limit': String(limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': retryAfter.toFixed(3),
          'x-ratelimit-retryafter': retryAfter.toFixed(3),
        },
      );
    },
    jobError: JOB_ERROR,
  },
  // The free-trial plan's limits, the lowest documented (Platform API "Rate limits"): GET 10/s and POST 5/s per endpoint per application.
  // The list and details keep showing an export, with its expired link, after the file is gone (README, "Choices").
  recordRetentionSeconds: 30 * 86_400,
  rateLimits: [
    {
      name: 'GET per endpoint per app per second (free trial)',
      method: 'GET',
      limit: 10,
      windowSeconds: 1,
      perEndpoint: true,
    },
    {
      name: 'POST per endpoint per app per second (free trial)',
      method: 'POST',
      limit: 5,
      windowSeconds: 1,
      perEndpoint: true,
    },
  ],
  describeJob(job, now, ctx) {
    const view = exportView(ctx, job as SendbirdJob, now);
    return { state: view.export_status, link_expires_at: view.export_file?.expires_at ?? null };
  },
  async fixture(fx) {
    const seeds = fx.runtime.seeds.get('sendbird') as SendbirdSeeds;
    const appId = fx.options['app-id'] ?? seeds.apps[0]!.app_id;
    const app = seeds.apps.find((a) => a.app_id === appId);
    if (!app) throw new Error(`generate: no Sendbird app "${appId}" in the seeds`);
    const today = new Date(fx.runtime.ctx.clock.now()).toISOString().slice(0, 10);
    const body = {
      type: fx.options.type ?? 'conversation',
      ai_agent_id: fx.options['ai-agent-id'] ?? app.ai_agents[0]?.ai_agent_id,
      from: fx.options.from ?? today,
      to: fx.options.to ?? fx.options.from ?? today,
      timezone: fx.options.timezone ?? 'UTC',
      export_format: 'json',
    };
    const base = `/sendbird/${app.app_id}/v3/ai_agent/data_exports`;
    const headers = { 'api-token': app.api_tokens[0]! };
    const created = await fx.app.inject({ method: 'POST', url: base, headers, payload: body });
    if (created.statusCode !== 200) throw new Error(`generate: Sendbird refused the request: ${created.body}`);
    const id = created.json().export_id as string;
    const ctx = fx.runtime.ctx;
    await fx.advance(ctx.config.JOB_QUEUED_SECONDS + ctx.config.JOB_RUNNING_SECONDS + 1);
    const done = (await fx.app.inject({ url: `${base}/${id}`, headers })).json();
    if (done.export_status !== 'done')
      throw new Error(`generate: the export ended ${done.export_status} (nothing to write)`);
    const name = decodeURIComponent(new URL(done.export_file.url).pathname.split('/').pop()!);
    return [{ name, bytes: await fx.download(done.export_file.url) }];
  },
  resumeJob(job, ctx) {
    const j = job as SendbirdJob;
    return exportWork(ctx, j.params, finishesAt(j));
  },
  notFound(request, reply) {
    const e = sendbirdError(
      CODES.NOT_FOUND,
      `Resource not found: ${request.method} ${request.url.split('?')[0]} is not a Sendbird AI agent data-export route.`,
    );
    return reply.code(e.statusCode).send(e.body);
  },
  baseUrls(publicUrl, seeds) {
    return Object.fromEntries(seeds.apps.map((a) => [a.app_id, `${publicUrl}/sendbird/${a.app_id}/v3`]));
  },
  tenants(seeds, publicUrl) {
    return seeds.apps.map((a) => ({
      app_id: a.app_id,
      base_url: `${publicUrl}/sendbird/${a.app_id}/v3`,
      api_tokens: a.api_tokens,
      ai_agents: a.ai_agents.map((g) => ({ ai_agent_id: g.ai_agent_id, name: g.name, volume: g.volume })),
    }));
  },
};

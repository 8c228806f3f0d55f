/**
 * Kore.ai Search AI answer-insights export and Jobs API. Reached under /kore (a client's `host_url` is
 * http://localhost:4010/kore), or at /api/… when the Host header is a Kore host (*.kore.ai, *.korebots.com).
 */
import { registerOpenApi } from '../../core/http/openapi.js';
import type { VendorModule } from '../../core/vendor.js';
import { demoToken } from './auth.js';
import { dashboard } from './dashboard.js';
import { CODES, handleKoreError, koreError } from './errors.js';
import { exportWork } from './export-file.js';
import { describeKoreJob, JOB_ERROR, type KoreJob } from './lifecycle.js';
import { ALLOWED_METHODS, registerRoutes } from './routes.js';
import { samples } from './samples.js';
import { ANSWER_INSIGHTS_SCOPE, KoreSeeds } from './schemas.js';

const HOST = /(^|\.)(kore\.ai|korebots\.com)$/i;
const KORE_PATHS = /^\/api\/(public\/bot\/|getMediaStream\/)/;

/** Kore.ai's API usage page: "Rate limit for this API has been reached. Please try again later"; status and envelope are our choice. */
const RATE_LIMIT_MESSAGE = 'Rate limit for this API has been reached. Please try again later';

export const kore: VendorModule<KoreSeeds> = {
  id: 'kore',
  title: 'Kore.ai Search AI',
  prefix: '/kore',
  seedSchema: KoreSeeds,
  dashboard,
  samples,
  fixtureOptions: {
    'app-id': { value: 'ID', description: 'Bot (default: the first seeded bot)' },
    from: { value: 'YYYY-MM-DD|ISO', description: 'Start (default: the day of --at)' },
    to: { value: 'YYYY-MM-DD|ISO', description: 'End, exclusive (default: the day after --from)' },
    event: { value: 'thumbsUp|thumbsDown', description: 'Only searches with this feedback (default: all)' },
  },
  rewriteByHost(host, url) {
    return HOST.test(host) && KORE_PATHS.test(url) ? `/kore${url}` : undefined;
  },
  async register(scope, ctx, seeds) {
    await registerOpenApi(scope, {
      id: 'kore',
      title: 'Kore.ai Search AI answer-insights export (mock)',
      description:
        'The Kore.ai Search AI "Export Analytics Data" API and Jobs API as emulated by agent-export-mock: start a DATA_EXPORT job, poll it until SUCCESS, download each `analyticsFragments[].fileUrl` (JSON, at most 150 records per file).',
      servers: [
        { url: '/kore', description: 'this mock server' },
        {
          url: 'https://{host}',
          description: 'Kore.ai',
          variables: { host: { default: 'platform.kore.ai', description: 'Your Kore.ai environment' } },
        },
      ],
      stripPrefix: /^\/kore/,
      // Examples, demo credentials and the vendor's 429/500 on every operation (core/http/openapi-enrich.ts).
      faults: kore.faults,
      samples,
      securitySchemes: {
        auth: {
          type: 'apiKey',
          in: 'header',
          name: 'auth',
          description: `JWT signed HS256 with the client secret of an app that has the "${ANSWER_INSIGHTS_SCOPE}" scope on the bot; claims {"sub", "appId": "<client id>"}, optional "exp"`,
        },
      },
    });
    scope.setErrorHandler(handleKoreError);
    await registerRoutes(scope, ctx, seeds);
  },
  faults: {
    badRequest: (message) => koreError(400, message, CODES.BAD_REQUEST),
    serverError: () => koreError(500, 'Internal server error', CODES.INTERNAL),
    rateLimited: (retryAfter) =>
      koreError(429, RATE_LIMIT_MESSAGE, CODES.RATE_LIMITED, {
        'retry-after': String(Math.max(1, Math.ceil(retryAfter))),
      }),
    jobError: JOB_ERROR,
  },
  // Kore.ai's API usage page: 600 requests per minute and 18000 per hour per bot (the runtime limits; README, "Choices").
  rateLimits: [
    { name: 'requests per bot per minute', limit: 600, windowSeconds: 60 },
    { name: 'requests per bot per hour', limit: 18_000, windowSeconds: 3600 },
  ],
  describeJob(job, now, ctx) {
    return describeKoreJob(ctx, job as KoreJob, now);
  },
  notFound(request, reply) {
    const path = request.url.split('?')[0] ?? '';
    const route = ALLOWED_METHODS.find((r) => r.path.test(path));
    if (route) {
      const e = koreError(
        405,
        `Method ${request.method} is not allowed on ${path}. Use ${route.allow.join(' or ')}.`,
        CODES.METHOD_NOT_ALLOWED,
      );
      return reply.code(405).header('allow', route.allow.join(', ')).send(e.body);
    }
    const e = koreError(
      404,
      `Resource not found: ${request.method} ${path} is not a Kore.ai Search AI export route.`,
      CODES.NOT_FOUND,
    );
    return reply.code(404).send(e.body);
  },
  baseUrls(publicUrl, seeds) {
    return Object.fromEntries(seeds.bots.map((b) => [b.app_id, `${publicUrl}/kore`]));
  },
  resumeJob(job, ctx) {
    const j = job as KoreJob;
    return exportWork(ctx, j.params);
  },
  async fixture(fx) {
    const seeds = fx.runtime.seeds.get('kore') as KoreSeeds;
    const botId = fx.options['app-id'] ?? seeds.bots[0]!.app_id;
    const bot = seeds.bots.find((b) => b.app_id === botId);
    const app = bot?.apps.find((a) => a.scopes.includes(ANSWER_INSIGHTS_SCOPE));
    if (!bot || !app) throw new Error(`generate: no Kore bot "${botId}" with an Answer Insights app in the seeds`);
    // A date is midnight UTC at its start (routes.ts), so one day is from that date to the next.
    const from = fx.options.from ?? new Date(fx.runtime.ctx.clock.now()).toISOString().slice(0, 10);
    const dayAfter = (date: string) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const to = fx.options.to ?? (/^\d{4}-\d{2}-\d{2}$/.test(from) ? dayAfter(from) : from);
    const body = { filters: { from, to }, ...(fx.options.event ? { event: fx.options.event } : {}) };
    const headers = { auth: demoToken(app) };
    const created = await fx.app.inject({
      method: 'POST',
      url: `/kore/api/public/bot/${bot.app_id}/search/analytics-export`,
      headers,
      payload: body,
    });
    if (created.statusCode !== 200) throw new Error(`generate: Kore refused the request: ${created.body}`);
    const ctx = fx.runtime.ctx;
    await fx.advance(ctx.config.JOB_QUEUED_SECONDS + ctx.config.JOB_RUNNING_SECONDS + 1);
    const job = (
      await fx.app.inject({ url: `/kore/api/public/bot/${bot.app_id}/search/jobs/${created.json()._id}`, headers })
    ).json();
    if (job.status !== 'SUCCESS') throw new Error(`generate: the export ended ${job.status}`);
    const files = [];
    for (const f of job.analyticsFragments as Array<{ fileName: string; fileUrl: string }>)
      files.push({ name: `${f.fileName}.json`, bytes: await fx.download(f.fileUrl) });
    return files;
  },
  tenants(seeds, publicUrl) {
    return seeds.bots.map((b) => ({
      app_id: b.app_id,
      name: b.name,
      volume: b.volume,
      host_url: `${publicUrl}/kore`,
      export_url: `${publicUrl}/kore/api/public/bot/${b.app_id}/search/analytics-export`,
      apps: b.apps.map((a) => ({
        client_id: a.client_id,
        client_secret: a.client_secret,
        scopes: a.scopes,
        answer_insights: a.scopes.includes(ANSWER_INSIGHTS_SCOPE),
        // Deterministic (no iat, no exp): the same on every start. Send it as the `auth` header.
        demo_token: demoToken(a),
      })),
    }));
  },
};

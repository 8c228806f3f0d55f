/**
 * Seasalt SeaX export-conversations. Reached under /seasalt (a client swaps https://seax.seasalt.ai for
 * http://localhost:4010/seasalt), or at /seax-api/… when the Host header is seax.seasalt.ai.
 */

import { registerOpenApi } from '../../core/http/openapi.js';
import { finishesAt } from '../../core/jobs/create.js';
import type { VendorModule } from '../../core/vendor.js';
import { dashboard } from './dashboard.js';
import { handleSeasaltError, httpError, internalError } from './errors.js';
import { ACCESS_KEY_ID, exportWork } from './export-file.js';
import { JOB_ERROR, jobState, LINK_LIFETIME_MS, type SeasaltJob } from './lifecycle.js';
import { Outbox } from './outbox.js';
import { notFound, PREFIX, registerOutbox, registerRoutes } from './routes.js';
import { samples } from './samples.js';
import { SeasaltSeeds } from './schemas.js';
import { SeasaltSettings } from './settings.js';

const HOST = 'seax.seasalt.ai';
export const seasalt: VendorModule<SeasaltSeeds> = {
  id: 'seasalt',
  title: 'Seasalt SeaX',
  prefix: PREFIX,
  seedSchema: SeasaltSeeds,
  dashboard,
  samples,
  settings: SeasaltSettings,
  fixtureOptions: {
    'workspace-id': { value: 'ID', description: 'Workspace (default: the first seeded one)' },
    'channel-id': { value: 'ID', description: "Channel (default: the workspace's first)" },
    from: { value: 'YYYY-MM-DD', description: 'First day (default: the day of --at)' },
    to: { value: 'YYYY-MM-DD', description: 'Last day (default: --from)' },
  },
  rewriteByHost(host, url) {
    return host === HOST && (url === '/seax-api' || url.startsWith('/seax-api/')) ? `${PREFIX}${url}` : undefined;
  },
  async register(scope, ctx, seeds) {
    await registerOpenApi(scope, {
      id: 'seasalt',
      title: 'Seasalt SeaX export conversations (mock)',
      description:
        'The SeaX export-conversations API as emulated by agent-export-mock: trigger an export of one channel over a date range (202), poll the job until `finished`, download the ZIP (one CSV per conversation) from `presigned_url`.',
      servers: [
        { url: PREFIX, description: 'this mock server' },
        { url: 'https://seax.seasalt.ai', description: 'Seasalt SeaX' },
      ],
      stripPrefix: /^\/seasalt/,
      // Examples, demo credentials and the vendor's 429/500 on every operation (core/http/openapi-enrich.ts).
      faults: seasalt.faults,
      samples,
      securitySchemes: {
        APIKeyHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'API key issued by the workspace (Workspace → API Key)',
        },
      },
    });
    scope.setErrorHandler(handleSeasaltError);
    // Known from the start, so links handed out before a restart verify after it; no link lives past 24 hours.
    ctx.signer.key(ACCESS_KEY_ID, { maxLifetimeMs: LINK_LIFETIME_MS });
    // One outbox per namespace (src/core/namespaces): a suite sees only the emails of its own exports.
    const outbox = ctx.scoped(() => new Outbox(ctx, scope.log));
    ctx.persist('seasalt-outbox', outbox);
    ctx.onReset(() => outbox.clear());
    await registerRoutes(scope, ctx, seeds, outbox);
    return { controlRoutes: (admin) => registerOutbox(admin, ctx, outbox) };
  },
  faults: {
    badRequest: (message) => httpError(400, message),
    serverError: internalError,
    // Undocumented; FastAPI's HTTPException form, with Retry-After in seconds.
    rateLimited: (retryAfter) =>
      httpError(429, 'Too Many Requests', { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) }),
    jobError: JOB_ERROR,
  },
  describeJob(job, now, ctx) {
    const state = jobState(ctx, job as SeasaltJob, now);
    return { state: state.body.status, link_expires_at: state.linkExpiresAt ?? null };
  },
  resumeJob(job, ctx) {
    const j = job as SeasaltJob;
    return exportWork(ctx, j.params, finishesAt(j));
  },
  // `agent-export-mock generate seasalt --out <file> [--workspace-id …] [--channel-id …] [--from YYYY-MM-DD] [--to …]`
  async fixture(fx) {
    const seeds = fx.runtime.seeds.get('seasalt') as SeasaltSeeds;
    const ws = seeds.workspaces.find(
      (w) => w.workspace_id === (fx.options['workspace-id'] ?? seeds.workspaces[0]!.workspace_id),
    );
    if (!ws) throw new Error(`generate: no Seasalt workspace "${fx.options['workspace-id']}" in the seeds`);
    const today = new Date(fx.runtime.ctx.clock.now()).toISOString().slice(0, 10);
    const body = {
      channel_id: fx.options['channel-id'] ?? ws.channels[0]!.channel_id,
      start_date: fx.options.from ?? today,
      end_date: fx.options.to ?? fx.options.from ?? today,
    };
    const base = `${PREFIX}/seax-api/api/v1/workspace/${ws.workspace_id}/export-conversations`;
    const headers = { 'x-api-key': ws.api_keys[0]! };
    const created = await fx.app.inject({ method: 'POST', url: base, headers, payload: body });
    if (created.statusCode !== 202) throw new Error(`generate: Seasalt refused the request: ${created.body}`);
    const ctx = fx.runtime.ctx;
    await fx.advance(ctx.config.JOB_QUEUED_SECONDS + ctx.config.JOB_RUNNING_SECONDS + 1);
    const job = (await fx.app.inject({ url: `${base}/${created.json().export_job_id}`, headers })).json();
    if (job.status !== 'finished') throw new Error(`generate: the export ended ${job.status}`);
    const name = decodeURIComponent(new URL(job.presigned_url).pathname.split('/').pop()!);
    return [{ name, bytes: await fx.download(job.presigned_url) }];
  },
  notFound,
  baseUrls(publicUrl, seeds) {
    return Object.fromEntries(seeds.workspaces.map((w) => [w.workspace_id, `${publicUrl}${PREFIX}`]));
  },
  tenants(seeds, publicUrl) {
    return seeds.workspaces.map((w) => ({
      workspace_id: w.workspace_id,
      base_url: `${publicUrl}${PREFIX}`,
      api_keys: w.api_keys,
      channels: w.channels.map((c) => ({
        channel_id: c.channel_id,
        name: c.name,
        channel_type: c.channel_type,
        phone_number: c.phone_number ?? null,
        volume: c.volume,
      })),
    }));
  },
};

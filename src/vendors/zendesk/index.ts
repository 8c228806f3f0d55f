/**
 * Zendesk AI agents – Advanced (formerly Ultimate) data export. Reached under /zendesk/eu and /zendesk/us, or with no
 * prefix when the Host header is the vendor's own api.ultimate.ai (EU) or api.us.ultimate.ai (US).
 */
import { registerOpenApi } from '../../core/http/openapi.js';
import type { VendorModule } from '../../core/vendor.js';
import { addDays, isCalendarDate, utcDateOf } from '../../core/world/dates.js';
import { REGION_HOSTS } from './auth.js';
import { dashboard } from './dashboard.js';
import { handleZendeskError, zendeskError } from './errors.js';
import { DayFiles, SERVICE_ACCOUNT } from './export-file.js';
import { finalizedAt } from './lifecycle.js';
import { PATH, registerRoutes, routeNotFound } from './routes.js';
import { samples } from './samples.js';
import { REGIONS, type Region, ZendeskSeeds } from './schemas.js';
import { ZendeskSettings, zendeskSettings } from './settings.js';

const REGION_OF_HOST = new Map<string, Region>(REGIONS.map((r) => [REGION_HOSTS[r], r]));

export const zendesk: VendorModule<ZendeskSeeds> = {
  id: 'zendesk',
  title: 'Zendesk AI agents – Advanced',
  prefix: '/zendesk',
  seedSchema: ZendeskSeeds,
  dashboard,
  samples,
  settings: ZendeskSettings,
  fixtureOptions: {
    'organization-id': { value: 'ID', description: 'Organization (default: the first seeded one)' },
    'bot-id': { value: 'ID', description: "Bot (default: the organization's first)" },
    date: { value: 'YYYY-MM-DD', description: 'Day (default: the last day finalized at --at)' },
  },
  rewriteByHost(host, url) {
    // The whole host is the vendor's: every path goes to the region, so unknown paths get the vendor's own 404.
    const path = url.startsWith('/') ? url : `/${url}`;
    const region = REGION_OF_HOST.get(host.toLowerCase());
    if (region) return `/zendesk/${region}${path}`;
    // The newer form, {subdomain}.zendesk.com/ai-agents/api/…: the region comes from the organization (routes.ts).
    return host.toLowerCase().endsWith('.zendesk.com') ? `/zendesk${path}` : undefined;
  },
  async register(scope, ctx, seeds) {
    await registerOpenApi(scope, {
      id: 'zendesk',
      title: 'Zendesk AI agents – Advanced data export (mock)',
      description:
        'The Zendesk AI agents – Advanced (formerly Ultimate) data-export API as emulated by agent-export-mock: ask for the signed URLs of a finalized day, then GET each file (newline-delimited JSON, one conversation a line) before the links expire.',
      servers: [
        {
          url: '/zendesk/{region}',
          description: 'this mock server',
          variables: { region: { default: 'eu', description: 'eu or us: the region of your organization' } },
        },
        { url: `https://${REGION_HOSTS.eu}`, description: 'Zendesk AI agents, EU' },
        { url: `https://${REGION_HOSTS.us}`, description: 'Zendesk AI agents, US' },
      ],
      stripPrefix: /^\/zendesk\/(:region|\{region\})/,
      // Examples, demo credentials and the vendor's 429/500 on every operation (core/http/openapi-enrich.ts).
      faults: zendesk.faults,
      samples,
      securitySchemes: {
        ApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'authorization',
          description: 'The organization\'s API key, bare (not "Bearer <key>")',
        },
      },
    });
    scope.setErrorHandler(handleZendeskError);
    // Registering the key now lets links minted before a restart verify after it (LINK_SECRET is kept in DATA_DIR).
    ctx.signer.key(SERVICE_ACCOUNT);
    const files = new DayFiles(ctx);
    scope.addHook('onClose', async () => {
      await files.pending();
    });
    await registerRoutes(scope, ctx, seeds, files);
  },
  faults: {
    badRequest: (message) => zendeskError(400, message),
    serverError: () => zendeskError(500, 'Internal Server Error'),
    rateLimited: (retryAfter) =>
      zendeskError(429, 'Too Many Requests', { 'retry-after': String(Math.ceil(retryAfter)) }),
    jobError: 'Internal Server Error',
  },
  // `agent-export-mock generate zendesk --out <path> [--organization-id …] [--bot-id …] [--date YYYY-MM-DD]`: the
  // files of one day (default: the last finalized day at --at), byte for byte what the links download.
  async fixture(fx) {
    const seeds = fx.runtime.seeds.get('zendesk') as ZendeskSeeds;
    const orgId = fx.options['organization-id'] ?? seeds.organizations[0]?.organization_id;
    const org = seeds.organizations.find((o) => o.organization_id === orgId);
    if (!org) throw new Error(`generate: no Zendesk organization "${orgId ?? ''}" in the seeds`);
    const botId = fx.options['bot-id'] ?? org.bots[0]?.bot_id ?? '';
    const ctx = fx.runtime.ctx;
    const delay = zendeskSettings(ctx.config).ZENDESK_FINALIZE_DELAY_MINUTES;
    const now = ctx.clock.now();
    const date = fx.options.date ?? addDays(utcDateOf(now - delay * 60_000), -1);
    // The server answers 404 for a day not finalized yet at --at: writing its file anyway would make a fixture no client
    // could have downloaded at that instant.
    if (isCalendarDate(date) && now < finalizedAt(date, delay)) {
      const ready = new Date(finalizedAt(date, delay)).toISOString();
      throw new Error(
        `generate: ${date} is not finalized at ${new Date(now).toISOString()} (Zendesk answers 404 until ${ready}); use --at ${ready} or later`,
      );
    }
    const res = await fx.app.inject({
      method: 'POST',
      url: `/zendesk/${org.region}${PATH}`,
      headers: { authorization: org.api_key, organizationid: org.organization_id, botid: botId },
      payload: { date },
    });
    if (res.statusCode !== 200) throw new Error(`generate: Zendesk answered ${res.statusCode}: ${res.json().message}`);
    const urls = res.json().urls as string[];
    return Promise.all(
      urls.map(async (url) => ({
        name: decodeURIComponent(new URL(url).pathname.split('/').pop()!),
        bytes: await fx.download(url),
      })),
    );
  },
  notFound(request, reply) {
    const e = routeNotFound(request);
    return reply.code(e.statusCode).type(e.contentType).send(e.body);
  },
  baseUrls(publicUrl) {
    return Object.fromEntries(REGIONS.map((r) => [r, `${publicUrl}/zendesk/${r}`]));
  },
  tenants(seeds, publicUrl) {
    return seeds.organizations.map((o) => ({
      organization_id: o.organization_id,
      region: o.region,
      base_url: `${publicUrl}/zendesk/${o.region}`,
      vendor_url: `https://${REGION_HOSTS[o.region]}`,
      api_key: o.api_key,
      bots: o.bots.map((b) => ({ bot_id: b.bot_id, bot_name: b.bot_name, volume: b.volume })),
    }));
  },
};

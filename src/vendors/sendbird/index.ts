/**
 * Sendbird AI agent data exports. Reached under /sendbird/{app_id}/v3, or at /v3 when the Host header is the vendor's
 * own api-{app_id}.sendbird.com.
 */
import type { VendorModule } from '../../core/vendor.js';
import { registerOpenApi } from '../../core/openapi.js';
import { CODES, handleSendbirdError, sendbirdError } from './errors.js';
import { registerRoutes } from './routes.js';
import { SendbirdSeeds } from './schemas.js';

const HOST = /^api-([a-z0-9-]+)\.sendbird\.com$/i;

export const sendbird: VendorModule<SendbirdSeeds> = {
  id: 'sendbird',
  title: 'Sendbird AI agent',
  prefix: '/sendbird',
  seedSchema: SendbirdSeeds,
  rewriteByHost(host, url) {
    const m = HOST.exec(host);
    return m && (url === '/v3' || url.startsWith('/v3/') || url.startsWith('/v3?')) ? `/sendbird/${m[1]}${url}` : undefined;
  },
  async register(scope, ctx, seeds) {
    await registerOpenApi(scope, {
      id: 'sendbird',
      title: 'Sendbird AI agent data export (mock)',
      description:
        'The Sendbird AI agent data-export API as emulated by agent-export-mock: request an export, list exports, poll one until `done`, download the ZIP from `export_file.url`.',
      servers: [
        { url: '/sendbird/{app_id}', description: 'this mock server', variables: { app_id: { default: seeds.apps[0]?.app_id ?? 'app_id' } } },
        { url: 'https://api-{app_id}.sendbird.com', description: 'Sendbird', variables: { app_id: { default: seeds.apps[0]?.app_id ?? 'app_id' } } },
      ],
      stripPrefix: /^\/sendbird\/(:app_id|\{app_id\})/,
      securitySchemes: { ApiToken: { type: 'apiKey', in: 'header', name: 'Api-Token', description: 'Master or secondary API token of the application' } },
    });
    scope.setErrorHandler(handleSendbirdError);
    await registerRoutes(scope, ctx, seeds);
  },
  notFound(request, reply) {
    const e = sendbirdError(CODES.NOT_FOUND, `Resource not found: ${request.method} ${request.url.split('?')[0]} is not a Sendbird AI agent data-export route.`);
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

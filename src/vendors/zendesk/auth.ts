/**
 * Which organization and bot a request is for, and whether its API key is the organization's. Runs in onRequest,
 * before the body is read, so credentials are reported before anything about the body. Headers are
 * case-insensitive (Node lowercases them): the page writes `organizationId` and `botId`, clients send either.
 */
import type { FastifyRequest } from 'fastify';
import { safeEqual } from '../../core/signing/hmac.js';
import { unauthorized } from './errors.js';
import type { Region, ZendeskBot, ZendeskOrganization, ZendeskSeeds } from './schemas.js';

export interface ZendeskTenant {
  region: Region;
  org: ZendeskOrganization;
  bot: ZendeskBot;
}

export const REGION_HOSTS: Record<Region, string> = { eu: 'api.ultimate.ai', us: 'api.us.ultimate.ai' };

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

/** An organization is served by its own region's endpoint only; on the other one it is as unknown as a made-up id. */
function findOrganization(
  seeds: ZendeskSeeds,
  region: Region,
  organizationId: string,
): ZendeskOrganization | undefined {
  return seeds.organizations.find((o) => o.region === region && o.organization_id === organizationId);
}

/**
 * `region` is the endpoint's (api.ultimate.ai is EU, api.us.ultimate.ai US); undefined for the newer
 * {subdomain}.zendesk.com form, whose URL names no region: then the organization's own region serves it.
 */
export function authenticate(
  seeds: ZendeskSeeds,
  endpointRegion: Region | undefined,
  request: FastifyRequest,
): ZendeskTenant {
  const key = header(request, 'authorization');
  if (!key)
    throw unauthorized(
      'Missing "authorization" header: send the API key of your organization (Organization management > API key) as the bare header value.',
    );
  const organizationId = header(request, 'organizationid');
  if (!organizationId)
    throw unauthorized(
      'Missing "organizationId" header: send your organization id (Organization management, in the URL of your organization).',
    );
  const botId = header(request, 'botid');
  if (!botId)
    throw unauthorized('Missing "botId" header: send the id of the bot whose conversations you want to export.');
  // Public clients report that the live API answers "Bearer <key>" with 401 although the page says "bearer"; say so, to save a day of debugging.
  if (/^bearer\s/i.test(key))
    throw unauthorized('The "authorization" header takes the bare API key, without the "Bearer " prefix.');
  const region = endpointRegion ?? seeds.organizations.find((o) => o.organization_id === organizationId)?.region;
  const org = region && findOrganization(seeds, region, organizationId);
  if (!org || !region) {
    throw unauthorized(
      region
        ? `Unknown organization "${organizationId}" on ${REGION_HOSTS[region]} (${region.toUpperCase()}). Check the "organizationId" header and call the endpoint of your organization's region.`
        : `Unknown organization "${organizationId}". Check the "organizationId" header.`,
    );
  }
  if (!safeEqual(org.api_key, key))
    throw unauthorized(
      `Invalid API key for organization "${org.organization_id}". Generate a new key under Organization management > API key.`,
    );
  // A bot of another organization (or no bot at all) is not something this key may read: 401, like a wrong key.
  const bot = org.bots.find((b) => b.bot_id === botId);
  if (!bot)
    throw unauthorized(
      `Bot "${botId}" does not belong to organization "${org.organization_id}". Check the "botId" header.`,
    );
  return { region, org, bot };
}

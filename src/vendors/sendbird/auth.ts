/**
 * Which application a request is for, and whether its Api-Token belongs to it. Runs in onRequest, before the body is
 * read, so a bad token is reported before anything about the body (as an API gateway would).
 */
import type { FastifyRequest } from 'fastify';
import { safeEqual } from '../../core/signing/hmac.js';
import { CODES, sendbirdError } from './errors.js';
import type { SendbirdSeeds } from './schemas.js';

export type SendbirdApp = SendbirdSeeds['apps'][number];

/** App ids are matched case-insensitively: they reach us through a host name too, and host names have no case. */
function findApp(seeds: SendbirdSeeds, appId: string): SendbirdApp | undefined {
  const wanted = appId.toLowerCase();
  return seeds.apps.find((a) => a.app_id.toLowerCase() === wanted);
}

export function authenticate(seeds: SendbirdSeeds, request: FastifyRequest): SendbirdApp {
  const appId = (request.params as { app_id?: string }).app_id ?? '';
  const app = findApp(seeds, appId);
  if (!app)
    throw sendbirdError(
      CODES.APP_ID_NOT_VALID,
      `App ID is not valid: "${appId}". Use the app_id shown in your Sendbird dashboard.`,
    );
  const header = request.headers['api-token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) throw sendbirdError(CODES.INVALID_API_TOKEN, 'Not valid Api-Token. Api-Token is missing.');
  // Compare against every token of the app without stopping early, so timing does not reveal which one nearly matched.
  let ok = false;
  for (const candidate of app.api_tokens) ok = safeEqual(candidate, token) || ok;
  if (!ok)
    throw sendbirdError(
      CODES.INVALID_API_TOKEN,
      'Not valid Api-Token. Check the master or secondary API token of this application.',
    );
  return app;
}

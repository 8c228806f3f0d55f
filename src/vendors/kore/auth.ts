/**
 * Kore.ai public-API authentication: header `auth: <JWT>`, HS256 only, signed with the client secret of an app whose
 * client id is the `appId` claim, which must be allowed on the bot of the URL with the "Answer Insights" scope
 * (Kore.ai "API Authorization"). `exp` is honoured on the virtual clock when present. Every failure is the same 401 "Invalid SDK
 * credentials" (4002), as the live API answers, so a caller cannot probe which check failed. Runs in onRequest, before
 * the body is read, so a bad token is reported before anything about the body.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { tagRequest } from '../../core/http/journal-hooks.js';
import { lazy } from '../../core/lazy.js';
import { invalidCredentials } from './errors.js';
import { ANSWER_INSIGHTS_SCOPE, type KoreApp, type KoreBot, type KoreSeeds } from './schemas.js';

export interface KoreCaller {
  bot: KoreBot;
  app: KoreApp;
}

const encoder = new TextEncoder();

function findBot(seeds: KoreSeeds, appId: string): KoreBot | undefined {
  return seeds.bots.find((b) => b.app_id === appId);
}

/**
 * Tokens already verified for a bot, with their time claims: a client polls with the same token, and verifying it
 * again (decode, HMAC, JSON) was most of a poll's cost. Only the clock can change the verdict, so exp and nbf are
 * checked again on every hit, as jose checks them (exp: now >= exp fails; nbf: now < nbf fails). Bounded.
 */
const loadJose = lazy(() => import('jose'));
const verified = new Map<string, { caller: KoreCaller; exp?: number; nbf?: number }>();
const VERIFIED_LIMIT = 1000;

/**
 * The caller of a token verified before (synchronously: no promise on a poll), undefined when the token is new to this
 * bot; throws the vendor's 401 for a missing token or one whose time claims no longer hold.
 */
function knownCaller(seeds: KoreSeeds, request: FastifyRequest, now: number): KoreCaller | undefined {
  const botId = (request.params as { AppID?: string }).AppID ?? '';
  const header = request.headers.auth;
  const token = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!token) throw invalidCredentials();
  const hit = verified.get(`${botId}\n${token}`);
  if (!hit || hit.caller.bot !== findBot(seeds, botId)) return undefined;
  const seconds = Math.floor(now / 1000);
  if ((hit.exp !== undefined && seconds >= hit.exp) || (hit.nbf !== undefined && seconds < hit.nbf))
    throw invalidCredentials();
  return hit.caller;
}

async function authenticate(seeds: KoreSeeds, request: FastifyRequest, now: number): Promise<KoreCaller> {
  const known = knownCaller(seeds, request, now);
  if (known) return known;
  const botId = (request.params as { AppID?: string }).AppID ?? '';
  const header = request.headers.auth;
  const token = (Array.isArray(header) ? header[0] : header)!.trim();
  const key = `${botId}\n${token}`;
  // An unknown bot has no app allowed on it: the same 401 (choice, README).
  const bot = findBot(seeds, botId);
  if (!bot) throw invalidCredentials();
  // jose is loaded on the first token, not at start-up (it is a tenth of a cold start).
  const { decodeJwt, jwtVerify } = await loadJose();
  let clientId: unknown;
  try {
    clientId = decodeJwt(token).appId;
  } catch {
    throw invalidCredentials();
  }
  const app = bot.apps.find((a) => a.client_id === clientId && a.scopes.includes(ANSWER_INSIGHTS_SCOPE));
  if (!app) throw invalidCredentials();
  try {
    // algorithms pins HS256: "none", HS512, RS256 and every other header are refused before any key is used.
    const { payload } = await jwtVerify(token, encoder.encode(app.client_secret), {
      algorithms: ['HS256'],
      currentDate: new Date(now),
    });
    if (verified.size >= VERIFIED_LIMIT) verified.clear();
    verified.set(key, {
      caller: { bot, app },
      exp: typeof payload.exp === 'number' ? payload.exp : undefined,
      nbf: typeof payload.nbf === 'number' ? payload.nbf : undefined,
    });
  } catch {
    throw invalidCredentials();
  }
  return { bot, app };
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * A demo token for GET /__admin/tenants: HS256 over `{sub, appId}` only, no `iat` or `exp`, so it is the same on every
 * start and never expires (real clients should add `exp`). Synchronous on purpose: jose's SignJWT is async.
 */
export function demoToken(app: KoreApp): string {
  const signingInput = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: 'agent-export-mock-demo', appId: app.client_id }))}`;
  return `${signingInput}.${b64url(createHmac('sha256', app.client_secret).update(signingInput).digest())}`;
}

/**
 * The routes' onRequest hook: tags the tenant, then authenticates. A token seen before is checked synchronously (a poll
 * pays no promise); a new one is verified with jose.
 */
export const authHook =
  (seeds: KoreSeeds, ctx: { clock: { now(): number } }) =>
  (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    tagRequest(request, { tenant: (request.params as { AppID?: string }).AppID });
    try {
      request.koreCaller = knownCaller(seeds, request, ctx.clock.now());
    } catch (err) {
      done(err as Error);
      return;
    }
    if (request.koreCaller) {
      done();
      return;
    }
    authenticate(seeds, request, ctx.clock.now()).then((caller) => {
      request.koreCaller = caller;
      done();
    }, done);
  };

/**
 * The dashboard honours ADMIN_TOKEN like the control plane does: `Authorization: Bearer <token>`, or, for a browser, a
 * session cookie set once by `/?token=<token>` or the login form. The cookie holds an HMAC of the token (not the
 * token), is HttpOnly and SameSite=Strict. The page itself carries the token for its own fetches to /__admin, which
 * accept nothing but the bearer header.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmacHex, safeEqual } from '../core/signing/hmac.js';

const COOKIE = 'agent_export_mock_dashboard';
const SESSION_SECONDS = 12 * 3600;

const sessionOf = (token: string): string => hmacHex(token, 'agent-export-mock dashboard session');

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** True when no token is configured, or the request carries it (bearer) or a session cookie made from it. */
export function isAuthorized(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return true;
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ') && safeEqual(header.slice(7), token)) return true;
  const session = cookie(request, COOKIE);
  return session !== undefined && safeEqual(session, sessionOf(token));
}

export function setSession(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${COOKIE}=${sessionOf(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure}`,
  );
}

export const isToken = (given: unknown, token: string): boolean => typeof given === 'string' && safeEqual(given, token);

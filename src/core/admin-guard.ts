/**
 * The ADMIN_TOKEN check, for every control-plane route wherever it is registered (/__admin in the admin scope, and
 * vendor-owned control routes such as Seasalt's /__admin/outbox). Constant-time comparison.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from './signing/hmac.js';

/** An onRequest hook that refuses requests without `Authorization: Bearer <token>`; no-op when no token is set. */
export function adminGuard(token: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!token) return;
    const header = request.headers.authorization ?? '';
    if (!safeEqual(header.startsWith('Bearer ') ? header.slice(7) : '', token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="agent-export-mock admin"')
        .send({ error: 'unauthorized', message: 'The control plane requires Authorization: Bearer <ADMIN_TOKEN>.' });
    }
  };
}

/** The control plane's error bodies: every failure as {error, message}, never a framework default or a stack trace. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { classifyFailure } from '../core/errors.js';

export function setControlPlaneErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError, _request, reply) => {
    const failure = classifyFailure(error);
    switch (failure.kind) {
      case 'validation':
        return reply.code(400).send({
          error: 'invalid_request',
          message: failure.issues.map((i) => `${i.path.join('.') || failure.part}: ${i.message}`).join('; '),
        });
      case 'invalid-json':
      case 'empty-body':
        return reply.code(400).send({ error: 'invalid_json', message: 'The request body must be valid JSON.' });
      case 'unsupported-media-type':
        return reply.code(415).send({ error: 'unsupported_media_type', message: 'Send the body as application/json.' });
      case 'body-too-large':
        return reply.code(413).send({ error: 'body_too_large', message: 'The request body is too large.' });
      default:
        scope.log.error(failure.error);
        return reply.code(500).send({ error: 'internal', message: 'Unexpected error in the control plane.' });
    }
  });
}

/**
 * A request hook written as a plain function that returns or throws, run as a callback hook. An `async` hook costs a
 * promise and a microtask turn on every request; vendor authentication is synchronous and runs on every poll.
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

export const syncHook =
  (check: (request: FastifyRequest, reply: FastifyReply) => void) =>
  (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    try {
      check(request, reply);
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  };

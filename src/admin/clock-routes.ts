/** The virtual clock under /__admin: read it, set it, move it, and reset the world to its start. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Runtime } from '../core/runtime.js';
import { AdvanceBody, advanceProblem, ClockBody, ClockView, ErrorBody, ResetView } from './schemas.js';

const toView = (s: { now: number; frozen: boolean }) => ({ now: new Date(s.now).toISOString(), frozen: s.frozen });

export async function registerClockRoutes(scope: FastifyInstance, state: Runtime): Promise<void> {
  const { ctx } = state;
  const admin = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  admin.get(
    '/__admin/clock',
    { schema: { tags, summary: 'The virtual clock', response: { 200: ClockView } } },
    async () => toView(ctx.clock.state()),
  );

  admin.put(
    '/__admin/clock',
    {
      schema: {
        tags,
        summary: 'Set the virtual clock (and optionally freeze or unfreeze it)',
        body: ClockBody,
        response: { 200: ClockView, 400: ErrorBody },
      },
    },
    async (request) => {
      await state.moveClock({ to: Date.parse(request.body.now), frozen: request.body.frozen });
      return toView(ctx.clock.state());
    },
  );

  admin.post(
    '/__admin/clock/advance',
    {
      schema: {
        tags,
        summary: 'Move the virtual clock forward (or back, with negative seconds)',
        body: AdvanceBody,
        response: { 200: ClockView, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const problem = advanceProblem(ctx.clock.now(), request.body.seconds);
      if (problem) return reply.code(400).send({ error: 'invalid_request', message: problem });
      await state.moveClock({ by: request.body.seconds });
      return toView(ctx.clock.state());
    },
  );

  admin.post(
    '/__admin/reset',
    {
      schema: {
        tags,
        summary: 'Forget every job and file; restore the seeded state and the start clock',
        response: { 200: ResetView },
      },
    },
    async () => {
      await state.reset();
      return { status: 'reset' as const, clock: toView(ctx.clock.state()) };
    },
  );
}

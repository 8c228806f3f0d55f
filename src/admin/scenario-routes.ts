/**
 * /__admin/scenarios, /__admin/presets and /__admin/rate-limits: the test author's controls over failures.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../core/context.js';
import type { Runtime } from '../core/runtime.js';
import { PRESETS, presetNamed } from '../core/scenarios/presets.js';
import { ScenarioInput } from '../core/scenarios/schema.js';
import type { VendorModule } from '../core/vendor.js';
import { ErrorBody } from './schemas.js';

const ScenarioView = ScenarioInput.extend({ applied: z.number().int(), source: z.string() });
const RateLimitSwitch = z
  .object({
    vendor: z.string(),
    tenant: z.string().optional().describe('All tenants of the vendor when absent'),
    enabled: z.boolean(),
  })
  .strict();

export async function registerScenarioRoutes(
  scope: FastifyInstance,
  ctx: CoreContext,
  vendors: readonly VendorModule[],
  installPreset: Runtime['installPreset'],
): Promise<void> {
  const admin = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['scenarios'];

  admin.get(
    '/__admin/scenarios',
    {
      schema: {
        tags,
        summary: 'Scenarios in force, with how often each has applied',
        response: { 200: z.object({ scenarios: z.array(ScenarioView) }) },
      },
    },
    async () => ({
      scenarios: await ctx.scenarios.list(),
    }),
  );

  admin.post(
    '/__admin/scenarios',
    {
      schema: {
        tags,
        summary: 'Install a scenario (409 when one of that name exists)',
        body: ScenarioInput,
        response: { 201: ScenarioView, 400: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      if (await ctx.scenarios.get(request.body.name))
        return reply
          .code(409)
          .send({ error: 'conflict', message: `A scenario named "${request.body.name}" exists; DELETE it first.` });
      const unknown =
        request.body.match.vendor !== undefined && !vendors.some((v) => v.id === request.body.match.vendor);
      if (unknown)
        return reply.code(400).send({
          error: 'invalid_request',
          message: `match.vendor: unknown vendor "${request.body.match.vendor}" (known: ${vendors.map((v) => v.id).join(', ')})`,
        });
      return reply.code(201).send(await ctx.scenarios.add(request.body));
    },
  );

  admin.delete(
    '/__admin/scenarios',
    {
      schema: { tags, summary: 'Remove every scenario', response: { 200: z.object({ status: z.literal('cleared') }) } },
    },
    async () => {
      await ctx.scenarios.clear();
      return { status: 'cleared' as const };
    },
  );

  admin.delete(
    '/__admin/scenarios/:name',
    {
      schema: {
        tags,
        summary: 'Remove one scenario',
        params: z.object({ name: z.string() }),
        response: { 200: z.object({ status: z.literal('deleted') }), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!(await ctx.scenarios.remove(request.params.name)))
        return reply.code(404).send({ error: 'not_found', message: `No scenario named "${request.params.name}".` });
      return { status: 'deleted' as const };
    },
  );

  admin.get(
    '/__admin/presets',
    {
      schema: {
        tags,
        summary: 'Presets: scenario sets that mean the same for every vendor',
        response: {
          200: z.object({
            presets: z.array(
              z.object({ name: z.string(), description: z.string(), scenarios: z.array(ScenarioInput) }),
            ),
          }),
        },
      },
    },
    async () => ({
      presets: Object.entries(PRESETS).map(([name, p]) => ({
        name,
        description: p.description,
        scenarios: p.scenarios,
      })),
    }),
  );

  admin.post(
    '/__admin/presets/:name',
    {
      schema: {
        tags,
        summary: "Install a preset's scenarios (replacing those of the same names)",
        params: z.object({ name: z.string() }),
        response: { 200: z.object({ installed: z.array(z.string()) }), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!presetNamed(request.params.name))
        return reply.code(404).send({
          error: 'not_found',
          message: `No preset "${request.params.name}" (known: ${Object.keys(PRESETS).join(', ')}).`,
        });
      return { installed: [...(await installPreset(request.params.name))] };
    },
  );

  const limitsView = () => ({
    ...ctx.limiter.state(),
    rules: Object.fromEntries(vendors.map((v) => [v.id, [...(v.rateLimits ?? [])]])),
  });
  const LimitsView = z.object({
    default: z.boolean(),
    switches: z.record(z.string(), z.boolean()),
    rules: z.record(
      z.string(),
      z.array(
        z.object({
          name: z.string(),
          method: z.string().optional(),
          route: z.string().optional(),
          limit: z.number(),
          windowSeconds: z.number(),
        }),
      ),
    ),
  });
  admin.get(
    '/__admin/rate-limits',
    { schema: { tags, summary: "Rate-limit enforcement and each vendor's rules", response: { 200: LimitsView } } },
    async () => limitsView(),
  );
  admin.put(
    '/__admin/rate-limits',
    {
      schema: {
        tags,
        summary: 'Switch rate-limit enforcement for a vendor (or one tenant of it)',
        body: RateLimitSwitch,
        response: { 200: LimitsView, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!vendors.some((v) => v.id === request.body.vendor))
        return reply
          .code(400)
          .send({ error: 'invalid_request', message: `vendor: unknown vendor "${request.body.vendor}"` });
      await ctx.limiter.set(request.body.vendor, request.body.tenant, request.body.enabled);
      return limitsView();
    },
  );
}

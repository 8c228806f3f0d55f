/**
 * /__admin/scenarios, /__admin/presets and /__admin/rate-limits: the test author's controls over failures. The route
 * schemas are in scenario-schemas.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CoreContext } from '../core/context.js';
import type { Runtime } from '../core/runtime.js';
import { PRESETS, presetNamed } from '../core/scenarios/presets.js';
import type { VendorModule } from '../core/vendor.js';
import {
  addScenarioSchema,
  clearScenariosSchema,
  deleteScenarioSchema,
  installPresetSchema,
  listPresetsSchema,
  listScenariosSchema,
  rateLimitsSchema,
  switchRateLimitSchema,
} from './scenario-schemas.js';

const presetList = () =>
  Object.entries(PRESETS).map(([name, p]) => ({ name, description: p.description, scenarios: p.scenarios }));

/** The 400 message for a scenario matching a vendor this server does not have, or undefined when it is known. */
function unknownVendorProblem(vendors: readonly VendorModule[], vendor: string | undefined): string | undefined {
  if (vendor === undefined || vendors.some((v) => v.id === vendor)) return undefined;
  return `match.vendor: unknown vendor "${vendor}" (known: ${vendors.map((v) => v.id).join(', ')})`;
}

export async function registerScenarioRoutes(
  scope: FastifyInstance,
  ctx: CoreContext,
  vendors: readonly VendorModule[],
  installPreset: Runtime['installPreset'],
): Promise<void> {
  const admin = scope.withTypeProvider<ZodTypeProvider>();

  admin.get('/__admin/scenarios', { schema: listScenariosSchema }, async () => ({
    scenarios: await ctx.scenarios.list(),
  }));

  admin.post('/__admin/scenarios', { schema: addScenarioSchema }, async (request, reply) => {
    if (await ctx.scenarios.get(request.body.name))
      return reply
        .code(409)
        .send({ error: 'conflict', message: `A scenario named "${request.body.name}" exists; DELETE it first.` });
    const problem = unknownVendorProblem(vendors, request.body.match.vendor);
    if (problem) return reply.code(400).send({ error: 'invalid_request', message: problem });
    return reply.code(201).send(await ctx.scenarios.add(request.body));
  });

  admin.delete('/__admin/scenarios', { schema: clearScenariosSchema }, async () => {
    await ctx.scenarios.clear();
    return { status: 'cleared' as const };
  });

  admin.delete('/__admin/scenarios/:name', { schema: deleteScenarioSchema }, async (request, reply) => {
    if (!(await ctx.scenarios.remove(request.params.name)))
      return reply.code(404).send({ error: 'not_found', message: `No scenario named "${request.params.name}".` });
    return { status: 'deleted' as const };
  });

  admin.get('/__admin/presets', { schema: listPresetsSchema }, async () => ({ presets: presetList() }));

  admin.post('/__admin/presets/:name', { schema: installPresetSchema }, async (request, reply) => {
    if (!presetNamed(request.params.name))
      return reply.code(404).send({
        error: 'not_found',
        message: `No preset "${request.params.name}" (known: ${Object.keys(PRESETS).join(', ')}).`,
      });
    return { installed: [...(await installPreset(request.params.name))] };
  });

  const limitsView = () => ({
    ...ctx.limiter.state(),
    rules: Object.fromEntries(vendors.map((v) => [v.id, [...(v.rateLimits ?? [])]])),
  });
  admin.get('/__admin/rate-limits', { schema: rateLimitsSchema }, async () => limitsView());
  admin.put('/__admin/rate-limits', { schema: switchRateLimitSchema }, async (request, reply) => {
    if (!vendors.some((v) => v.id === request.body.vendor))
      return reply
        .code(400)
        .send({ error: 'invalid_request', message: `vendor: unknown vendor "${request.body.vendor}"` });
    await ctx.limiter.set(request.body.vendor, request.body.tenant, request.body.enabled);
    return limitsView();
  });
}

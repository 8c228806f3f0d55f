/** Route schemas of /__admin/scenarios, /__admin/presets and /__admin/rate-limits. */
import { z } from 'zod';
import { ScenarioInput } from '../core/scenarios/schema.js';
import { ErrorBody } from './schemas.js';

const tags = ['scenarios'];

const ScenarioView = ScenarioInput.extend({ applied: z.number().int(), source: z.string() });
const RateLimitSwitch = z
  .object({
    vendor: z.string(),
    tenant: z.string().optional().describe('All tenants of the vendor when absent'),
    enabled: z.boolean(),
  })
  .strict();
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

export const listScenariosSchema = {
  tags,
  summary: 'Scenarios in force, with how often each has applied',
  response: { 200: z.object({ scenarios: z.array(ScenarioView) }) },
};

export const addScenarioSchema = {
  tags,
  summary: 'Install a scenario (409 when one of that name exists)',
  body: ScenarioInput,
  response: { 201: ScenarioView, 400: ErrorBody, 409: ErrorBody },
};

export const clearScenariosSchema = {
  tags,
  summary: 'Remove every scenario',
  response: { 200: z.object({ status: z.literal('cleared') }) },
};

export const deleteScenarioSchema = {
  tags,
  summary: 'Remove one scenario',
  params: z.object({ name: z.string() }),
  response: { 200: z.object({ status: z.literal('deleted') }), 404: ErrorBody },
};

export const listPresetsSchema = {
  tags,
  summary: 'Presets: scenario sets that mean the same for every vendor',
  response: {
    200: z.object({
      presets: z.array(z.object({ name: z.string(), description: z.string(), scenarios: z.array(ScenarioInput) })),
    }),
  },
};

export const installPresetSchema = {
  tags,
  summary: "Install a preset's scenarios (replacing those of the same names)",
  params: z.object({ name: z.string() }),
  response: { 200: z.object({ installed: z.array(z.string()) }), 404: ErrorBody },
};

export const rateLimitsSchema = {
  tags,
  summary: "Rate-limit enforcement and each vendor's rules",
  response: { 200: LimitsView },
};

export const switchRateLimitSchema = {
  tags,
  summary: 'Switch rate-limit enforcement for a vendor (or one tenant of it)',
  body: RateLimitSwitch,
  response: { 200: LimitsView, 400: ErrorBody },
};

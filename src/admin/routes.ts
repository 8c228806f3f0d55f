/**
 * The control plane under /__admin: health, the virtual clock, reset and the demo tenants. It has its own OpenAPI
 * document (/openapi/admin.json) and hosts Swagger UI at /docs, listing every vendor's document.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { classifyFailure } from '../core/errors.js';
import { useBoundedJsonParser } from '../core/http/json-body.js';
import { registerOpenApi } from '../core/openapi.js';
import type { Runtime } from '../core/runtime.js';
import type { VendorRegistration } from '../core/vendor.js';
import { registerDocs } from './docs.js';
import { registerJobRoutes } from './job-routes.js';
import { registerJournalRoutes } from './journal-routes.js';
import { registerScenarioRoutes } from './scenario-routes.js';
import { AdvanceBody, advanceProblem, ClockBody, ClockView, ErrorBody, Health, ResetView } from './schemas.js';

const controlError = (description: string, error: string, message: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { error: { type: 'string' }, message: { type: 'string' } },
        required: ['error', 'message'],
      },
      example: { error, message },
    },
  },
});

/** ADMIN_TOKEN, when set, guards every route (core/http/control-plane-guard.ts): a bearer token, optional otherwise. */
const CONTROL_PLANE_SECURITY = {
  securitySchemes: {
    AdminToken: {
      type: 'http' as const,
      scheme: 'bearer' as const,
      description: 'ADMIN_TOKEN: required on every /__admin route when the server sets it; without it, none is needed',
    },
  },
  security: [{ AdminToken: [] }, {}] as Array<Record<string, string[]>>,
  commonResponses: {
    '401': controlError(
      'ADMIN_TOKEN is set and the request does not carry it as Authorization: Bearer <token>',
      'unauthorized',
      'The control plane requires Authorization: Bearer <ADMIN_TOKEN>.',
    ),
    '403': controlError(
      'The Host is not allowed (DNS rebinding protection) or the Origin is another site',
      'forbidden_host',
      'Host "evil.example" is not allowed on the control plane (DNS rebinding protection).',
    ),
  },
};

const toView = (s: { now: number; frozen: boolean }) => ({ now: new Date(s.now).toISOString(), frozen: s.frozen });

/** `registrations`: what each vendor handed back when it registered (its extra control routes). */
export async function registerAdmin(
  scope: FastifyInstance,
  state: Runtime,
  registrations: readonly VendorRegistration[] = [],
): Promise<void> {
  const { ctx, vendors } = state;
  await registerOpenApi(scope, {
    id: 'admin',
    title: 'agent-export-mock control plane',
    description: 'Health, virtual clock, reset and demo tenants of the mock server. Not part of any vendor API.',
    servers: [{ url: '/', description: 'this mock server' }],
    ...CONTROL_PLANE_SECURITY,
  });

  // ADMIN_TOKEN, Host and Origin are checked by the root control-plane guard (core/http/control-plane-guard.ts).
  // A control-plane POST must be JSON so that no web page can send it cross-site; an empty JSON body is fine.
  useBoundedJsonParser(scope, { emptyIsUndefined: true });

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

  const admin = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  admin.get(
    '/__admin/health',
    { schema: { tags, summary: 'Liveness: 200 once the server can serve', response: { 200: Health } } },
    async () => ({
      status: 'ok' as const,
      now: new Date(ctx.clock.now()).toISOString(),
      vendors: vendors.map((v) => v.id),
    }),
  );

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

  admin.get(
    '/__admin/tenants',
    { schema: { tags, summary: 'Every seeded tenant and its demo credentials, per vendor' } },
    async () => {
      const url = ctx.publicUrl();
      return Object.fromEntries(
        vendors.map((v) => [
          v.id,
          {
            title: v.title,
            base_urls: v.baseUrls(url, state.seeds.get(v.id)),
            tenants: v.tenants(state.seeds.get(v.id), url),
          },
        ]),
      );
    },
  );

  await registerJournalRoutes(scope, ctx);
  await registerScenarioRoutes(scope, ctx, vendors, state.installPreset);
  await registerJobRoutes(scope, ctx, vendors);
  for (const registration of registrations) await registration.controlRoutes?.(scope);

  registerDocs(scope, [
    ...vendors.map((v) => ({ url: `/openapi/${v.id}.json`, name: v.title })),
    { url: '/openapi/storage.json', name: 'Download links (S3, GCS)' },
    { url: '/openapi/admin.json', name: 'Control plane (/__admin)' },
  ]);
}

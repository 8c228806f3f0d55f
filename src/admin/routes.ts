/**
 * The control plane under /__admin: health, the virtual clock, reset and the demo tenants. It has its own OpenAPI
 * document (/openapi/admin.json) and hosts Swagger UI at /docs, listing every vendor's document.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { useBoundedJsonParser } from '../core/http/json-body.js';
import { registerOpenApi } from '../core/http/openapi.js';
import type { Runtime } from '../core/runtime.js';
import type { VendorRegistration } from '../core/vendor.js';
import { registerClockRoutes } from './clock-routes.js';
import { setControlPlaneErrorHandler } from './control-errors.js';
import { registerDocs } from './docs.js';
import { registerJobRoutes } from './job-routes.js';
import { registerJournalRoutes } from './journal-routes.js';
import { CONTROL_PLANE_SECURITY } from './openapi-security.js';
import { registerScenarioRoutes } from './scenario-routes.js';
import { Health } from './schemas.js';

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

  setControlPlaneErrorHandler(scope);
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

  await registerClockRoutes(scope, state);

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

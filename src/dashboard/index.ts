/**
 * The demo dashboard at `/`: one page, its script and stylesheet, and a preview route, all served by this server (no
 * CDN, no fonts, no bundler). It reads and drives the control plane (/__admin) from the browser and starts exports
 * through each vendor's own API, as a client would. With ADMIN_TOKEN set the page and the preview need the token
 * (bearer header, or the session cookie set by `/?token=` or the login form); the assets carry no data and are public.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { lazy } from '../core/lazy.js';
import type { Runtime } from '../core/runtime.js';
import { GCS_PATH, S3_PATH } from '../core/signing/links.js';
import { isAuthorized, isToken, setSession } from './auth.js';
import { chartsTag, DEFAULT_CHART_DAYS, MAX_CHART_DAYS, worldCharts } from './charts.js';
import { ASSET_PATH, type PageVendor, renderLogin, renderPage } from './page.js';
import { preview } from './preview.js';
import { STYLES } from './styles.js';

/** Everything the page loads comes from this origin; its fetches go to this origin only. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The browser script is read by the page's first visitor, never at start: it is none of a client's business. */
const clientScript = lazy(async () => (await import('./client.js')).CLIENT_JS);

const html = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on the login form's POST, which the
    // control-plane guard must refuse. same-origin still sends nothing to other sites.
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body);

export async function registerDashboard(scope: FastifyInstance, state: Runtime): Promise<void> {
  const { ctx, vendors } = state;
  const token = ctx.config.ADMIN_TOKEN;
  const hide = { hide: true };

  // The login form posts urlencoded; only this encapsulated scope parses it.
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  const pageVendors = (): PageVendor[] => {
    const url = ctx.publicUrl();
    return vendors.flatMap((vendor) => {
      const flow = vendor.dashboard?.flow;
      if (!flow) return [];
      let targets: PageVendor['targets'] = [];
      try {
        targets = flow.targets(vendor.tenants(state.seeds.get(vendor.id), url)).filter((t) => t.tenant !== '');
      } catch {
        // A vendor whose tenants() has a shape the table does not know yet: the form starts empty.
      }
      return [{ id: vendor.id, title: vendor.title, flow, targets }];
    });
  };

  const dashboardPage = () =>
    renderPage({
      vendors: pageVendors(),
      panels: vendors.flatMap((v) => v.dashboard?.panels ?? []),
      now: ctx.clock.now(),
      token: token ?? null,
    });

  scope.get('/', { schema: hide }, async (request: FastifyRequest<{ Querystring: { token?: string } }>, reply) => {
    const given = request.query.token;
    if (token && given !== undefined) {
      if (!isToken(given, token)) return html(reply, 401, renderLogin('That token is not the admin token.'));
      // Set the session once, and drop the token from the address bar and the history.
      setSession(request, reply, token);
      return reply.code(303).header('location', '/').header('cache-control', 'no-store').send();
    }
    if (!isAuthorized(request, token)) return html(reply, 401, renderLogin(null));
    return html(reply, 200, dashboardPage());
  });

  scope.post(
    '/__dashboard/login',
    { schema: hide },
    async (request: FastifyRequest<{ Body: { token?: unknown } | undefined }>, reply) => {
      if (!token) return reply.code(303).header('location', '/').send();
      if (!isToken(request.body?.token, token))
        return html(reply, 401, renderLogin('That token is not the admin token.'));
      setSession(request, reply, token);
      return reply.code(303).header('location', '/').send();
    },
  );

  const asset = (type: string, body: () => Promise<string>) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .type(type)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(await body());
  scope.get(`${ASSET_PATH}/app.js`, { schema: hide }, asset('text/javascript; charset=utf-8', clientScript));
  scope.get(
    `${ASSET_PATH}/app.css`,
    { schema: hide },
    asset('text/css; charset=utf-8', async () => STYLES),
  );

  // Links the preview may follow: this server's storage and vendor routes, never the control plane or another host.
  const followable = (path: string) =>
    [S3_PATH, GCS_PATH, ...vendors.map((v) => v.prefix)].some((p) => path.startsWith(`${p}/`));

  const unauthorized = (reply: FastifyReply) =>
    reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="agent-export-mock admin"')
      .send({ error: 'unauthorized', message: 'The dashboard requires Authorization: Bearer <ADMIN_TOKEN>.' });

  scope.get(
    `${ASSET_PATH}/api/charts`,
    { schema: hide },
    async (request: FastifyRequest<{ Querystring: { days?: string } }>, reply) => {
      if (!isAuthorized(request, token)) return unauthorized(reply);
      const asked = Number.parseInt(request.query.days ?? '', 10);
      const days = Math.min(MAX_CHART_DAYS, Math.max(1, Number.isNaN(asked) ? DEFAULT_CHART_DAYS : asked));
      const tag = chartsTag(state, days);
      reply.header('etag', tag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === tag) return reply.code(304).send();
      return worldCharts(state, days);
    },
  );

  scope.get(
    `${ASSET_PATH}/api/preview`,
    { schema: hide },
    async (request: FastifyRequest<{ Querystring: { url?: string; limit?: string } }>, reply) => {
      if (!isAuthorized(request, token)) return unauthorized(reply);
      let target: URL;
      try {
        target = new URL(request.query.url ?? '', ctx.publicUrl());
      } catch {
        return reply.code(400).send({ error: 'invalid_request', message: 'url: give a download link of this server.' });
      }
      if (!/^https?:$/.test(target.protocol) || !followable(target.pathname)) {
        return reply.code(400).send({
          error: 'invalid_request',
          message: `url: ${target.pathname} is not a download link of this server (storage or a vendor route).`,
        });
      }
      const limit = Math.min(50, Math.max(1, Number.parseInt(request.query.limit ?? '5', 10) || 5));
      return preview(scope, target, limit);
    },
  );
}

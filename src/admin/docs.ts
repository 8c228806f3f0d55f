/**
 * Swagger UI at /docs, listing every OpenAPI document of the server. The assets are Swagger UI's official build as
 * @fastify/swagger-ui ships it in its static/ folder (copied from swagger-ui-dist when that package is published);
 * the build copies them into dist/swagger-ui/ (scripts/ensure-build.mjs), so an installed package needs neither
 * swagger-ui-dist (its @scarf/scarf telemetry postinstall) nor @fastify/static (an engine warning on Node 20). They are
 * read from disk only when asked for, so the UI costs nothing at start-up and works fully offline.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/**
 * Each vendor document names the bundled seeds' demo credentials in `x-demo-credentials` (core/http/openapi-enrich.ts);
 * whenever a document is loaded (the first, or another picked in the top bar) they are filled into "Authorize", so
 * "Try it out" sends a request the mock accepts without typing a key.
 */
const DEMO_CREDENTIALS_PLUGIN = `function DemoCredentials(system) {
  return { statePlugins: { spec: { wrapActions: { updateJsonSpec: (next) => (json) => {
    const done = next(json);
    const credentials = json && json['x-demo-credentials'];
    if (credentials) setTimeout(() => { for (const [scheme, value] of Object.entries(credentials)) system.preauthorizeApiKey(scheme, value); });
    return done;
  } } } } };
}`;

let assetDir: string | undefined;
/** dist/swagger-ui/ next to the built code; running from the sources (tests, tsx), the dev dependency's folder. */
const assets = () => {
  if (assetDir) return assetDir;
  const built = fileURLToPath(new URL('../swagger-ui/', import.meta.url));
  if (existsSync(built)) return (assetDir = built);
  return (assetDir = join(
    dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')),
    'static',
  ));
};

export function registerDocs(scope: FastifyInstance, documents: ReadonlyArray<{ url: string; name: string }>): void {
  const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>agent-export-mock – API documents</title>
  <link rel="stylesheet" href="/docs/static/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/static/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/static/swagger-ui-bundle.js"></script>
  <script src="/docs/static/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;
  const init = `${DEMO_CREDENTIALS_PLUGIN}
window.ui = SwaggerUIBundle({ urls: ${JSON.stringify(documents)}, dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], plugins: [DemoCredentials], layout: 'StandaloneLayout' });\n`;

  scope.get('/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  scope.get('/docs/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  scope.get('/docs/init.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(init),
  );
  scope.get('/docs/static/:file', { schema: { hide: true } }, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const type = ASSETS[file];
    if (!type) return reply.code(404).send({ error: 'not_found', message: `No documentation asset ${file}.` });
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(join(assets(), file)));
  });
}

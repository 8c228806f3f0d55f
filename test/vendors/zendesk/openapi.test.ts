import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/config.js';
import { testApp } from '../../helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('Zendesk OpenAPI document', () => {
  it('documents the vendor path, the real hosts and the bare-key header', async () => {
    const doc = (await app.inject({ url: '/openapi/zendesk.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(['/data-export/v3/get-signed-urls']);
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual([
      '/zendesk/{region}',
      'https://api.ultimate.ai',
      'https://api.us.ultimate.ai',
    ]);
    expect(doc.components.securitySchemes.ApiKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'authorization',
    });
    const op = doc.paths['/data-export/v3/get-signed-urls'].post;
    expect(op.requestBody.content['application/json'].schema.properties.ttl).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 10080,
    });
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['botid', 'organizationid']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '404', '429', '500']);
  });

  it('matches the committed openapi/zendesk.json (regenerate it with `npm run openapi`)', async () => {
    const generated = `${JSON.stringify((await app.inject({ url: '/openapi/zendesk.json' })).json(), null, 2)}\n`;
    expect(readFileSync(join(PACKAGE_ROOT, 'openapi', 'zendesk.json'), 'utf8')).toBe(generated);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/config.js';
import { testApp } from '../../helpers.js';

describe('Seasalt OpenAPI document', () => {
  it('documents the vendor paths (no mock prefix), both servers and the X-API-Key scheme, and matches openapi/seasalt.json', async () => {
    const app = await testApp();
    try {
      const res = await app.inject({ url: '/openapi/seasalt.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/seax-api/api/v1/workspace/{workspace_id}/export-conversations',
        '/seax-api/api/v1/workspace/{workspace_id}/export-conversations/{export_job_id}',
      ]);
      expect(doc.servers.map((s: { url: string }) => s.url)).toEqual(['/seasalt', 'https://seax.seasalt.ai']);
      expect(doc.components.securitySchemes.APIKeyHeader).toMatchObject({
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
      });
      const post = doc.paths['/seax-api/api/v1/workspace/{workspace_id}/export-conversations'].post;
      expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '404', '409', '422', '429', '500']);
      expect(post.requestBody.content['application/json'].schema.properties.channel_type.anyOf[0].enum).toEqual([
        'sms',
        'whatsapp',
        'messenger',
        'instagram',
        'line',
      ]);
      // The outbox is control plane, not SeaX.
      expect(JSON.stringify(doc)).not.toContain('outbox');
      const committed = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'openapi', 'seasalt.json'), 'utf8'));
      expect(committed).toEqual(doc);
    } finally {
      await app.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocuments } from '../../../scripts/write-openapi.js';
import { PACKAGE_ROOT } from '../../../src/config.js';

describe('Kore OpenAPI document', () => {
  it('documents the vendor paths (not the /kore prefix), the auth header, and a media route without it; matches openapi/kore.json', async () => {
    const text = (await generateDocuments()).get('kore')!;
    const doc = JSON.parse(text);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/getMediaStream/findly/{file}',
      '/api/public/bot/{AppID}/search/analytics-export',
      '/api/public/bot/{AppID}/search/jobs/{JobID}',
    ]);
    expect(doc.servers[0].url).toBe('/kore');
    expect(doc.components.securitySchemes.auth).toMatchObject({ type: 'apiKey', in: 'header', name: 'auth' });
    expect(doc.security).toEqual([{ auth: [] }]);
    expect(doc.paths['/api/getMediaStream/findly/{file}'].get.security).toEqual([]);
    expect(
      doc.paths['/api/public/bot/{AppID}/search/analytics-export'].post.requestBody.content['application/json'].schema
        .properties.event.anyOf[0].enum,
    ).toEqual(['thumbsUp', 'thumbsDown']);
    expect(
      readFileSync(join(PACKAGE_ROOT, 'openapi', 'kore.json'), 'utf8'),
      'openapi/kore.json has drifted: run `npm run openapi`',
    ).toBe(text);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocuments } from '../scripts/write-openapi.js';
import { PACKAGE_ROOT } from '../src/config.js';

describe('OpenAPI documents', () => {
  it('match the committed openapi/*.json exactly (run `npm run openapi` after changing a schema)', async () => {
    const docs = await generateDocuments();
    expect(docs.size).toBeGreaterThanOrEqual(2);
    for (const [id, text] of docs) {
      const committed = readFileSync(join(PACKAGE_ROOT, 'openapi', `${id}.json`), 'utf8');
      expect(committed, `openapi/${id}.json has drifted from the generated document`).toBe(text);
    }
  });

  it('documents Sendbird with the vendor paths, not the mock prefix', async () => {
    const doc = JSON.parse((await generateDocuments()).get('sendbird')!);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v3/ai_agent/data_exports',
      '/v3/ai_agent/data_exports/{export_id}',
    ]);
    expect(doc.components.securitySchemes.ApiToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'Api-Token' });
  });
});

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

describe('OpenAPI documents for Swagger UI and linters (adoption issue)', () => {
  it('give every operation a unique operationId, a 4xx, and every vendor operation its 429', async () => {
    const docs = [...(await generateDocuments()).entries()].map(([id, text]) => [id, JSON.parse(text)] as const);
    for (const [id, doc] of docs) {
      const ids = new Set<string>();
      for (const [path, item] of Object.entries<Record<string, { operationId?: string; responses: object }>>(doc.paths))
        for (const [method, op] of Object.entries(item)) {
          expect(op.operationId, `${id} ${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
          expect(ids.has(op.operationId!), `${id}: ${op.operationId} twice`).toBe(false);
          ids.add(op.operationId!);
          const statuses = Object.keys(op.responses);
          expect(
            statuses.some((s) => s.startsWith('4')),
            `${id} ${method} ${path}`,
          ).toBe(true);
          // The storages answer overload with 503 (SlowDown), never 429.
          if (id === 'admin') expect(statuses, `${method} ${path}`).toContain('401');
          else if (id !== 'storage') expect(statuses, `${id} ${method} ${path}`).toContain('429');
        }
    }
  });

  it('carry the demo credentials and a valid example body for each vendor, and a bearer scheme for the admin API', async () => {
    const docs = await generateDocuments();
    const sendbird = JSON.parse(docs.get('sendbird')!);
    expect(sendbird['x-demo-credentials']).toEqual({ ApiToken: 'demo-sendbird-api-token' });
    const create = sendbird.paths['/v3/ai_agent/data_exports'].post;
    expect(create.requestBody.content['application/json'].example).toMatchObject({ type: 'conversation' });
    expect(create.responses['429'].content['application/json'].example).toMatchObject({ error: true, code: 500910 });
    for (const id of ['zendesk', 'kore', 'seasalt'])
      expect(Object.keys(JSON.parse(docs.get(id)!)['x-demo-credentials'] ?? {}), id).toHaveLength(1);
    const admin = JSON.parse(docs.get('admin')!);
    expect(admin.components.securitySchemes.AdminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(admin.security).toEqual([{ AdminToken: [] }, {}]);
  });
});

describe('the download links document', () => {
  it('describes the S3 and GCS object routes with the storages own XML errors', async () => {
    const storage = JSON.parse((await generateDocuments()).get('storage')!);
    expect(Object.keys(storage.paths).sort()).toEqual(['/gcs/{bucket}/{key}', '/s3/{bucket}/{key}']);
    const s3 = storage.paths['/s3/{bucket}/{key}'].get;
    expect(s3.responses['403'].content['application/xml'].example).toContain('<Code>AccessDenied</Code>');
    expect(s3.responses['404'].content['application/xml'].example).toContain('<Code>NoSuchKey</Code>');
    expect(s3.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['X-Amz-Signature', 'AWSAccessKeyId', 'Range']),
    );
    expect(storage.paths['/gcs/{bucket}/{key}'].get.responses['403'].content['application/xml'].example).toContain(
      '<Code>ExpiredToken</Code>',
    );
    const kore = JSON.parse((await generateDocuments()).get('kore')!);
    expect(Object.keys(kore.paths['/api/getMediaStream/findly/{file}'].get.responses)).toEqual(
      expect.arrayContaining(['403', '404', '429', '503']),
    );
  });
});

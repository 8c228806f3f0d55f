/**
 * Writes every OpenAPI document the server generates into openapi/<id>.json (`npm run openapi`).
 * test/openapi.test.ts fails when a committed document differs from what the server generates.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { PACKAGE_ROOT, parseConfig } from '../src/config.js';

export async function generateDocuments(): Promise<Map<string, string>> {
  const app = await buildApp(parseConfig({ LOG_LEVEL: 'silent' }));
  await app.ready();
  const out = new Map<string, string>();
  for (const id of [...app.mock.vendors.map((v) => v.id), 'storage', 'admin']) {
    const res = await app.inject({ url: `/openapi/${id}.json` });
    if (res.statusCode !== 200) throw new Error(`/openapi/${id}.json answered ${res.statusCode}`);
    out.set(id, `${JSON.stringify(res.json(), null, 2)}\n`);
  }
  await app.close();
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(PACKAGE_ROOT, 'openapi');
  mkdirSync(dir, { recursive: true });
  for (const [id, text] of await generateDocuments()) {
    writeFileSync(join(dir, `${id}.json`), text);
    console.log(`wrote openapi/${id}.json`);
  }
}

/**
 * A fifth vendor is one folder and one line: the toy vendor of test/fixtures/toy-vendor, added to the vendor list and
 * nowhere else, shows up in the routes, the OpenAPI documents and Swagger UI, the dashboard, the control plane, the
 * configuration and --help, and goes through the robustness suite's garbage.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ConfigError, helpText, loadConfig, parseConfig } from '../src/config.js';
import { VENDORS } from '../src/vendors/registry.js';
import { toy } from './fixtures/toy-vendor/index.js';
import { randomBodies, wrongTypesOddHeaders } from './robustness/garbage.js';
import { envelopesOf, routesOf } from './robustness/routes.js';

const WITH_TOY = [...VENDORS, toy];
const sample = toy.samples!.requests[0]!;

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp(
    parseConfig(
      { CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, LOG_LEVEL: 'silent', TOY_FILES_PER_EXPORT: 3 },
      WITH_TOY,
    ),
    WITH_TOY,
  );
  await app.ready();
});
afterAll(() => app.close());

describe('a toy fifth vendor registered from a fixture folder', () => {
  it('serves its routes under its prefix, with its own envelope for unknown routes', async () => {
    const res = await app.inject({
      method: sample.method,
      url: sample.url,
      headers: sample.headers,
      payload: sample.body as object,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().urls).toHaveLength(3);
    const missing = await app.inject({ url: '/toy/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(toy.samples!.isErrorEnvelope(missing.json(), String(missing.headers['content-type']))).toBe(true);
  });

  it('has its OpenAPI document, listed in Swagger UI', async () => {
    const doc = await app.inject({ url: '/openapi/toy.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(['/exports']);
    expect((await app.inject({ url: '/docs/init.js' })).body).toContain('/openapi/toy.json');
  });

  it('is on the control plane: health, tenants from its seed defaults, its own control route', async () => {
    expect((await app.inject({ url: '/__admin/health' })).json().vendors).toContain('toy');
    const tenants = (await app.inject({ url: '/__admin/tenants' })).json();
    expect(tenants.toy.tenants).toEqual([{ tenant_id: 'acme', api_key: 'demo-toy-key' }]);
    const inbox = await app.inject({ url: '/__admin/toy-inbox' });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json()).toEqual([{ subject: 'toy export 2025-04-07 ready', text: '3 files' }]);
  });

  it('has its start form, filled from its tenants, and its panel on the dashboard', async () => {
    const html = (await app.inject({ url: '/' })).body;
    expect(html).toContain('id="form-toy"');
    expect(html).toContain('value="demo-toy-key"');
    expect(html).toContain('id="toy-inbox-body"');
    expect(html).toContain('"source":"/__admin/toy-inbox"');
  });

  it('adds its setting to the configuration, the environment, the flags and --help', () => {
    const help = helpText(WITH_TOY);
    expect(help).toMatch(
      /--toy-files-per-export\s+TOY_FILES_PER_EXPORT\s+Toy: files in each toy export \[default: 2\]/,
    );
    expect(help).toContain('Toy Exports');
    expect(helpText(VENDORS)).not.toContain('TOY_');
    expect(loadConfig(['--toy-files-per-export', '4'], {}, WITH_TOY).TOY_FILES_PER_EXPORT).toBe(4);
    expect(loadConfig([], { TOY_FILES_PER_EXPORT: '5' }, WITH_TOY).TOY_FILES_PER_EXPORT).toBe(5);
    expect(loadConfig([], {}, WITH_TOY).TOY_FILES_PER_EXPORT).toBe(2);
    expect(() => loadConfig([], { TOY_FILES_PER_EXPORT: '10' }, WITH_TOY)).toThrow(/^TOY_FILES_PER_EXPORT: /);
    expect(() => loadConfig(['--toy-files-per-export', '4'], {})).toThrow(/unknown option --toy-files-per-export/);
  });

  it('gets its settings defaulted and validated by buildApp even from a configuration parsed without it', async () => {
    const plain = await buildApp(parseConfig({ LOG_LEVEL: 'silent' }), WITH_TOY);
    expect(plain.mock.ctx.config.TOY_FILES_PER_EXPORT).toBe(2);
    await plain.close();
    await expect(
      buildApp({ ...parseConfig({ LOG_LEVEL: 'silent' }), TOY_FILES_PER_EXPORT: 0 }, WITH_TOY),
    ).rejects.toThrow(ConfigError);
  });

  it('goes through the robustness suite: garbage answers below 500 in its own envelope', async () => {
    const routes = routesOf(WITH_TOY).filter((r) => r.vendor === 'toy');
    expect(routes).toHaveLength(1);
    const isEnvelope = envelopesOf(WITH_TOY).toy!;
    for (const route of routes) {
      await randomBodies(app, route, isEnvelope, 40);
      await wrongTypesOddHeaders(app, route, isEnvelope, 40);
    }
  });
});

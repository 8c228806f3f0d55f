/** The dashboard's server routes through inject(): the page, its assets, the admin token, and the file preview. */
import { deflateRawSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { firstRecords } from '../../src/dashboard/records.js';
import { inflatePrefix, readCentralDirectory, readEndOfCentralDirectory } from '../../src/dashboard/zip.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { advance, download, HOST, testApp, unzip } from '../helpers.js';

const TOKEN = 'a-dashboard-admin-token-0123';
const SENDBIRD = '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports';
const SENDBIRD_HEADERS = { 'api-token': 'demo-sendbird-api-token', host: HOST };

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Every URL the page or its assets would load or fetch: src/href attributes, CSS url(), and absolute URLs in the script. */
function externalUrls(text: string): string[] {
  const found = [
    ...text.matchAll(/(?:src|href|action)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)|(https?:\/\/[^\s"'<>)]+)/gi),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  // The SVG namespace names a vocabulary for createElementNS; nothing is fetched from it.
  return found.filter((u) => /^(https?:)?\/\//i.test(u) && u !== 'http://www.w3.org/2000/svg');
}

describe('dashboard page', () => {
  it('serves / as HTML whose scripts, styles and links are all on this server, with a strict CSP', async () => {
    app = await testApp();
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const html = page.body;
    expect(html).toMatch(/<main id="main">/);
    expect(html).toContain('aria-live="polite"');
    // Every registered vendor has its start form, and every panel a vendor declares is on the page.
    for (const { id } of VENDORS) expect(html).toContain(`id="form-${id}"`);
    for (const panel of VENDORS.flatMap((v) => v.dashboard?.panels ?? []))
      expect(html).toContain(`id="${panel.id}-body"`);
    // The demo credentials and dates on the virtual clock's today (2025-04-08): from seven days back to yesterday.
    expect(html).toContain('value="demo-sendbird-api-token"');
    expect(html).toContain('value="2025-04-01"');
    expect(html).toContain('value="2025-04-07"');
    // The scripts: one external file of this server, and a JSON data block (no inline code).
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[1]!.trim())).toEqual([
      'type="application/json" id="dashboard-config"',
      'src="/__dashboard/app.js"',
    ]);
    const js = await app.inject({ url: '/__dashboard/app.js' });
    const css = await app.inject({ url: '/__dashboard/app.css' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    // The script is joined from fragments under src/dashboard/client/: together they must parse.
    expect(() => new Function(js.body)).not.toThrow();
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(externalUrls(html)).toEqual([]);
    expect(externalUrls(js.body)).toEqual([]);
    expect(externalUrls(css.body)).toEqual([]);
    expect(css.body).not.toMatch(/@import|@font-face/);
  });

  it('keeps the script parseable and free of template-literal leftovers', async () => {
    app = await testApp();
    const js = (await app.inject({ url: '/__dashboard/app.js' })).body;
    expect(() => new Function(js)).not.toThrow();
    expect(js).not.toContain('${');
  });

  it('is not part of any OpenAPI document', async () => {
    app = await testApp();
    const doc = (await app.inject({ url: '/openapi/admin.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p === '/' || p.startsWith('/__dashboard'))).toEqual([]);
  });
});

describe('dashboard with ADMIN_TOKEN', () => {
  it('shows a login form without the token, and accepts the bearer header', async () => {
    app = await testApp({ ADMIN_TOKEN: TOKEN });
    const anonymous = await app.inject({ url: '/' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toContain('action="/__dashboard/login"');
    expect(anonymous.body).not.toContain(TOKEN);
    expect(anonymous.body).not.toContain('demo-sendbird-api-token');
    expect((await app.inject({ url: '/', headers: { authorization: `Bearer ${TOKEN}x` } })).statusCode).toBe(401);
    const bearer = await app.inject({ url: '/', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bearer.statusCode).toBe(200);
    // The page carries the token for its own fetches to /__admin, which take only the bearer header.
    expect(bearer.body).toContain(`"token":"${TOKEN}"`);
  });

  it('sets an HttpOnly session cookie from ?token= once, redirecting to a URL without it', async () => {
    app = await testApp({ ADMIN_TOKEN: TOKEN });
    expect((await app.inject({ url: '/?token=wrong-token-wrong-token' })).statusCode).toBe(401);
    const login = await app.inject({ url: `/?token=${TOKEN}` });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    expect((await app.inject({ url: '/', headers: { cookie: session } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/', headers: { cookie: `${session}x` } })).statusCode).toBe(401);
    // The cookie opens the dashboard, not the control plane.
    expect((await app.inject({ url: '/__admin/jobs', headers: { cookie: session } })).statusCode).toBe(401);
  });

  it('accepts the token from the login form', async () => {
    app = await testApp({ ADMIN_TOKEN: TOKEN });
    const form = (token: string) =>
      app!.inject({
        method: 'POST',
        url: '/__dashboard/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `token=${encodeURIComponent(token)}`,
      });
    const wrong = await form('nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('not the admin token');
    const right = await form(TOKEN);
    expect(right.statusCode).toBe(303);
    expect(String(right.headers['set-cookie'])).toMatch(/^agent_export_mock_dashboard=/);
  });

  it('refuses the preview without the token', async () => {
    app = await testApp({ ADMIN_TOKEN: TOKEN });
    const res = await app.inject({ url: '/__dashboard/api/preview?url=/s3/x/y.zip' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('unauthorized');
  });
});

describe('preview', () => {
  async function finishedSendbirdExport(type = 'conversation'): Promise<string> {
    const created = await app!.inject({
      method: 'POST',
      url: SENDBIRD,
      headers: SENDBIRD_HEADERS,
      payload: {
        type,
        ai_agent_id: 'ai_agent_cx',
        from: '2025-04-01',
        to: '2025-04-07',
        timezone: 'UTC',
        export_format: 'json',
      },
    });
    expect(created.statusCode).toBe(200);
    await advance(app!, 60);
    const done = (
      await app!.inject({ url: `${SENDBIRD}/${created.json().export_id}`, headers: SENDBIRD_HEADERS })
    ).json();
    expect(done.export_status).toBe('done');
    return done.export_file.url as string;
  }

  it("reads a Sendbird export's ZIP: name, size, its entry and the first records, pretty JSON objects", async () => {
    app = await testApp();
    const url = await finishedSendbirdExport();
    const res = await app.inject({ url: `/__dashboard/api/preview?url=${encodeURIComponent(url)}&limit=3` });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.status).toBe(206);
    expect(p.name).toMatch(/^[0-9a-f]{15}\.zip$/);
    expect(p.size).toBeGreaterThan(1000);
    expect(p.archive.count).toBe(1);
    expect(p.archive.previewed).toBe('conversation_ai_agent_cx_2025-04-01_2025-04-07.json');
    expect(p.format).toBe('json');
    expect(p.records).toHaveLength(3);
    // The same bytes a client downloads: the records are the file's first elements, the size its length.
    const whole = await download(app, url);
    expect(whole.rawPayload.length).toBe(p.size);
    const file = (await unzip(whole.rawPayload)).get(p.archive.previewed)!;
    expect(p.records).toEqual((JSON.parse(file.toString()) as unknown[]).slice(0, 3));
    // The preview is the dashboard's own request: left out of the journal unless asked for, and labelled there.
    const journal = async (qs: string) =>
      (await app!.inject({ url: `/__admin/requests?path=/s3/${qs}` })).json().requests as {
        headers: Record<string, string>;
      }[];
    const byPreview = (e: { headers: Record<string, string> }) =>
      e.headers['user-agent'] === 'agent-export-mock dashboard preview';
    expect((await journal('')).some(byPreview)).toBe(false);
    expect((await journal('&include_dashboard=true')).some(byPreview)).toBe(true);
  });

  it('says what an expired link answers instead of previewing it', async () => {
    app = await testApp();
    const url = await finishedSendbirdExport();
    await advance(app, 8 * 86_400);
    const p = (await app.inject({ url: `/__dashboard/api/preview?url=${encodeURIComponent(url)}` })).json();
    expect(p.status).toBe(403);
    expect(p.error).toContain('Request has expired');
    expect(p.records).toBeUndefined();
  });

  it('refuses links that are not downloads of this server', async () => {
    app = await testApp();
    for (const url of ['/__admin/jobs', 'http://elsewhere.test/__admin/reset', 'javascript:alert(1)', '']) {
      const res = await app.inject({ url: `/__dashboard/api/preview?url=${encodeURIComponent(url)}` });
      expect(res.statusCode, url).toBe(400);
    }
  });
});

describe('preview readers', () => {
  it('reads the first elements of a cut JSON array, NDJSON and quoted CSV', () => {
    const array = JSON.stringify([{ a: 'x,]}' }, { b: [1, 2] }, { c: 3 }]);
    expect(firstRecords(array.slice(0, array.length - 8), 'f.json', '', 5, false)).toEqual({
      format: 'json',
      records: [{ a: 'x,]}' }, { b: [1, 2] }],
    });
    expect(firstRecords('{"a":1}\n{"a":2}\n{"a"', 'f.json', '', 5, false)).toEqual({
      format: 'ndjson',
      records: [{ a: 1 }, { a: 2 }],
    });
    const csv = 'id,text\r\n1,"hello, ""you"""\r\n2,"two\nlines"\r\n3,cut';
    expect(firstRecords(csv, 'x.csv', '', 5, false)).toEqual({
      format: 'csv',
      columns: ['id', 'text'],
      rows: [
        ['1', 'hello, "you"'],
        ['2', 'two\nlines'],
      ],
    });
    expect(firstRecords(csv, 'x.csv', '', 5, true)).toMatchObject({
      rows: [
        ['1', 'hello, "you"'],
        ['2', 'two\nlines'],
        ['3', 'cut'],
      ],
    });
    expect(firstRecords('just text', 'x.txt', 'text/plain', 5, true)).toEqual({ format: 'text', text: 'just text' });
  });

  it('reads a ZIP with a data descriptor from its central directory, and inflates a cut entry', () => {
    const content = Buffer.from(JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ i }))));
    const deflated = deflateRawSync(content);
    const name = Buffer.from('a.json');
    // Local header with bit 3 set and zero sizes, as the ZIP writer streams it; the sizes come after the data.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(0x0808, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(deflated.length, 8);
    descriptor.writeUInt32LE(content.length, 12);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0808, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(name.length, 28);
    const cdOffset = local.length + name.length + deflated.length + descriptor.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(cdOffset, 16);
    const zip = Buffer.concat([local, name, deflated, descriptor, central, name, eocd]);
    const dir = readEndOfCentralDirectory(zip.subarray(zip.length - 100));
    const [entry] = readCentralDirectory(zip.subarray(dir.offset, dir.offset + dir.size));
    expect(entry).toMatchObject({
      name: 'a.json',
      compressedSize: deflated.length,
      size: content.length,
      localHeaderOffset: 0,
    });
    expect(inflatePrefix(deflated, entry!, 1 << 20).toString()).toBe(content.toString());
    const cut = inflatePrefix(deflated.subarray(0, Math.floor(deflated.length / 2)), entry!, 1 << 20).toString();
    expect(content.toString().startsWith(cut)).toBe(true);
    expect(firstRecords(cut, 'a.json', '', 3, false)).toEqual({
      format: 'json',
      records: [{ i: 0 }, { i: 1 }, { i: 2 }],
    });
  });
});

/**
 * Durable accepts (issue 13, item 5): with DATA_DIR, a job answered 2xx is on disk before the answer leaves, so a
 * kill -9 at any moment after it loses no job, hands no id out twice and breaks no link. A real-time e2e test: it
 * starts the real CLI and kills it, about a second per case.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { advance, download, spawnCli, testApp } from '../helpers.js';
import * as kore from '../vendors/kore/kore.js';
import * as seasalt from '../vendors/seasalt/seasalt.js';
import { BASE, BODY, details } from '../vendors/sendbird/sendbird.js';
import * as zendesk from '../vendors/zendesk/zendesk.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HEADERS = { 'api-token': 'demo-sendbird-api-token', 'content-type': 'application/json' };
const ONE_DAY = JSON.stringify({ ...BODY, from: '2025-04-07', to: '2025-04-07' });

async function call(url: string, path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${url}${path}`, init);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}

describe('kill -9 right after a create', () => {
  for (const delayMs of [0, 50, 100, 200]) {
    it(`at ${delayMs} ms: no job lost, no id reused, every link still valid`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'aem-kill-'));
      dirs.push(dir);
      const { child, url } = await spawnCli(['--data-dir', dir]);
      // A finished job with a link, then the job the kill follows.
      const first = await call(url, BASE, { method: 'POST', headers: HEADERS, body: ONE_DAY });
      await call(url, '/__admin/clock/advance', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"seconds":60}',
      });
      const link = (await call(url, `${BASE}/${first.export_id}`, { headers: HEADERS })).export_file.url as string;
      const before = await fetch(link);
      expect(before.status).toBe(200);
      const bytes = Buffer.from(await before.arrayBuffer());
      const last = await call(url, BASE, { method: 'POST', headers: HEADERS, body: ONE_DAY });
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await once(child, 'exit');

      // The installation's own link secret, as the CLI made it.
      const app = await testApp({ DATA_DIR: dir, LINK_SECRET: undefined });
      const again = await download(app, link);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.rawPayload.equals(bytes)).toBe(true);
      expect((await details(app, last.export_id)).export_id).toBe(last.export_id);
      const next = (await app.inject({ method: 'POST', url: BASE, headers: HEADERS, payload: ONE_DAY })).json();
      expect([first.export_id, last.export_id]).not.toContain(next.export_id);
      // Whatever the clock had saved, the jobs accepted before the kill finish with working links.
      await advance(app, 120);
      for (const id of [last.export_id, next.export_id]) {
        const done = await details(app, id);
        expect(done.export_status).toBe('done');
        expect((await download(app, done.export_file.url)).statusCode).toBe(200);
      }
      await app.close();
    });
  }
});

describe('kill -9 right after links are handed out', () => {
  it('every link of all four vendors answers the same bytes after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aem-kill-'));
    dirs.push(dir);
    const { child, url } = await spawnCli(['--data-dir', dir]);
    const json = { 'content-type': 'application/json' };
    const koreAuth = { auth: await kore.token(), ...json };
    const sb = await call(url, BASE, { method: 'POST', headers: HEADERS, body: ONE_DAY });
    const ss = await call(url, seasalt.BASE, {
      method: 'POST',
      headers: { ...seasalt.KEY, ...json },
      body: JSON.stringify(seasalt.BODY),
    });
    const ko = await call(url, kore.EXPORT(), {
      method: 'POST',
      headers: koreAuth,
      body: JSON.stringify({ filters: { from: '2025-04-07', to: '2025-04-08' } }),
    });
    await call(url, '/__admin/clock/advance', { method: 'POST', headers: json, body: '{"seconds":60}' });
    const links = [
      (await call(url, `${BASE}/${sb.export_id}`, { headers: HEADERS })).export_file.url as string,
      (await call(url, `${seasalt.BASE}/${ss.export_job_id}`, { headers: seasalt.KEY })).presigned_url as string,
      ...(
        (await call(url, kore.JOB(ko._id), { headers: koreAuth })).analyticsFragments as Array<{ fileUrl: string }>
      ).map((f) => f.fileUrl),
      ...((
        await call(url, zendesk.EU, {
          method: 'POST',
          headers: { ...zendesk.HEADERS, ...json },
          body: JSON.stringify({ date: zendesk.YESTERDAY }),
        })
      ).urls as string[]),
    ];
    const bytes = await Promise.all(links.map(async (l) => Buffer.from(await (await fetch(l)).arrayBuffer())));
    child.kill('SIGKILL');
    await once(child, 'exit');

    const app = await testApp({ DATA_DIR: dir, LINK_SECRET: undefined });
    for (const [i, link] of links.entries()) {
      const res = await download(app, link);
      expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
      expect(res.rawPayload.equals(bytes[i]!)).toBe(true);
    }
    await app.close();
  });
});

/**
 * Links survive restarts (issue 13, item 6): with DATA_DIR, every link handed out before a restart answers the same
 * after it, with the same URL, for all four vendors, without the client polling anything first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { advance, download, testApp } from '../helpers.js';
import * as kore from '../vendors/kore/kore.js';
import * as seasalt from '../vendors/seasalt/seasalt.js';
import * as sendbird from '../vendors/sendbird/sendbird.js';
import * as zendesk from '../vendors/zendesk/zendesk.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aem-links-'));
  dirs.push(d);
  return d;
};

/** Every vendor's way to a finished export's links. */
const LINKS: Record<string, (app: FastifyInstance) => Promise<string[]>> = {
  sendbird: async (app) => {
    const job = await sendbird.create(app, { ...sendbird.BODY, from: '2025-04-07', to: '2025-04-07' });
    await advance(app, 60);
    return [(await sendbird.details(app, job.export_id)).export_file.url];
  },
  seasalt: async (app) => {
    const id = await seasalt.create(app);
    await advance(app, 60);
    return [(await seasalt.poll(app, id)).presigned_url];
  },
  kore: async (app) =>
    (await kore.finishedJob(app, { filters: { from: '2025-04-07', to: '2025-04-08' } })).analyticsFragments.map(
      (f: { fileUrl: string }) => f.fileUrl,
    ),
  zendesk: (app) => zendesk.urlsOf(app, zendesk.YESTERDAY),
};

describe('links after a restart with DATA_DIR', () => {
  for (const [vendor, linksOf] of Object.entries(LINKS)) {
    it(`${vendor}: every link answers the same bytes after a graceful restart, with no poll first`, async () => {
      const dir = dataDir();
      const first = await testApp({ DATA_DIR: dir });
      const urls = await linksOf(first);
      expect(urls.length).toBeGreaterThan(0);
      const before = await Promise.all(urls.map((u) => download(first, u)));
      for (const res of before) expect(res.statusCode, res.body).toBe(200);
      await first.close();

      const second = await testApp({ DATA_DIR: dir });
      for (const [i, url] of urls.entries()) {
        const res = await download(second, url);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.rawPayload.equals(before[i]!.rawPayload)).toBe(true);
      }
      await second.close();
    });
  }
});

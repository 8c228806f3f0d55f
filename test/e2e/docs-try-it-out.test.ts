/**
 * Swagger UI at /docs in Debian's Chromium: every vendor document comes with the demo credentials filled in and a valid
 * example body, so "Try it out" → "Execute" on the first operation gets the vendor's success answer (adoption issue:
 * it sent `{"type":"string",…}` without a token and got 400).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
/** Each vendor document (its name in the top bar) and its first operation, with the status a valid request gets. */
const CASES = [
  { name: 'Sendbird AI agent', operation: 'createDataExport', status: '200' },
  { name: 'Zendesk AI agents – Advanced', operation: 'getSignedUrls', status: '200' },
  { name: 'Kore.ai Search AI', operation: 'exportAnswerInsights', status: '200' },
  { name: 'Seasalt SeaX', operation: 'exportConversations', status: '202' },
];

describe.skipIf(!hasChromium)('Swagger UI "Try it out"', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    // Zendesk serves a day once it is finalized: the example asks for no date, so the last finalized day is used.
    server = await startServer(
      parseConfig({ PORT: 0, CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, LOG_LEVEL: 'silent' }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(CASES)(
    'works for $name without typing anything',
    async ({ name, operation, status }) => {
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}/docs`);
        await page.waitForSelector('.opblock');
        if (name !== CASES[0]!.name) {
          await page.selectOption('.topbar select', { label: name });
          await page.waitForSelector(`.opblock[id$="-${operation}"]`);
        }
        const block = page.locator(`.opblock[id$="-${operation}"]`);
        await block.locator('.opblock-summary').click();
        await block.locator('button.try-out__btn').click();
        await block.locator('button.execute').click();
        const shown = block.locator('.live-responses-table tr.response .response-col_status').first();
        await shown.waitFor();
        expect((await shown.textContent())?.trim()).toBe(status);
      } finally {
        await page.close();
      }
    },
    60_000,
  );
});

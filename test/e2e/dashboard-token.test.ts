/**
 * The dashboard behind ADMIN_TOKEN, in Debian's Chromium: sign in by the login form or by ?token= once, and every
 * fetch of the page (control plane, charts) carries the bearer token.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { CHROMIUM, launch } from './dashboard-page.js';

/** A selector, not a page-side string: Playwright evaluates those in the page, where this page's CSP forbids eval. */
const CLOCK_SHOWN = '#clock-mode:text-is("frozen")';

describe.skipIf(!existsSync(CHROMIUM))('dashboard with ADMIN_TOKEN in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('with ADMIN_TOKEN: signs in by the login form or ?token=, and its fetches to /__admin carry the bearer token', async () => {
    const token = 'a-browser-admin-token-0123456';
    const guarded = await startServer(
      parseConfig({
        PORT: 0,
        CLOCK_START: '2025-04-08T12:00:00Z',
        CLOCK_FROZEN: true,
        LOG_LEVEL: 'silent',
        ADMIN_TOKEN: token,
      }),
    );
    try {
      const form = await browser.newPage();
      await form.goto(`${guarded.url}/`);
      await form.fill('#token', token);
      // Wait for the form's POST and redirect to land: a page-side check started on the login page races the navigation.
      await Promise.all([
        form.waitForResponse((r) => r.url().endsWith('/__dashboard/login')),
        form.press('#token', 'Enter'),
      ]);
      // Selectors, not a page-side string: Playwright evaluates those in the page, where this page's CSP forbids eval.
      await form.waitForSelector(CLOCK_SHOWN);
      await form.close();
      const context = await browser.newContext();
      const link = await context.newPage();
      await link.goto(`${guarded.url}/?token=${token}`);
      expect(new URL(link.url()).search).toBe('');
      await link.waitForSelector('#presets button');
      await link.waitForSelector(CLOCK_SHOWN);
      // The charts' fetch carries the token too.
      await link.waitForSelector('#charts-body figure.chart');
      expect(await link.textContent('#errors')).toBe('');
      await context.close();
    } finally {
      await guarded.close();
    }
  });
});

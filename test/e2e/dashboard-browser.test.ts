/**
 * The dashboard end to end: Debian's Chromium (never a downloaded browser) driven by playwright-core against a real
 * server on a frozen clock. It starts an export of each registered vendor from the forms, moves the clock, sees each
 * job finish, previews files, follows a download link, and installs `job-failed` to see the next job fail.
 * Screenshots go to test-output/; DASHBOARD_SCREENSHOT=docs also rewrites docs/dashboard.png.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { toPalettePng } from '../dashboard/png-palette.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = new URL('../../test-output/', import.meta.url);
const DOCS_PNG = new URL('../../docs/dashboard.png', import.meta.url);
const hasChromium = existsSync(CHROMIUM);
/**
 * Waits are selectors, never page-side strings: Playwright's waitForFunction evaluates a string in the page, which the
 * dashboard's CSP (no unsafe-eval) refuses now and then. Page-side expressions stay strings elsewhere: this project
 * type-checks without the DOM library.
 */
const CLOCK_SHOWN = '#clock-mode:text-is("frozen")';
const registered = new Set(VENDORS.map((v) => v.id));
const FLOWS = VENDORS.flatMap((v) => (v.dashboard ? [{ id: v.id, flow: v.dashboard.flow }] : []));
/** Vendors whose form starts a job, and the state their own API shows when an export is done. */
const JOB_VENDORS = FLOWS.filter((v) => v.flow.jobId).map((v) => ({ id: v.id, done: v.flow.doneState }));
/** Vendors whose form answers the links at once (no job). */
const INSTANT_VENDORS = FLOWS.filter((v) => !v.flow.jobId).map((v) => v.id);

if (!hasChromium)
  console.warn(`dashboard browser test skipped: ${CHROMIUM} is absent (CI installs Debian's chromium).`);

describe.skipIf(!hasChromium)(
  `dashboard in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is absent)`}`,
  () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    const shot = (name: string) =>
      page.screenshot({ path: new URL(`dashboard-${name}.png`, OUT).pathname, fullPage: true });

    beforeAll(async () => {
      mkdirSync(OUT, { recursive: true });
      server = await startServer(
        parseConfig({ PORT: 0, CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, LOG_LEVEL: 'silent' }),
      );
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
      page = await context.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(`${server.url}/`);
      await page.waitForSelector(CLOCK_SHOWN);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('labels every form control and offers landmarks and a live job list', async () => {
      const unlabelled = await page.evaluate<string[]>(
        "[...document.querySelectorAll('input, select')].filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label')).map((e) => e.id)",
      );
      expect(unlabelled).toEqual([]);
      expect(await page.$$eval('header, main, footer', (els) => els.length)).toBe(3);
      expect(await page.getAttribute('#jobs .table-wrap', 'aria-live')).toBe('polite');
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to the start forms');
      // The curl snippet carries this page's origin and the demo credentials.
      expect(await page.textContent('#snippet-curl-sendbird')).toContain(
        `${server.url}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`,
      );
    });

    it('polls one page of jobs, and asks only whether it changed since the revision it holds', async () => {
      const polls: string[] = [];
      const record = (request: { url(): string }) =>
        void (/\/__admin\/jobs(\?|$)/.test(request.url()) && polls.push(request.url()));
      page.on('request', record);
      // The page polls about once a second: wait for a poll that carries since=.
      await expect.poll(() => polls.some((u) => u.includes('since=')), { timeout: 6000 }).toBe(true);
      page.off('request', record);
      expect(polls.every((u) => /[?&]limit=\d+/.test(u))).toBe(true);
    });

    it(`starts an export of each registered vendor from its form (${[...registered].join(', ')})`, async () => {
      for (const { id } of JOB_VENDORS) {
        await page.click(`#form-${id} button[type=submit]`);
        await expect.poll(() => page.textContent(`#result-${id}`)).toMatch(/answered HTTP 20[02]/);
        await page.waitForSelector(`tr[data-vendor="${id}"]`);
      }
      for (const id of INSTANT_VENDORS) {
        await page.click(`#form-${id} button[type=submit]`);
        await page.waitForSelector(`#result-${id} a.download`);
      }
      if (registered.has('zendesk')) {
        expect(await page.textContent('#result-zendesk')).toContain(
          'conversation_98174e8d635471c383b9ec7b_20250407_000000000000.json',
        );
      }
      await shot('1-started');
    });

    it('moves the clock one minute and sees every job finish with its download links', async () => {
      await page.click('button[data-advance="60"]');
      await expect.poll(() => page.textContent('#clock-now')).toBe('2025-04-08 12:01:00 UTC');
      for (const { id, done } of JOB_VENDORS) {
        const row = `tr[data-vendor="${id}"]`;
        await page.waitForSelector(`${row}[data-phase="succeeded"] a.download`);
        expect(await page.textContent(`${row} .state`)).toBe(done);
      }
      await shot('2-finished');
    });

    it('previews a finished Sendbird export: name, size and its first records as pretty JSON', async () => {
      await page.click('tr[data-vendor="sendbird"] button.preview');
      await page.waitForSelector('#preview-body .record pre');
      const text = await page.textContent('#preview-body');
      expect(text).toMatch(/[0-9a-f]{15}\.zip/);
      expect(text).toContain('conversation_ai_agent_cx_2025-04-01_2025-04-07.json');
      expect(await page.textContent('#preview-body .record pre')).toContain('\n  "id": ');
      if (registered.has('seasalt')) {
        await page.click('tr[data-vendor="seasalt"] button.preview');
        await page.waitForSelector('#preview-body table.csv th');
        expect(await page.$$eval('#preview-body table.csv th', (ths) => ths.map((t) => t.textContent))).toContain(
          'message_text',
        );
      }
      await shot('3-preview');
    });

    it('follows a download link and gets the ZIP', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('tr[data-vendor="sendbird"] a.download'),
      ]);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      expect(download.suggestedFilename()).toMatch(/^[0-9a-f]{15}\.zip$/);
    });

    it('shows the request journal newest first, with headers and bodies on demand', async () => {
      await page.waitForSelector('#journal-list li');
      const ids = await page.$$eval('#journal-list li', (lis) =>
        lis.map((li) => Number(li.getAttribute('data-request-id'))),
      );
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      await page.click('#journal-list li:last-child summary');
      expect(await page.textContent('#journal-list li:last-child')).toContain('Request headers');
    });

    it('installs the job-failed preset and sees the next job fail', async () => {
      await page.click('button[data-preset="job-failed"]');
      await expect.poll(() => page.textContent('#scenario-list')).toContain('job-failed');
      await page.click('#form-sendbird button[type=submit]');
      await page.waitForSelector('#result-sendbird:has-text("started")');
      const id = await page.textContent('#result-sendbird code');
      await page.waitForSelector(`tr[data-job-id="${id}"]`);
      await page.click('button[data-advance="60"]');
      await page.waitForSelector(`tr[data-job-id="${id}"][data-phase="failed"]`);
      expect(await page.textContent(`tr[data-job-id="${id}"] .state`)).toBe('failed');
      if (registered.has('seasalt')) await expect.poll(() => page.textContent('#outbox-body')).toContain('ready');
      await shot('4-failed');
      if (process.env.DASHBOARD_SCREENSHOT === 'docs') {
        await page.evaluate('window.scrollTo(0, 0)');
        writeFileSync(DOCS_PNG, toPalettePng(await page.screenshot()));
      }
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
        expect(await link.textContent('#errors')).toBe('');
        await context.close();
      } finally {
        await guarded.close();
      }
    });
  },
);

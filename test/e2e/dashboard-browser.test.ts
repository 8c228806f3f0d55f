/**
 * The dashboard end to end, as a sales engineer demoes it: Debian's Chromium (never a downloaded browser) driven by
 * playwright-core against a real server on a frozen clock and the fixed seed. It starts an export of each registered
 * vendor, moves the clock and watches the timeline and the charts follow, checks the charts' numbers against the
 * world's, previews a file, runs axe-core, and saves deterministic screenshots at 1280 × 800 and 390 × 844 to docs/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { toPalettePng } from '../dashboard/png-palette.js';
import { CHROMIUM, drawnCharts, launch, newPage, sendbirdDays, seriousViolations } from './dashboard-page.js';

const OUT = new URL('../../test-output/', import.meta.url);
const DOCS = new URL('../../docs/', import.meta.url);
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
const config = parseConfig({ PORT: 0, CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true, LOG_LEVEL: 'silent' });

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
    const api = async (path: string): Promise<any> => (await fetch(`${server.url}${path}`)).json();
    const openForm = async (id: string) => {
      if (!(await page.$eval(`#vendor-${id}`, (d) => (d as unknown as { open: boolean }).open)))
        await page.click(`#vendor-${id} > summary`);
    };
    const attribute = (selector: string, name: string) => page.getAttribute(selector, name);

    beforeAll(async () => {
      mkdirSync(OUT, { recursive: true });
      server = await startServer(config);
      browser = await launch();
      page = await newPage(browser, { acceptDownloads: true });
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

    it('at 1280 × 800 the first screen shows the clock, the presets and the jobs; the start forms are folded', async () => {
      await page.waitForSelector('#presets button');
      for (const selector of ['#clock-now', '#presets button', '#jobs-h', '#jobs-table thead']) {
        const box = (await page.locator(selector).first().boundingBox())!;
        expect(box.y + box.height, selector).toBeLessThanOrEqual(800);
      }
      expect(await page.$$eval('details.vendor[open]', (d) => d.length)).toBe(0);
    });

    it('polls one page of jobs, asks only what changed, and marks every request of its own', async () => {
      const polls: { url: string; marked: boolean }[] = [];
      const record = (request: { url(): string; headers(): Record<string, string> }) =>
        void (
          /\/__admin\/|\/__dashboard\/api\//.test(request.url()) &&
          polls.push({ url: request.url(), marked: request.headers()['x-mock-dashboard'] === '1' })
        );
      page.on('request', record);
      // The page polls about once a second: wait for a poll that carries since=.
      await expect
        .poll(() => polls.some((p) => p.url.includes('/jobs?') && p.url.includes('since=')), { timeout: 6000 })
        .toBe(true);
      page.off('request', record);
      expect(polls.filter((p) => p.url.includes('/__admin/jobs?')).every((p) => /[?&]limit=\d+/.test(p.url))).toBe(
        true,
      );
      expect(polls.filter((p) => !p.marked)).toEqual([]);
    });

    it(`starts an export of each registered vendor from its form (${[...registered].join(', ')})`, async () => {
      for (const { id } of JOB_VENDORS) {
        await openForm(id);
        await page.click(`#form-${id} button[type=submit]`);
        await expect.poll(() => page.textContent(`#result-${id}`)).toMatch(/answered HTTP 20[02]/);
        await page.waitForSelector(`tr[data-vendor="${id}"]`);
        await page.waitForSelector(
          `#timeline-body g.lane[data-job-id="${await page.textContent(`#result-${id} code`)}"]`,
        );
      }
      for (const id of INSTANT_VENDORS) {
        await openForm(id);
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

    it('moves the clock one minute: every job finishes, and "now" moves through the timeline and the charts', async () => {
      await page.waitForSelector('#charts-body[data-now="2025-04-08T12:00:00.000Z"]');
      const before = Number(await attribute('#timeline-body .now-line', 'x1'));
      await page.click('button[data-advance="60"]');
      await expect.poll(() => page.textContent('#clock-now')).toBe('2025-04-08 12:01:00 UTC');
      for (const { id, done } of JOB_VENDORS) {
        const row = `tr[data-vendor="${id}"]`;
        await page.waitForSelector(`${row}[data-phase="succeeded"] a.download`);
        expect(await page.textContent(`${row} .state`)).toBe(done);
        const job = await page.getAttribute(row, 'data-job-id');
        await page.waitForSelector(
          `#timeline-body g.lane[data-job-id="${job}"][data-phase="succeeded"] rect[data-segment="link"]`,
        );
      }
      // A vertical line has no width: Playwright calls it hidden, so wait for it to be there.
      await page.waitForSelector('#timeline-body .now-line[data-now="2025-04-08T12:01:00.000Z"]', {
        state: 'attached',
      });
      expect(Number(await attribute('#timeline-body .now-line', 'x1'))).toBeGreaterThan(before);
      await page.waitForSelector('#charts-body[data-now="2025-04-08T12:01:00.000Z"]');
      // The page's polls wait for the move: none saw a due job before its file was written, so none ended late.
      const ended = (await api('/__admin/jobs')).jobs.map((j: { ended_at: string }) => j.ended_at);
      expect(ended.filter((at: string) => at >= '2025-04-08T12:01:00.000Z')).toEqual([]);
      await shot('2-finished');
    });

    it("draws the world's numbers: every chart equals the chart endpoint, and Sendbird's equal its daily analysis", async () => {
      const answer = await api('/__dashboard/api/charts');
      expect(answer.now).toBe('2025-04-08T12:01:00.000Z');
      const drawn = await drawnCharts(page);
      expect(drawn).toEqual(
        answer.charts.map((c: { id: string; series: { name: string; values: unknown[] }[] }) => ({
          id: c.id,
          series: c.series.map((s) => ({ name: s.name, values: s.values })),
        })),
      );
      if (!registered.has('sendbird')) return;
      const world = await sendbirdDays(config, answer.days, Date.parse(answer.now));
      const series = (id: string) =>
        drawn.find((c) => c.id === id)!.series.find((s) => s.name === 'Sendbird · Customer experience agent')!.values;
      expect(series('conversations')).toEqual(world.map((d) => d.total_number_of_conversations));
      expect(series('sendbird-csat')).toEqual(world.map((d) => d.average_csat_scores));
      expect(series('sendbird-resolution')).toEqual(world.map((d) => d.resolution_rate));
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
        await page.click('tr[data-vendor="sendbird"] button.preview');
        await page.waitForSelector('#preview-body .record pre');
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

    it("shows the journal newest first without the page's own requests, and with them when asked", async () => {
      await page.waitForSelector('#journal-list li');
      const ids = await page.$$eval('#journal-list li', (lis) =>
        lis.map((li) => Number(li.getAttribute('data-request-id'))),
      );
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      // The page looked at each finished job through the vendor's API; neither the journal nor the flow shows it.
      const clients = (await api('/__admin/requests')).requests.map((e: { id: number }) => e.id);
      await expect.poll(async () => (await page.$$('#journal-list li')).length).toBe(clients.length);
      const sendbirdJob = await page.getAttribute('tr[data-vendor="sendbird"]', 'data-job-id');
      const flow = await api(`/__admin/jobs/${sendbirdJob}`);
      expect(flow.timeline.filter((e: { type: string }) => e.type === 'poll')).toEqual([]);
      await page.check('#journal-dashboard');
      const all = (await api('/__admin/requests?include_dashboard=true')).requests.length;
      expect(all).toBeGreaterThan(clients.length);
      await expect.poll(async () => (await page.$$('#journal-list li')).length).toBeGreaterThan(clients.length);
      await page.uncheck('#journal-dashboard');
      await page.click('#journal-list li:last-child summary');
      expect(await page.textContent('#journal-list li:last-child')).toContain('Request headers');
    });

    it('installs the job-failed preset and sees the next job fail, in the table and the timeline', async () => {
      await page.click('button[data-preset="job-failed"]');
      await expect.poll(() => page.textContent('#scenario-list')).toContain('job-failed');
      await openForm('sendbird');
      await page.click('#form-sendbird button[type=submit]');
      await page.waitForSelector('#result-sendbird:has-text("started")');
      const id = await page.textContent('#result-sendbird code');
      await page.waitForSelector(`tr[data-job-id="${id}"]`);
      await page.click('button[data-advance="60"]');
      await page.waitForSelector(`tr[data-job-id="${id}"][data-phase="failed"]`);
      expect(await page.textContent(`tr[data-job-id="${id}"] .state`)).toBe('failed');
      await page.waitForSelector(`#timeline-body g.lane[data-job-id="${id}"][data-phase="failed"]`);
      if (registered.has('seasalt')) await expect.poll(() => page.textContent('#outbox-body')).toContain('ready');
      await shot('4-failed');
    });

    it('has no serious or critical accessibility violations (axe-core), wide and narrow', async () => {
      // A second view of the same server: axe is injected as a script, which the page's own CSP rightly refuses.
      const audit = await newPage(browser, { bypassCSP: true });
      await audit.goto(`${server.url}/`);
      await audit.waitForSelector('#charts-body figure.chart');
      await audit.waitForSelector('#jobs-body tr');
      await audit.click('#vendor-sendbird > summary');
      const wide = await seriousViolations(audit);
      expect(wide, JSON.stringify(wide)).toEqual([]);
      await audit.setViewportSize({ width: 390, height: 844 });
      const narrow = await seriousViolations(audit);
      expect(narrow, JSON.stringify(narrow)).toEqual([]);
      await audit.context().close();
    });

    it('saves the screenshots of the README: 1280 × 800, 390 × 844 and the charts, frozen clock and fixed seed', async () => {
      for (const id of registered) if (await page.$(`#vendor-${id}[open]`)) await page.click(`#vendor-${id} > summary`);
      await page.evaluate('window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()');
      await page.waitForSelector('#charts-body[data-now="2025-04-08T12:02:00.000Z"]');
      writeFileSync(new URL('dashboard-1280.png', DOCS), toPalettePng(await page.screenshot()));
      writeFileSync(new URL('dashboard-charts.png', DOCS), toPalettePng(await page.locator('#charts').screenshot()));
      await page.setViewportSize({ width: 390, height: 844 });
      await page.evaluate('window.scrollTo(0, 0)');
      writeFileSync(new URL('dashboard-390.png', DOCS), toPalettePng(await page.screenshot()));
      await page.setViewportSize({ width: 1280, height: 800 });
    });
  },
);

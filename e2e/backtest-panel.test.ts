// The Backtest tab end to end: a real server, the built client and Debian's Chromium. A quant
// backtests the example patch on the bundled sample from the editor, watches the progress bar
// fill, reads the metrics, sorts the trades and clicks one (the charts zoom to it), cancels a
// paced run (nothing stored), uploads a bad CSV (refused with its line), and compares two
// stored results. Screenshots go to PATCHDESK_SCREENS (default artifacts/screenshots).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defaultDemoPatch } from '../server/main/options';
import { makeTestStore } from '../server/main/test-server';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';

const missing = chromiumMissing();
const inCi = process.env.CI === 'true';
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 120_000;
/** Indices of the pace select: 6 hours of data a second (the sample in ~12 s), 1 hour (~72 s). */
const paceSixHours = '2';
const paceOneHour = '3';

if (missing && !inCi) console.warn(`e2e/backtest-panel.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('backtest panel end to end (CI)', () => {
  it('has Chromium to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('backtest panel end to end', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;

  const screenshot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  const metric = async (name: string) =>
    page.getByTestId(`metric-${name}`).locator('dd').getAttribute('data-value');

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    // An embedded throwaway database: completed runs are stored, listed and compared.
    editor = await startEditorServer({
      demo: null,
      storeDir: makeTestStore(),
      database: { dataDir: ':memory:' },
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await screenshot(`failed-backtest-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
  }, 60_000);

  it(
    'runs the open patch on the sample, with progress, and shows its metrics',
    async () => {
      const url = new URL(editor.url);
      url.searchParams.set('patch', defaultDemoPatch);
      await page.goto(url.href);
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await page.getByTestId('tab-backtest').click();
      await page.getByTestId('backtest-panel').waitFor();
      // The first list opens the embedded database, which holds the server for a while.
      await page.getByTestId('stored-loading').waitFor({ state: 'detached', timeout: 60_000 });
      // Recorded history is offered; this server's store holds none, which blocks Run and says so.
      await page.getByTestId('data-recorded').check();
      await page.getByTestId('recorded-problem').waitFor();
      expect(await page.getByTestId('recorded-problem').textContent()).toContain('no recorded history');
      expect(await page.getByTestId('backtest-run').isDisabled()).toBe(true);
      await page.getByTestId('data-sample').check();
      // A venue field out of range says why under it and blocks Run.
      await page.getByTestId('venue-takerFee').fill('5');
      await page.getByTestId('venue-problem-takerFee').waitFor();
      expect(await page.getByTestId('backtest-run').isDisabled()).toBe(true);
      expect(await page.getByTestId('backtest-blocked').textContent()).toBe(
        'Taker fee must be at least -0.01 and at most 0.01',
      );
      await page.getByTestId('venue-takerFee').fill('0.0005');
      await page.getByTestId('backtest-pace').selectOption(paceSixHours);
      await screenshot('backtest-setup');

      await page.getByTestId('backtest-run').click();
      const progress = page.locator('[data-testid="backtest-progress"][data-phase="running"]');
      await progress.waitFor({ timeout: 20_000 });
      await expect
        .poll(async () => parseFloat((await page.getByTestId('progress-percent').textContent()) ?? '0'), {
          timeout: 20_000,
        })
        .toBeGreaterThan(5);
      expect(await page.getByTestId('progress-bars').textContent()).toMatch(/^[\d,]+ \/ 4,320 bars$/);
      expect(await page.getByTestId('progress-equity').textContent()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
      await screenshot('backtest-progress');

      await page.getByTestId('backtest-result').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('backtest-progress').count()).toBe(0);
      const trades = Number(await metric('trades'));
      expect(trades).toBeGreaterThan(0);
      expect(Number.isFinite(Number(await metric('totalReturn')))).toBe(true);
      expect(await page.getByTestId('metric-sharpe').getAttribute('title')).toContain('√365');
      expect(await page.getByTestId('trade-row').count()).toBe(trades);
      await page.getByTestId('price-chart').locator('canvas').waitFor();
      await page.getByTestId('stored-result').first().waitFor();
      await screenshot('backtest-result');
    },
    stepTimeoutMs,
  );

  it(
    'sorts the trades and zooms the charts to a clicked trade',
    async () => {
      await page.getByTestId('trades-sort-pnl').click();
      await page.getByTestId('trades-sort-pnl').click();
      const pnls = await page
        .getByTestId('trade-pnl')
        .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
      expect(pnls).toEqual([...pnls].sort((a, b) => b - a));
      expect(await page.getByTestId('chart-range').textContent()).toBe('Showing the whole run');
      const best = page.getByTestId('trade-row').first();
      const entry = (await best.locator('td').first().textContent()) ?? '';
      await best.click();
      const range = (await page.getByTestId('chart-range').textContent()) ?? '';
      expect(range).not.toBe('Showing the whole run');
      // The window opens before the trade's entry (ISO minutes compare as text).
      const from = range.slice(0, 16).replace('T', ' ');
      expect(from <= entry).toBe(true);
      expect(await best.getAttribute('class')).toContain('backtest-trades__selected');
      await page.getByTestId('price-chart').scrollIntoViewIfNeeded();
      await screenshot('backtest-trade-zoom');
      await page.getByTestId('chart-reset').click();
      expect(await page.getByTestId('chart-range').textContent()).toBe('Showing the whole run');
    },
    stepTimeoutMs,
  );

  it(
    'cancels a paced run: a note, the shown result kept, nothing stored',
    async () => {
      const storedBefore = await page.getByTestId('stored-result').count();
      await page.getByTestId('backtest-pace').selectOption(paceOneHour);
      await page.getByTestId('backtest-run').click();
      await page
        .locator('[data-testid="backtest-progress"][data-phase="running"]')
        .waitFor({ timeout: 20_000 });
      await screenshot('backtest-cancelling');
      await page.getByTestId('backtest-cancel').click();
      const note = page.getByTestId('backtest-note');
      await note.waitFor({ timeout: 30_000 });
      expect(await note.textContent()).toMatch(/^Cancelled after [\d,]+ bars; nothing was stored\.$/);
      expect(await page.getByTestId('backtest-progress').count()).toBe(0);
      expect(await page.getByTestId('backtest-result').count()).toBe(1);
      expect(await page.getByTestId('stored-result').count()).toBe(storedBefore);
      await page.getByTestId('backtest-panel').evaluate((el) => el.parentElement?.scrollTo(0, 0));
      await screenshot('backtest-cancelled');
    },
    stepTimeoutMs,
  );

  it(
    'refuses a bad CSV upload with its line, before anything is sent',
    async () => {
      await page.getByTestId('data-csv').check();
      await page.getByTestId('data-file').setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,10,11,9,10,1\n2024-01-01T00:00:00Z,10,11,9,10,1\n',
        ),
      });
      const problem = page.getByTestId('data-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toBe(
        "bad.csv line 3: time 2024-01-01T00:00:00.000Z is not after the previous row's 2024-01-01T00:00:00.000Z",
      );
      expect(await page.getByTestId('backtest-run').isDisabled()).toBe(true);
      await screenshot('backtest-bad-csv');
      await page.getByTestId('data-sample').check();
    },
    stepTimeoutMs,
  );

  it(
    'compares two stored results side by side, labelled apart',
    async () => {
      await page.getByTestId('backtest-pace').selectOption('0');
      await page.getByTestId('venue-takerFee').fill('0.001');
      const before = await page.getByTestId('stored-result').count();
      await page.getByTestId('backtest-run').click();
      await expect
        .poll(() => page.getByTestId('stored-result').count(), { timeout: 60_000 })
        .toBe(before + 1);
      const picks = page.getByTestId('stored-pick');
      await picks.nth(0).check();
      await picks.nth(1).check();
      await page.getByTestId('stored-compare').click();
      await page.getByTestId('backtest-compare').waitFor();
      const a = (await page.getByTestId('compare-label-a').textContent()) ?? '';
      const b = (await page.getByTestId('compare-label-b').textContent()) ?? '';
      expect(a.startsWith('A ')).toBe(true);
      expect(b.startsWith('B ')).toBe(true);
      expect(a.slice(2)).not.toBe(b.slice(2));
      expect(await page.getByTestId('compare-inputs').textContent()).toContain('Different inputs');
      // Doubling the taker fee: more fees in A (the newer run) than in B.
      const fees = await page.getByTestId('compare-fees').locator('td').allTextContents();
      expect(fees[0]).toBe('Fees');
      expect(Number(fees[1].replace(/,/g, ''))).toBeGreaterThan(Number(fees[2].replace(/,/g, '')));
      await page.getByTestId('backtest-compare').scrollIntoViewIfNeeded();
      await screenshot('backtest-compare');
    },
    stepTimeoutMs,
  );
});

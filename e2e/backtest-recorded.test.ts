// Backtesting recorded history from the editor: the bundled sample imported with `patchdesk
// import` into an embedded store (PGlite in a temp folder) that the server reads; the Backtest
// tab lists it under "Recorded history", a quant narrows the range to one day and runs, and
// a range the wrong way round blocks Run with the reason. Real server, built client, Chromium.
// Screenshots go to PATCHDESK_SCREENS (default artifacts/screenshots).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { samplePath } from '../server/backtest/testing';
import { main } from '../server/cli/main';
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

if (missing && !inCi) console.warn(`e2e/backtest-recorded.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('backtest on recorded history end to end (CI)', () => {
  it('has Chromium to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

/** `patchdesk import` of the sample into the embedded store in `dataDir` (never DATABASE_URL's). */
async function importSample(dataDir: string): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    const args = ['import', samplePath, '--venue', 'binanceusdm', '--symbol', 'BTC/USDT:USDT'];
    expect(await main([...args, '--timeframe', '1m', '--data', dataDir])).toBe(0);
  } finally {
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  }
}

describe.skipIf(missing !== null)('backtest on recorded history end to end', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;
  let dataDir: string;

  const screenshot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-recorded-e2e-'));
    await importSample(dataDir);
    editor = await startEditorServer({
      demo: null,
      storeDir: makeTestStore(),
      database: { databaseUrl: null, dataDir },
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await screenshot(`failed-recorded-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'lists the imported history and backtests one day of it',
    async () => {
      const url = new URL(editor.url);
      url.searchParams.set('patch', defaultDemoPatch);
      await page.goto(url.href);
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await page.getByTestId('tab-backtest').click();
      await page.getByTestId('stored-loading').waitFor({ state: 'detached', timeout: 60_000 });

      await page.getByTestId('data-recorded').check();
      const dataset = page.getByTestId('recorded-dataset');
      await dataset.waitFor({ timeout: 30_000 });
      const options = await dataset.locator('option').allTextContents();
      expect(options).toEqual(['binanceusdm · BTC/USDT:USDT · 1m · 4,320 bars']);
      expect(await page.getByTestId('recorded-span').textContent()).toBe(
        'stored: 2022-01-01 00:00 to 2022-01-03 23:59 UTC',
      );
      // The whole dataset is chosen first.
      expect(await page.getByTestId('recorded-from').inputValue()).toBe('2022-01-01T00:00');
      expect(await page.getByTestId('recorded-through').inputValue()).toBe('2022-01-03T23:59');

      await page.getByTestId('recorded-from').fill('2022-01-02T00:00');
      await page.getByTestId('recorded-through').fill('2022-01-02T23:59');
      expect(await page.getByTestId('recorded-summary').textContent()).toBe(
        'binanceusdm BTC/USDT:USDT 1m bars opening from 2022-01-02 00:00 through 2022-01-02 23:59 UTC',
      );
      expect(await page.getByTestId('backtest-run').isDisabled()).toBe(false);
      await screenshot('backtest-recorded-setup');

      await page.getByTestId('backtest-run').click();
      await page.getByTestId('backtest-result').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('result-summary').textContent()).toMatch(/^1,440 bars · /);
      await page.getByTestId('price-chart').locator('canvas').waitFor();
      await page.getByTestId('stored-result').first().waitFor();
      await page.getByTestId('backtest-panel').evaluate((el) => el.parentElement?.scrollTo(0, 0));
      await screenshot('backtest-recorded-result');
    },
    stepTimeoutMs,
  );

  it(
    'blocks Run on a range the wrong way round, saying why',
    async () => {
      await page.getByTestId('recorded-through').fill('2022-01-01T12:00');
      const problem = page.getByTestId('recorded-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toBe('“Through” must not be before “From”');
      expect(await page.getByTestId('backtest-run').isDisabled()).toBe(true);
      await screenshot('backtest-recorded-bad-range');
    },
    stepTimeoutMs,
  );
});

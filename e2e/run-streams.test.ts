// The run config's market streams end to end: a real server streaming from two fake venues
// (Binance USD-M and Bybit), the built client and Debian's Chromium. Rows are added in the run
// controls, each a venue select (MarketHub getVenues) and a symbol select (getMarkets); a half
// filled row blocks Run; a market source's `stream` param on the canvas then picks a row by its
// "venue · symbol" label, and the server keeps the chosen index.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FakeVenue } from '../server/venues/fake/fake-venue';
import { BinanceUsdmProtocol } from '../server/venues/fake/protocols/binanceusdm';
import { BybitProtocol } from '../server/venues/fake/protocols/bybit';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { addFromPalette } from './support/editor-page';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';

const missing = chromiumMissing();
const inCi = process.env.CI === 'true';
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const symbol = 'BTC/USDT:USDT';

if (missing && !inCi) console.warn(`e2e/run-streams.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('run streams end to end (CI)', () => {
  it('has Chromium to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('run streams end to end', () => {
  let binance: FakeVenue;
  let bybit: FakeVenue;
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    binance = await FakeVenue.start(new BinanceUsdmProtocol());
    bybit = await FakeVenue.start(new BybitProtocol());
    const fast = { backoff: { initialMs: 50, maxMs: 500, rateLimitedMs: 500 } };
    editor = await startEditorServer({
      market: {
        venues: [
          {
            venue: 'binanceusdm',
            baseUrl: { rest: binance.restUrl, ws: binance.wsUrl },
            subscriptions: [{ symbol, channel: 'ticker' }],
            ...fast,
          },
          {
            venue: 'bybit',
            baseUrl: { rest: bybit.restUrl, ws: bybit.wsUrl },
            subscriptions: [{ symbol, channel: 'mark' }],
            pollMs: 300,
            ...fast,
          },
        ],
      },
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
    await binance?.close();
    await bybit?.close();
  }, 60_000);

  it('adds stream rows from the venues and their markets, and a source picks one by label', async () => {
    await page.goto(editor.url);
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    const bookId = await addFromPalette(page, 'book', 'sources/book');
    const param = page.getByTestId(`param-${bookId}.stream`);
    // No streams listed: the number field.
    expect(await param.evaluate((node) => node.tagName)).toBe('INPUT');

    await page.getByTestId('run-stream-add').click();
    await page.getByTestId('run-stream-add').click();
    // A row with no venue blocks Run and says which row.
    await expect
      .poll(() => page.getByTestId('run-start').getAttribute('title'))
      .toBe('Market streams row 1 needs a venue');
    expect(await page.getByTestId('run-start').isDisabled()).toBe(true);

    const pick = async (row: number, venue: string) => {
      await page.locator(`[data-testid="run-stream-${row}-venue"] option[value="${venue}"]`).waitFor({
        state: 'attached',
        timeout: 15_000,
      });
      await page.getByTestId(`run-stream-${row}-venue`).selectOption(venue);
      await page.locator(`[data-testid="run-stream-${row}-symbol"] option[value="${symbol}"]`).waitFor({
        state: 'attached',
        timeout: 15_000,
      });
      await page.getByTestId(`run-stream-${row}-symbol`).selectOption(symbol);
    };
    await pick(0, 'binanceusdm');
    await pick(1, 'bybit');
    await expect.poll(() => page.getByTestId('run-start').isDisabled()).toBe(false);

    // The source's stream param is now a select of the rows, by label, value the index.
    const select = page.locator(`select[data-testid="param-${bookId}.stream"]`);
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toEqual([
      `binanceusdm · ${symbol}`,
      `bybit · ${symbol}`,
    ]);
    await select.selectOption('1');
    await expect.poll(() => select.inputValue()).toBe('1');
    await page.screenshot({ path: join(screenshotDir, 'run-streams.png') });

    // StateHub.start takes the rows (a refused config would leave the run stopped with a toast).
    await page.getByTestId('run-start').click();
    await page.locator('[data-testid="run-state"][data-state="running"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('run-stop').click();
    await page.locator('[data-testid="run-state"][data-state="stopped"]').waitFor({ timeout: 15_000 });

    // The edit went through the server: after a reload (the run config starts empty again) the
    // number field shows the index the server kept.
    await page.reload();
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    const field = page.locator(`input[data-testid="param-${bookId}.stream"]`);
    await expect.poll(() => field.inputValue(), { timeout: 15_000 }).toBe('1');
  }, 120_000);
});

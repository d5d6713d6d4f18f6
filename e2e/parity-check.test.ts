// Parity in the editor, end to end: a real server with a throwaway embedded database (paper runs
// are recorded in it), the built client and Debian's Chromium. The ema-cross-rsi example is
// started as a paper run over the bundled sample from the run controls and stopped once it has
// traded; "Parity check" in the Trading panel re-runs the recording as a backtest on the server
// (TradeHub.parity) and reads "identical".
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTestStore } from '../server/main/test-server';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';

const missing = chromiumMissing();
const inCi = process.env.CI === 'true';
// screenshots are looked at by people, not kept in the repository
const screenshotDir =
  process.env.PATCHDESK_SHOTS_DIR ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
/** 400 bars a second: the 4,320-bar sample would take about 11 s, time to trade and then stop. */
const barsPerTick = 40;

if (missing && !inCi) console.warn(`e2e/parity-check.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('parity check end to end (CI)', () => {
  it('has Chromium to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('parity check end to end', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    editor = await startEditorServer({
      demo: null,
      storeDir: makeTestStore(),
      database: { dataDir: ':memory:' },
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
  }, 60_000);

  it('a stopped paper run over the sample is identical to its backtest', async () => {
    const url = new URL(editor.url);
    url.searchParams.set('patch', 'ema-cross-rsi');
    await page.goto(url.href);
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    await page.getByTestId('run-mode-select').selectOption('paper');
    await page.getByTestId('run-barsPerTick').fill(String(barsPerTick));
    await page.getByTestId('run-start').click();
    await page.locator('[data-testid="trading-panel"][data-live="true"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('fill-row').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('run-stop').click();
    await page.locator('[data-testid="run-state"][data-state="stopped"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="trading-panel"][data-live="false"]').waitFor({ timeout: 10_000 });

    await page.getByTestId('parity-check').click();
    const verdict = page.getByTestId('parity-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/^identical over \d+ ticks$/);
    expect(await page.getByTestId('parity-result').getAttribute('data-identical')).toBe('true');
    expect(await page.getByTestId('parity-result').textContent()).toContain('Run ema-cross-rsi:');
    // the run traded before it was stopped, and the backtest made the very same fills
    const fills = (await page.getByTestId('parity-fills').textContent()) ?? '';
    const [, inRun, inBacktest, differing] =
      fills.match(/Fills: (\d+) in the run, (\d+) in the backtest, (\d+) differ/) ?? [];
    expect(Number(inRun)).toBeGreaterThan(0);
    expect(inBacktest).toBe(inRun);
    expect(differing).toBe('0');
    await page.getByTestId('parity').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'parity-check-identical.png') });
  }, 120_000);
});

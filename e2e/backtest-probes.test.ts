// Probe history in the Backtest tab end to end: the example patch backtested on the sample from
// the editor keeps every probe on show over the whole run; the result lists them, charts the
// chosen one, and moving the cursor over the price chart reads every probe at that bar (the
// time cursor over a backtest). Real server, built client, Chromium. Screenshots go to
// PATCHDESK_SCREENS (default artifacts/screenshots).
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

if (missing && !inCi) console.warn(`e2e/backtest-probes.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('backtest probe history end to end (CI)', () => {
  it('has Chromium to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('backtest probe history end to end', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;

  const screenshot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    editor = await startEditorServer({
      demo: null,
      storeDir: makeTestStore(),
      database: { dataDir: ':memory:' },
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await screenshot(`failed-probes-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
  }, 60_000);

  it(
    'shows every probe over the whole backtest and reads them all at the cursor',
    async () => {
      const url = new URL(editor.url);
      url.searchParams.set('patch', defaultDemoPatch);
      await page.goto(url.href);
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await page.locator('[data-probe]').first().waitFor();
      const shown = await page
        .locator('[data-probe]')
        .evaluateAll((nodes) => [...new Set(nodes.map((n) => n.getAttribute('data-probe') ?? ''))]);
      expect(shown.length).toBeGreaterThan(0);

      await page.getByTestId('tab-backtest').click();
      await page.getByTestId('stored-loading').waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByTestId('backtest-run').click();
      await page.getByTestId('backtest-result').waitFor({ timeout: 60_000 });

      const chart = page.getByTestId('probe-history-chart');
      await chart.locator('canvas').waitFor();
      const ports = await page.getByTestId('probe-history-port').locator('option').allTextContents();
      expect([...ports].sort()).toEqual([...shown].sort());
      // 4,320 sample bars into at most 2,000 points: every 4th bar, 1,080 points.
      expect(await page.locator('.backtest-probes__note').textContent()).toBe('1,080 points, every 4 bars');

      await page.getByTestId('probe-history-port').selectOption(ports[ports.length - 1]);
      await chart.scrollIntoViewIfNeeded();
      // Scrub: the cursor over the probe chart moves the other charts' (one synced cursor) and
      // reads every probe at that bar.
      const over = chart.locator('.u-over');
      const box = await over.boundingBox();
      if (!box) throw new Error('the probe chart has no box');
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      const time = page.getByTestId('probe-cursor-time');
      await time.waitFor();
      const first = await time.textContent();
      expect(first).toMatch(/^2022-01-0\d \d\d:\d\d UTC$/);
      const values = await page
        .getByTestId('probe-cursor-readout')
        .locator('[data-probe-value]')
        .evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
      expect(values).toHaveLength(ports.length);
      for (const value of values) expect(value).toMatch(/ -?[\d.,]+$|true$|false$/);
      // The drawdown chart's legend follows the same cursor (its value is no longer blank).
      const drawdownLegend = page.getByTestId('drawdown-chart').locator('.u-legend .u-value').last();
      expect(await drawdownLegend.textContent()).toMatch(/%$/);
      await screenshot('backtest-probe-history');
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5);
      await expect.poll(() => time.textContent()).not.toBe(first);
    },
    stepTimeoutMs,
  );
});

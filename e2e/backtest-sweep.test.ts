// Sweeps end to end: a real server, the built client and Debian's Chromium. A quant clicks
// "sweep this" on the example patch's two EMA periods, narrows each to two values (a 2 x 2
// grid on the bundled sample: seconds), runs the sweep and watches it finish, reads the heatmap
// and its legend, clicks a cell (that run opens as a backtest in the panel, with the row's
// numbers), applies its params to the patch, then undoes it; then a longer sweep shows its
// progress and best so far and is cancelled. Screenshots go to
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
const fast = 'ema-fast.period';
const slow = 'ema-slow.period';

if (missing && !inCi) console.warn(`e2e/backtest-sweep.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('backtest sweep end to end (CI)', () => {
  it('has Chromium to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('backtest sweep end to end', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;

  const screenshot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  const paramValue = (name: string) => page.getByTestId(`param-${name}`).inputValue();

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
      await screenshot(`failed-sweep-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
  }, 60_000);

  it(
    'sets up a two-param grid with "sweep this" and runs it to a heatmap',
    async () => {
      const url = new URL(editor.url);
      url.searchParams.set('patch', defaultDemoPatch);
      await page.goto(url.href);
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await page.getByTestId(`sweep-this-${fast}`).click();
      // "sweep this" opens the Backtest tab with the param in the set-up
      await page.getByTestId('backtest-sweep').waitFor();
      await page.getByTestId(`sweep-param-${fast}`).waitFor();
      expect(await page.getByTestId(`sweep-from-${fast}`).inputValue()).toBe('6');
      expect(await page.getByTestId(`sweep-to-${fast}`).inputValue()).toBe('18');
      expect(await page.getByTestId(`sweep-step-${fast}`).inputValue()).toBe('3');
      await page.getByTestId(`sweep-this-${slow}`).click();
      await page.getByTestId(`sweep-param-${slow}`).waitFor();

      // A step out of the param's bounds blocks Run with the reason.
      await page.getByTestId(`sweep-from-${fast}`).fill('1');
      expect(await page.getByTestId('sweep-blocked').textContent()).toBe(
        `${fast}: the range must stay inside [2, 10000]`,
      );
      expect(await page.getByTestId('sweep-run').isDisabled()).toBe(true);

      // 2 x 2: fast 6 or 12, slow 20 or 40
      await page.getByTestId(`sweep-from-${fast}`).fill('6');
      await page.getByTestId(`sweep-to-${fast}`).fill('12');
      await page.getByTestId(`sweep-step-${fast}`).fill('6');
      await page.getByTestId(`sweep-from-${slow}`).fill('20');
      await page.getByTestId(`sweep-to-${slow}`).fill('40');
      await page.getByTestId(`sweep-step-${slow}`).fill('20');
      await page.getByTestId('sweep-objective').selectOption('totalReturn');
      expect(await page.getByTestId('sweep-run').textContent()).toBe('Run sweep (4 backtests)');
      await page.getByTestId('backtest-sweep').scrollIntoViewIfNeeded();
      await screenshot('sweep-setup');

      await page.getByTestId('sweep-run').click();
      await page.getByTestId('sweep-progress').waitFor({ timeout: 20_000 });
      const result = page.locator('[data-testid="sweep-result"][data-status="completed"]');
      await result.waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('sweep-progress').count()).toBe(0);
      expect(await page.getByTestId('sweep-row').count()).toBe(4);
      const canvas = page.getByTestId('sweep-heatmap-canvas');
      expect(await canvas.getAttribute('data-columns')).toBe('2');
      expect(await canvas.getAttribute('data-rows')).toBe('2');
      // The legend's ends are the lowest and highest returns in the table.
      const values = await page
        .getByTestId('sweep-value')
        .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      const worst = (await page.getByTestId('sweep-legend-worst').textContent()) ?? '';
      const best = (await page.getByTestId('sweep-legend-best').textContent()) ?? '';
      expect(worst).not.toBe(best);
      await page.getByTestId('sweep-heatmap').scrollIntoViewIfNeeded();
      await screenshot('sweep-heatmap');
    },
    stepTimeoutMs,
  );

  it(
    'clicks a cell: that run opens as a backtest with the row’s numbers',
    async () => {
      // The top-left cell: fast 6 (first column), slow 40 (top row).
      const canvas = page.getByTestId('sweep-heatmap-canvas');
      const box = await canvas.boundingBox();
      if (!box) throw new Error('the heatmap has no box');
      await canvas.click({ position: { x: 56 + (box.width - 64) / 4, y: 8 + (box.height - 42) / 4 } });
      expect(await page.getByTestId('sweep-selected').textContent()).toBe(`${fast} = 6, ${slow} = 40`);
      await page.getByTestId('backtest-result').waitFor({ timeout: 60_000 });
      const row = page.locator('[data-testid="sweep-row"].sweep-table__selected');
      const rowReturn = await row.getByTestId('sweep-value').getAttribute('data-value');
      const opened = await page.getByTestId('metric-totalReturn').locator('dd').getAttribute('data-value');
      expect(Number(opened)).toBe(Number(rowReturn));
      await page.getByTestId('sweep-heatmap').scrollIntoViewIfNeeded();
      await screenshot('sweep-cell-opened');
    },
    stepTimeoutMs,
  );

  it(
    'applies the chosen params to the patch as one edit, and undo takes it back',
    async () => {
      expect(await paramValue(fast)).toBe('12');
      expect(await paramValue(slow)).toBe('26');
      await page.getByTestId('sweep-apply').click();
      await expect.poll(() => paramValue(fast)).toBe('6');
      await expect.poll(() => paramValue(slow)).toBe('40');
      expect(await page.getByTestId('sweep-note').textContent()).toBe(
        'Applied 2 params; undo takes it back.',
      );
      await screenshot('sweep-applied');
      await page.getByTestId('undo-button').click();
      await expect.poll(() => paramValue(fast)).toBe('12');
      await expect.poll(() => paramValue(slow)).toBe('26');
      await screenshot('sweep-undone');
    },
    stepTimeoutMs,
  );

  it(
    'shows a longer sweep’s progress and best so far, and cancels it',
    async () => {
      // 39 x 2 = 78 runs: long enough to watch and cancel
      await page.getByTestId(`sweep-from-${fast}`).fill('2');
      await page.getByTestId(`sweep-to-${fast}`).fill('40');
      await page.getByTestId(`sweep-step-${fast}`).fill('1');
      expect(await page.getByTestId('sweep-run').textContent()).toBe('Run sweep (78 backtests)');
      await page.getByTestId('sweep-run').click();
      await expect
        .poll(async () => (await page.getByTestId('sweep-progress-runs').textContent()) ?? '', {
          timeout: 60_000,
        })
        .toMatch(/^([1-9]\d*) \/ 78 runs$/);
      expect(await page.getByTestId('sweep-progress-best').textContent()).toMatch(
        /^best -?[\d.]+ % at ema-fast\.period \d+, ema-slow\.period (20|40)$/,
      );
      await page.getByTestId('sweep-progress').scrollIntoViewIfNeeded();
      await screenshot('sweep-progress');
      await page.getByTestId('sweep-cancel').click();
      const note = page.getByTestId('sweep-note');
      await expect
        .poll(async () => (await note.textContent()) ?? '', { timeout: 30_000 })
        .toMatch(/^Cancelled after \d+ runs; the table shows those\.$/);
      expect(await page.getByTestId('sweep-progress').count()).toBe(0);
      expect(await page.getByTestId('sweep-row').count()).toBeLessThan(78);
      await screenshot('sweep-cancelled');
    },
    stepTimeoutMs,
  );
});

// Issue 13, item 3: live replay never invents dates. By default a run stops at the last bar
// ("ended"); with loop chosen in the run controls, each pass starts at the first bar again (its
// number shown) and the time shown stays a time of the data. A 40-bar sample keeps it short.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';

const missing = chromiumMissing();
const screenshotDir = join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const sampleCsv = join(import.meta.dirname, '..', 'patches', 'data', 'btc-usdt-perp-1m-sample.csv');
const barsInSample = 40;
const barMs = 60_000;
const stepTimeoutMs = 90_000;

if (missing && process.env.CI !== 'true') console.warn(`e2e/editor-replay.test.ts skipped: ${missing}`);

describe.skipIf(missing !== null)("editor: live replay shows only the data's own times", () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;
  let dataDir: string;
  /** Close times of the sample's bars: the times a frame may carry. */
  let firstCloseMs: number;
  let lastCloseMs: number;

  const shownTimeMs = async (): Promise<number | null> => {
    const value = await page.getByTestId('plot-time').getAttribute('data-time-ms', { timeout: 1_000 });
    return value === null ? null : Number(value);
  };

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-e2e-bars-'));
    const lines = readFileSync(sampleCsv, 'utf8').trim().split('\n');
    const rows = lines.slice(1, 1 + barsInSample);
    firstCloseMs = Date.parse(rows[0].split(',')[0]) + barMs;
    lastCloseMs = Date.parse(rows[rows.length - 1].split(',')[0]) + barMs;
    const samplePath = join(dataDir, 'short-sample.csv');
    writeFileSync(samplePath, `${[lines[0], ...rows].join('\n')}\n`);
    editor = await startEditorServer({ demo: null, sampleBarsPath: samplePath, dataDirs: [dataDir] });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(`${editor.url}/?patch=ema-cross-rsi`);
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    await page.getByTestId('module-bars').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'item 3: by default the run ends at the last bar, shown as "ended", at the last bar\'s time',
    async () => {
      await expect(page.getByTestId('run-loop').inputValue()).resolves.toBe('once');
      await page.getByTestId('run-start').click();
      const state = page.getByTestId('run-state');
      await page.locator('[data-testid="run-state"][data-ended="true"]').waitFor({ timeout: 30_000 });
      expect(await state.textContent()).toBe('ended');
      await expect.poll(shownTimeMs).toBe(lastCloseMs);
      expect(await page.getByTestId('plot-time').textContent()).toBe(
        `${new Date(lastCloseMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      );
      await page.screenshot({ path: join(screenshotDir, 'replay-ended.png') });
    },
    stepTimeoutMs,
  );

  it(
    'item 3: with loop chosen, each pass starts again at the first bar, numbered, never past the data',
    async () => {
      await page.getByTestId('run-loop').selectOption('loop');
      await page.getByTestId('run-start').click();
      await page.locator('[data-testid="run-state"][data-state="running"]').waitFor({ timeout: 20_000 });
      const seen: number[] = [];
      let wentBack = false;
      const deadline = Date.now() + 40_000;
      // Watch the shown time through the end of the first pass into the second.
      while (Date.now() < deadline) {
        const timeMs = await shownTimeMs().catch(() => null);
        if (timeMs !== null) {
          if (seen.length > 0 && timeMs < seen[seen.length - 1]) wentBack = true;
          seen.push(timeMs);
        }
        const pass = Number(
          await page
            .getByTestId('run-pass')
            .getAttribute('data-pass')
            .catch(() => '0'),
        );
        if (wentBack && pass >= 2) break;
        await page.waitForTimeout(100);
      }
      expect(wentBack).toBe(true);
      expect(await page.getByTestId('run-pass').textContent()).toMatch(/^pass [2-9]/);
      for (const timeMs of seen) {
        expect(timeMs).toBeGreaterThanOrEqual(firstCloseMs);
        expect(timeMs).toBeLessThanOrEqual(lastCloseMs);
      }
      await page.screenshot({ path: join(screenshotDir, 'replay-loop-pass.png') });
      await page.getByTestId('run-stop').click();
      await page.locator('[data-testid="run-state"][data-state="stopped"]').waitFor();
      expect(await page.getByTestId('run-state').textContent()).toBe('stopped');
    },
    stepTimeoutMs,
  );

  it(
    'items 10 and 11: probe panes like a trading chart (price, oscillator, volume bars, bool lanes, resizable), values formatted alike',
    async () => {
      await page.getByTestId('tab-probes').click();
      await page.getByTestId('probe-toggle-bars.volume').click();
      await page.getByTestId('probe-toggle-long.out').click();
      await page.getByTestId('probe-toggle-short.out').click();
      await page.getByTestId('run-loop').selectOption('once');
      await page.getByTestId('run-start').click();
      await page.locator('[data-testid="run-state"][data-ended="true"]').waitFor({ timeout: 30_000 });
      const panes = page.locator('[data-pane]');
      await expect
        .poll(() => panes.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-pane'))))
        .toEqual(['price', 'scale', 'volume', 'bool']);
      const heights = await panes.evaluateAll((nodes) =>
        nodes.map((node) => node.getBoundingClientRect().height),
      );
      await page.screenshot({ path: join(screenshotDir, 'probe-panes.png') });
      // The price pane is the tallest chart; the bool pane is sized to its two lanes.
      expect(heights[0]).toBeGreaterThan(heights[1]);
      expect(heights[0]).toBeGreaterThan(heights[2]);
      expect(heights[3]).toBeLessThan(130);
      // The cursor shows every pane's values at one time: hover the price pane, read the bool legend.
      const price = (await panes.nth(0).locator('.u-over').boundingBox())!;
      await page.mouse.move(price.x + price.width * 0.9, price.y + price.height / 2);
      await expect
        .poll(() => panes.nth(3).locator('.u-legend .u-series .u-value').allTextContents())
        .toSatisfy(
          (values: string[]) => values.length === 3 && values.slice(1).every((v) => /^(true|false)$/.test(v)),
        );
      await page.screenshot({ path: join(screenshotDir, 'probe-panes-cursor.png') });

      // Item 11: one formatter, with the price's precision (the sample's closes are whole dollars):
      // an EMA reads the same on its node, in the probe list and in the legend at the last bar.
      await page.mouse.move(price.x + price.width - 1, price.y + price.height / 2);
      const legendValue = async (key: string) => {
        const labels = await panes.nth(0).locator('.u-legend .u-series').allTextContents();
        const entry = labels.find((text) => text.startsWith(key));
        return entry?.slice(key.length).replace(/^:?\s*/, '') ?? null;
      };
      for (const key of ['bars.close', 'ema-fast.out']) {
        const onNode = await page.locator(`[data-probe="${key}"]`).textContent();
        const inList = await page.locator(`[data-probe-row="${key}"] .probe-badge`).textContent();
        expect(onNode).toMatch(/^\d+$/);
        expect(inList).toBe(onNode);
        await expect.poll(() => legendValue(key)).toBe(onNode);
      }

      // The window is counted in bars of the data, not in wall minutes.
      await page.getByTestId('plot-window-60').click();
      expect(await page.getByTestId('plot-window-60').textContent()).toBe('60 bars');
      expect(await page.getByTestId('plot-window-60').getAttribute('class')).toBe('active');

      // Drag the panel's top edge up: the panes get the height.
      const plot = page.getByTestId('probe-plot');
      const before = (await plot.boundingBox())!;
      const handle = (await page.getByTestId('plot-resize').boundingBox())!;
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 - 150, { steps: 6 });
      await page.mouse.up();
      const after = (await plot.boundingBox())!;
      expect(Math.round(after.height - before.height)).toBe(150);
      await expect
        .poll(async () => (await panes.nth(0).boundingBox())!.height)
        .toBeGreaterThan(heights[0] + 50);
      await page.screenshot({ path: join(screenshotDir, 'probe-panes-resized.png') });
    },
    stepTimeoutMs,
  );
});

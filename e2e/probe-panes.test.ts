// Issue 13, "Probe charts": panes can be reordered and collapsed. Each pane has a header with its
// title, a collapse toggle (a collapsed pane shows only its header, its probes stay) and move
// up / down buttons. A 40-bar sample run once keeps it short.
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
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const sampleCsv = join(import.meta.dirname, '..', 'patches', 'data', 'btc-usdt-perp-1m-sample.csv');
const barsInSample = 40;
const stepTimeoutMs = 90_000;

if (missing && process.env.CI !== 'true') console.warn(`e2e/probe-panes.test.ts skipped: ${missing}`);

describe.skipIf(missing !== null)('editor: probe panes reorder and collapse', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;
  let dataDir: string;

  const paneIds = () =>
    page
      .locator('[data-pane]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-pane-id')));
  const paneHeight = async (id: string) =>
    (await page.locator(`[data-pane-id="${id}"]`).boundingBox())?.height ?? Number.NaN;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-e2e-panes-'));
    const lines = readFileSync(sampleCsv, 'utf8').trim().split('\n');
    const samplePath = join(dataDir, 'short-sample.csv');
    writeFileSync(samplePath, `${[lines[0], ...lines.slice(1, 1 + barsInSample)].join('\n')}\n`);
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
    'collapses a pane to its header (its probes stay) and moves a pane up',
    async () => {
      await page.getByTestId('tab-probes').click();
      await page.getByTestId('probe-toggle-bars.volume').click();
      await page.getByTestId('run-start').click();
      await page.locator('[data-testid="run-state"][data-ended="true"]').waitFor({ timeout: 30_000 });
      await expect.poll(paneIds).toEqual(['price', 'scale-m2', 'volume']);
      expect(await page.getByTestId('pane-title-price').textContent()).toBe('Price');
      expect(await page.getByTestId('pane-title-volume').textContent()).toBe('Volume');
      // The first pane cannot go up, the last cannot go down.
      expect(await page.getByTestId('pane-up-price').isDisabled()).toBe(true);
      expect(await page.getByTestId('pane-down-volume').isDisabled()).toBe(true);
      const priceBefore = await paneHeight('price');

      // Collapse the oscillator: only its header is left, the price pane takes the room.
      await page.getByTestId('pane-collapse-scale-m2').click();
      const oscillator = page.locator('[data-pane-id="scale-m2"]');
      await expect.poll(() => oscillator.getAttribute('data-collapsed')).toBe('true');
      expect(await oscillator.locator('canvas').count()).toBe(0);
      expect(await paneHeight('scale-m2')).toBeLessThan(25);
      await expect.poll(() => paneHeight('price')).toBeGreaterThan(priceBefore + 30);
      // Its probe is still probed: listed, and the pane's title still names it.
      const oscillatorTitle = await page.getByTestId('pane-title-scale-m2').textContent();
      expect(oscillatorTitle).toMatch(/\.out/);
      await expect(
        page.locator(`[data-probe-row="${oscillatorTitle!.split(',')[0]}"]`).count(),
      ).resolves.toBe(1);

      // Move volume up, above the collapsed oscillator.
      await page.getByTestId('pane-up-volume').click();
      await expect.poll(paneIds).toEqual(['price', 'volume', 'scale-m2']);
      expect(await page.locator('[data-pane-id="volume"] canvas').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('pane-down-scale-m2').isDisabled()).toBe(true);
      await page.screenshot({ path: join(screenshotDir, 'probe-panes-arranged.png') });

      // Expand it again: its chart is back, in its new place at the bottom, with the time axis.
      await page.getByTestId('pane-collapse-scale-m2').click();
      await expect.poll(() => oscillator.getAttribute('data-collapsed')).toBe('false');
      await expect.poll(() => oscillator.locator('canvas').count()).toBeGreaterThan(0);
      expect(await paneIds()).toEqual(['price', 'volume', 'scale-m2']);
      await page.screenshot({ path: join(screenshotDir, 'probe-panes-expanded.png') });
    },
    stepTimeoutMs,
  );
});

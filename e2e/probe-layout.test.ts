// Issue 12 and 13, probe panes: the time cursor and the layout saved with the patch. After a
// short run, hovering a pane reads every probe at that bar (the panes hold still meanwhile and
// the price pane's cursor moves with it); a pane dragged by its header onto another takes its
// place; the order and collapsed panes are saved in the patch's view and come back on reload,
// where the panes are filled from what the server kept of the run. A 40-bar sample keeps it short.
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

if (missing && process.env.CI !== 'true') console.warn(`e2e/probe-layout.test.ts skipped: ${missing}`);

describe.skipIf(missing !== null)('editor: probe time cursor and saved pane layout', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;
  let dataDir: string;

  const paneIds = () =>
    page
      .locator('[data-pane]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-pane-id')));

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-e2e-layout-'));
    const lines = readFileSync(sampleCsv, 'utf8').trim().split('\n');
    const samplePath = join(dataDir, 'short-sample.csv');
    writeFileSync(samplePath, `${[lines[0], ...lines.slice(1, 1 + barsInSample)].join('\n')}\n`);
    editor = await startEditorServer({ demo: null, sampleBarsPath: samplePath, dataDirs: [dataDir] });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
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
    'reads every probe at the hovered bar, the price pane following',
    async () => {
      await page.getByTestId('tab-probes').click();
      // A toggle saves the probes on show in the patch's view; the server keeps those during a run.
      await page.getByTestId('probe-toggle-bars.volume').click();
      await page.getByTestId('probe-toggle-bars.volume').click();
      await expect
        .poll(() => editor.server.workingCopies.peek('ema-cross-rsi')?.patch.view?.probes?.length ?? 0)
        .toBeGreaterThan(0);
      await page.getByTestId('run-start').click();
      await page.locator('[data-testid="run-state"][data-ended="true"]').waitFor({ timeout: 30_000 });
      await expect.poll(paneIds).toEqual(['price', 'scale-m2']);
      const probes = await page.locator('[data-probe-row]').count();
      const oscillator = page.locator('[data-pane-id="scale-m2"] .u-over');
      const box = await oscillator.boundingBox();
      if (!box) throw new Error('the oscillator pane has no box');
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
      const time = page.getByTestId('probe-cursor-time');
      await time.waitFor();
      expect(await time.textContent()).toMatch(/^2022-01-01 00:\d\d UTC$/);
      const values = await page
        .locator('[data-cursor-value]')
        .evaluateAll((nodes) => nodes.map((node) => node.querySelector('b')?.textContent ?? ''));
      expect(values).toHaveLength(probes);
      expect(values.filter((value) => value !== '—').length).toBeGreaterThan(0);
      // The price pane's legend shows the same bar's time: one cursor over every pane.
      const priceTime = page
        .locator('[data-pane-id="price"] .u-legend .u-series')
        .first()
        .locator('.u-value');
      expect(await priceTime.textContent()).toBe((await time.textContent())?.replace(' UTC', ''));
      await page.screenshot({ path: join(screenshotDir, 'probe-time-cursor.png') });
      await page.mouse.move(5, 5);
      await expect.poll(() => page.getByTestId('probe-cursor-time').count()).toBe(0);
    },
    stepTimeoutMs,
  );

  it(
    'drags a pane onto another, and the layout comes back on reload with the kept values',
    async () => {
      await page.getByTestId('pane-header-scale-m2').dragTo(page.getByTestId('pane-header-price'));
      await expect.poll(paneIds).toEqual(['scale-m2', 'price']);
      await page.getByTestId('pane-collapse-price').click();
      await expect
        .poll(() => page.locator('[data-pane-id="price"]').getAttribute('data-collapsed'))
        .toBe('true');
      // Saved in the patch's view after a short pause (not on the undo stack).
      await expect
        .poll(() => editor.server.workingCopies.peek('ema-cross-rsi')?.patch.view?.panes, { timeout: 10_000 })
        .toEqual({ order: ['scale-m2', 'price'], collapsed: ['price'], heightPx: expect.any(Number) });
      expect(await page.getByTestId('undo-button').isDisabled()).toBe(true);

      await page.reload();
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await expect.poll(paneIds, { timeout: 20_000 }).toEqual(['scale-m2', 'price']);
      expect(await page.locator('[data-pane-id="price"]').getAttribute('data-collapsed')).toBe('true');
      // Not run again: the oscillator is drawn from what the server kept of the run.
      await expect.poll(() => page.locator('[data-pane-id="scale-m2"] canvas').count()).toBeGreaterThan(0);
      expect(await page.locator('.probe-plot__waiting').count()).toBe(0);
      // The probe list reads the newest kept point too, not "no data yet".
      await expect.poll(() => page.locator('[data-testid="probe-list"] .probe-badge--empty').count()).toBe(0);
      expect(await page.locator('[data-testid="probe-list"] .probe-badge').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(screenshotDir, 'probe-layout-restored.png') });
    },
    stepTimeoutMs,
  );
});

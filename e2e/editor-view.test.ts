// Issue 13, item 14: probes are saved with the patch (its view section), so another browser
// reopens a patch with the same probes; probes an older editor kept in this browser's
// localStorage move into the patch once. Screenshots go to artifacts/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';
import { settle } from './support/editor-page';
import { PatchStore } from '../server/patches/patch-store';

const missing = chromiumMissing();
const screenshotDir = join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 90_000;

if (missing && process.env.CI !== 'true') console.warn(`e2e/editor-view.test.ts skipped: ${missing}`);

async function open(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/?patch=${name}`);
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
  await page.locator('[data-testid^="module-"]').first().waitFor();
  await page.getByTestId('tab-probes').click();
}

function probeRows(page: Page): Promise<string[]> {
  return page.$$eval('[data-probe-row]', (rows) => rows.map((row) => row.getAttribute('data-probe-row')!));
}

describe.skipIf(missing !== null)('editor: the view saved with the patch', () => {
  let editor: EditorServer;
  let first: BrowserSession;
  let second: BrowserSession;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    editor = await startEditorServer({ demo: null });
    first = await launchChromium();
    second = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await editor?.stop();
  }, 60_000);

  it(
    'item 14: probes chosen in one browser are there when another browser opens the patch',
    async () => {
      const page = await first.context.newPage();
      await open(page, editor.url, 'ema-cross-rsi');
      const defaults = await probeRows(page);
      expect(defaults).toContain('ema-fast.out');
      // Stop probing one default output and probe a bool the defaults leave out.
      await page.getByTestId('probe-toggle-ema-fast.out').click();
      await page.getByTestId('probe-toggle-long.out').click();
      const chosen = defaults.filter((key) => key !== 'ema-fast.out').concat('long.out');
      await expect.poll(() => probeRows(page)).toEqual(chosen);
      await settle(page);

      const other = await second.context.newPage();
      await open(other, editor.url, 'ema-cross-rsi');
      await expect.poll(() => probeRows(other)).toEqual(chosen);
      await other.screenshot({ path: join(screenshotDir, 'view-probes-second-browser.png') });

      // A toggle in the second browser reaches the first one live (a setView edit).
      await other.getByTestId('probe-toggle-cross-up.out').click();
      await expect.poll(() => probeRows(page)).toEqual([...chosen, 'cross-up.out']);

      // Saved as a version, the file holds them (and nothing else changed).
      await page.getByTestId('save-button').click();
      await page.getByTestId('dialog-input').fill('probes');
      await page.getByTestId('dialog-confirm').click();
      await expect
        .poll(async () => (await new PatchStore(editor.storeDir).versions('ema-cross-rsi')).length)
        .toBe(2);
      const saved = await new PatchStore(editor.storeDir).get('ema-cross-rsi');
      expect(saved.view?.probes).toEqual([...chosen, 'cross-up.out']);
      await other.close();
      await page.close();
    },
    stepTimeoutMs,
  );

  it(
    'item 14: probes this browser kept in localStorage move into the patch once',
    async () => {
      const page = await first.context.newPage();
      await open(page, editor.url, 'bollinger-mean-reversion');
      const legacy = ['bars.close'];
      await page.evaluate(
        (keys) => localStorage.setItem('patchdesk.probes.atr-breakout', JSON.stringify(keys)),
        legacy,
      );
      await open(page, editor.url, 'atr-breakout');
      await expect.poll(() => probeRows(page)).toEqual(legacy);
      await settle(page);
      expect(await page.evaluate(() => localStorage.getItem('patchdesk.probes.atr-breakout'))).toBeNull();

      const other = await second.context.newPage();
      await open(other, editor.url, 'atr-breakout');
      await expect.poll(() => probeRows(other)).toEqual(legacy);
      await other.screenshot({ path: join(screenshotDir, 'view-probes-migrated.png') });
      await other.close();
      await page.close();
    },
    stepTimeoutMs,
  );
});

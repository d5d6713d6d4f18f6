// Issue 13, nested subpatches in the editor: a patch whose subpatch holds another is opened level
// by level with double-clicks; the breadcrumb names each level and goes back to any of them; a
// param set two levels down is saved in the innermost definition. Screenshot:
// canvas-subpatch-nested.png under PATCHDESK_SCREENS.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';
import { setParam, settle } from './support/editor-page';
import type { Patch } from '../modules/patch/types';
import { PatchStore } from '../server/patches/patch-store';

const missing = chromiumMissing();
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 120_000;

if (missing && process.env.CI !== 'true')
  console.warn(`e2e/editor-subpatch-nested.test.ts skipped: ${missing}`);

const header = (page: Page, id: string) => page.locator(`[data-testid="module-${id}"] .module-node__header`);

/** bars.close feeds `sig` (an `outer`), whose `in1` (an `inner`) holds an EMA. */
const nestedPatch: Patch = {
  schemaVersion: 1,
  name: 'nested',
  description: 'Nested subpatches, for the browser test.',
  modules: [
    { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
    { id: 'sig', type: 'subpatch:outer', params: {}, position: { x: 300, y: 0 } },
  ],
  cables: [{ from: { module: 'bars', port: 'close' }, to: { module: 'sig', port: 'price' } }],
  subpatches: [
    {
      id: 'inner',
      title: 'Smooth',
      inlets: [{ name: 'in', type: 'number', to: [{ module: 'ema', port: 'in' }] }],
      outlets: [{ name: 'out', type: 'number', from: { module: 'ema', port: 'out' } }],
      modules: [{ id: 'ema', type: 'indicators/ema', params: { period: 10 }, position: { x: 0, y: 0 } }],
      cables: [],
    },
    {
      id: 'outer',
      title: 'Signal',
      inlets: [{ name: 'price', type: 'number', to: [{ module: 'in1', port: 'in' }] }],
      outlets: [{ name: 'smooth', type: 'number', from: { module: 'in1', port: 'out' } }],
      modules: [{ id: 'in1', type: 'subpatch:inner', params: {}, position: { x: 0, y: 0 } }],
      cables: [],
    },
  ],
};

describe.skipIf(missing !== null)('editor: nested subpatches', () => {
  let editor: EditorServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    editor = await startEditorServer({ demo: null });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
  }, 60_000);

  it(
    'opens a subpatch inside a subpatch by double-clicks, with a breadcrumb per level',
    async () => {
      const store = new PatchStore(editor.storeDir);
      await store.save('nested', nestedPatch, { message: 'nested', baseVersion: 0 });
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${editor.url}/?patch=nested`);
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await header(page, 'sig').waitFor();
      expect(await page.getByTestId('patch-problems').count()).toBe(0);

      await header(page, 'sig').dblclick();
      await header(page, 'sig/in1').waitFor();
      const crumbs = page.getByTestId('subpatch-breadcrumb');
      expect(await crumbs.textContent()).toContain('Unmake subpatch');

      await header(page, 'sig/in1').dblclick();
      await header(page, 'sig/in1/ema').waitFor();
      await expect.poll(() => crumbs.getByRole('button').allTextContents()).toEqual(['nested', 'sig']);
      expect(await crumbs.locator('strong').textContent()).toBe('in1 (Smooth)');
      await setParam(page, 'sig/in1/ema', 'period', 21);
      await settle(page);
      await page.screenshot({ path: join(screenshotDir, 'canvas-subpatch-nested.png') });

      // Back one level by its crumb, then to the patch.
      await crumbs.getByRole('button', { name: 'sig' }).click();
      await header(page, 'sig/in1').waitFor();
      await crumbs.getByRole('button', { name: 'nested' }).click();
      await header(page, 'sig').waitFor();

      await page.getByTestId('save-button').click();
      await page.getByTestId('dialog-input').fill('period inside');
      await page.getByTestId('dialog-confirm').click();
      await expect.poll(async () => (await store.versions('nested')).length).toBe(2);
      const saved = await store.get('nested');
      const inner = saved.subpatches?.find((s) => s.id === 'inner');
      expect(inner?.modules[0].params.period).toBe(21);
      await page.close();
    },
    stepTimeoutMs,
  );
});

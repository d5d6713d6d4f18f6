// Issue 13, "Around the canvas": groups. Select modules and "Group" frames them under a title;
// the frame is renamed, moved with the modules inside (one undo step), resized and deleted
// (its modules stay); saved in the patch's view, it comes back on reload. Screenshots go to
// PATCHDESK_SCREENS (default artifacts/screenshots/).
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
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 150_000;

if (missing && process.env.CI !== 'true') console.warn(`e2e/editor-groups.test.ts skipped: ${missing}`);

const header = (page: Page, id: string) => page.locator(`[data-testid="module-${id}"] .module-node__header`);
const frame = (page: Page, id: string) => page.getByTestId(`group-${id}`);

async function open(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/?patch=${name}`);
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
  await page.locator('[data-testid^="module-"]').first().waitFor();
}

async function box(page: Page, testId: string) {
  const found = await page.locator(`[data-testid="${testId}"]`).boundingBox();
  if (!found) throw new Error(`${testId} is not on screen`);
  return found;
}

async function moduleBox(page: Page, id: string) {
  return box(page, `module-${id}`);
}

/** Drags from the middle of a locator's box by (dx, dy) screen pixels. */
async function dragBy(page: Page, at: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + dx, at.y + dy, { steps: 6 });
  await page.mouse.up();
}

describe.skipIf(missing !== null)('editor: groups on the canvas', () => {
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
    'frames a selection, renames, moves with its modules, resizes, deletes; saved and reloaded',
    async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await open(page, editor.url, 'ema-cross-rsi');

      // Frame the two EMAs.
      await header(page, 'ema-fast').click();
      await header(page, 'ema-slow').click({ modifiers: ['Control'] });
      await expect.poll(() => page.getByTestId('subpatch-make').textContent()).toContain('2 selected');
      await page.getByTestId('group-selection').click();
      const group = frame(page, 'group-1');
      await group.waitFor();
      const framed = (await group.boundingBox())!;
      for (const id of ['ema-fast', 'ema-slow']) {
        const inner = await moduleBox(page, id);
        expect(inner.x).toBeGreaterThan(framed.x);
        expect(inner.y).toBeGreaterThan(framed.y);
        expect(inner.x + inner.width).toBeLessThan(framed.x + framed.width);
        expect(inner.y + inner.height).toBeLessThan(framed.y + framed.height);
      }
      // The frame does not take clicks inside it: a module in it is still selected by a click.
      await header(page, 'rsi').click();
      await header(page, 'ema-slow').click();
      await expect
        .poll(() => page.locator('.react-flow__node.selected [data-testid="module-ema-slow"]').count())
        .toBe(1);
      await expect.poll(() => page.getByTestId('subpatch-make').textContent()).toContain('1 selected');

      // Renamed in its title bar (Enter sends it).
      await group.getByTestId('group-title').fill('Trend');
      await group.getByTestId('group-title').press('Enter');
      await settle(page);

      // Moved by its grip to the free space under the orders: the EMAs come along, the RSI
      // (outside) stays.
      const fastBefore = await moduleBox(page, 'ema-fast');
      const rsiBefore = await moduleBox(page, 'rsi');
      const grip = (await group.getByTestId('group-grip').boundingBox())!;
      await dragBy(page, { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 }, 300, 170);
      await expect
        .poll(async () => (await moduleBox(page, 'ema-fast')).x)
        .toBeGreaterThan(fastBefore.x + 250);
      await settle(page);
      const fastAfter = await moduleBox(page, 'ema-fast');
      const groupAfter = (await group.boundingBox())!;
      expect(fastAfter.x - fastBefore.x).toBeCloseTo(groupAfter.x - framed.x, 0);
      expect(fastAfter.y - fastBefore.y).toBeCloseTo(groupAfter.y - framed.y, 0);
      expect(await moduleBox(page, 'rsi')).toEqual(rsiBefore);

      // One undo step takes the frame and its modules back; redo moves them again.
      await page.getByTestId('undo-button').click();
      await expect.poll(async () => (await moduleBox(page, 'ema-fast')).x).toBeCloseTo(fastBefore.x, 0);
      expect((await group.boundingBox())!.x).toBeCloseTo(framed.x, 0);
      await page.getByTestId('redo-button').click();
      await expect.poll(async () => (await moduleBox(page, 'ema-fast')).x).toBeCloseTo(fastAfter.x, 0);
      await settle(page);

      // Resized by its corner.
      const corner = (await group.getByTestId('group-resize').boundingBox())!;
      await dragBy(page, { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 }, 80, 50);
      await expect
        .poll(async () => (await group.boundingBox())!.width)
        .toBeGreaterThan(groupAfter.width + 60);
      await settle(page);

      // Drawn with nothing selected (at the centre). Group-1 deleted: the modules stay.
      await page.keyboard.press('Escape');
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      const modules = await page.locator('[data-testid^="module-"]').count();
      await page.getByTestId('group-button').click();
      const drawn = frame(page, 'group-2');
      await drawn.waitFor();
      // It lands under modules (frames are drawn beneath them); undo takes it away.
      await page.getByTestId('undo-button').click();
      await expect.poll(() => drawn.count()).toBe(0);
      await group.getByTestId('group-delete').click();
      await expect.poll(() => group.count()).toBe(0);
      expect(await page.locator('[data-testid^="module-"]').count()).toBe(modules);
      await page.getByTestId('undo-button').click();
      await group.waitFor();
      await settle(page);

      await page.getByTestId('save-button').click();
      await page.getByTestId('dialog-input').fill('groups');
      await page.getByTestId('dialog-confirm').click();
      const store = new PatchStore(editor.storeDir);
      await expect.poll(async () => (await store.versions('ema-cross-rsi')).length).toBe(2);
      const saved = await store.get('ema-cross-rsi');
      expect(saved.view?.groups?.map((g) => [g.id, g.title])).toEqual([['group-1', 'Trend']]);
      const savedGroup = saved.view!.groups![0];
      const fast = saved.modules.find((m) => m.id === 'ema-fast')!;
      // Inside the frame as saved, in flow coordinates.
      expect(fast.position.x).toBeGreaterThan(savedGroup.position.x);
      expect(fast.position.x).toBeLessThan(savedGroup.position.x + savedGroup.size.width);
      // The shipped file has ema-fast at (260, 0); the move went right and down.
      expect(fast.position.x).toBeGreaterThan(260);
      expect(fast.position.y).toBeGreaterThan(0);

      await page.reload();
      await open(page, editor.url, 'ema-cross-rsi');
      const reloaded = frame(page, 'group-1');
      await reloaded.waitFor();
      expect(await reloaded.getByTestId('group-title').inputValue()).toBe('Trend');
      // Zoomed in on the frame, so the screenshot can be read.
      const shown = (await reloaded.boundingBox())!;
      await page.mouse.move(shown.x + shown.width / 2, shown.y + shown.height / 2);
      for (let step = 0; step < 4; step++) await page.mouse.wheel(0, -200);
      await settle(page);
      await page.screenshot({ path: join(screenshotDir, 'canvas-groups-reloaded.png') });
      await page.close();
    },
    stepTimeoutMs,
  );
});

// Issue 13, "Around the canvas": comments (text notes) on the canvas are added from the toolbar
// or a right-click, edited, moved and deleted; saved in the patch's view, they come back on a
// reload and diff ignores them. Screenshots go to artifacts/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';
import { settle } from './support/editor-page';
import { isEmptyDiff } from '../modules/patch/diff';
import { PatchStore } from '../server/patches/patch-store';

const missing = chromiumMissing();
const screenshotDir = join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 120_000;

if (missing && process.env.CI !== 'true') console.warn(`e2e/editor-comments.test.ts skipped: ${missing}`);

async function open(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/?patch=${name}`);
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
  await page.locator('[data-testid^="module-"]').first().waitFor();
}

function commentBox(page: Page, id: string) {
  return page.getByTestId(`comment-${id}`);
}

/** A point on the bare canvas: not on a module, a comment, the minimap or the controls. */
async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const found = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let y = pane.top + 40; y < pane.bottom - 40; y += 30)
      for (let x = pane.left + 40; x < pane.right - 40; x += 30)
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    return null;
  });
  if (!found) throw new Error('no empty spot on the canvas');
  return found;
}

describe.skipIf(missing !== null)('editor: comments on the canvas', () => {
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
    'adds, edits, moves and deletes comments; saved ones come back on reload and diff ignores them',
    async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await open(page, editor.url, 'ema-cross-rsi');

      // From the toolbar, at the canvas centre; then typed into.
      await page.getByTestId('comment-button').click();
      const first = commentBox(page, 'comment-1');
      await first.waitFor();
      await first.getByTestId('comment-text').fill('fast EMA crosses slow: entry');
      await first.getByTestId('comment-text').blur();

      // From a right-click on the empty canvas, where the pointer is.
      const spot = await emptyCanvasPoint(page);
      await page.mouse.click(spot.x, spot.y, { button: 'right' });
      const second = commentBox(page, 'comment-2');
      await second.waitFor();
      await second.getByTestId('comment-text').fill('to delete');
      await second.getByTestId('comment-text').blur();
      await settle(page);

      // Moved by its header.
      const header = first.getByTestId('comment-drag');
      const before = (await header.boundingBox())!;
      await page.mouse.move(before.x + 20, before.y + 5);
      await page.mouse.down();
      await page.mouse.move(before.x + 80, before.y + 65, { steps: 5 });
      await page.mouse.up();
      await expect.poll(async () => (await header.boundingBox())!.x).toBeGreaterThan(before.x + 30);

      await second.getByTestId('comment-delete').click();
      await expect.poll(() => second.count()).toBe(0);
      await settle(page);

      await page.getByTestId('save-button').click();
      await page.getByTestId('dialog-input').fill('comments');
      await page.getByTestId('dialog-confirm').click();
      const store = new PatchStore(editor.storeDir);
      await expect.poll(async () => (await store.versions('ema-cross-rsi')).length).toBe(2);
      const saved = await store.get('ema-cross-rsi');
      expect(saved.view?.comments?.map((c) => [c.id, c.text])).toEqual([
        ['comment-1', 'fast EMA crosses slow: entry'],
      ]);

      await page.reload();
      await open(page, editor.url, 'ema-cross-rsi');
      const reloaded = commentBox(page, 'comment-1');
      await reloaded.waitFor();
      expect(await reloaded.getByTestId('comment-text').inputValue()).toBe('fast EMA crosses slow: entry');
      expect(await commentBox(page, 'comment-2').count()).toBe(0);
      await page.screenshot({ path: join(screenshotDir, 'canvas-comments-reloaded.png') });

      // Diff between the shipped version and this one shows no change: a comment is not meaning.
      expect(isEmptyDiff(await store.diff('ema-cross-rsi', 1, 2))).toBe(true);
      await page.close();
    },
    stepTimeoutMs,
  );
});

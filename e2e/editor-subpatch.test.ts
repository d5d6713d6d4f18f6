// Issue 13, subpatches in the editor: select modules and "Make subpatch", double-click to open
// it in place (breadcrumb back), edit and probe inside while the patch runs, then unmake.
// Screenshots go to PATCHDESK_SCREENS (default artifacts/screenshots/).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';
import { probeNumber, setParam, settle } from './support/editor-page';

const missing = chromiumMissing();
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 120_000;

if (missing && process.env.CI !== 'true') console.warn(`e2e/editor-subpatch.test.ts skipped: ${missing}`);

const header = (page: Page, id: string) => page.locator(`[data-testid="module-${id}"] .module-node__header`);
const moduleCount = (page: Page, id: string) => page.locator(`[data-testid="module-${id}"]`).count();

async function dropFromPalette(
  page: Page,
  query: string,
  moduleType: string,
  target: Locator,
): Promise<void> {
  await page.getByTestId('palette-search').fill(query);
  await page.getByTestId(`palette-item-${moduleType}`).dragTo(target);
}

describe.skipIf(missing !== null)('editor: subpatches', () => {
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
    'makes a subpatch from a selection, opens it in place, edits and probes inside, and unmakes it',
    async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.goto(`${editor.url}/?patch=ema-cross-rsi`);
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await header(page, 'ema-fast').waitFor();
      await settle(page);

      await header(page, 'ema-fast').click();
      // A palette drop onto the "Make subpatch" bar over the canvas still adds the module there
      // (the bar once swallowed it: e2e/editor.test.ts drops at the canvas's top-left corner).
      await page.getByTestId('subpatch-make').waitFor();
      await dropFromPalette(page, 'absolute', 'math/abs', page.getByTestId('subpatch-make').locator('span'));
      // It lands under the bar, where it was dropped; it is selected, so Delete takes it away.
      await header(page, 'abs').waitFor({ state: 'attached' });
      await page.getByTestId('palette-search').blur();
      await page.keyboard.press('Delete');
      await expect.poll(() => moduleCount(page, 'abs')).toBe(0);

      await header(page, 'ema-fast').click();
      await header(page, 'ema-slow').click({ modifiers: ['Control'] });
      await header(page, 'cross-up').click({ modifiers: ['Control'] });
      await expect.poll(() => page.getByTestId('subpatch-make').textContent()).toContain('3 selected');
      await page.getByTestId('subpatch-make').getByRole('button', { name: 'Make subpatch' }).click();
      await header(page, 'sub').waitFor();
      await settle(page);
      expect(await moduleCount(page, 'ema-fast')).toBe(0);
      // The instance shows the cables that crossed the selection as its inlets and outlets.
      const ports = await page.locator('[data-testid="module-sub"]').textContent();
      expect(ports).toContain('close');
      expect(ports).toContain('ema-slow');
      // The probes on show follow the modules inside, by path.
      await page.locator('[data-probe-row="sub/ema-fast.out"]').waitFor();
      expect(await page.locator('[data-probe-row="ema-fast.out"]').count()).toBe(0);
      // Nothing runs yet: the probe says so rather than showing a bare mark.
      expect(await page.locator('[data-probe-row="sub/ema-fast.out"]').textContent()).toContain(
        'no data yet',
      );
      await page.screenshot({ path: join(screenshotDir, 'subpatch-made.png') });

      await header(page, 'sub').dblclick();
      await page.getByTestId('subpatch-breadcrumb').waitFor();
      await header(page, 'sub/ema-fast').waitFor();
      await settle(page);
      expect(await moduleCount(page, 'cross-down')).toBe(0);
      // A module dropped inside joins the subpatch, named by path; Delete takes it out again.
      await dropFromPalette(page, 'absolute', 'math/abs', page.getByTestId('canvas'));
      await header(page, 'sub/abs').click();
      expect(await moduleCount(page, 'abs')).toBe(0);
      await page.keyboard.press('Delete');
      await expect.poll(() => moduleCount(page, 'sub/abs')).toBe(0);
      await page.getByTestId('palette-search').fill('');

      await page.getByTestId('run-start').click();
      // An edit inside goes to the subpatch's definition.
      await setParam(page, 'sub/ema-fast', 'period', 20);
      await settle(page);
      // The probe inside shows live values while the patch runs.
      expect(await probeNumber(page, 'sub/ema-fast.out', 60_000)).toBeGreaterThan(1_000);
      await page.screenshot({ path: join(screenshotDir, 'subpatch-open.png') });

      await page
        .getByTestId('subpatch-breadcrumb')
        .getByRole('button', { name: 'EMA cross with RSI filter' })
        .click();
      await header(page, 'sub').waitFor();
      await header(page, 'sub').dblclick();
      await expect.poll(() => page.getByTestId('param-sub/ema-fast.period').inputValue()).toBe('20');

      await page.getByTestId('subpatch-breadcrumb').getByRole('button', { name: 'Unmake subpatch' }).click();
      await header(page, 'ema-fast').waitFor();
      await settle(page);
      expect(await moduleCount(page, 'sub')).toBe(0);
      expect(await moduleCount(page, 'cross-up')).toBe(1);
      await expect.poll(() => page.getByTestId('param-ema-fast.period').inputValue()).toBe('20');
      expect(await probeNumber(page, 'ema-fast.out', 60_000)).toBeGreaterThan(1_000);
      await page.screenshot({ path: join(screenshotDir, 'subpatch-unmade.png') });
      await page.getByTestId('run-stop').click();
    },
    stepTimeoutMs,
  );
});

// Issue 13, item 13: "Layout routes a cable under a module". Each shipped example is opened, as
// shipped and after Layout, and every cable the browser draws is sampled along its SVG path: no
// point may lie inside a module box other than the cable's own two (the measured boxes, in
// screen pixels). Screenshot: canvas-cable-routes.png under PATCHDESK_SCREENS.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';
import { layOut, settle } from './support/editor-page';

const missing = chromiumMissing();
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 150_000;
const examples = readdirSync(join(import.meta.dirname, '..', 'patches'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .sort();

if (missing && process.env.CI !== 'true') console.warn(`e2e/editor-cable-route.test.ts skipped: ${missing}`);

/** Cables (by id) whose drawn path passes inside another module's box, with that module. */
async function cablesUnderModules(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const insetPx = 2;
    const boxes = [...document.querySelectorAll<HTMLElement>('.react-flow__node[data-id]')].map((node) => ({
      id: node.dataset.id!,
      rect: node.getBoundingClientRect(),
    }));
    const found: string[] = [];
    for (const edge of document.querySelectorAll<SVGGElement>('g.react-flow__edge[data-id]')) {
      const id = edge.dataset.id!;
      // The id is FROM.PORT>TO.PORT (editor/diff-highlight.ts cableKey).
      const [from, to] = id.split('>').map((end) => end.slice(0, end.lastIndexOf('.')));
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
      const matrix = path.getScreenCTM()!;
      const length = path.getTotalLength();
      const hit = new Set<string>();
      for (let at = 0; at <= length; at += 2) {
        const local = path.getPointAtLength(at);
        const x = matrix.a * local.x + matrix.c * local.y + matrix.e;
        const y = matrix.b * local.x + matrix.d * local.y + matrix.f;
        for (const { id: moduleId, rect } of boxes)
          if (
            moduleId !== from &&
            moduleId !== to &&
            x > rect.left + insetPx &&
            x < rect.right - insetPx &&
            y > rect.top + insetPx &&
            y < rect.bottom - insetPx
          )
            hit.add(moduleId);
      }
      for (const moduleId of hit) found.push(`${id} under ${moduleId}`);
    }
    return found;
  });
}

describe.skipIf(missing !== null)('editor: no cable under a module', () => {
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
    'in every shipped example, as shipped and after Layout',
    async () => {
      expect(examples.length).toBeGreaterThanOrEqual(3);
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1600, height: 1000 });
      for (const name of examples) {
        await page.goto(`${editor.url}/?patch=${name}`);
        await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
        await page.locator('g.react-flow__edge').first().waitFor();
        await settle(page);
        expect(await page.locator('g.react-flow__edge').count()).toBeGreaterThan(5);
        expect({ name, shipped: await cablesUnderModules(page) }).toEqual({ name, shipped: [] });
        await layOut(page);
        expect({ name, laidOut: await cablesUnderModules(page) }).toEqual({ name, laidOut: [] });
        if (name === 'atr-breakout')
          await page.screenshot({ path: join(screenshotDir, 'canvas-cable-routes.png') });
      }
      await page.close();
    },
    stepTimeoutMs,
  );
});

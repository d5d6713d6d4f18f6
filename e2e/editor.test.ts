// The editor end to end: a real server with the demo running, the built client, and Debian's
// Chromium. One quant session, step by step; each step builds on the previous one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defaultDemoPatch } from '../server/main/options';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';
import {
  addFromPalette,
  cableCount,
  dragCable,
  moduleIdOfType,
  moduleIds,
  probeNumber,
  probeText,
  setParam,
  settle,
} from './support/editor-page';

const missing = chromiumMissing();
const inCi = process.env.CI === 'true';
const screenshotDir = join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 90_000;

if (missing && !inCi) console.warn(`e2e/editor.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('editor end to end (CI)', () => {
  it('has Chromium to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('editor end to end', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;
  const ids = { bars: '', ema: '', add: '', constant: '' };
  const versions: number[] = [];

  const screenshot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  const connected = () => page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    editor = await startEditorServer({ demo: defaultDemoPatch });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterEach(async (context) => {
    // What the page looked like when a step failed, to see why.
    if (context.task.result?.state === 'fail')
      await screenshot(`failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
  }, 60_000);

  it(
    'opens the demo with its modules and live, changing probe values',
    async () => {
      await page.goto(editor.url);
      await connected();
      await expect.poll(() => page.getByTestId('patch-select').inputValue()).toBe(defaultDemoPatch);
      await page.locator('[data-testid^="module-"]').first().waitFor();
      expect((await moduleIds(page)).length).toBeGreaterThan(2);
      await page.locator('[data-testid="run-state"][data-state="running"]').waitFor({ timeout: 20_000 });
      // The demo opens with probes on; one of them changes while we watch.
      const probe = page.locator('[data-probe]').first();
      await probe.waitFor();
      const key = (await probe.getAttribute('data-probe'))!;
      const first = await probeNumber(page, key);
      await expect.poll(() => probeText(page, key), { timeout: 20_000 }).not.toBe(String(first));
      // The run bar shows the live clock's lateness (p50/p99/max) and skipped ticks.
      const lateness = page.getByTestId('run-lateness');
      await lateness.waitFor({ timeout: 10_000 });
      // figures and text from one render (the status is refreshed every second)
      const shown = await lateness.evaluate((element) => ({
        p50: Number(element.getAttribute('data-p50')),
        p99: Number(element.getAttribute('data-p99')),
        max: Number(element.getAttribute('data-max')),
        text: element.textContent,
      }));
      const { p50, p99, max } = shown;
      for (const value of [p50, p99, max]) expect(Number.isFinite(value) && value >= 0).toBe(true);
      expect(p50).toBeLessThanOrEqual(p99);
      expect(p99).toBeLessThanOrEqual(max);
      expect(shown.text).toBe(` · late ${p50.toFixed(1)}/${p99.toFixed(1)}/${max.toFixed(1)} ms`);
      const skipped = Number(await page.getByTestId('run-skipped').getAttribute('data-count'));
      expect(Number.isInteger(skipped) && skipped >= 0).toBe(true);
      await page.waitForTimeout(1500);
      await screenshot('editor-demo');
    },
    stepTimeoutMs,
  );

  it(
    'adds an EMA from the palette, wires it, probes it and shows numbers',
    async () => {
      ids.bars = await moduleIdOfType(page, 'sources/bars');
      ids.ema = await addFromPalette(page, 'ema', 'indicators/ema');
      ids.add = await addFromPalette(page, 'add', 'math/add');
      const cablesBefore = await cableCount(page);
      await dragCable(page, `${ids.ema}.out`, `${ids.add}.a`);
      await expect.poll(() => cableCount(page)).toBe(cablesBefore + 1);
      await page.getByTestId(`probe-toggle-${ids.ema}.out`).click();
      await page.getByTestId(`probe-toggle-${ids.add}.out`).click();
      expect(await probeText(page, `${ids.ema}.out`)).not.toBe('');
    },
    stepTimeoutMs,
  );

  it(
    'refuses a cable that closes a cycle, says why, and leaves the patch unchanged',
    async () => {
      const cablesBefore = await cableCount(page);
      await dragCable(page, `${ids.add}.out`, `${ids.ema}.in`);
      const toast = page.locator('[data-testid="toast"][data-kind="error"]').filter({ hasText: 'cycle' });
      await toast.waitFor();
      expect(await toast.textContent()).toContain(`${ids.ema} -> ${ids.add}`);
      await screenshot('editor-cycle-refused');
      expect(await cableCount(page)).toBe(cablesBefore);
      // Now feed the EMA from the price: its probe shows numbers.
      await dragCable(page, `${ids.bars}.close`, `${ids.ema}.in`);
      await expect.poll(() => cableCount(page)).toBe(cablesBefore + 1);
      expect(Number.isFinite(await probeNumber(page, `${ids.ema}.out`, 30_000))).toBe(true);
    },
    stepTimeoutMs,
  );

  it(
    'a param change reaches the running patch and moves the probe',
    async () => {
      ids.constant = await addFromPalette(page, 'constant', 'sources/constant');
      const cablesBefore = await cableCount(page);
      await dragCable(page, `${ids.constant}.out`, `${ids.add}.b`);
      await expect.poll(() => cableCount(page)).toBe(cablesBefore + 1);
      await page.getByTestId(`probe-toggle-${ids.constant}.out`).click();
      expect(await probeNumber(page, `${ids.constant}.out`)).toBe(0);
      await setParam(page, ids.constant, 'value', 1000);
      await expect.poll(() => probeText(page, `${ids.constant}.out`), { timeout: 10_000 }).toBe('1000');
      // add = ema + constant: read both from one render and compare.
      await expect
        .poll(
          () =>
            page.evaluate(
              ([sum, ema]) =>
                Number(document.querySelector(`[data-probe="${sum}"]`)?.textContent) -
                Number(document.querySelector(`[data-probe="${ema}"]`)?.textContent),
              [`${ids.add}.out`, `${ids.ema}.out`],
            ),
          { timeout: 20_000 },
        )
        .toBeCloseTo(1000, 0);
      await page.waitForTimeout(1000);
      await screenshot('editor-wired');
    },
    stepTimeoutMs,
  );

  it(
    'drags a module from the palette, copies, pastes, multi-selects, deletes and undoes',
    async () => {
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      await page.getByTestId('palette-search').fill('absolute');
      await page
        .getByTestId('palette-item-math/abs')
        .dragTo(page.getByTestId('canvas'), { targetPosition: { x: 40, y: 40 } });
      const header = (id: string) => page.locator(`[data-testid="module-${id}"] .module-node__header`);
      await header('abs').waitFor();
      expect(canvas.width).toBeGreaterThan(0);

      await header('abs').click();
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await header('abs2').waitFor();
      // The pasted copy is selected; Ctrl+click adds the original, then both are deleted together.
      await header('abs').click({ modifiers: ['Control'], position: { x: 8, y: 8 } });
      await expect.poll(() => page.locator('.module-node--selected').count()).toBe(2);
      await page.keyboard.press('Delete');
      await expect
        .poll(() => page.locator('[data-testid="module-abs"], [data-testid="module-abs2"]').count())
        .toBe(0);
      await page.keyboard.press('Control+z');
      await expect
        .poll(() => page.locator('[data-testid="module-abs"], [data-testid="module-abs2"]').count())
        .toBe(2);
      await page.keyboard.press('Control+Shift+z');
      await expect
        .poll(() => page.locator('[data-testid="module-abs"], [data-testid="module-abs2"]').count())
        .toBe(0);
    },
    stepTimeoutMs,
  );

  it(
    'saves, changes, saves again, diffs the two versions and restores the first',
    async () => {
      const save = async (message: string): Promise<void> => {
        await page.getByTestId('save-button').click();
        await page.getByTestId('dialog-input').fill(message);
        await page.getByTestId('dialog-confirm').click();
        await page.locator('[data-testid="patch-status"][data-dirty="false"]').waitFor();
        const status = await page.getByTestId('patch-status').textContent();
        versions.push(Number(/saved v(\d+)/.exec(status ?? '')?.[1]));
      };
      await setParam(page, ids.constant, 'value', 42);
      await expect.poll(() => probeText(page, `${ids.constant}.out`)).toBe('42');
      await save('constant at 42');
      await setParam(page, ids.constant, 'value', 7);
      await expect.poll(() => probeText(page, `${ids.constant}.out`)).toBe('7');
      await save('constant at 7');
      expect(versions[1]).toBeGreaterThan(versions[0]);

      await page.getByTestId('tab-versions').click();
      await page.getByTestId(`version-${versions[1]}`).waitFor();
      await page.getByTestId('diff-from').selectOption(String(versions[0]));
      await page.getByTestId('diff-to').selectOption(String(versions[1]));
      await page.getByTestId('diff-show').click();
      const diff = page.getByTestId('diff-view');
      await expect.poll(() => diff.textContent()).toContain(`${ids.constant}.value: 42 → 7`);
      await expect
        .poll(() => page.getByTestId(`module-${ids.constant}`).getAttribute('data-change'))
        .toBe('changed');
      await screenshot('editor-diff');

      await page.getByTestId(`version-restore-${versions[0]}`).click();
      await expect.poll(() => page.getByTestId(`param-${ids.constant}.value`).inputValue()).toBe('42');
      await expect.poll(() => probeText(page, `${ids.constant}.out`), { timeout: 10_000 }).toBe('42');
    },
    stepTimeoutMs,
  );

  it(
    'undoes and redoes with the keyboard',
    async () => {
      const value = () => page.getByTestId(`param-${ids.constant}.value`).inputValue();
      await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+z');
      await expect.poll(value).toBe('7');
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(value).toBe('42');
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await expect.poll(value).toBe('42');
      await page.keyboard.press('Control+Shift+z');
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(value).toBe('42');
      await expect.poll(() => probeText(page, `${ids.constant}.out`), { timeout: 10_000 }).toBe('42');
    },
    stepTimeoutMs,
  );

  it(
    'keeps two browsers on one patch in step',
    async () => {
      const other = await browser.context.newPage();
      try {
        await other.goto(`${editor.url}/?patch=${defaultDemoPatch}`);
        await other.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
        await other.getByTestId(`module-${ids.ema}`).waitFor();
        // An edit in the other browser shows here, and one made here shows there.
        await setParam(other, ids.ema, 'period', 12);
        await expect.poll(() => page.getByTestId(`param-${ids.ema}.period`).inputValue()).toBe('12');
        await setParam(page, ids.ema, 'period', 30);
        await expect.poll(() => other.getByTestId(`param-${ids.ema}.period`).inputValue()).toBe('30');
      } finally {
        await other.close();
      }
    },
    stepTimeoutMs,
  );

  it(
    'keeps edits made while the server is down and sends them when it is back',
    async () => {
      const field = page.getByTestId(`param-${ids.constant}.value`);
      await editor.restart({
        whileDown: async () => {
          await page.locator('[data-testid="connection-state"]:not([data-state="connected"])').waitFor();
          await setParam(page, ids.constant, 'value', 99);
          await expect
            .poll(() => page.getByTestId('connection-state').textContent())
            .toContain('1 edits queued');
          await screenshot('editor-offline');
        },
      });
      await connected();
      await expect.poll(() => page.getByTestId('connection-state').textContent()).not.toContain('queued');
      expect(await field.inputValue()).toBe('99');
      // The restarted server runs the demo again; probes were resubscribed and show the edit.
      await expect.poll(() => probeText(page, `${ids.constant}.out`), { timeout: 20_000 }).toBe('99');
    },
    stepTimeoutMs,
  );

  it(
    'finds the patch as it was left after a reload',
    async () => {
      const before = (await moduleIds(page)).sort();
      await page.reload();
      await connected();
      await expect.poll(() => page.getByTestId('patch-select').inputValue()).toBe(defaultDemoPatch);
      await expect.poll(async () => (await moduleIds(page)).sort()).toEqual(before);
      expect(await page.getByTestId(`param-${ids.constant}.value`).inputValue()).toBe('99');
      await page.getByTestId('tab-versions').click();
      for (const version of versions) await page.getByTestId(`version-${version}`).waitFor();
      // The log panel shows the server's records, run start included.
      await page.getByTestId('tab-logs').click();
      await page.locator('.logs__record').filter({ hasText: 'run started' }).first().waitFor();
      await screenshot('editor-logs');
      await page.keyboard.press('?');
      await page.getByTestId('help-overlay').waitFor();
      await screenshot('editor-help');
      await page.keyboard.press('Escape');
      await page.getByTestId('help-overlay').waitFor({ state: 'detached' });
    },
    stepTimeoutMs,
  );

  it(
    'zoomed far out, draws the patch as an overview, and is whole again at reading distance',
    async () => {
      const modules = (await moduleIds(page)).length;
      const cables = await cableCount(page);
      const overview = page.getByTestId('canvas-overview');
      for (let click = 0; click < 30 && (await overview.count()) === 0; click += 1) {
        await page.locator('.react-flow__controls-zoomout').click();
        await page.waitForTimeout(100);
      }
      await overview.waitFor();
      // One box per module and one curve per cable; React Flow's own layers are skipped meanwhile.
      const drawn = await overview.evaluate((svg) => {
        const subpaths = (selector: string) =>
          [...svg.querySelectorAll(selector)]
            .map((path) => (path.getAttribute('d') ?? '').split('M').length - 1)
            .reduce((sum, count) => sum + count, 0);
        const layer = document.querySelector('.react-flow__nodes');
        return {
          boxes: subpaths('.canvas-overview__body'),
          cables: subpaths('.canvas-overview__cable'),
          nodesLayer: layer ? getComputedStyle(layer).contentVisibility : 'missing',
        };
      });
      expect(drawn).toEqual({ boxes: modules, cables, nodesLayer: 'hidden' });
      await screenshot('editor-overview');

      await page.keyboard.press('f');
      await overview.waitFor({ state: 'detached' });
      await settle(page);
      // Nothing was measured again on the way back: every cable still finds its ports.
      expect(await cableCount(page)).toBe(cables);
      const key = `${ids.constant}.out`;
      await setParam(page, ids.constant, 'value', 5);
      await expect.poll(() => probeText(page, key), { timeout: 10_000 }).toBe('5');
      // And modules take clicks again.
      await page.locator(`[data-testid="module-${ids.constant}"] .module-node__header`).click();
      await page.locator(`[data-testid="module-${ids.constant}"].module-node--selected`).waitFor();
    },
    stepTimeoutMs,
  );

  it(
    'creates and renames a patch',
    async () => {
      await page.getByTestId('patch-new').click();
      await page.getByTestId('dialog-input').fill('scratch');
      await page.getByTestId('dialog-confirm').click();
      await expect.poll(() => page.getByTestId('patch-select').inputValue()).toBe('scratch');
      expect(await moduleIds(page)).toEqual([]);
      await page.getByTestId('patch-rename').click();
      await page.getByTestId('dialog-input').fill('scratch-renamed');
      await page.getByTestId('dialog-confirm').click();
      await expect.poll(() => page.getByTestId('patch-select').inputValue()).toBe('scratch-renamed');
      expect(new URL(page.url()).searchParams.get('patch')).toBe('scratch-renamed');
      const options = () => page.getByTestId('patch-select').locator('option').allTextContents();
      await expect.poll(options).not.toContain('scratch');
      expect(await options()).toContain(defaultDemoPatch);
    },
    stepTimeoutMs,
  );
});

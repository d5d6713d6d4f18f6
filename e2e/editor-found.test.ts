// The editor's second pass (issue 13, "found when tried"): each problem a quant ran into, shown
// in a real browser against a real server. One session over the shipped examples; each step
// names the item it checks and leaves a screenshot in artifacts/screenshots/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';
import { setParam, settle } from './support/editor-page';
import { PatchStore } from '../server/patches/patch-store';

const missing = chromiumMissing();
const screenshotDir = join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const stepTimeoutMs = 90_000;

if (missing && process.env.CI !== 'true') console.warn(`e2e/editor-found.test.ts skipped: ${missing}`);

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe.skipIf(missing !== null)('editor, found when tried', () => {
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;

  const screenshot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  const open = async (name: string): Promise<void> => {
    await page.goto(`${editor.url}/?patch=${name}`);
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
  };
  const toast = (text: string) => page.locator('[data-testid="toast"]').filter({ hasText: text });

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    editor = await startEditorServer({ demo: null });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await screenshot(`failed-found-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
  }, 60_000);

  it(
    'item 9 and 16: every example opens with no module over another, and with its first version',
    async () => {
      for (const name of ['atr-breakout', 'ema-cross-rsi', 'bollinger-mean-reversion']) {
        await open(name);
        await page.locator('[data-testid^="module-"]').first().waitFor();
        await settle(page);
        const boxes: Box[] = await page.$$eval('[data-testid^="module-"]', (nodes) =>
          nodes.map((node) => {
            const rect = node.getBoundingClientRect();
            return {
              id: node.getAttribute('data-testid')!,
              x: rect.x,
              y: rect.y,
              width: rect.width,
              height: rect.height,
            };
          }),
        );
        const overlapping = boxes.flatMap((a, i) =>
          boxes
            .slice(i + 1)
            .filter((b) => overlaps(a, b))
            .map((b) => `${a.id} over ${b.id}`),
        );
        expect({ name, overlapping }).toEqual({ name, overlapping: [] });
        await page.getByTestId('tab-versions').click();
        await page.getByTestId('version-1').waitFor();
        expect(await page.getByTestId('patch-status').textContent()).not.toContain('never saved');
      }
      await open('atr-breakout');
      await settle(page);
      await screenshot('found-atr-breakout-versions');
    },
    stepTimeoutMs,
  );

  it(
    'item 7: saving an unchanged patch says "nothing to save" and makes no version',
    async () => {
      await page.getByTestId('save-button').click();
      await page.getByTestId('dialog-input').fill('no change');
      await page.getByTestId('dialog-confirm').click();
      await toast('Nothing to save').waitFor();
      expect(await toast('Nothing to save').textContent()).toContain('is the same as version 1');
      await page.getByTestId('dialog').waitFor({ state: 'detached' });
      await screenshot('found-nothing-to-save');
      await page.getByTestId('tab-versions').click();
      await page.getByTestId('version-1').waitFor();
      expect(await page.locator('.versions__item').count()).toBe(1);
    },
    stepTimeoutMs,
  );

  it(
    'item 2: a cable between incompatible types says why while dragging and when dropped',
    async () => {
      const source = page.locator('.react-flow__handle.source[data-nodeid="bars"][data-handleid="bar"]');
      const target = page.locator('.react-flow__handle.target[data-nodeid="upper"][data-handleid="b"]');
      const from = (await source.boundingBox())!;
      const to = (await target.boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      const hint = page.getByTestId('cable-hint');
      await hint.waitFor();
      expect(await hint.textContent()).toContain('bar cannot feed number');
      // The ports the cable cannot join are dimmed meanwhile.
      expect(Number(await target.evaluate((element) => getComputedStyle(element).opacity))).toBeLessThan(0.5);
      await screenshot('found-cable-hint');
      const cables = await page.locator('.react-flow__edge').count();
      await page.mouse.up();
      const refused = toast('Cable refused');
      await refused.waitFor();
      expect(await refused.textContent()).toBe('Cable refused: bar cannot feed number (bars.bar to upper.b)');
      expect(await refused.getAttribute('class')).toContain('toast--anchored');
      expect(await page.locator('.react-flow__edge').count()).toBe(cables);
      await screenshot('found-cable-refused');
    },
    stepTimeoutMs,
  );

  it(
    'item 8: an out-of-range param is not sent, and the field says why',
    async () => {
      const field = page.getByTestId('param-ema.period');
      const before = await field.inputValue();
      await setParam(page, 'ema', 'period', 1);
      const problem = page.getByTestId('param-ema.period-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toBe(`period 1 is outside [2, 10000]; kept ${before}`);
      expect(await field.inputValue()).toBe(before);
      await screenshot('found-param-out-of-range');
    },
    stepTimeoutMs,
  );

  it(
    'item 12: a live value sits after its output name, at the output side, not between the labels',
    async () => {
      const badge = (await page.locator('[data-probe="ema.out"]').boundingBox())!;
      const name = (await page.getByTestId('probe-toggle-ema.out').boundingBox())!;
      const input = (await page
        .locator('[data-testid="module-ema"] .port--in .port__name')
        .first()
        .boundingBox())!;
      expect(badge.x).toBeGreaterThan(name.x + name.width - 1);
      expect(badge.x).toBeGreaterThan(input.x + input.width);
    },
    stepTimeoutMs,
  );

  it(
    'item 4: a save refused because another client saved meanwhile opens a merge, settled by a click',
    async () => {
      // Another writer (the CLI, a second server) saves version 2: ATR 21 and EMA 30.
      const store = new PatchStore(editor.storeDir);
      const theirs = await store.get('atr-breakout');
      for (const module of theirs.modules) {
        if (module.id === 'atr') module.params.period = 21;
        if (module.id === 'ema') module.params.period = 30;
      }
      await store.save('atr-breakout', theirs, { message: 'their tuning', baseVersion: 1 });
      // Here, on version 1, we set EMA 25 and the ATR multiple 3, and save.
      await setParam(page, 'ema', 'period', 25);
      await setParam(page, 'atr-multiple', 'value', 3);
      await expect.poll(() => page.getByTestId('patch-status').getAttribute('data-dirty')).toBe('true');
      await page.getByTestId('save-button').click();
      await page.getByTestId('dialog-input').fill('our ema');
      await page.getByTestId('dialog-confirm').click();
      const view = page.getByTestId('merge-view');
      await view.waitFor();
      expect(await page.getByTestId('merge-summary').textContent()).toContain('1 conflict');
      const conflict = page.locator('[data-testid^="merge-conflict-"]');
      expect(await conflict.count()).toBe(1);
      expect(await conflict.textContent()).toContain('both sides changed param ema.period');
      const id = (await conflict.getAttribute('data-testid'))!.slice('merge-conflict-'.length);
      expect(await page.getByTestId(`merge-result-${id}`).textContent()).toBe('25');
      // The canvas outlines what the merge changes in our copy: their ATR period.
      await expect.poll(() => page.getByTestId('module-atr').getAttribute('data-change')).toBe('changed');
      await page.getByTestId(`merge-take-theirs-${id}`).click();
      expect(await page.getByTestId(`merge-result-${id}`).textContent()).toBe('30');
      await screenshot('found-merge-view');
      await page.getByTestId('merge-save').click();
      await toast('Saved version 3').waitFor();
      await view.waitFor({ state: 'detached' });
      expect(await page.getByTestId('param-ema.period').inputValue()).toBe('30');
      expect(await page.getByTestId('param-atr.period').inputValue()).toBe('21');
      expect(await page.getByTestId('param-atr-multiple.value').inputValue()).toBe('3');
      const saved = await store.get('atr-breakout', 3);
      const param = (id: string, name: string) =>
        saved.modules.find((module) => module.id === id)?.params[name];
      expect([param('ema', 'period'), param('atr', 'period'), param('atr-multiple', 'value')]).toEqual([
        30, 21, 3,
      ]);
      expect(await page.getByTestId('patch-status').getAttribute('data-dirty')).toBe('false');
      expect((await store.versions('atr-breakout')).map((version) => version.message)).toEqual([
        'example as shipped',
        'their tuning',
        'our ema',
      ]);
    },
    stepTimeoutMs,
  );

  it(
    'item 6: a patch with an unknown module type lists the module and its cables and cannot run',
    async () => {
      const patch = JSON.parse(readFileSync(join(editor.storeDir, 'atr-breakout.json'), 'utf8')) as {
        name: string;
        modules: { id: string; type: string }[];
        cables: { from: { module: string; port: string }; to: { module: string; port: string } }[];
      };
      patch.name = 'unknown type';
      patch.modules.find((module) => module.id === 'atr')!.type = 'indicators/atr-v9';
      writeFileSync(join(editor.storeDir, 'unknown-type.json'), JSON.stringify(patch));
      await open('unknown-type');
      const problems = page.getByTestId('patch-problems');
      await problems.waitFor();
      const lines = await page.getByTestId('patch-problem').allTextContents();
      const dropped = patch.cables.filter(
        (cable) => cable.from.module === 'atr' || cable.to.module === 'atr',
      );
      expect(dropped.length).toBeGreaterThanOrEqual(2);
      expect(lines).toEqual([
        'module atr: unknown type "indicators/atr-v9" (not in this server\'s catalog)',
        ...dropped.map(
          ({ from, to }) =>
            `cable ${from.module}.${from.port} → ${to.module}.${to.port}: not drawn, module atr has an unknown type`,
        ),
      ]);
      const run = page.getByTestId('run-start');
      expect(await run.isDisabled()).toBe(true);
      expect(await run.getAttribute('title')).toBe(
        `Cannot run: ${dropped.length + 1} problems in the patch (listed on the canvas)`,
      );
      await settle(page);
      await screenshot('found-unknown-module-type');
    },
    stepTimeoutMs,
  );

  it(
    'item 5: hub errors say what a person needs, with no protocol text and no server path',
    async () => {
      await open('no-such-patch');
      const missingPatch = toast('Could not open patch');
      await missingPatch.waitFor();
      expect(await missingPatch.textContent()).toBe(
        'Could not open patch "no-such-patch": patch "no-such-patch" does not exist',
      );
      writeFileSync(join(editor.storeDir, 'unreadable.json'), '{ "schemaVersion": 1, "name": ');
      await open('unreadable');
      const unreadable = toast('Could not open patch "unreadable"');
      await unreadable.waitFor();
      const text = (await unreadable.textContent()) ?? '';
      expect(text).not.toContain('HubException');
      expect(text).not.toContain('unexpected error');
      expect(text).not.toContain(editor.storeDir);
      await screenshot('found-hub-error');
    },
    stepTimeoutMs,
  );

  it(
    'item 11: a bool reads the same on the node and in the probe list',
    async () => {
      await open('ema-cross-rsi');
      await page.getByTestId('module-long').waitFor();
      await page.getByTestId('tab-probes').click();
      await page.getByTestId('probe-toggle-long.out').click();
      await page.getByTestId('run-start').click();
      await page.locator('[data-testid="run-state"][data-state="running"]').waitFor({ timeout: 20_000 });
      const onNode = page.locator('[data-probe="long.out"]');
      await expect.poll(() => onNode.textContent(), { timeout: 20_000 }).toMatch(/^(true|false)$/);
      const inList = page.locator('[data-probe-row="long.out"] .probe-badge');
      await expect
        .poll(async () => [await onNode.textContent(), await inList.textContent()])
        .toSatisfy(([node, list]: (string | null)[]) => node === list && /^(true|false)$/.test(list ?? ''));
      await screenshot('found-bool-formatting');
      // Item 15: at 1600 px the toolbar shows the run figures whole (it wraps rather than cuts).
      const stats = page.getByTestId('run-stats');
      await stats.waitFor();
      const cut = await page.evaluate(
        () =>
          [...document.querySelectorAll('.toolbar, .toolbar *')].filter(
            (element) =>
              element.scrollWidth > element.clientWidth + 1 &&
              getComputedStyle(element).overflow !== 'visible',
          ).length,
      );
      expect(cut).toBe(0);
      const toolbar = (await page.locator('.toolbar').boundingBox())!;
      const figures = (await stats.boundingBox())!;
      expect(figures.x + figures.width).toBeLessThanOrEqual(toolbar.x + toolbar.width);
      await page.getByTestId('run-stop').click();
    },
    stepTimeoutMs,
  );

  it(
    'an empty canvas says how to start, and the hint leaves once a module is added',
    async () => {
      await page.getByTestId('patch-new').click();
      await page.getByTestId('dialog-input').fill('blank');
      await page.getByTestId('dialog-confirm').click();
      const hint = page.getByTestId('canvas-empty');
      await hint.waitFor();
      expect(await hint.textContent()).toContain('palette search');
      await screenshot('found-empty-canvas');
      const search = page.getByTestId('palette-search');
      await search.fill('ema');
      await page.getByTestId('palette-item-indicators/ema').waitFor();
      await search.press('Enter');
      await hint.waitFor({ state: 'detached' });
    },
    stepTimeoutMs,
  );

  it(
    'a legend names the port types, which differ by handle shape as well as colour',
    async () => {
      await open('ema-cross-rsi');
      await page.getByTestId('module-bars').waitFor();
      const legend = page.getByTestId('port-legend');
      expect(await legend.locator('li').allTextContents()).toEqual([
        'number',
        'bool',
        'bar (OHLCV)',
        'order intent',
      ]);
      const shape = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((element) => {
            const style = getComputedStyle(element);
            return `${style.borderRadius} ${style.clipPath}`;
          });
      const number = await shape('.react-flow__handle.handle--number');
      const bool = await shape('.react-flow__handle.handle--bool');
      const bar = await shape('.react-flow__handle.handle--bar');
      expect(new Set([number, bool, bar]).size).toBe(3);
      await settle(page);
      await screenshot('found-port-legend');
    },
    stepTimeoutMs,
  );

  it(
    'the Module tab explains the selected module from the catalog: description, ports, params and an example',
    async () => {
      await page.locator('[data-testid="module-rsi"] .module-node__header').click();
      await page.getByTestId('tab-module').click();
      const help = page.getByTestId('module-help');
      await help.waitFor();
      expect(await help.locator('h3').textContent()).toContain('indicators/rsi');
      expect(await page.getByTestId('module-help-inputs-in').textContent()).toContain('number');
      expect(await page.getByTestId('module-help-param-period').textContent()).toMatch(
        /int, \d+ to \d+, default 14/,
      );
      // An example wiring from the catalog: what feeds it and what reads it.
      const example = await page.getByTestId('module-help-example').textContent();
      expect(example).toContain('bars.close → rsi.in');
      expect(example).toContain('rsi.out → cross-over.a');
      expect(example).toContain('period 14');
      await screenshot('found-module-help');
    },
    stepTimeoutMs,
  );
});

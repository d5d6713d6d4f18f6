// The editor with a large patch, in headless Chromium: time to open a 1,000-module patch and
// the frame rate while panning it with 100 probes updating at 10 Hz, each against an empty
// canvas measured in the same run. Needs Debian's Chromium; reports nothing without it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Patch } from '../modules/patch/types';
import { makeTestStore } from '../server/main/test-server';
import { chromiumMissing, launchChromium } from '../e2e/support/chromium';
import { startEditorServer } from '../e2e/support/editor-server';
import type { Bench, BenchResult } from './types';

const largePatchName = 'bench-large';
const emptyPatchName = 'bench-empty';
const modulesCount = 1000;
const chainLength = 9;
const probesCount = Number(process.env.BENCH_PROBES ?? 100);
const panDurationMs = 4000;
const openTimeoutMs = 60_000;
const openAttempts = 3;

/** One price source feeding chains of EMAs: 1 + 111 x 9 = 1,000 modules, every one stepping each tick. */
function largePatch(): Patch {
  const modules: Patch['modules'] = [
    { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
  ];
  const cables: Patch['cables'] = [];
  const chains = (modulesCount - 1) / chainLength;
  for (let chain = 0; chain < chains; chain += 1) {
    let upstream = { module: 'bars', port: 'close' };
    for (let step = 0; step < chainLength; step += 1) {
      const id = `ema_${chain}_${step}`;
      modules.push({
        id,
        type: 'indicators/ema',
        params: { period: 2 + step },
        position: { x: 300 + step * 260, y: (chain - chains / 2) * 150 },
      });
      cables.push({ from: upstream, to: { module: id, port: 'in' } });
      upstream = { module: id, port: 'out' };
    }
  }
  return { schemaVersion: 1, name: largePatchName, description: 'Benchmark patch.', modules, cables };
}

function emptyPatch(): Patch {
  return {
    schemaVersion: 1,
    name: emptyPatchName,
    description: 'Benchmark baseline.',
    modules: [],
    cables: [],
  };
}

/**
 * Milliseconds from navigation until the patch is on screen: every module drawn in the minimap,
 * the visible ones on the canvas (only those are in the DOM for a large patch), and every probe
 * showing a number in the probe list.
 */
async function openPatch(
  page: Page,
  url: string,
  name: string,
  count: number,
  probes: number,
): Promise<number> {
  await page.goto(`${url}/?patch=${name}`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    ([modules, probed]) => {
      const canvas = document.querySelector('[data-testid="canvas"]');
      const inMinimap = document.querySelectorAll('.react-flow__minimap-node').length;
      const onCanvas = document.querySelectorAll('.react-flow__node').length;
      const numbers = [...document.querySelectorAll('[data-probe-row] .probe-badge')].filter((badge) =>
        Number.isFinite(Number(badge.textContent)),
      ).length;
      const drawn = modules === 0 || (inMinimap >= modules && onCanvas > 0);
      return canvas && drawn && numbers >= probed ? performance.now() : null;
    },
    [count, probes] as const,
    { timeout: openTimeoutMs, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Drags the empty pane back and forth while counting animation frames. */
async function panFps(page: Page): Promise<number> {
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('editor canvas not found');
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  const counting = page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    requestAnimationFrame(function frame(now) {
      frames += 1;
      if (now - start < ${panDurationMs}) requestAnimationFrame(frame);
      else resolve((frames * 1000) / (now - start));
    });
  })`) as Promise<number>;
  const x = canvas.x + canvas.width / 2;
  const y = canvas.y + 40;
  const startedAtMs = Date.now();
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 0; Date.now() - startedAtMs < panDurationMs; step += 1) {
    const phase = (step % 120) / 120;
    await page.mouse.move(x + Math.sin(phase * 2 * Math.PI) * 300, y + Math.cos(phase * 2 * Math.PI) * 20);
  }
  await page.mouse.up();
  return counting;
}

/** The zoom after Fit view, how many modules React Flow has in the DOM, and whether the overview is drawn. */
async function fittedView(page: Page): Promise<{ zoom: number; modulesOnCanvas: number; overview: boolean }> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    return {
      zoom: new DOMMatrix(viewport ? getComputedStyle(viewport).transform : undefined).a,
      modulesOnCanvas: document.querySelectorAll('.react-flow__node').length,
      overview: document.querySelector('[data-testid="canvas-overview"]') !== null,
    };
  });
}

const bench: Bench = {
  name: 'editor-large-patch',
  async run(): Promise<BenchResult[]> {
    const missing = chromiumMissing();
    if (missing) {
      console.warn(`editor-large-patch: skipped: ${missing}`);
      return [];
    }
    const storeDir = makeTestStore();
    const large = largePatch();
    writeFileSync(join(storeDir, `${largePatchName}.json`), `${JSON.stringify(large, null, 2)}\n`);
    writeFileSync(join(storeDir, `${emptyPatchName}.json`), `${JSON.stringify(emptyPatch(), null, 2)}\n`);
    const probes = large.modules.slice(1, probesCount + 1).map((module) => `${module.id}.out`);

    const editor = await startEditorServer({ demo: largePatchName, storeDir });
    const browser = await launchChromium({ width: 1600, height: 1000 });
    try {
      await browser.context.addInitScript(
        ([name, keys]) => localStorage.setItem(`patchdesk.probes.${name}`, JSON.stringify(keys)),
        [largePatchName, probes] as const,
      );
      const page = await browser.context.newPage();
      const emptyOpenMs = await openPatch(page, editor.url, emptyPatchName, 0, 0);
      await page.waitForTimeout(500);
      const emptyFps = await panFps(page);
      // The median of a few opens: the first pays for a cold cache, and the machine is shared.
      const opensMs: number[] = [];
      for (let attempt = 0; attempt < openAttempts; attempt += 1) {
        opensMs.push(await openPatch(page, editor.url, largePatchName, large.modules.length, probesCount));
      }
      const largeOpenMs = [...opensMs].sort((a, b) => a - b)[Math.floor(openAttempts / 2)];
      await page.waitForTimeout(1000);
      const largeFps = await panFps(page);
      // The worst case: the whole patch in view (Fit view), every module and cable drawn.
      await page.keyboard.press('f');
      await page.waitForTimeout(1000);
      const fitted = await fittedView(page);
      const largeFarFps = await panFps(page);
      await page.close();
      return [
        {
          name: 'open 1,000-module patch',
          value: largeOpenMs,
          unit: 'ms',
          baselineName: 'open empty patch',
          baselineValue: emptyOpenMs,
          ratio: largeOpenMs / emptyOpenMs,
          goal: '< 2000 ms',
          notes: `median of ${openAttempts} opens (${opensMs.map((ms) => Math.round(ms)).join(', ')} ms): navigation until all ${large.modules.length} modules are drawn (minimap; visible ones on the canvas) and ${probesCount} probes show numbers`,
        },
        {
          name: 'pan 1,000 modules, 100 probes at 10 Hz',
          value: largeFps,
          unit: 'fps',
          baselineName: 'pan empty canvas',
          baselineValue: emptyFps,
          ratio: largeFps / emptyFps,
          goal: '>= 30 fps',
          notes:
            'the view the patch opens in (framed, zoom >= 0.35, only visible modules in the DOM); headless Chromium, --disable-gpu; frames counted with requestAnimationFrame while dragging the pane',
        },
        {
          name: 'pan 1,000 modules all in view (fit), 100 probes',
          value: largeFarFps,
          unit: 'fps',
          baselineName: 'pan empty canvas',
          baselineValue: emptyFps,
          ratio: largeFarFps / emptyFps,
          goal: '>= 30 fps',
          notes: `zoomed out to fit the whole patch (zoom ${fitted.zoom.toFixed(3)}, ${fitted.modulesOnCanvas} modules on the canvas): ${fitted.overview ? 'drawn as the overview (a few SVG paths), React Flow layers skipped' : 'every module and cable painted by React Flow'}`,
        },
      ];
    } finally {
      await browser.close();
      await editor.stop();
    }
  },
};

export default bench;

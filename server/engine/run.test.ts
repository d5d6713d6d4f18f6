import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { builtinModules, createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { PatchRejectedError } from '@patchdesk/modules/kernel/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import { defineModule } from '@patchdesk/modules/sdk/define-module';
import { param } from '@patchdesk/modules/sdk/params';
import { port, type Bar } from '@patchdesk/modules/sdk/ports';
import { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { createTradingFeed, type InstrumentSpec } from '@patchdesk/modules/sdk/trading-feed';
import { barColumnsFrom, sliceBarColumns } from '../market/bar-columns';
import { parseBarCsv } from '../market/bar-csv';
import { ManualClockDriver } from './manual-clock-driver';
import { Run, endOfBarsReason, type RunOptions } from './run';

const repoRoot = new URL('../../', import.meta.url);
const allBars = parseBarCsv(
  readFileSync(new URL('patches/data/btc-usdt-perp-1m-sample.csv', repoRoot), 'utf8'),
);
const registry = createBuiltinRegistry();
const instrument: InstrumentSpec = {
  symbol: 'BTC/USDT:USDT',
  priceStep: 0.1,
  quantityStep: 0.001,
  minQuantity: 0.001,
  minNotional: 0,
};

function examplePatch(name: string): Patch {
  const parsed = parsePatchJson(readFileSync(new URL(`patches/${name}.json`, repoRoot), 'utf8'));
  if (!parsed.ok)
    throw new Error(`patches/${name}.json: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return parsed.patch;
}

/** The demo patch plus a one-tick delay of the close, so wake-ups between bars are exercised. */
function patchWithDelay(): Patch {
  const patch = examplePatch('ema-cross-rsi');
  return {
    ...patch,
    modules: [
      ...patch.modules,
      { id: 'late-close', type: 'logic/delay', params: {}, position: { x: 0, y: 800 } },
    ],
    cables: [
      ...patch.cables,
      { from: { module: 'bars', port: 'close' }, to: { module: 'late-close', port: 'in' } },
    ],
  };
}

const probeKeys = ['ema-fast.out', 'ema-slow.out', 'rsi.out', 'long.out', 'short.out', 'late-close.out'];

function tapAll(run: Run) {
  return probeKeys.map((key) => run.kernel.tap(key, 8192));
}

/** Taps as bytes: bit-identical means these are equal. */
function tapBytes(taps: ReturnType<typeof tapAll>): string[] {
  return taps.flatMap((tap) => [
    Buffer.from(tap.values.buffer).toString('base64'),
    Buffer.from(tap.timesMs.buffer).toString('base64'),
  ]);
}

async function runVirtual(options: Partial<RunOptions> & { bars: RunOptions['bars'] }) {
  const run = new Run({ patch: patchWithDelay(), registry, pacing: { kind: 'virtual' }, ...options });
  const taps = tapAll(run);
  const status = await run.start();
  return { run, taps, status };
}

/** Drive a live replay by advancing a manual clock until it has delivered every bar. */
async function runLive(bars: readonly Bar[], barsPerTick: number) {
  const driver = new ManualClockDriver(1_700_000_000_050);
  const run = new Run({
    patch: patchWithDelay(),
    registry,
    bars,
    driver,
    pacing: { kind: 'live', barsPerTick, loop: false },
  });
  const taps = tapAll(run);
  const done = run.start();
  while (run.running) driver.advanceBy(100);
  return { run, taps, status: await done };
}

describe('Run', () => {
  it('gives bit-identical probe outputs under the virtual clock and a live replay', async () => {
    const bars = allBars.slice(0, 1_500);
    const virtual = await runVirtual({ bars });
    const live = await runLive(bars, 7);
    expect(virtual.status).toMatchObject({ state: 'stopped', reason: endOfBarsReason, barsDelivered: 1_500 });
    expect(live.status).toMatchObject({ state: 'stopped', reason: endOfBarsReason, barsDelivered: 1_500 });
    // The delay's wake-ups are visited between bars: one extra tick per bar, except after the
    // last bar, where the run ends.
    expect(virtual.run.kernel.stats.ticks).toBe(2_999);
    expect(live.run.kernel.stats.ticks).toBe(2_999);
    expect(live.status.tick.ticks).toBe(Math.ceil(1_500 / 7));
    // Virtual runs time their ticks in slices; every kernel tick is counted.
    expect(virtual.status.tick.ticks).toBe(2_999);
    expect(virtual.status.tick.lastTickAtMs).toBe(bars[bars.length - 1].timeMs + 60_000);
    for (const tap of virtual.taps) expect(tap.recorded, tap.key).toBeGreaterThan(0);
    expect(Number.isFinite(virtual.taps[2].latestValue())).toBe(true);
    expect(tapBytes(live.taps)).toEqual(tapBytes(virtual.taps));
  });

  it('gives bit-identical outputs with the bars streamed in chunks of any size', async () => {
    const bars = allBars.slice(0, 1_000);
    const held = await runVirtual({ bars });
    const columns = barColumnsFrom(bars);
    for (const chunkBars of [1, 7, 333, 1_000]) {
      async function* chunks() {
        for (let start = 0; start < columns.length; start += chunkBars) {
          await new Promise((resolve) => setImmediate(resolve)); // as a file read would
          yield sliceBarColumns(columns, start, start + chunkBars);
        }
      }
      const streamed = await runVirtual({ bars: chunks() });
      expect(streamed.status).toMatchObject({
        state: 'stopped',
        reason: endOfBarsReason,
        barsDelivered: 1_000,
      });
      expect(streamed.run.kernel.stats.ticks, `chunks of ${chunkBars}`).toBe(held.run.kernel.stats.ticks);
      expect(tapBytes(streamed.taps), `chunks of ${chunkBars}`).toEqual(tapBytes(held.taps));
    }
  });

  it('stops a streamed run when asked, closing the source; a source error stops it with the message', async () => {
    const columns = barColumnsFrom(allBars);
    let closed = false;
    async function* endless() {
      try {
        for (let lap = 0; ; lap++) {
          await new Promise((resolve) => setImmediate(resolve));
          yield sliceBarColumns(columns, lap * 100, lap * 100 + 100);
        }
      } finally {
        closed = true;
      }
    }
    const run = new Run({ patch: patchWithDelay(), registry, bars: endless(), pacing: { kind: 'virtual' } });
    run.events.on('tick', () => run.barsDelivered >= 250 && run.stop('enough'));
    expect(await run.start()).toMatchObject({ state: 'stopped', reason: 'enough', barsDelivered: 250 });
    await vi.waitFor(() => expect(closed).toBe(true));

    async function* broken() {
      yield sliceBarColumns(columns, 0, 50);
      throw new Error('bars.csv line 52: volume -1 is negative');
    }
    const failing = new Run({
      patch: patchWithDelay(),
      registry,
      bars: broken(),
      pacing: { kind: 'virtual' },
    });
    expect(await failing.start()).toMatchObject({
      state: 'error',
      reason: 'bars.csv line 52: volume -1 is negative',
      barsDelivered: 50,
    });
    expect(
      () => new Run({ patch: patchWithDelay(), registry, bars: broken(), pacing: { kind: 'live' } }),
    ).toThrow('a live run needs its bars held');
  });

  it('visiting only busy ticks gives the same outputs as stepping every 100 ms', async () => {
    const bars = allBars.slice(0, 120);
    const skipping = await runVirtual({ bars });
    const every = await runVirtual({ bars, pacing: { kind: 'virtual', everyTick: true } });
    expect(skipping.run.kernel.stats.ticks).toBe(239);
    // 120 one-minute bars from the first close to the last: 119 minutes of 600 ticks, plus one.
    expect(every.run.kernel.stats.ticks).toBe(119 * 600 + 1);
    expect(tapBytes(every.taps)).toEqual(tapBytes(skipping.taps));
  });

  it('delivers each bar at the tick of its close time', async () => {
    const bars = allBars.slice(0, 3);
    const run = new Run({
      patch: examplePatch('ema-cross-rsi'),
      registry,
      bars,
      pacing: { kind: 'virtual' },
    });
    const seen: [number, number | null][] = [];
    run.events.on('tick', (timeMs, bar) => seen.push([timeMs, bar?.timeMs ?? null]));
    await run.start();
    expect(seen).toEqual(bars.map((bar) => [bar.timeMs + 60_000, bar.timeMs]));
  });

  it('live replay ends at the last bar by default, never past the data', async () => {
    const bars = allBars.slice(0, 10);
    const driver = new ManualClockDriver(0);
    const run = new Run({
      patch: examplePatch('ema-cross-rsi'),
      registry,
      bars,
      driver,
      pacing: { kind: 'live', barsPerTick: 4 },
    });
    const barTimes: number[] = [];
    run.events.on('tick', (_timeMs, bar) => bar && barTimes.push(bar.timeMs));
    const done = run.start();
    driver.advanceTo(600);
    expect(await done).toMatchObject({
      state: 'stopped',
      reason: endOfBarsReason,
      barsDelivered: 10,
      pass: 1,
    });
    expect(barTimes).toEqual(bars.map((bar) => bar.timeMs));
  });

  it("live replay with loop starts each pass at the first bar, in a fresh kernel, at the data's own times", () => {
    const bars = allBars.slice(0, 30);
    const driver = new ManualClockDriver(0);
    const feed = createTradingFeed({ symbol: 'BTC/USDT:USDT', instruments: [instrument] });
    const run = new Run({
      patch: examplePatch('ema-cross-rsi'),
      registry,
      bars,
      driver,
      pacing: { kind: 'live', barsPerTick: 10, loop: true },
      trading: { feed, beforeTick: () => {}, afterTick: () => {} },
    });
    const firstKernel = run.kernel;
    const seen: { pass: number; barMs: number; tickMs: number; ema: number }[] = [];
    run.events.on('tick', (timeMs, bar) => {
      if (bar)
        seen.push({
          pass: run.status().pass!,
          barMs: bar.timeMs,
          tickMs: timeMs,
          ema: run.kernel.read('ema-fast.out'),
        });
    });
    void run.start();
    driver.advanceTo(600); // ticks at 0..600: 3 ticks of 10 bars a pass, then the third pass's first tick
    expect(run.status()).toMatchObject({ state: 'running', pass: 3, barsDelivered: 70 });
    run.stop();
    expect(run.status()).toMatchObject({ state: 'stopped', reason: null, pass: 3 });
    const dataTimes = bars.map((bar) => bar.timeMs);
    expect(seen.map((entry) => entry.barMs)).toEqual([...dataTimes, ...dataTimes, ...dataTimes.slice(0, 10)]);
    expect(seen.map((entry) => entry.pass)).toEqual([
      ...Array(30).fill(1),
      ...Array(30).fill(2),
      ...Array(10).fill(3),
    ]);
    // Fresh module state each pass: the same bar gives the same EMA in every pass (a carried-over
    // EMA would have been pulled by the previous pass's closes).
    const passOf = (pass: number) => seen.filter((entry) => entry.pass === pass);
    expect(passOf(1).filter((entry) => Number.isNaN(entry.ema))).toHaveLength(11); // EMA 12 warms up
    expect(passOf(2).map((entry) => entry.ema)).toEqual(passOf(1).map((entry) => entry.ema));
    expect(passOf(2).map((entry) => entry.tickMs)).toEqual(passOf(1).map((entry) => entry.tickMs));
    expect(run.kernel).not.toBe(firstKernel);
    // Feeds set once on a kernel are set on each pass's kernel too.
    expect(run.kernel.feeds.trading).toBe(feed);
  });

  it('keeps live tick statistics: mean, max and overruns from slow ticks', () => {
    const driver = new ManualClockDriver(0);
    const run = new Run({
      patch: examplePatch('ema-cross-rsi'),
      registry,
      bars: allBars.slice(0, 100),
      driver,
      pacing: { kind: 'live' },
    });
    let ticks = 0;
    // Simulate tick work by letting the manual clock move inside the tick: the 3rd tick (at 200)
    // takes 250 ms, so slot 300 is lost and slot 400 starts 50 ms late.
    run.events.on('tick', () => driver.spend(++ticks === 3 ? 250 : 10));
    void run.start();
    driver.advanceTo(1_000);
    run.stop();
    const stats = run.stats();
    expect(stats.maxTickMs).toBe(250);
    expect(stats.overruns).toBe(2); // the slow tick, and the one that started late after it
    expect(stats.skippedTicks).toBe(1);
    expect(stats.ticks).toBe(10);
    expect(stats.maxLatenessMs).toBe(50);
    expect(stats.meanTickMs).toBeCloseTo((250 + 9 * 10) / 10, 10);
    expect(run.status().tick).toMatchObject({ ticks: 10, maxTickMs: 250, overruns: 2, lastTickAtMs: 1_000 });
    // The status carries the live clock's lateness and skipped slots: nine ticks on time, one
    // 50 ms late (nearest rank: p50 is the 5th smallest of ten, p99 the 10th).
    expect(run.status().tick).toMatchObject({ skippedTicks: 1, latenessMs: { p50: 0, p99: 50, max: 50 } });
  });

  it('applies a hot patch at the next tick boundary, and reports a refused one', async () => {
    const driver = new ManualClockDriver(0);
    const patch = examplePatch('ema-cross-rsi');
    const run = new Run({ patch, registry, bars: allBars.slice(0, 100), driver, pacing: { kind: 'live' } });
    void run.start();
    driver.advanceTo(300);
    const slower = {
      ...patch,
      modules: patch.modules.map((m) => (m.id === 'ema-slow' ? { ...m, params: { period: 50 } } : m)),
    };
    let applied: unknown = null;
    void run.applyPatch(slower).then((problems) => (applied = problems));
    await Promise.resolve();
    expect(applied).toBe(null);
    expect(run.kernel.patch).toBe(patch);
    driver.advanceTo(400);
    await Promise.resolve();
    expect(applied).toEqual([]);
    expect(run.kernel.patch).toBe(slower);

    const broken = {
      ...slower,
      modules: [...slower.modules, { id: 'x', type: 'nope/nope', params: {}, position: { x: 0, y: 0 } }],
    };
    const refused = run.applyPatch(broken);
    driver.advanceTo(500);
    expect((await refused).map((problem) => problem.code)).toEqual(['UNKNOWN_MODULE_TYPE']);
    expect(run.kernel.patch).toBe(slower);
    expect(run.running).toBe(true);
    run.stop();
  });

  it('refuses a broken patch at construction with its problems', () => {
    const patch = examplePatch('ema-cross-rsi');
    const broken = {
      ...patch,
      cables: [...patch.cables, { from: { module: 'rsi', port: 'out' }, to: { module: 'long', port: 'a' } }],
    };
    expect(() => new Run({ patch: broken, registry, bars: allBars, pacing: { kind: 'virtual' } })).toThrow(
      PatchRejectedError,
    );
  });

  it('stops with status error when a module throws, without crashing', async () => {
    const explode = defineModule({
      type: 'math/explode',
      category: 'math',
      title: 'Explode',
      description: 'Throws once its input passes a level (test only).',
      inputs: { in: port.number() },
      outputs: { out: port.number() },
      params: { above: param.float({ default: 0, min: -1e9, max: 1e9 }) },
      init: ({ above }) => ({ above }),
      step(state, inputs, outputs) {
        if (inputs.in > state.above) throw new Error(`input ${inputs.in} is above ${state.above}`);
        outputs.out = inputs.in;
      },
    });
    const patch: Patch = {
      schemaVersion: 1,
      name: 'explodes',
      description: '',
      modules: [
        { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
        { id: 'boom', type: 'math/explode', params: { above: 46_500 }, position: { x: 200, y: 0 } },
      ],
      cables: [{ from: { module: 'bars', port: 'close' }, to: { module: 'boom', port: 'in' } }],
    };
    const run = new Run({
      patch,
      registry: new ModuleRegistry([...builtinModules, explode]),
      bars: allBars,
      pacing: { kind: 'virtual' },
    });
    const errors: string[] = [];
    run.events.on('error', (reason) => errors.push(reason));
    const status = await run.start();
    expect(status.state).toBe('error');
    expect(status.reason).toContain('is above 46500');
    // Named once, with its type: the kernel's ModuleStepError says which module threw.
    expect(status.reason).toMatch(/^module "boom" \(math\/explode\) threw in step/);
    expect(status.reason!.match(/"boom"/g)).toHaveLength(1);
    expect(errors).toEqual([status.reason]);
    const firstAbove = allBars.findIndex((bar) => bar.close > 46_500);
    expect(status.barsDelivered).toBe(firstAbove + 1);
  });
});

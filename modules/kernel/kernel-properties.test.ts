// Properties over random patches: the guarantees DESIGN.md §3 makes about ticks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Patch } from '../patch/types';
import { Kernel } from './kernel';
import { PatchRejectedError } from './errors';
import { barAt, moduleSpecArbitrary, randomAcyclicPatch } from './test-patches';
import type { ModuleSpec } from './test-patches';
import { createKernelTestRegistry } from './test-modules';
import type { KernelOptions, ProbeTap } from './types';

const registry = createKernelTestRegistry();
const tickIntervalMs = 100;
const runTicks = 120;

interface BarEvent {
  tick: number;
  close: number;
}

const eventsArbitrary = fc
  .array(fc.record({ tick: fc.nat(runTicks - 1), close: fc.double({ min: 1, max: 1e5, noNaN: true }) }), {
    maxLength: 40,
  })
  .map((events) =>
    [...new Map(events.map((event) => [event.tick, event])).values()].sort((a, b) => a.tick - b.tick),
  );

const specsArbitrary = fc.array(moduleSpecArbitrary, { minLength: 1, maxLength: 30 });

function tapEveryOutput(kernel: Kernel, except: ReadonlySet<string> = new Set()): ProbeTap[] {
  return kernel.patch.modules.flatMap((module) =>
    Object.keys(registry.get(module.type)!.outputs)
      .map((port) => `${module.id}.${port}`)
      .filter((key) => !except.has(key))
      .map((key) => kernel.tap(key, 1024)),
  );
}

/** Each tap's records as exact bit patterns, so -0 vs 0 and NaN payloads count as different. */
function records(taps: ProbeTap[]): string[] {
  return taps.map((tap) => {
    const count = Math.min(tap.recorded, tap.capacity);
    const bits = (array: Float64Array) =>
      Array.from(new BigUint64Array(array.slice(0, count).buffer)).join(',');
    return `${tap.key} ${tap.recorded}: ${bits(tap.timesMs)} | ${bits(tap.values)}`;
  });
}

function runEveryTick(patch: Patch, events: BarEvent[], options: KernelOptions = {}): string[] {
  const kernel = new Kernel(patch, registry, options);
  const taps = tapEveryOutput(kernel);
  const byTick = new Map(events.map((event) => [event.tick, event]));
  for (let tick = 0; tick < runTicks; tick++) {
    const event = byTick.get(tick);
    if (event) kernel.feeds.bar = barAt(tick * tickIntervalMs, event.close);
    kernel.tick(tick * tickIntervalMs);
  }
  return records(taps);
}

/** What a backtest does: visit only ticks with a feed event or a due wake-up. */
function runSkippingQuietTicks(patch: Patch, events: BarEvent[]): { records: string[]; ticks: number } {
  const kernel = new Kernel(patch, registry);
  const taps = tapEveryOutput(kernel);
  let next = 0;
  let event = 0;
  while (next < runTicks) {
    if (event < events.length && events[event].tick === next) {
      kernel.feeds.bar = barAt(next * tickIntervalMs, events[event++].close);
    }
    kernel.tick(next * tickIntervalMs);
    const wakeTick = Math.max(next + 1, Math.ceil(kernel.nextWakeMs() / tickIntervalMs));
    next = Math.min(wakeTick, event < events.length ? events[event].tick : runTicks);
  }
  return { records: records(taps), ticks: kernel.stats.ticks };
}

/** A hot patch applied at the boundary between tick `afterTick` and the next. */
interface HotPatch {
  afterTick: number;
  patch: Patch;
}

/** Taps every output not tapped yet (after a hot patch: the new modules' outputs). */
function tapNewOutputs(kernel: Kernel, taps: ProbeTap[]): void {
  const tapped = new Set(taps.filter((tap) => tap.attached).map((tap) => tap.key));
  for (const tap of tapEveryOutput(kernel, tapped)) taps.push(tap);
}

function runEveryTickPatched(patch: Patch, events: BarEvent[], hot: HotPatch): string[] {
  const kernel = new Kernel(patch, registry);
  const taps = tapEveryOutput(kernel);
  const byTick = new Map(events.map((event) => [event.tick, event]));
  for (let tick = 0; tick < runTicks; tick++) {
    const event = byTick.get(tick);
    if (event) kernel.feeds.bar = barAt(tick * tickIntervalMs, event.close);
    kernel.tick(tick * tickIntervalMs);
    if (tick === hot.afterTick) {
      expect(kernel.setPatch(hot.patch)).toEqual([]);
      tapNewOutputs(kernel, taps);
    }
  }
  return records(taps);
}

/** Skips quiet ticks; the hot patch lands between the last visited tick <= afterTick and the next. */
function runSkippingPatched(patch: Patch, events: BarEvent[], hot: HotPatch): string[] {
  const kernel = new Kernel(patch, registry);
  const taps = tapEveryOutput(kernel);
  let event = 0;
  const nextTick = (after: number) => {
    const wakeTick = Math.max(after + 1, Math.ceil(kernel.nextWakeMs() / tickIntervalMs));
    return Math.min(wakeTick, event < events.length ? events[event].tick : runTicks);
  };
  let patched = false;
  let next = 0;
  let last = -1;
  while (next < runTicks || !patched) {
    if (!patched && next > hot.afterTick) {
      expect(kernel.setPatch(hot.patch)).toEqual([]);
      tapNewOutputs(kernel, taps);
      patched = true;
      next = Math.max(hot.afterTick + 1, nextTick(last));
      continue;
    }
    if (event < events.length && events[event].tick === next) {
      kernel.feeds.bar = barAt(next * tickIntervalMs, events[event++].close);
    }
    kernel.tick(next * tickIntervalMs);
    last = next;
    next = nextTick(next);
  }
  return records(taps);
}

describe('Kernel properties', () => {
  it('gives the same tap records stepping every 100 ms as skipping quiet ticks, across a hot patch', () => {
    fc.assert(
      fc.property(
        specsArbitrary,
        specsArbitrary,
        fc.nat(),
        fc.nat(runTicks - 2),
        eventsArbitrary,
        (before, added, keep, afterTick, events) => {
          // The patched version keeps a prefix of the modules (same ids, params and cables, so
          // they keep their state) and adds new ones, some of which owe a first step.
          const patch = randomAcyclicPatch(before);
          const next = randomAcyclicPatch([...before.slice(0, keep % (before.length + 1)), ...added]);
          const hot = { afterTick, patch: next };
          expect(runSkippingPatched(patch, events, hot)).toEqual(runEveryTickPatched(patch, events, hot));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the same tap records stepping every 100 ms as skipping quiet ticks', () => {
    fc.assert(
      fc.property(specsArbitrary, eventsArbitrary, (specs, events) => {
        const patch = randomAcyclicPatch(specs);
        const skipping = runSkippingQuietTicks(patch, events);
        expect(skipping.records).toEqual(runEveryTick(patch, events));
      }),
      { numRuns: 150 },
    );
  });

  it('gives bit-identical outputs for the same patch and events, with any runners', () => {
    fc.assert(
      fc.property(specsArbitrary, eventsArbitrary, (specs, events) => {
        const patch = randomAcyclicPatch(specs);
        const first = runEveryTick(patch, events);
        expect(runEveryTick(patch, events)).toEqual(first);
        expect(runEveryTick(patch, events, { runners: 'generic' })).toEqual(first);
        expect(runEveryTick(patch, events, { fuseSmallBatches: false })).toEqual(first);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses any cycle without a delay, and runs the same loop closed through a delay', () => {
    fc.assert(
      fc.property(specsArbitrary, fc.integer({ min: 1, max: 6 }), fc.nat(), (specs, loopLength, delayAt) => {
        const patch = withLoop(specs, loopLength, null);
        expect(() => new Kernel(patch, registry)).toThrow(PatchRejectedError);
        const kernel = new Kernel(randomAcyclicPatch(specs), registry);
        expect(kernel.setPatch(patch).map((problem) => problem.code)).toContain('CYCLE');

        const delayed = withLoop(specs, loopLength, delayAt % loopLength);
        const looping = new Kernel(delayed, registry);
        const taps = Array.from({ length: loopLength }, (_, i) => looping.tap(`loop${i}.value`));
        for (let tick = 0; tick < 10; tick++) looping.tick(tick * tickIntervalMs);
        // Once around the loop per tick: every member emits every tick.
        for (const tap of taps) expect(tap.recorded).toBe(10);
      }),
      { numRuns: 60 },
    );
  });
});

/**
 * A random acyclic patch plus a ring of `loopLength` adders (loop_i.a <- loop_{i-1}.value),
 * fed by a ticker so it has something to carry. With `delayAt` set, that member is a delay.
 */
function withLoop(specs: ModuleSpec[], loopLength: number, delayAt: number | null): Patch {
  const patch = randomAcyclicPatch(specs);
  const ids = Array.from({ length: loopLength }, (_, i) => `loop${i}`);
  patch.modules.push({ id: 'pulse', type: 'sources/ticker', params: {}, position: { x: 0, y: 0 } });
  ids.forEach((id, i) => {
    const type = i === delayAt ? 'logic/delay' : 'math/add';
    patch.modules.push({ id, type, params: {}, position: { x: 0, y: 0 } });
    const input = type === 'logic/delay' ? 'input' : 'a';
    patch.cables.push({
      from: { module: ids[(i + loopLength - 1) % loopLength], port: 'value' },
      to: { module: id, port: input },
    });
  });
  const fed = ids.findIndex((_, i) => i !== delayAt);
  if (fed >= 0)
    patch.cables.push({ from: { module: 'pulse', port: 'value' }, to: { module: ids[fed], port: 'b' } });
  return patch;
}

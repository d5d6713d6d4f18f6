// Hot patches compiled off the tick (prepareHotPatch / applyPrepared): whatever ran between
// preparing and applying, the result must be bit-identical to setPatch at the boundary where
// the job was applied.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Patch } from '../patch/types';
import { compileSliceModules } from './compile';
import { Kernel } from './kernel';
import { barAt, moduleSpecArbitrary, patchOf, randomAcyclicPatch } from './test-patches';
import type { ModuleLine } from './test-patches';
import { createKernelTestRegistry } from './test-modules';
import type { ProbeTap } from './types';

const registry = createKernelTestRegistry();
const tickIntervalMs = 100;
const startMs = 1_704_067_200_000;
const runTicks = 60;

function tapAll(kernel: Kernel, taps: ProbeTap[]): void {
  const tapped = new Set(taps.filter((tap) => tap.attached).map((tap) => tap.key));
  for (const module of kernel.patch.modules) {
    for (const port of Object.keys(registry.get(module.type)!.outputs)) {
      const key = `${module.id}.${port}`;
      if (!tapped.has(key)) taps.push(kernel.tap(key, 256));
    }
  }
}

function records(taps: ProbeTap[]): string[] {
  return taps.map((tap) => {
    const count = Math.min(tap.recorded, tap.capacity);
    const bits = (array: Float64Array) =>
      Array.from(new BigUint64Array(array.slice(0, count).buffer)).join(',');
    return `${tap.key} ${tap.recorded} ${tap.attached}: ${bits(tap.timesMs)} | ${bits(tap.values)}`;
  });
}

/** Ticks are numbered from 0; "after tick -1" is before the first tick. */
interface Schedule {
  /** The job is prepared after this tick... */
  prepareAfter: number;
  /** ...advanced by one slice after each following tick, and applied after this one. */
  applyAfter: number;
  /** Ticks (0-based) that carry a bar. */
  barTicks: ReadonlySet<number>;
}

function tick(kernel: Kernel, t: number, schedule: Schedule): void {
  if (schedule.barTicks.has(t)) kernel.feeds.bar = barAt(startMs + t * tickIntervalMs, 100 + (t % 7) * 1.25);
  kernel.tick(startMs + t * tickIntervalMs);
}

/** setPatch at the boundary after `applyAfter`. */
function runWithSetPatch(patch: Patch, next: Patch, schedule: Schedule): string[] {
  const kernel = new Kernel(patch, registry, { tickIntervalMs });
  const taps: ProbeTap[] = [];
  tapAll(kernel, taps);
  for (let t = -1; t < runTicks; t++) {
    if (t >= 0) tick(kernel, t, schedule);
    if (t === schedule.applyAfter) {
      expect(kernel.setPatch(next)).toEqual([]);
      tapAll(kernel, taps);
    }
  }
  return records(taps);
}

/** Prepared after `prepareAfter`, one slice after each tick, applied after `applyAfter`. */
function runWithJob(patch: Patch, next: Patch, schedule: Schedule): string[] {
  const kernel = new Kernel(patch, registry, { tickIntervalMs });
  const taps: ProbeTap[] = [];
  tapAll(kernel, taps);
  let job = null as ReturnType<Kernel['prepareHotPatch']> | null;
  for (let t = -1; t < runTicks; t++) {
    if (t >= 0) tick(kernel, t, schedule);
    if (t === schedule.prepareAfter) job = kernel.prepareHotPatch(next);
    if (job !== null && t < schedule.applyAfter) job.advance(() => true);
    if (t === schedule.applyAfter) {
      expect(kernel.applyPrepared(job!)).toEqual([]);
      tapAll(kernel, taps);
    }
  }
  return records(taps);
}

const specsArbitrary = fc.array(moduleSpecArbitrary, { minLength: 1, maxLength: 25 });

describe('Kernel.prepareHotPatch / applyPrepared', () => {
  it('gives the same records as setPatch at the apply boundary, with ticks running during preparation', () => {
    fc.assert(
      fc.property(
        specsArbitrary,
        specsArbitrary,
        fc.nat(),
        // Often before the first tick, when kept modules still owe their first step.
        fc.oneof(fc.constant(-1), fc.integer({ min: -1, max: runTicks - 12 })),
        fc.oneof(fc.constant(0), fc.nat(8)),
        fc.array(fc.nat(runTicks - 1), { maxLength: 30 }),
        (before, added, keep, prepareAfter, gap, bars) => {
          const patch = randomAcyclicPatch(before);
          const next = randomAcyclicPatch([...before.slice(0, keep % (before.length + 1)), ...added]);
          const schedule = { prepareAfter, applyAfter: prepareAfter + gap, barTicks: new Set(bars) };
          expect(runWithJob(patch, next, schedule)).toEqual(runWithSetPatch(patch, next, schedule));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('works in slices of at most compileSliceModules modules, and finishes a job left unfinished', () => {
    const lines: ModuleLine[] = [['t', 'sources/ticker']];
    const cables: string[] = [];
    for (let i = 0; i < 3 * compileSliceModules; i++) {
      lines.push([`m${i}`, i % 2 === 0 ? 'math/add' : 'math/multiply']);
      cables.push(`${i === 0 ? 't' : `m${i - 1}`}.value -> m${i}.a`);
    }
    const kernel = new Kernel(patchOf(lines.slice(0, 10), cables.slice(0, 9)), registry);
    kernel.tick(startMs);
    const job = kernel.prepareHotPatch(patchOf(lines, cables));
    let slices = 0;
    while (!job.advance(() => true)) slices++;
    // Validation, modules, cables, ordering and instances each take one slice or more.
    expect(slices).toBeGreaterThanOrEqual(3 * 3);
    expect(kernel.patch.modules).toHaveLength(10); // nothing applied yet
    expect(kernel.applyPrepared(job)).toEqual([]);
    expect(kernel.patch.modules).toHaveLength(lines.length);

    const again = kernel.prepareHotPatch(patchOf(lines.slice(0, 5), cables.slice(0, 4)));
    expect(again.done).toBe(false);
    expect(kernel.applyPrepared(again)).toEqual([]);
    expect(again.done).toBe(true);
    expect(kernel.patch.modules).toHaveLength(5);
  });

  it('refuses an invalid patch with its problems and changes nothing', () => {
    const base: ModuleLine[] = [
      ['t', 'sources/ticker'],
      ['acc', 'math/accumulator'],
    ];
    const kernel = new Kernel(patchOf(base, ['t.value -> acc.value']), registry);
    kernel.tick(startMs);
    const job = kernel.prepareHotPatch(
      patchOf([...base, ['a', 'math/add'], ['b', 'math/add']], ['a.value -> b.a', 'b.value -> a.a']),
    );
    expect(job.advance(() => true)).toBe(true); // validation is the first slice
    expect(job.problems.map((problem) => problem.code)).toEqual(['CYCLE']);
    expect(kernel.applyPrepared(job).map((problem) => problem.code)).toEqual(['CYCLE']);
    expect(kernel.patch.modules).toHaveLength(2);
    kernel.tick(startMs + 100);
    expect(kernel.read('acc.count')).toBe(2);
  });

  it('recompiles a job prepared before another patch went in, as setPatch would', () => {
    const lines: ModuleLine[] = [
      ['t', 'sources/ticker'],
      ['acc', 'math/accumulator'],
    ];
    const cables = ['t.value -> acc.value'];
    const kernel = new Kernel(patchOf(lines, cables), registry);
    for (let t = 0; t < 3; t++) kernel.tick(startMs + t * 100);
    // The job would restart acc (new params); before it lands, the same edit goes in directly
    // and acc counts on under it. Applying the job must keep that newer acc, as setPatch does.
    const edited = patchOf([lines[0], ['acc', 'math/accumulator', { start: 100 }]], cables);
    const job = kernel.prepareHotPatch(edited);
    job.finish();
    expect(kernel.setPatch(edited)).toEqual([]);
    kernel.tick(startMs + 300);
    kernel.tick(startMs + 400);
    expect(kernel.read('acc.count')).toBe(2);
    expect(kernel.applyPrepared(job)).toEqual([]);
    kernel.tick(startMs + 500);
    expect(kernel.read('acc.count')).toBe(3);
    expect(kernel.read('acc.sum')).toBe(100 + 4 + 5 + 6);
  });

  it("carries a kept module's owed first step as it stands when applied, not when prepared", () => {
    const lines: ModuleLine[] = [['slow', 'sources/ticker', { periodMs: 1000 }]];
    const next = patchOf([...lines, ['f', 'sources/fixed', { value: 4 }]]);
    // Applied before the first tick: the kept ticker still owes its first step.
    const early = new Kernel(patchOf(lines), registry);
    expect(early.applyPrepared(early.prepareHotPatch(next))).toEqual([]);
    early.tick(startMs);
    expect([early.read('slow.value'), early.read('f.value')]).toEqual([1, 4]);
    // Prepared before the first tick, applied after it: the first step was taken meanwhile.
    const late = new Kernel(patchOf(lines), registry);
    const job = late.prepareHotPatch(next);
    job.finish();
    late.tick(startMs);
    expect(late.applyPrepared(job)).toEqual([]);
    late.tick(startMs + 100);
    expect([late.read('slow.value'), late.read('f.value')]).toEqual([1, 4]);
    expect(late.stats.moduleSteps).toBe(2);
    expect(late.nextWakeMs()).toBe(startMs + 1000);
  });

  it('refuses a job of another kernel', () => {
    const patch = patchOf([['t', 'sources/ticker']]);
    const one = new Kernel(patch, registry);
    const other = new Kernel(patch, registry);
    expect(() => other.applyPrepared(one.prepareHotPatch(patch))).toThrow(/another kernel/);
  });
});
